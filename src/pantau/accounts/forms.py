from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Setelah beberapa kali gagal, akun "
            "dikunci sementara."
        ),
        "inactive": _("Akun ini tidak aktif."),
    }


class TokenForm(forms.Form):
    """A new personal API token: a name to tell it apart, and how long it stays valid."""

    EXPIRY_CHOICES = [("30", _("30 hari")), ("90", _("90 hari")), ("365", _("365 hari")),
                      ("", _("tanpa batas"))]  # fmt: skip

    name = forms.CharField(label=_("Nama token"), max_length=100, required=False,
                           help_text=_("Misalnya nama sistem yang memakainya."))  # fmt: skip
    expires_days = forms.TypedChoiceField(
        label=_("Berlaku"), choices=EXPIRY_CHOICES, required=False, coerce=int,
        empty_value=None, initial="90",
    )  # fmt: skip

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

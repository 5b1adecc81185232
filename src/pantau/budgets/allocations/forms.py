"""The form a Pemda officer fills in to record an APBD allocation.

Every field is checked by `pantau.budgets.allocations.validate`, the rule the file import
uses, so a value the import refuses is refused here with the same message. The Pemda is
not a field: it is the one in the URL, and the view has already checked who may edit it.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.budgets.allocations.services import AllocationValues, validate
from pantau.budgets.choices import Stage
from pantau.core.vocabulary import PROGRAMS, Category

NUMBER = {"inputmode": "numeric", "autocomplete": "off"}


class AllocationForm(forms.Form):
    year = forms.CharField(
        label=_("Tahun anggaran"), required=False, max_length=20,
        widget=forms.TextInput(attrs={**NUMBER, "size": 6}),
    )  # fmt: skip
    category = forms.ChoiceField(
        label=_("Kategori pekerja"), required=False,
        choices=[("", _("— pilih kategori —")), *Category.choices],
    )  # fmt: skip
    stage = forms.ChoiceField(
        label=_("Tahap APBD"), required=False, choices=Stage.choices, initial=Stage.MURNI,
        help_text=_("APBD perubahan menggantikan APBD murni; keduanya tetap tersimpan sebagai "
                    "riwayat."),
    )  # fmt: skip
    persons = forms.CharField(
        label=_("Jumlah sasaran (orang)"), required=False, max_length=20,
        widget=forms.TextInput(attrs=NUMBER),
    )  # fmt: skip
    amount = forms.CharField(
        label=_("Pagu anggaran (Rp)"), required=False, max_length=30,
        widget=forms.TextInput(attrs={**NUMBER, "placeholder": "1.500.000.000"}),
        help_text=_("Rupiah bulat, tanpa sen; tulis 0 jika tidak dianggarkan."),
    )  # fmt: skip
    realized = forms.CharField(
        label=_("Realisasi (Rp)"), required=False, max_length=30,
        widget=forms.TextInput(attrs=NUMBER),
        help_text=_("Kosongkan jika belum ada realisasi."),
    )  # fmt: skip
    programs = forms.MultipleChoiceField(
        label=_("Program yang dibiayai"), required=False,
        choices=[(program, program) for program in PROGRAMS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan untuk program bawaan kategori (kebijakan Pantau)."),
    )  # fmt: skip
    document = forms.CharField(
        label=_("Dasar dokumen (Perda/Perkada/DPA)"), required=False, max_length=200,
        help_text=_("Misalnya: DPA-SKPD 2.18.01 Tahun 2025."),
    )  # fmt: skip

    def __init__(self, *args, pemda_code: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pemda_code = pemda_code
        self.fields["year"].initial = self.initial.get("year", timezone.localdate().year)
        self.values: AllocationValues | None = None

    def clean(self):
        data = super().clean()
        raw = {
            "pemda_code": self.pemda_code,
            "year": data.get("year"),
            "category": data.get("category"),
            "stage": data.get("stage"),
            "persons": data.get("persons"),
            "amount": data.get("amount"),
            "realized": data.get("realized"),
            "programs": ",".join(data.get("programs") or []),
            "document": data.get("document"),
        }
        self.values, issues = validate(raw)
        for issue in issues:
            if issue.is_error:
                field = None if issue.column == "pemda_code" else issue.column
                self.add_error(field, issue.message())
        return data

"""Forms of the compliance page: a regulation, a year's planning, an evidence PDF.

The forms check types and required fields and show the domain rules from
`pantau.budgets.compliance` (the same functions the actions call again), so a page and
any other caller see the same messages.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.budgets.choices import RegulationKind
from pantau.budgets.compliance import services as compliance
from pantau.budgets.models import Regulation
from pantau.core.vocabulary import FIRST_YEAR, Category, last_year


class DateInput(forms.DateInput):
    input_type = "date"


class RegulationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis regulasi"),
        choices=[("", _("— pilih jenis —")), *RegulationKind.choices],
        error_messages={
            "required": _("Pilih jenis regulasi: Perda, Perkada atau Surat Edaran."),
            "invalid_choice": _("Pilih jenis regulasi: Perda, Perkada atau Surat Edaran."),
        },
    )
    number = forms.CharField(
        label=_("Nomor"),
        max_length=100,
        help_text=_("Misalnya 5 Tahun 2022 atau 560/123/DISNAKER/2023."),
        error_messages={"required": _("Isi nomor regulasi.")},
    )
    issued_on = forms.DateField(
        label=_("Tanggal ditetapkan"),
        widget=DateInput(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": _("Isi tanggal regulasi ditetapkan."),
            "invalid": _("Tulis tanggal sebagai TTTT-BB-HH, misalnya 2022-07-14."),
        },
    )
    title = forms.CharField(label=_("Judul / tentang"), max_length=300, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Kategori pekerja yang dicakup"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih sedikitnya satu kategori pekerja yang dicakup."),
            "invalid_choice": _("Kategori tidak dikenal: %(value)s."),
        },
    )

    def __init__(self, *args, pemda_code: str, regulation: Regulation | None = None, **kwargs):
        if regulation is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": regulation.kind,
                "number": regulation.number,
                "issued_on": regulation.issued_on,
                "title": regulation.title,
                "categories": regulation.categories,
            }
        super().__init__(*args, **kwargs)
        self.pemda_code = pemda_code
        self.regulation = regulation
        self.label_suffix = ""
        self.fields["issued_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        cleaned = super().clean()
        problems = compliance.regulation_errors(
            self.pemda_code,
            kind=cleaned.get("kind"),
            number=cleaned.get("number"),
            issued_on=cleaned.get("issued_on"),
            categories=cleaned.get("categories"),
            exclude_pk=self.regulation.pk if self.regulation else None,
        )
        for name, message in problems.items():
            if name not in self.errors:  # keep the field's own message
                self.add_error(name, message)
        return cleaned


class PlanningForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tahun"), error_messages={"required": _("Isi tahun."), "invalid": _("Isi tahun.")}
    )
    in_rkpd = forms.BooleanField(label=_("Program tercantum dalam RKPD"), required=False)
    in_apbd = forms.BooleanField(label=_("Program tercantum dalam APBD"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        year = self.fields["year"]
        year.initial = timezone.localdate().year
        year.widget.attrs.update({"min": FIRST_YEAR, "max": last_year()})

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        error = compliance.planning_year_error(year)
        if error:
            raise forms.ValidationError(error, code="year")
        return year


class RegulationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Regulation) -> str:
        return f"{obj.get_kind_display()} {obj.number}"


class EvidenceForm(forms.Form):
    # Description and regulation come before the file in the page: if the upload is
    # stopped for its size, the fields read before it are still there.
    description = forms.CharField(
        label=_("Keterangan"),
        max_length=200,
        help_text=_("Misalnya: Perda 5/2022 yang ditandatangani, atau DPA 2025 halaman 12."),
        error_messages={"required": _("Isi keterangan dokumen.")},
    )
    regulation = RegulationChoiceField(
        label=_("Regulasi terkait (opsional)"),
        queryset=Regulation.objects.none(),
        required=False,
        empty_label=_("— tidak terkait regulasi —"),
    )
    file = forms.FileField(
        label=_("Berkas PDF"),
        # Empty files reach the content check, which explains itself in both languages.
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": _("Pilih berkas PDF.")},
    )

    def __init__(self, *args, pemda_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["regulation"].queryset = Regulation.objects.filter(pemda_id=pemda_code)
        self.fields["file"].help_text = _(
            "Hanya PDF (isi berkas diperiksa, bukan namanya), paling besar %(limit)s."
        ) % {"limit": compliance.human_size(compliance.evidence_max_bytes())}

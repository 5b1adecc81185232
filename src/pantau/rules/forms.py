"""The calculator's forms: one per question, all read from the query string (GET).

The rules engine checks the values (`pantau.rules.api.RuleError`); a refusal is shown
beside the field it names, in the user's language.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pantau.rules import api, inputs

PROGRAM_CHOICES = [
    ("jkk", _("JKK (kecelakaan kerja)")),
    ("jkm", _("JKM (kematian)")),
    ("jht", _("JHT (hari tua)")),
    ("jp", _("JP (pensiun)")),
    ("jkp", _("JKP (kehilangan pekerjaan)")),
]
SEGMENT_CHOICES = [("pu", _("Penerima upah (PU)")), ("bpu", _("Bukan penerima upah (BPU)"))]
CATEGORY_CHOICES = [
    ("non_asn", _("Pegawai Non ASN")),
    ("village_official", _("Kepala dan perangkat desa")),
    ("rt_rw", _("Ketua RT/RW")),
    ("vulnerable", _("Pekerja rentan")),
]
RISK_CHOICES = [(str(n), _("Kelas %(n)s") % {"n": n}) for n in range(1, 6)]
MONTH_INPUT = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RUPIAH_INPUT = forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"})
# A text box, not a number box: people write "4.500.000" or "Rp4.500.000,00", which a
# browser's number input would reject or misread.
AMOUNT_INPUT = forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "4.500.000"})


class RupiahField(forms.CharField):
    """An amount as people write it, read by the rules' one parser (`inputs.parse_rupiah`):
    the same forms are accepted and refused here as on the command line."""

    def __init__(self, *, argument: str, what_id: str, what_en: str, **kwargs):
        self.argument, self.what_id, self.what_en = argument, what_id, what_en
        kwargs.setdefault("widget", AMOUNT_INPUT)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return inputs.rupiah(text, self.argument, self.what_id, self.what_en)
        except api.RuleError as error:
            raise forms.ValidationError(error.message()) from None


class CalculatorForm(forms.Form):
    """Runs its question through the rules engine; `result` holds the answer."""

    result = None

    def ask(self):  # the rules engine call for the cleaned data
        raise NotImplementedError

    def calculate(self):
        if not self.is_valid():
            return None
        try:
            self.result = self.ask()
        except api.RuleError as error:
            field = error.argument.lstrip("-").replace("-", "_")
            self.add_error(field if field in self.fields else None, error.message())
            return None
        return self.result


class ContributionForm(CalculatorForm):
    segment = forms.ChoiceField(label=_("Segmen peserta"), choices=SEGMENT_CHOICES, initial="pu")
    month = forms.CharField(label=_("Bulan iuran"), widget=MONTH_INPUT, max_length=7)
    programs = forms.MultipleChoiceField(
        label=_("Program"), choices=PROGRAM_CHOICES, widget=forms.CheckboxSelectMultiple,
        initial=["jkk", "jkm"],
    )  # fmt: skip
    wage = RupiahField(
        label=_("Upah sebulan (PU), Rp"), required=False, argument="--wage", what_id="Upah",
        what_en="wage",
    )  # fmt: skip
    income = RupiahField(
        label=_("Penghasilan sebulan (BPU), Rp"), required=False, argument="--income",
        what_id="Penghasilan", what_en="income",
    )  # fmt: skip
    risk_class = forms.ChoiceField(label=_("Kelas risiko JKK"), choices=RISK_CHOICES, initial="1")

    def ask(self):
        data = self.cleaned_data
        return api.contribution(
            data["segment"], data["month"], data["programs"], wage=data["wage"],
            income=data["income"], risk_class=int(data["risk_class"]),
        )  # fmt: skip


class JkmForm(CalculatorForm):
    death_date = forms.DateField(label=_("Tanggal meninggal"), widget=DATE_INPUT)
    membership_start = forms.DateField(label=_("Awal kepesertaan"), widget=DATE_INPUT)
    children = forms.IntegerField(label=_("Jumlah anak"), min_value=0, max_value=20, initial=0)

    def ask(self):
        data = self.cleaned_data
        return api.jkm_benefit(
            data["death_date"], data["membership_start"], children=data["children"] or 0
        )


class JkkForm(CalculatorForm):
    benefit = forms.ChoiceField(
        label=_("Manfaat"),
        choices=[("death", _("Meninggal karena kecelakaan kerja")),
                 ("disability", _("Cacat total tetap"))],
    )  # fmt: skip
    wage = RupiahField(
        label=_("Upah sebulan, Rp"), argument="--wage", what_id="Upah", what_en="wage"
    )
    date = forms.DateField(label=_("Tanggal kejadian"), widget=DATE_INPUT)

    def ask(self):
        data = self.cleaned_data
        if data["benefit"] == "death":
            return api.jkk_death_benefit(data["wage"], data["date"])
        return api.jkk_disability_benefit(data["wage"], data["date"])


class BudgetForm(CalculatorForm):
    category = forms.ChoiceField(label=_("Kategori pekerja"), choices=CATEGORY_CHOICES)
    persons = forms.IntegerField(label=_("Jumlah orang"), widget=RUPIAH_INPUT)
    year = forms.IntegerField(label=_("Tahun anggaran"), widget=RUPIAH_INPUT)
    months = forms.IntegerField(label=_("Jumlah bulan"), initial=12, widget=RUPIAH_INPUT)
    wage = RupiahField(
        label=_("Upah atau siltap sebulan per orang, Rp"), required=False, argument="--wage",
        what_id="Upah", what_en="wage",
    )  # fmt: skip
    segment = forms.ChoiceField(
        label=_("Konvensi"), required=False,
        choices=[("", _("Bawaan kategori")), *SEGMENT_CHOICES],
    )  # fmt: skip
    programs = forms.MultipleChoiceField(
        label=_("Program (kosong: bawaan kategori)"), choices=PROGRAM_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def ask(self):
        data = self.cleaned_data
        return api.budget(
            data["category"], data["persons"], data["year"], months=data["months"] or 12,
            wage=data["wage"], programs=data["programs"] or None, segment=data["segment"] or None,
        )  # fmt: skip


FORMS = {"iuran": ContributionForm, "jkm": JkmForm, "jkk": JkkForm, "anggaran": BudgetForm}

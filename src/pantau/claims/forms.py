"""The handover form (penyerahan santunan): fields checked here and again by
`services.record_handover`, which also checks the files (content and size)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.claims import services


class DateInput(forms.DateInput):
    input_type = "date"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"}
            ),
        )
        super().__init__(*args, **kwargs)  # fmt: skip

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class HandoverForm(forms.Form):
    # The fields before the files: if an upload is stopped for its size, these are read.
    held_on = forms.DateField(
        label=_("Tanggal penyerahan"),
        widget=DateInput(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": _("Isi tanggal penyerahan."),
            "invalid": _("Tulis tanggal sebagai TTTT-BB-HH, misalnya 2022-07-05."),
        },
    )
    place = forms.CharField(
        label=_("Tempat"),
        max_length=200,
        error_messages={"required": _("Isi tempat penyerahan.")},
    )
    claim_numbers = forms.CharField(
        label=_("Nomor klaim"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nomor klaim BPJS yang diserahkan, dipisah koma atau baris baru."),
    )
    officials = forms.CharField(
        label=_("Pejabat yang hadir"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nama dan jabatan, satu per baris."),
        error_messages={"required": _("Isi pejabat yang hadir.")},
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(label=_("Foto atau dokumen"), required=False, allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["files"].help_text = services.file_help()

    def clean(self):
        cleaned = super().clean()
        numbers = services.clean_claim_numbers(cleaned.get("claim_numbers") or "")
        cleaned["claim_numbers"] = numbers
        problems = services.handover_errors(
            cleaned.get("held_on"), cleaned.get("place") or "", cleaned.get("officials") or "",
            numbers,
        )  # fmt: skip
        for name, message in problems.items():
            if name not in self.errors:
                self.add_error(name, message)
        if len(cleaned.get("files") or ()) > services.MAX_FILES:
            self.add_error("files", services.file_help())
        return cleaned

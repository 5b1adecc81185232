"""The monev forms: fields checked here, the rules (who, which moves, dates) again by
`services`, whose refusals the views show on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pantau.claims.forms import DateInput, MultipleFileField
from pantau.monev.choices import ActionStatus

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_ERRORS = {"invalid": _("Tulis tanggal sebagai TTTT-BB-HH, misalnya 2022-07-05.")}


def date_field(label, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
    )


class Form(forms.Form):
    # Several forms share a page: each names its fields' ids after itself (`status_note`,
    # `evidence_note`), so a label points at its own field.
    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


class MeetingForm(Form):
    id_prefix = "meeting"

    title = forms.CharField(label=_("Judul"), max_length=300)
    held_on = date_field(_("Tanggal"))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    regions = forms.CharField(
        label=_("Wilayah"), help_text=_("Kode wilayah Kemendagri, dipisah koma, misalnya 64, 65.")
    )
    agencies = forms.CharField(
        label=_("Penyelenggara"),
        required=False,
        help_text=_("Instansi penyelenggara, dipisah koma, misalnya Kemenko PMK, Kemendagri."),
    )
    minutes = forms.CharField(
        label=_("Notulen"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class MeetingEditForm(Form):
    id_prefix = "edit"

    title = forms.CharField(label=_("Judul"), max_length=300)
    held_on = date_field(_("Tanggal"))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    agencies = forms.CharField(label=_("Penyelenggara"), required=False)
    minutes = forms.CharField(
        label=_("Notulen"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    reason = forms.CharField(
        label=_("Alasan koreksi"),
        required=False,
        max_length=500,
        help_text=_("Wajib bila notulen sudah final: koreksi menjadi versi baru."),
    )


class AttendeeForm(Form):
    id_prefix = "attendee"

    name = forms.CharField(label=_("Nama"), max_length=200)
    agency = forms.CharField(label=_("Instansi"), max_length=200, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)


class AgendaForm(Form):
    id_prefix = "agenda"

    text = forms.CharField(label=_("Acara"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(Form):
    id_prefix = "finding"

    region = forms.CharField(label=_("Pemda (kode wilayah)"), max_length=20)
    text = forms.CharField(label=_("Temuan"), widget=forms.Textarea(attrs={"rows": 2}))
    indicator = forms.CharField(
        label=_("Indikator (boleh kosong)"),
        required=False,
        help_text=_("Misalnya list_coverage:non_asn atau ucj_coverage."),
    )


class ActionForm(Form):
    id_prefix = "action"

    text = forms.CharField(label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(
        label=_("Penanggung jawab"),
        max_length=60,
        help_text=_(
            "Kode wilayah Pemda (mis. 64.02) atau kode instansi (mis. bpjs-ketenagakerjaan)."
        ),
    )
    due = date_field(_("Tenggat"))
    indicator = forms.CharField(
        label=_("Indikator (boleh kosong)"),
        required=False,
        help_text=_("Misalnya list_coverage:non_asn, ucj_coverage, budget_status:non_asn."),
    )
    target = forms.CharField(label=_("Target (pecahan 0–1)"), required=False, max_length=12)


class StatusForm(Form):
    id_prefix = "status"

    status = forms.ChoiceField(label=_("Status baru"), choices=ActionStatus.choices)
    on = date_field(_("Berlaku sejak"), required=False)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=500)


class CommentForm(Form):
    id_prefix = "comment"

    text = forms.CharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(Form):
    id_prefix = "evidence"

    note = forms.CharField(label=_("Keterangan"), required=False, max_length=500)
    files = MultipleFileField(label=_("Foto atau dokumen"), required=True, allow_empty_file=True)

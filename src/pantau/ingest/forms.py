"""The upload wizard's form: what the file is, for which Pemda, and the file itself.

Choices are limited to what the user may upload (`pantau.accounts.scope`), and the
Pemda is checked again with `can_upload_for` when the form is cleaned: the select is a
convenience, never the check.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.accounts.scope import can_upload_for, can_upload_members, can_upload_members_for
from pantau.core.uploads import max_upload_bytes
from pantau.core.vocabulary import PEMDA_LEVELS, Category, Kind
from pantau.regions.codes import try_canonical_code
from pantau.regions.models import Region

ALLOWED_SUFFIXES = (".csv", ".xlsx", ".parquet")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


# Kinds that cover a region (chosen, or the BPJS branch's own) rather than a Pemda.
REGION_KINDS = (Kind.MEMBERS, Kind.CLAIMS)


def allowed_kinds(user) -> list[tuple[str, str]]:
    # Membership and claims extracts come from BPJS Ketenagakerjaan; a Pemda uploads its
    # own lists.
    if can_upload_members(user):
        return list(Kind.choices)
    return [(Kind.WORKERS, Kind.WORKERS.label)]


def pemda_choices(user):
    """The provinces, regencies and cities inside the user's region (all for national scope)."""
    return Region.objects.subtree(user.region if user.scope_code else None).filter(
        level__in=PEMDA_LEVELS
    )


class PemdaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.code} · {obj.name}"


def too_large_message() -> str:
    return _(
        "Berkas terlalu besar: batasnya %(limit)s MB. Pecah berkas menjadi beberapa "
        "bagian atau gunakan Parquet, yang jauh lebih kecil."
    ) % {"limit": settings.PANTAU_MAX_UPLOAD_MB}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"))
    pemda = PemdaChoiceField(
        label=_("Pemda"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("— pilih Pemda —"),
        help_text=_("Pemda pemilik daftar pekerja (wajib untuk daftar pekerja)."),
    )
    category = forms.ChoiceField(
        label=_("Kategori pekerja"),
        choices=[("", _("— pilih kategori —")), *Category.choices],
        required=False,
    )
    # Required for worker lists only (checked in `clean`): extracts have no budget year.
    year = forms.IntegerField(
        label=_("Tahun anggaran"), min_value=2000, max_value=2100, required=False
    )
    as_of = forms.CharField(
        label=_("Data per bulan"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2025-06"}),
        help_text=_("Bulan data kepesertaan, format TTTT-BB (wajib untuk data kepesertaan)."),
    )
    region = forms.CharField(
        label=_("Wilayah cakupan"),
        required=False,
        max_length=20,
        help_text=_(
            "Kode wilayah Kemendagri yang dicakup berkas ini, misalnya 64.71; kosongkan untuk "
            "seluruh Indonesia. Data kepesertaan hanya menggantikan data bulan yang sama untuk "
            "wilayah yang sama; klaim di luar wilayah ini ditolak."
        ),
    )
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("CSV, XLSX atau Parquet."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )
    sheet = forms.CharField(
        label=_("Nama sheet (XLSX, opsional)"),
        required=False,
        max_length=100,
        help_text=_("Kosongkan untuk memakai sheet pertama."),
    )
    header_row = forms.IntegerField(
        label=_("Nomor baris judul kolom (opsional)"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("Kosongkan agar Pantau mencarinya sendiri di 30 baris pertama."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.label_suffix = ""
        kinds = allowed_kinds(user)
        self.fields["kind"].choices = kinds
        self.fields["kind"].initial = Kind.WORKERS
        self.fields["pemda"].queryset = pemda_choices(user)
        if user.region_id and user.region.is_pemda:
            self.fields["pemda"].initial = user.region_id
        self.fields["year"].initial = timezone.localdate().year
        self.fields["file"].help_text = _("CSV, XLSX atau Parquet, paling besar %(limit)s MB.") % {
            "limit": settings.PANTAU_MAX_UPLOAD_MB
        }
        if Kind.MEMBERS not in dict(kinds):
            del self.fields["as_of"]
            del self.fields["region"]
        elif user.scope_code:
            # A branch's extract covers the branch's region, never a wider one (docs/engine.md).
            self.fields["region"].initial = user.scope_code
            self.fields["region"].disabled = True
            self.fields["region"].help_text = _(
                "Data kepesertaan dan klaim yang Anda unggah mencakup wilayah Anda."
            )

    @property
    def accepts_members(self) -> bool:
        return "as_of" in self.fields

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("Jenis berkas %(suffix)s tidak diterima: unggah CSV, XLSX atau Parquet."),
                params={"suffix": suffix or "(tanpa ekstensi)"},
                code="extension",
            )
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message(), code="too_large")
        return upload

    def clean_as_of(self) -> datetime.date | None:
        text = (self.cleaned_data.get("as_of") or "").strip()
        if not text:
            return None
        match = MONTH_PATTERN.match(text)
        if match:
            year, month = int(match[1]), int(match[2])
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return datetime.date(year, month, 1)
        raise forms.ValidationError(
            _("Tulis bulan sebagai TTTT-BB, misalnya 2025-06."), code="month"
        )

    def clean_region(self) -> Region | None:
        """The region the extract covers (None: the whole country), inside the user's."""
        text = (self.cleaned_data.get("region") or "").strip()
        if not text:
            return None
        code = try_canonical_code(text)
        region = Region.objects.filter(code=code).first() if code else None
        if region is None:
            raise forms.ValidationError(
                _("Kode wilayah %(code)s tidak dikenal."), params={"code": text}, code="region"
            )
        if not can_upload_members_for(self.user, region.code):
            raise forms.ValidationError(
                _("Anda tidak berwenang mengunggah data kepesertaan untuk %(name)s."),
                params={"name": region.name},
                code="region_scope",
            )
        return region

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Kind.WORKERS:
            pemda = cleaned.get("pemda")
            if pemda is None and "pemda" not in self.errors:
                self.add_error("pemda", _("Pilih Pemda pemilik daftar pekerja."))
            elif pemda is not None and not can_upload_for(self.user, pemda.code):
                # The select only offers allowed Pemda; this is the check that counts.
                self.add_error(
                    "pemda",
                    _("Anda tidak berwenang mengunggah untuk %(name)s.") % {"name": pemda.name},
                )
            if not cleaned.get("category") and "category" not in self.errors:
                self.add_error("category", _("Pilih kategori pekerja."))
            if cleaned.get("year") is None and "year" not in self.errors:
                required = self.fields["year"].error_messages["required"]
                self.add_error("year", forms.ValidationError(required, code="required"))
        elif kind == Kind.MEMBERS and cleaned.get("as_of") is None and "as_of" not in self.errors:
            self.add_error("as_of", _("Isi bulan data kepesertaan."))
        if kind in REGION_KINDS:
            # Membership and claims extracts are not a Pemda's list of a budget year.
            cleaned["pemda"] = None
            cleaned["category"] = ""
            cleaned["year"] = None
        if kind != Kind.MEMBERS:
            cleaned["as_of"] = None  # a claims file is a batch, not a month's extract
        if kind not in REGION_KINDS:
            cleaned["region"] = None  # worker lists belong to their Pemda
        return cleaned

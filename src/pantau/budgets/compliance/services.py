"""A Pemda's regulatory compliance record (Inpres 2/2021): the regional regulations it
issued, whether the programme is in its RKPD and APBD for a year, and evidence PDFs.

Views call these and stay thin. Every change checks `can_edit_compliance` itself (the
view's check only decides what the page offers; this one counts) and is recorded in the
audit trail, as is every evidence download. `compliance_facts` is the read side for the
scorecard.

Evidence files are checked by their content, never by their name: a PDF starts with
`%PDF-` and ends with `%%EOF` (in its last KiB). They are stored content-addressed under
`PANTAU_DATA_DIR/evidence/<pemda>/<sha256>.pdf`, so the same document uploaded twice for
a Pemda is stored once; the uploaded name is kept only as (sanitised) metadata.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.accounts.scope import can_edit_compliance
from pantau.audit.actions import record
from pantau.budgets.choices import RegulationKind
from pantau.budgets.models import Evidence, Planning, Regulation
from pantau.core.downloads import open_recorded
from pantau.core.messages import Refusal
from pantau.core.vocabulary import FIRST_YEAR, Category, last_year

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from pantau.accounts.models import User
    from pantau.regions.models import Region

EVIDENCE_DIR = "evidence"
DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PDF_HEADER = b"%PDF-"
PDF_EOF = b"%%EOF"
# PDF readers look for the end marker in the last 1024 bytes; so does Pantau.
EOF_WINDOW = 1024
HEAD_BYTES = 1024
# A district or village has no government of its own, so no compliance record (nor score).
NO_RECORD = gettext_lazy(
    "%(name)s (%(code)s) adalah %(level)s, bukan Pemda: catatan kepatuhan hanya ada "
    "untuk provinsi, kabupaten dan kota."
)
# Perda > Perkada > Surat Edaran: the strongest regulation in force counts.
KIND_STRENGTH = {
    RegulationKind.PERDA.value: 3,
    RegulationKind.PERKADA.value: 2,
    RegulationKind.SURAT_EDARAN.value: 1,
}

AUDIT_REGULATION_ADD = "compliance_regulation_add"
AUDIT_REGULATION_UPDATE = "compliance_regulation_update"
AUDIT_REGULATION_DELETE = "compliance_regulation_delete"
AUDIT_PLANNING = "compliance_planning_set"
AUDIT_EVIDENCE_UPLOAD = "evidence_upload"
AUDIT_EVIDENCE_DOWNLOAD = "evidence_download"
AUDIT_EVIDENCE_DELETE = "evidence_delete"


# ---------------------------------------------------------------- access


def require_edit(user: User, code: str) -> None:
    """Raise PermissionDenied unless `user` may edit Pemda `code`'s record."""
    if not can_edit_compliance(user, code):
        raise PermissionDenied("not this Pemda's officer")


# ---------------------------------------------------------------- regulations


def clean_number(number: str) -> str:
    """`" 5  Tahun 2022 "` → `"5 Tahun 2022"`."""
    return " ".join((number or "").split())


def clean_categories(categories) -> list[str]:
    """Known category codes, each once, in the order of `Category`."""
    chosen = set(categories or ())
    return [code for code in Category.values if code in chosen]


def regulation_errors(
    pemda_code: str,
    *,
    kind: str | None,
    number: str | None,
    issued_on: datetime.date | None,
    categories,
    exclude_pk: int | None = None,
) -> dict[str, str]:
    """What is wrong with a regulation, by field (messages in Bahasa Indonesia); {} if nothing.

    A regulation may predate Inpres 2/2021 (an older Perda on social security counts);
    only a date in the future is refused.
    """
    errors: dict[str, str] = {}
    if kind not in RegulationKind.values:
        errors["kind"] = _("Pilih jenis regulasi: Perda, Perkada atau Surat Edaran.")
    number = clean_number(number or "")
    if not number:
        errors["number"] = _("Isi nomor regulasi.")
    if issued_on is None:
        errors["issued_on"] = _("Isi tanggal regulasi ditetapkan.")
    elif issued_on > timezone.localdate():
        errors["issued_on"] = _("Tanggal ditetapkan (%(date)s) tidak boleh di masa depan.") % {
            "date": formats.date_format(issued_on)
        }
    categories = list(categories or ())
    unknown = sorted({code for code in categories if code not in Category.values})
    if unknown:
        errors["categories"] = _("Kategori tidak dikenal: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    elif not categories:
        errors["categories"] = _("Pilih sedikitnya satu kategori pekerja yang dicakup.")
    if "kind" not in errors and "number" not in errors:
        duplicate = Regulation.objects.filter(
            pemda_id=pemda_code, kind=kind, number__iexact=number
        ).exclude(pk=exclude_pk)
        if duplicate.exists():
            errors["number"] = _("%(kind)s nomor %(number)s sudah tercatat untuk Pemda ini.") % {
                "kind": RegulationKind(kind).label,
                "number": number,
            }
    return errors


def _validated(pemda_code: str, data: dict, exclude_pk: int | None = None) -> dict:
    errors = regulation_errors(
        pemda_code,
        kind=data.get("kind"),
        number=data.get("number"),
        issued_on=data.get("issued_on"),
        categories=data.get("categories"),
        exclude_pk=exclude_pk,
    )
    if errors:
        raise ValidationError(errors)
    return {
        "kind": data["kind"],
        "number": clean_number(data["number"]),
        "issued_on": data["issued_on"],
        "title": " ".join((data.get("title") or "").split())[:300],
        "categories": clean_categories(data["categories"]),
    }


def _describe(regulation: Regulation) -> str:
    return f"{regulation.get_kind_display()} {regulation.number} ({regulation.issued_on:%Y-%m-%d})"


def _save(regulation: Regulation) -> None:
    try:
        with transaction.atomic():
            regulation.save()
    except IntegrityError:
        # Two officers saving the same number at once: the constraint decides.
        raise ValidationError(
            {"number": _("Regulasi dengan jenis dan nomor ini sudah tercatat untuk Pemda ini.")}
        ) from None


def add_regulation(
    user: User, pemda: Region, data: dict, request: HttpRequest | None = None
) -> Regulation:
    """Record a regulation (`data`: kind, number, issued_on, categories, title)."""
    require_edit(user, pemda.code)
    regulation = Regulation(pemda=pemda, entered_by=user, **_validated(pemda.code, data))
    with transaction.atomic():
        _save(regulation)
        record(user, AUDIT_REGULATION_ADD, pemda.code, _describe(regulation), request=request)
    return regulation


def update_regulation(
    user: User, regulation: Regulation, data: dict, request: HttpRequest | None = None
) -> Regulation:
    require_edit(user, regulation.pemda_id)
    before = _describe(regulation)
    for name, value in _validated(regulation.pemda_id, data, exclude_pk=regulation.pk).items():
        setattr(regulation, name, value)
    regulation.entered_by = user
    with transaction.atomic():
        _save(regulation)
        record(
            user,
            AUDIT_REGULATION_UPDATE,
            regulation.pemda_id,
            f"{before} → {_describe(regulation)}",
            request=request,
        )
    return regulation


def delete_regulation(
    user: User, regulation: Regulation, request: HttpRequest | None = None
) -> None:
    """Delete a regulation; evidence linked to it stays, no longer linked."""
    require_edit(user, regulation.pemda_id)
    with transaction.atomic():
        record(
            user,
            AUDIT_REGULATION_DELETE,
            regulation.pemda_id,
            _describe(regulation),
            request=request,
        )
        regulation.delete()


# ---------------------------------------------------------------- planning


def planning_year_error(year: int | None) -> str | None:
    if year is None or not FIRST_YEAR <= year <= last_year():
        return _("Tahun harus antara %(first)s dan %(last)s.") % {
            "first": FIRST_YEAR,
            "last": last_year(),
        }
    return None


def set_planning(
    user: User,
    pemda: Region,
    *,
    year: int,
    in_rkpd: bool,
    in_apbd: bool,
    request: HttpRequest | None = None,
) -> Planning:
    """Whether the programme is in the Pemda's RKPD and APBD for `year` (one row a year)."""
    require_edit(user, pemda.code)
    error = planning_year_error(year)
    if error:
        raise ValidationError({"year": error})
    with transaction.atomic():
        planning, _created = Planning.objects.update_or_create(
            pemda=pemda,
            year=year,
            defaults={"in_rkpd": bool(in_rkpd), "in_apbd": bool(in_apbd), "entered_by": user},
        )
        record(
            user,
            AUDIT_PLANNING,
            pemda.code,
            f"{year}: RKPD {'ya' if in_rkpd else 'tidak'}, APBD {'ya' if in_apbd else 'tidak'}",
            request=request,
        )
    return planning


# ---------------------------------------------------------------- evidence: checks


def evidence_max_bytes() -> int:
    """`PANTAU_EVIDENCE_MAX_BYTES` (default 10 MiB)."""
    return int(getattr(settings, "PANTAU_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES))


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


class EvidenceRejected(Refusal):
    """The upload is not an acceptable PDF; nothing is stored.

    Carries the reason in Bahasa Indonesia and in English, as `FileRejected` does for
    imports: the page shows both.
    """


# What a non-PDF file actually is, for a clearer refusal: (signature, Indonesian, English).
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "gambar PNG", "a PNG image"),
    (b"\xff\xd8\xff", "gambar JPEG", "a JPEG image"),
    (b"GIF8", "gambar GIF", "a GIF image"),
    (b"II*\x00", "gambar TIFF", "a TIFF image"),
    (b"MM\x00*", "gambar TIFF", "a TIFF image"),
    (
        b"PK\x03\x04",
        "dokumen Office (DOCX/XLSX) atau arsip ZIP",
        "an Office document (DOCX/XLSX) or a ZIP archive",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "dokumen Office lama (DOC/XLS)",
        "an old Office document (DOC/XLS)",
    ),
    (b"MZ", "program Windows (EXE/DLL)", "a Windows program (EXE/DLL)"),
    (b"\x7fELF", "program", "a program"),
    (b"Rar!", "arsip RAR", "a RAR archive"),
)
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<?xml", b"<svg")


def sniff(head: bytes) -> tuple[str, str]:
    """What the first bytes of a file look like, in Indonesian and English."""
    for signature, what_id, what_en in SIGNATURES:
        if head.startswith(signature):
            return what_id, what_en
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(HTML_STARTS):
        return "halaman web (HTML/XML)", "a web page (HTML/XML)"
    return "isi yang bukan PDF", "content that is not a PDF"


def too_large(limit: int) -> EvidenceRejected:
    size = human_size(limit)
    return EvidenceRejected(
        "too_large",
        f"Berkas terlalu besar: batasnya {size}. Perkecil PDF hasil pindaian (misalnya 150 dpi, "
        "hitam-putih) lalu unggah lagi.",
        f"File too large: the limit is {size}. Make the scanned PDF smaller (for example "
        "150 dpi, black and white) and upload it again.",
    )


def check_pdf(head: bytes, tail: bytes, size: int) -> None:
    """Raise `EvidenceRejected` unless the bytes are those of a whole PDF.

    `head` is the start of the file, `tail` its last `EOF_WINDOW` bytes.
    """
    if size == 0:
        raise EvidenceRejected(
            "empty",
            "Berkas kosong (0 bait). Unggah dokumen PDF-nya.",
            "The file is empty (0 bytes). Upload the PDF document.",
        )
    if not head.startswith(PDF_HEADER):
        what_id, what_en = sniff(head)
        raise EvidenceRejected(
            "not_pdf",
            f"Berkas ini bukan PDF: isinya {what_id}, tidak diawali %PDF-. Pantau memeriksa "
            "isi berkas, bukan namanya; simpan atau cetak dokumen sebagai PDF lalu unggah lagi.",
            f"This file is not a PDF: it holds {what_en} and does not begin with %PDF-. Pantau "
            "checks the content, not the name; save or print the document as PDF and upload "
            "it again.",
        )
    if PDF_EOF not in tail[-EOF_WINDOW:]:
        raise EvidenceRejected(
            "truncated",
            "PDF tidak utuh: penanda akhir %%EOF tidak ditemukan. Berkas mungkin terpotong saat "
            "disalin atau diunduh; simpan ulang PDF-nya lalu unggah lagi.",
            "Incomplete PDF: the end marker %%EOF is missing. The file may have been cut off "
            "while copying or downloading; save the PDF again and upload it.",
        )


def check_upload(upload: UploadedFile, limit: int | None = None) -> None:
    """Check an upload's size, then its first and last bytes (without reading the rest)."""
    limit = evidence_max_bytes() if limit is None else limit
    size = upload.size or 0
    if size > limit:
        raise too_large(limit)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(max(0, size - EOF_WINDOW))
    tail = upload.read(EOF_WINDOW)
    upload.seek(0)
    check_pdf(head, tail, size)


def clean_original_name(name: str | None) -> str:
    """The uploaded file's name, for display only: no folders, no control or direction
    characters, at most 255 characters (extension kept). Never used as a path."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(char for char in base if not unicodedata.category(char).startswith("C"))
    base = " ".join(base.split()).strip(" .")
    if len(base) > 255:
        stem, dot, suffix = base.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            base = f"{stem[: 254 - len(suffix)]}.{suffix}"
        else:
            base = base[:255]
    return base or "dokumen.pdf"


def download_name(evidence: Evidence) -> str:
    name = evidence.original_name or "dokumen.pdf"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def evidence_relative_path(pemda_code: str, sha256: str) -> str:
    return f"{EVIDENCE_DIR}/{pemda_code}/{sha256}.pdf"


def _evidence_root() -> Path:
    return (Path(settings.DATA_DIR) / EVIDENCE_DIR).resolve()


def evidence_file(evidence: Evidence) -> Path:
    """The stored file; refuses a path that would lead outside the evidence folder."""
    path = (Path(settings.DATA_DIR) / evidence.path).resolve()
    if not path.is_relative_to(_evidence_root()):
        raise PermissionDenied("evidence path outside the evidence folder")
    return path


# ---------------------------------------------------------------- evidence: store, serve


@dataclass(frozen=True)
class StoredEvidence:
    evidence: Evidence
    created: bool  # False: the same content was already stored for this Pemda


def _receive(upload: UploadedFile, directory: Path, limit: int) -> tuple[Path, str, int]:
    """Copy the upload into a private temporary file in `directory`, hashing it on the way."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = directory / f".{uuid.uuid4().hex}.part"
    digest, size = hashlib.sha256(), 0
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            upload.seek(0)
            for chunk in upload.chunks():
                size += len(chunk)
                if size > limit:  # the declared size lied
                    raise too_large(limit)
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary, digest.hexdigest(), size


def upload_evidence(
    user: User,
    pemda: Region,
    upload: UploadedFile,
    *,
    description: str,
    regulation: Regulation | None = None,
    request: HttpRequest | None = None,
) -> StoredEvidence:
    """Check and keep an evidence PDF; the same content again for the Pemda is kept once.

    Raises `EvidenceRejected` (not a whole PDF, empty, too large) or `ValidationError`
    (no description, a regulation of another Pemda) with nothing stored.
    """
    require_edit(user, pemda.code)
    description = " ".join((description or "").split())
    if not description:
        raise ValidationError({"description": _("Isi keterangan dokumen.")})
    if regulation is not None and regulation.pemda_id != pemda.code:
        raise ValidationError({"regulation": _("Regulasi itu bukan milik Pemda ini.")})
    limit = evidence_max_bytes()
    check_upload(upload, limit)
    original_name = clean_original_name(upload.name)

    directory = Path(settings.DATA_DIR) / EVIDENCE_DIR / pemda.code
    temporary, sha256, size = _receive(upload, directory, limit)
    try:
        relative = evidence_relative_path(pemda.code, sha256)
        target = Path(settings.DATA_DIR) / relative
        placed = not target.exists()
        # The file first, then the row, so no row ever points at a missing file. Same
        # name, same content: replacing an existing file changes nothing.
        os.replace(temporary, target)
        try:
            with transaction.atomic():
                existing = Evidence.objects.filter(pemda=pemda, sha256=sha256).order_by("pk")
                evidence = existing.first()
                created = evidence is None
                if created:
                    evidence = Evidence.objects.create(
                        pemda=pemda,
                        regulation=regulation,
                        description=description[:200],
                        original_name=original_name,
                        path=relative,
                        size=size,
                        sha256=sha256,
                        uploaded_by=user,
                    )
                note = "" if created else f"; sudah tersimpan sebagai bukti #{evidence.pk}"
                record(
                    user,
                    AUDIT_EVIDENCE_UPLOAD,
                    pemda.code,
                    f"Bukti #{evidence.pk} {original_name} ({size} bait, sha256 {sha256}){note}",
                    request=request,
                )
        except BaseException:
            if placed:
                target.unlink(missing_ok=True)
            raise
    finally:
        temporary.unlink(missing_ok=True)
    return StoredEvidence(evidence=evidence, created=created)


def open_evidence(user: User, evidence: Evidence, request: HttpRequest | None = None):
    """The open PDF, after recording the download; every signed-in user may download.

    Raises FileNotFoundError when the file is gone. The audit row is written before any
    byte leaves, so a failing audit refuses the download.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("sign in to download evidence")
    return open_recorded(
        evidence_file(evidence),
        lambda: record(
            user,
            AUDIT_EVIDENCE_DOWNLOAD,
            evidence.pemda_id,
            f"Bukti #{evidence.pk} {evidence.original_name} ({evidence.size} bait)",
            request=request,
        ),
    )


def delete_evidence(user: User, evidence: Evidence, request: HttpRequest | None = None) -> None:
    """Delete the evidence row and, once that is committed, its file."""
    require_edit(user, evidence.pemda_id)
    path = evidence_file(evidence)
    with transaction.atomic():
        record(
            user,
            AUDIT_EVIDENCE_DELETE,
            evidence.pemda_id,
            f"Bukti #{evidence.pk} {evidence.original_name} ({evidence.size} bait, "
            f"sha256 {evidence.sha256})",
            request=request,
        )
        relative = evidence.path
        evidence.delete()
        # Normally one row per file; never remove a file another row still names.
        if not Evidence.objects.filter(path=relative).exists():
            transaction.on_commit(lambda: path.unlink(missing_ok=True))


# ---------------------------------------------------------------- read side: scorecard


@dataclass
class ComplianceFacts:
    """What a Pemda's record shows for a year.

    `best_regulation_kind`: the strongest regulation in force by December 31 of the year
    (Perda > Perkada > Surat Edaran), or None. `categories_covered`: the categories the
    regulations in force cover together. `evidence_count`: all the Pemda's evidence
    documents (a document proves a regulation or a budget whenever it was uploaded).
    """

    best_regulation_kind: str | None = None
    categories_covered: set[str] = field(default_factory=set)
    in_rkpd: bool = False
    in_apbd: bool = False
    evidence_count: int = 0


def compliance_facts(pemda_codes: list[str], year: int) -> dict[str, ComplianceFacts]:
    """Facts for each dotted Pemda code (all present in the answer, empty when nothing is
    recorded), in three queries whatever the number of Pemda."""
    codes = list(dict.fromkeys(pemda_codes))
    facts = {code: ComplianceFacts() for code in codes}
    if not codes:
        return facts
    year_end = datetime.date(year, 12, 31)
    regulations = Regulation.objects.filter(pemda_id__in=codes, issued_on__lte=year_end)
    for code, kind, categories in regulations.order_by().values_list(
        "pemda_id", "kind", "categories"
    ):
        fact = facts[code]
        current = KIND_STRENGTH.get(fact.best_regulation_kind, 0)
        if KIND_STRENGTH.get(kind, 0) > current:
            fact.best_regulation_kind = str(kind)
        fact.categories_covered.update(c for c in categories or () if c in Category.values)
    plannings = Planning.objects.filter(pemda_id__in=codes, year=year)
    for code, in_rkpd, in_apbd in plannings.values_list("pemda_id", "in_rkpd", "in_apbd"):
        facts[code].in_rkpd, facts[code].in_apbd = in_rkpd, in_apbd
    evidence = (
        Evidence.objects.filter(pemda_id__in=codes)
        .order_by()
        .values("pemda_id")
        .annotate(n=Count("id"))
        .values_list("pemda_id", "n")
    )
    for code, count in evidence:
        facts[code].evidence_count = count
    return facts

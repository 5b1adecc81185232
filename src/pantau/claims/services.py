"""What the claims app does: record a handover of benefits with its files, serve those files,
and the region dashboard's "Santunan dibayar" tile.

Handover files (photos or documents) have the limits of budget evidence
(`budgets.compliance`: `PANTAU_EVIDENCE_MAX_BYTES`, 10 MiB by default) and are checked by
their content, never by their name: a PDF (`%PDF-` … `%%EOF`), a JPEG or a PNG. They are
stored content-addressed under `PANTAU_DATA_DIR/handovers/<region>/<sha256>.<ext>`, mode
0600. Recording a handover and every download is in the audit trail.

Who records a handover: `can_record_handover` (the national team, and the Pemda and BPJS
officers whose region holds the handover's region: the people who may see the claims'
person-level data there). Who downloads its files: the same rule; the photos show the heirs.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pantau.accounts.scope import can_view_person_data
from pantau.audit.actions import record
from pantau.budgets.compliance.services import (
    EOF_WINDOW,
    HEAD_BYTES,
    PDF_EOF,
    PDF_HEADER,
    EvidenceRejected,
    _receive,
    clean_original_name,
    evidence_max_bytes,
    human_size,
    too_large,
)
from pantau.core.display import percent
from pantau.core.downloads import open_recorded
from pantau.lake import scan
from pantau.lake.catalog import claims_in_force
from pantau.regions.lookup import get_region

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from pantau.accounts.models import User
    from pantau.claims.models import Handover, HandoverDocument

HANDOVER_DIR = "handovers"
MAX_FILES = 10
MAX_CLAIM_NUMBERS = 200
CLAIM_NO_MAX_LENGTH = 40

AUDIT_HANDOVER_RECORD = "handover_record"
AUDIT_HANDOVER_DOWNLOAD = "handover_document_download"

# What a handover file may be: (signature, content type, extension).
ACCEPTED = (
    (PDF_HEADER, "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


# ---------------------------------------------------------------- access


def can_record_handover(user: User, region_code: str) -> bool:
    """May `user` record a handover in (and download the files of) region `region_code`?"""
    return bool(region_code) and can_view_person_data(user, region_code)


# ---------------------------------------------------------------- files


def check_file(head: bytes, tail: bytes, size: int, limit: int) -> tuple[str, str]:
    """(content type, extension) of an acceptable file; raises `EvidenceRejected`."""
    if size > limit:
        raise too_large(limit)
    if size == 0:
        raise EvidenceRejected(
            "empty",
            "Berkas kosong (0 bait). Unggah foto (JPEG/PNG) atau dokumen PDF-nya.",
            "The file is empty (0 bytes). Upload the photo (JPEG/PNG) or the PDF document.",
        )
    for signature, content_type, extension in ACCEPTED:
        if head.startswith(signature):
            if extension == "pdf" and PDF_EOF not in tail[-EOF_WINDOW:]:
                raise EvidenceRejected(
                    "truncated",
                    "PDF tidak utuh: penanda akhir %%EOF tidak ditemukan. Simpan ulang PDF-nya "
                    "lalu unggah lagi.",
                    "Incomplete PDF: the end marker %%EOF is missing. Save the PDF again and "
                    "upload it.",
                )
            return content_type, extension
    raise EvidenceRejected(
        "not_photo_or_pdf",
        "Berkas ini bukan foto JPEG/PNG atau dokumen PDF. Pantau memeriksa isi berkas, bukan "
        "namanya.",
        "This file is not a JPEG/PNG photo or a PDF document. Pantau checks the content, not "
        "the name.",
    )


def as_upload(item) -> UploadedFile:
    """A Django upload, or a (name, bytes) pair (the CLI and the demo) made into one."""
    if isinstance(item, tuple):
        name, content = item
        return SimpleUploadedFile(name, bytes(content))
    return item


def inspect(upload: UploadedFile, limit: int) -> tuple[str, str]:
    size = upload.size or 0
    if size > limit:
        raise too_large(limit)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(max(0, size - EOF_WINDOW))
    tail = upload.read(EOF_WINDOW)
    upload.seek(0)
    return check_file(head, tail, size, limit)


def _root() -> Path:
    return (Path(settings.DATA_DIR) / HANDOVER_DIR).resolve()


def document_file(document: HandoverDocument) -> Path:
    """The stored file; refuses a path that would lead outside the handover folder."""
    path = (Path(settings.DATA_DIR) / document.path).resolve()
    if not path.is_relative_to(_root()):
        raise PermissionDenied("handover file outside the handover folder")
    return path


def file_help() -> str:
    return _(
        "Foto (JPEG, PNG) atau dokumen PDF, paling banyak %(count)s berkas, masing-masing "
        "paling besar %(limit)s."
    ) % {"count": MAX_FILES, "limit": human_size(evidence_max_bytes())}


# ---------------------------------------------------------------- handovers


def clean_claim_numbers(value) -> list[str]:
    """`"KLM-1, KLM-2\\nKLM-1"` or a list → `["KLM-1", "KLM-2"]` (each once, as written)."""
    if isinstance(value, str):
        value = re.split(r"[\s,;]+", value)
    seen: list[str] = []
    for number in value or ():
        number = str(number).strip()
        if number and number not in seen:
            seen.append(number)
    return seen


def handover_errors(held_on, place: str, officials: str, claim_numbers: list[str]) -> dict:
    """What is wrong with a handover, by field (in the active language); {} if nothing."""
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = _("Isi tanggal penyerahan.")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("Tanggal penyerahan (%(date)s) tidak boleh di masa depan.") % {
            "date": formats.date_format(held_on)
        }
    if not " ".join((place or "").split()):
        errors["place"] = _("Isi tempat penyerahan.")
    elif len(" ".join(place.split())) > 200:
        errors["place"] = _("Tempat paling panjang 200 huruf.")
    if not (officials or "").strip():
        errors["officials"] = _("Isi pejabat yang hadir.")
    if len(claim_numbers) > MAX_CLAIM_NUMBERS:
        errors["claim_numbers"] = _("Paling banyak %(count)s nomor klaim.") % {
            "count": MAX_CLAIM_NUMBERS
        }
    else:
        long = [n for n in claim_numbers if len(n) > CLAIM_NO_MAX_LENGTH]
        if long:
            errors["claim_numbers"] = _(
                "Nomor klaim %(number)s terlalu panjang (paling panjang %(max)s huruf)."
            ) % {"number": long[0][:60], "max": CLAIM_NO_MAX_LENGTH}
    return errors


def unknown_claim_numbers(numbers) -> list[str]:
    """The numbers found in no current claims extract, in the order given (one DuckDB scan).

    A handover is recorded with them all the same (a claim may be imported later); the
    form warns about them.
    """
    numbers = list(numbers)
    if not numbers:
        return []
    files = [
        str(path)
        for snapshot in claims_in_force()
        for path in sorted(Path(snapshot.absolute_path).glob("data/**/*.parquet"))
    ]
    if not files:
        return numbers
    source = "read_parquet([" + ", ".join(scan.quoted(f) for f in files) + "])"
    con = duckdb.connect()
    try:
        found = {
            row[0]
            for row in con.execute(
                f"SELECT DISTINCT claim_no FROM {source} WHERE list_contains(?, claim_no)",
                [numbers],
            ).fetchall()
        }
    finally:
        con.close()
    return [number for number in numbers if number not in found]


@dataclass(frozen=True)
class StoredFile:
    upload: UploadedFile
    relative: str  # under PANTAU_DATA_DIR
    content_type: str
    extension: str
    size: int
    sha256: str

    @property
    def original_name(self) -> str:
        return clean_original_name(self.upload.name) or f"berkas.{self.extension}"


@contextlib.contextmanager
def stored_files(uploads, folder: str) -> Iterator[list[StoredFile]]:
    """Check every upload (photo or PDF, by content; `evidence_max_bytes`), then write each
    under `PANTAU_DATA_DIR/folder/<sha256>.<ext>` (0600; the same content once) and yield
    them, for the caller to record inside the block. When anything is refused or the block
    raises, the files this call added are removed: nothing is kept of a refused record.
    Handovers and monev evidence share it."""
    limit = evidence_max_bytes()
    kinds = []
    for upload in uploads:
        try:
            kinds.append(inspect(upload, limit))
        except EvidenceRejected as error:
            raise refused_file(upload, error) from None
    directory = Path(settings.DATA_DIR) / folder
    placed: list[Path] = []
    stored: list[StoredFile] = []
    try:
        for upload, (content_type, extension) in zip(uploads, kinds, strict=True):
            try:
                temporary, sha256, size = _receive(upload, directory, limit)
            except EvidenceRejected as error:
                raise refused_file(upload, error) from None
            relative = f"{folder}/{sha256}.{extension}"
            target = Path(settings.DATA_DIR) / relative
            if not target.exists():
                placed.append(target)
            os.replace(temporary, target)  # created 0600 by _receive
            stored.append(StoredFile(upload, relative, content_type, extension, size, sha256))
        yield stored
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        raise


def record_handover(
    user: User | None,
    region_code: str,
    held_on: datetime.date,
    place: str,
    officials: str,
    notes: str = "",
    claim_numbers=(),
    files=(),
    request: HttpRequest | None = None,
) -> Handover:
    """Record a handover with its files; nothing is kept when anything is refused.

    `user` None is the command line or the demo (no account, no access check). Raises
    `PermissionDenied`, `ValidationError` (by field) or `EvidenceRejected` (a file, with its
    name in the message).
    """
    from pantau.claims.models import Handover, HandoverDocument

    region = get_region(region_code)
    if user is not None and not can_record_handover(user, region.code):
        raise PermissionDenied("may not record handovers in this region")
    numbers = clean_claim_numbers(claim_numbers)
    errors = handover_errors(held_on, place, officials, numbers)
    if errors:
        raise ValidationError(errors)
    uploads = [as_upload(item) for item in files or ()]
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            {"files": _("Paling banyak %(count)s berkas.") % {"count": MAX_FILES}}
        )
    with stored_files(uploads, f"{HANDOVER_DIR}/{region.code}") as stored, transaction.atomic():
        handover = Handover.objects.create(
            region=region,
            held_on=held_on,
            place=" ".join(place.split()),
            officials=officials.strip(),
            notes=(notes or "").strip(),
            claim_numbers=numbers,
            created_by=user if user is not None and user.is_authenticated else None,
        )
        HandoverDocument.objects.bulk_create(
            HandoverDocument(
                handover=handover,
                path=item.relative,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                uploaded_by=handover.created_by,
            )
            for item in stored
        )
        record(
            user,
            AUDIT_HANDOVER_RECORD,
            region.code,
            f"Penyerahan #{handover.pk} {held_on:%Y-%m-%d} {handover.place}: "
            f"{len(numbers)} klaim, {len(stored)} berkas",
            rows=len(numbers),
            request=request,
            os_user="" if user is not None else "pantau",
        )
    return handover


def refused_file(upload: UploadedFile, error: EvidenceRejected) -> EvidenceRejected:
    """The refusal with the file's name in front, in both languages."""
    name = clean_original_name(upload.name)
    return EvidenceRejected(
        error.code, f"{name}: {error.message_id}", f"{name}: {error.message_en}"
    )


def open_document(user: User, document: HandoverDocument, request: HttpRequest | None = None):
    """The open file, after recording the download; raises PermissionDenied for someone who
    may not see the region's person-level data, FileNotFoundError when the file is gone."""
    region_code = document.handover.region_id
    if not can_record_handover(user, region_code):
        raise PermissionDenied("outside the user's region")
    return open_recorded(
        document_file(document),
        lambda: record(
            user,
            AUDIT_HANDOVER_DOWNLOAD,
            region_code,
            f"Penyerahan #{document.handover_id} berkas #{document.pk} "
            f"{document.original_name} ({document.size} bait)",
            request=request,
        ),
    )


def handovers_in(region_code: str) -> list[Handover]:
    """The handovers in a region's subtree (all of Indonesia for ""), newest first, with their
    files and regions: two queries."""
    from pantau.claims.models import Handover

    handovers = Handover.objects.select_related("region").prefetch_related("documents")
    if region_code:
        handovers = handovers.filter(region_id__in=_subtree(region_code))
    return list(handovers.order_by("-held_on", "-id"))


def _subtree(region_code: str):
    from django.db.models import Q

    from pantau.regions.models import Region

    return Region.objects.filter(
        Q(code=region_code) | Q(code__startswith=region_code + ".")
    ).values("code")


# ---------------------------------------------------------------- the dashboard tile


@dataclass(frozen=True)
class Tile:
    count: int
    amount: int
    pemda_funded_count: int
    pemda_funded_amount: int
    url: str

    @property
    def pemda_share(self) -> Fraction | None:
        """Share of the amount paid to people whose contributions a Pemda funded."""
        return Fraction(self.pemda_funded_amount, self.amount) if self.amount else None

    @property
    def pemda_share_text(self) -> str:
        """`38,5 %` (of the amount paid), "" when nothing was paid."""
        share = self.pemda_share
        return percent(share) if share is not None else ""


def claims_url(region_code: str) -> str:
    if region_code:
        return reverse("claims:region", args=[region_code])
    return reverse("claims:national")


def tile(region_code: str) -> Tile | None:
    """ "Santunan dibayar" on the region dashboard: every claim paid in the region so far
    (as of the last refresh); None when there are no claims numbers at all."""
    from pantau.engine import claims as reader

    if reader.computed_at() is None:
        return None
    programs = reader.by_program(region_code, None, None)
    total = sum(programs.values(), reader.ClaimNumbers())
    return Tile(
        count=total.count,
        amount=total.amount,
        pemda_funded_count=total.pemda_funded_count,
        pemda_funded_amount=total.pemda_funded_amount,
        url=claims_url(region_code),
    )

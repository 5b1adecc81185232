"""Making a meeting's briefing pack: one snapshot, a PDF and an XLSX, kept with the meeting.

`make` writes both files into a directory (the command line's `--out`, or the pack's own
place under `packs/` for the page's button); `request` queues a pack for the worker and
`run` is what the worker does, writing its progress where the page polls it.
"""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from pantau.accounts import scope
from pantau.core.paths import private_dir
from pantau.monev.models import Meeting
from pantau.packs import pdf, snapshot, xlsx
from pantau.packs.models import BriefingPack

LANGUAGES = ("id", "en")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Made:
    pdf: Path
    xlsx: Path
    pages: int
    as_of: datetime.date | None
    seconds: float

    def payload(self) -> dict:
        return {
            "pdf": str(self.pdf),
            "xlsx": str(self.xlsx),
            "pages": self.pages,
            "as_of": f"{self.as_of:%Y-%m}" if self.as_of else None,
        }


def file_stem(meeting: Meeting, language: str) -> str:
    """`bahan-rapat-1-2022-07-05` (`briefing-pack-1-2022-07-05` in English)."""
    word = "briefing-pack" if language == "en" else "bahan-rapat"
    return f"{word}-{meeting.pk}-{meeting.held_on:%Y-%m-%d}"


def _write_private(path: Path, content: bytes) -> None:
    """Whole or absent: written beside, made private, then renamed into place."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    os.replace(partial, path)


def make(meeting: Meeting, out_dir: Path, language: str = "id",
         progress: Callable[[int, str], None] | None = None) -> Made:  # fmt: skip
    """Both files of the meeting's pack in `out_dir`, in `language` ("id" or "en")."""
    started = time.perf_counter()
    report = progress or (lambda percent, step: None)
    with translation.override(language):
        report(5, "angka / numbers")
        data = snapshot.build(meeting)
        report(35, "PDF")
        pdf_bytes, pages = pdf.render(data)
        report(85, "XLSX")
        xlsx_bytes = xlsx.render(data)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(meeting, language)
    pdf_path, xlsx_path = out_dir / f"{stem}.pdf", out_dir / f"{stem}.xlsx"
    _write_private(pdf_path, pdf_bytes)
    _write_private(xlsx_path, xlsx_bytes)
    report(100, "")
    return Made(pdf_path, xlsx_path, pages, data.as_of, time.perf_counter() - started)


def packs_root() -> Path:
    return Path(settings.DATA_DIR) / "packs"


def may_make(user, meeting: Meeting) -> bool:
    return scope.can_hold_meeting(user, [r.code for r in meeting.regions.all()])


def may_download(user, meeting: Meeting) -> bool:
    codes = [r.code for r in meeting.regions.all()]
    attendees = meeting.attendees.exclude(user=None).values_list("user_id", flat=True)
    return scope.can_download_pack(user, codes, attendees)


def request(meeting: Meeting, user, language: str) -> BriefingPack:
    """Queue a pack for the worker (`tasks.make_pack`)."""
    from pantau.packs.tasks import make_pack

    language = language if language in LANGUAGES else "id"
    pack = BriefingPack.objects.create(meeting=meeting, language=language, requested_by=user)
    make_pack.enqueue(pack.pk)
    return pack


def make_kept(meeting: Meeting, language: str = "id", user=None) -> BriefingPack:
    """A pack made now, in this process, and kept with the meeting as the button's are
    (the demo's)."""
    pack = BriefingPack.objects.create(meeting=meeting, language=language, requested_by=user)
    run(pack.pk)
    pack.refresh_from_db()
    return pack


def run(pack_id: int) -> str:
    """Make a queued pack; its status at the end."""
    claimed = BriefingPack.objects.filter(pk=pack_id, status=BriefingPack.Status.QUEUED).update(
        status=BriefingPack.Status.RUNNING, progress=1
    )
    if not claimed:
        return "missing"
    pack = BriefingPack.objects.select_related("meeting").get(pk=pack_id)

    def progress(percent: int, step: str) -> None:
        BriefingPack.objects.filter(pk=pack_id).update(progress=percent, step=step)

    out_dir = private_dir(packs_root() / str(pack.meeting_id) / str(pack.pk))
    try:
        made = make(pack.meeting, out_dir, pack.language, progress)
    except Exception as error:  # the page says it failed instead of "running" forever
        BriefingPack.objects.filter(pk=pack_id).update(
            status=BriefingPack.Status.FAILED, error=repr(error)[:2000],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    root = Path(settings.DATA_DIR)
    BriefingPack.objects.filter(pk=pack_id).update(
        status=BriefingPack.Status.DONE,
        progress=100,
        step="",
        pdf_path=str(made.pdf.relative_to(root)),
        xlsx_path=str(made.xlsx.relative_to(root)),
        pages=made.pages,
        as_of=made.as_of,
        finished_at=timezone.now(),
    )
    return BriefingPack.Status.DONE


def pack_file(pack: BriefingPack, fmt: str) -> Path | None:
    """The pack's file of that format, if it is made and still there."""
    relative = pack.pdf_path if fmt == "pdf" else pack.xlsx_path if fmt == "xlsx" else ""
    if not relative:
        return None
    path = Path(settings.DATA_DIR) / relative
    return path if path.is_file() else None

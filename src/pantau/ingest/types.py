"""What an import is asked and what it answers: the request, the summary, the refusals.

Shared by the importer (`importer.import_file`, the one entry point for the CLI, the upload
wizard's background task and `pantau import dir`), the readers and the wizard; it imports no
other module of the importer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pantau.core.messages import Refusal

if TYPE_CHECKING:
    from pantau.accounts.models import User

# progress(rows_done, rows_total_or_None)
Progress = Callable[[int, int | None], None]


class FileRejected(Refusal):
    """The file as a whole cannot be imported (unreadable, empty, missing column, …).

    Nothing is stored. The CLI prints `message_id` (then `message_en`) on one line and
    exits with status 2; the web shows both.
    """


class NotAllowed(FileRejected):
    """The user may not upload for that Pemda or region (`pantau.accounts.scope`)."""


@dataclass
class ImportRequest:
    path: Path
    kind: str  # Kind.WORKERS, Kind.MEMBERS or Kind.CLAIMS
    pemda_code: str | None = None  # workers: the Pemda the list belongs to (dotted or not)
    category: str | None = None  # workers: a Category value
    year: int | None = None  # workers
    as_of: date | None = None  # members: the first day of the as-of month
    # members: the region the extract covers (dotted or not); None = the whole country, or
    # for an uploader with a region (a BPJS branch), that region. claims: the region the
    # claims must lie in, the same way.
    region_code: str | None = None
    source_name: str | None = None  # the name the user gave the file (default: path.name)
    sheet: str | None = None  # XLSX: a sheet name (default: the first sheet)
    header_row: int | None = None  # 1-based; default: found automatically
    dry_run: bool = False
    user: User | None = None  # who uploads: checked with can_upload_for; None = operator (CLI)
    # Replace the current snapshot even with fewer than 90 % of its people or with rejected
    # rows (`--replace`, the wizard's confirmation); otherwise such a file is not imported.
    replace: bool = False


@dataclass
class ImportSummary:
    status: str  # "created" | "unchanged" | "dry_run" | "needs_confirmation"
    snapshot: int | None
    rows: int
    accepted: int
    rejected: int
    warnings: int
    errors_file: str | None  # absolute path of the CSV error report (None when no issues)
    errors_xlsx: str | None = None
    header: dict[str, str] = field(default_factory=dict)  # canonical → header as written
    ignored_columns: list[str] = field(default_factory=list)
    skipped_rows: int = 0  # blank rows and totals rows, not counted in `rows`
    # What the file would replace (`replacement.Replacement.as_json`), None when nothing.
    replaces: dict[str, Any] | None = None
    # Regions of the file's people and of the report's rows (`people_regions`): who may
    # see the rows of an upload is decided from these, without reading the file again.
    people_regions: list[str | None] = field(default_factory=list)
    report_regions: list[str | None] = field(default_factory=list)
    # Claims extracts: accepted rows with a flag (`claims.FLAGS`); 0 for the other kinds.
    flagged: int = 0
    kind: str = ""

    def as_json(self) -> dict[str, Any]:
        """The CLI's `--format json` object (issue 3's interface; claims: issue 17's, with
        `flagged`)."""
        keys = ("status", "snapshot", "rows", "accepted", "rejected", "warnings", "errors_file")
        if self.kind == "claims":
            keys = (*keys[:5], "flagged", *keys[5:])
        data = asdict(self)
        return {key: data[key] for key in keys}

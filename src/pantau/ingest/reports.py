"""The error report of an import: one line per problem, in CSV and XLSX.

Columns (Indonesian first): baris (row), kolom (column), kode (code), tingkat
(error/warning), pesan (Indonesian), message (English), nilai (the value), nik and
nama of the row, so a person can find it. Values that a spreadsheet would run as a
formula are prefixed with an apostrophe.

The CSV is every issue, written by DuckDB's `COPY` (a report can run to millions of rows);
the XLSX, on the kit's workbook writer, holds the first `XLSX_MAX_ROWS` and then a line that
points to the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pantau.core.paths import private_dir, restrict_tree
from pantau.core.spreadsheet import SAFE_CELL_SQL, Column, Workbook, header
from pantau.ingest.messages import MESSAGES

XLSX_MAX_ROWS = 100_000
REPORT_COLUMNS = ("baris", "kolom", "kode", "tingkat", "pesan", "message", "nilai", "nik", "nama")
WIDTHS = (7, 14, 22, 11, 60, 60, 24, 18, 28)


@dataclass
class Report:
    csv: Path | None
    xlsx: Path | None
    issues: int


def _messages_table() -> pa.Table:
    codes = list(MESSAGES)
    return pa.table(
        {
            "code": codes,
            "severity": [MESSAGES[c][0] for c in codes],
            "message_id": [MESSAGES[c][1] for c in codes],
            "message_en": [MESSAGES[c][2] for c in codes],
        }
    )


# The report's lines of the view `checked`; `{keys}` carries columns before them (a batch's
# list number: `ingest.batch`).
ISSUES_SELECT = r"""
WITH flat AS (
    -- One scan of the rows for both lists (a million rows: a second scan cost 0.06 s).
    SELECT {keys}_row, nik_raw, name, unnest(list_concat(errors, warnings), recursive := true)
    FROM checked
    WHERE len(errors) > 0 OR len(warnings) > 0
)
SELECT {keys}f._row AS baris, f.col AS kolom, f.code AS kode,
       CASE m.severity WHEN 'error' THEN 'galat' ELSE 'peringatan' END AS tingkat,
       replace(m.message_id, '{value}', coalesce(f.value, '')) AS pesan,
       replace(m.message_en, '{value}', coalesce(f.value, '')) AS message,
       safe_cell(f.value) AS nilai, safe_cell(f.nik_raw) AS nik, safe_cell(f.name) AS nama
FROM flat f JOIN report_messages m ON m.code = f.code
"""
ISSUES_SQL = "CREATE OR REPLACE TEMP TABLE issues AS " + ISSUES_SELECT.replace("{keys}", "")


def prepare(con) -> None:
    """Once per database: the messages table and the macro the reports use."""
    con.execute(SAFE_CELL_SQL)
    con.register("report_messages_arrow", _messages_table())
    con.execute("CREATE OR REPLACE TABLE report_messages AS SELECT * FROM report_messages_arrow")
    con.unregister("report_messages_arrow")


def write(con, directory: Path) -> Report:
    """Write `errors.csv` and `errors.xlsx` into `directory` when there is anything to say."""
    con.execute(ISSUES_SQL)
    issues = con.execute("SELECT count(*) FROM issues").fetchall()[0][0]
    return write_issues(con, "issues", issues, directory)


def write_issues(con, source: str, issues: int, directory: Path) -> Report:
    """The report of the `issues` lines that `source` (a table or a subquery of
    `ISSUES_SELECT`'s columns) holds."""
    if issues == 0:
        return Report(None, None, 0)
    private_dir(directory)
    csv_path = directory / "errors.csv"
    con.execute(
        f"COPY (SELECT * FROM {source} ORDER BY baris, kolom) TO '{csv_path}' "
        "(HEADER, DELIMITER ',')"
    )
    xlsx_path = directory / "errors.xlsx"
    rows = con.execute(
        f"SELECT * FROM {source} ORDER BY baris, kolom LIMIT {XLSX_MAX_ROWS}"
    ).fetchall()
    _write_xlsx(xlsx_path, rows, truncated=issues > XLSX_MAX_ROWS, total=issues)
    restrict_tree(csv_path)  # NIKs and names: 0600 whatever the umask
    restrict_tree(xlsx_path)
    return Report(csv_path, xlsx_path, issues)


def _column(index: int, name: str, width: int) -> Column:
    # The row number as a plain number (1234, not 1,234): the file's row, not a count.
    kind = "number" if name == "baris" else "text"
    return Column(header(name), kind, lambda row: row[index], width)


XLSX_COLUMNS = tuple(
    _column(index, name, width)
    for index, (name, width) in enumerate(zip(REPORT_COLUMNS, WIDTHS, strict=True))
)


def _write_xlsx(path: Path, rows: list[tuple], truncated: bool, total: int) -> None:
    book = Workbook(path)
    sheet = book.table("Kesalahan", XLSX_COLUMNS, rows)
    if truncated:
        book.line(
            sheet,
            len(rows) + 1,
            f"{len(rows)} dari {total} baris; laporan lengkap ada di errors.csv "
            f"/ {len(rows)} of {total} rows; the full report is errors.csv",
        )
    book.close()

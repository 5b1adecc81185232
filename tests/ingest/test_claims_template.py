"""The blank claims form: Indonesian headers the import understands, a valid example that the
law agrees with, NIKs kept as text, and a guide naming the events each programme pays."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from pantau.core.vocabulary import CLAIM_EVENTS, Kind
from pantau.ingest.blank_forms import EXAMPLES, HEADERS, csv_form, xlsx_form
from pantau.ingest.formats import COLUMNS, match_header
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.rules.claims import expected_claim
from tests.ingest.files import member, write_csv


def sheet(body: bytes, name: str, tmp_path) -> list[list]:
    path = tmp_path / "form.xlsx"
    path.write_bytes(body)
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_every_claim_column_has_an_indonesian_header_the_import_reads():
    headers = list(HEADERS[Kind.CLAIMS].values())
    mapping, ignored = match_header(headers, Kind.CLAIMS)
    assert [mapping[i] for i in range(len(headers))] == list(HEADERS[Kind.CLAIMS])
    assert sorted(HEADERS[Kind.CLAIMS]) == sorted(c.name for c in COLUMNS[Kind.CLAIMS])
    assert ignored == []
    assert headers[:3] == ["no_klaim", "nik", "nama"]
    assert not set(headers) & {"claim_no", "event_date", "paid_on", "amount"}  # Indonesian


def test_the_workbook_keeps_nik_and_amount_as_text_and_explains_each_column(tmp_path):
    body = xlsx_form(Kind.CLAIMS)
    rows = sheet(body, "Data", tmp_path)
    assert rows[0] == list(HEADERS[Kind.CLAIMS].values())
    example = dict(zip(rows[0], rows[1], strict=True))
    assert example["nik"] == "6402054507900001"  # a string, not 6.40205E+15
    assert example["jumlah_dibayar"] == "42000000"
    styles = zipfile.ZipFile(io.BytesIO(body)).read("xl/styles.xml").decode()
    assert 'numFmtId="49"' in styles  # Excel's "Text" format

    guide = sheet(body, "Petunjuk", tmp_path)
    assert guide[0] == ["kolom", "wajib", "keterangan"]
    by_header = {row[0]: row for row in guide[1:] if row[0]}
    assert list(by_header) == list(HEADERS[Kind.CLAIMS].values())
    required = {c.name for c in COLUMNS[Kind.CLAIMS] if c.required}
    for name, header in HEADERS[Kind.CLAIMS].items():
        assert by_header[header][1] == ("ya" if name in required else "tidak"), header
        assert by_header[header][2], f"{header} is not explained"
    assert "tanpa beasiswa" in by_header["jumlah_dibayar"][2]
    notes = [row[2] for row in guide[1:] if not row[0]]
    for program, events in CLAIM_EVENTS.items():
        assert f"{program}: {', '.join(events)}" in notes


def test_the_example_is_what_the_law_pays():
    example = EXAMPLES[Kind.CLAIMS]
    expected = expected_claim(
        example["program"],
        example["event"],
        datetime.date.fromisoformat(example["event_date"]),
        int(example["wage"]),
    )
    assert expected is not None and expected.amount == int(example["amount"]) == 42_000_000


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_filled_in_form_imports_without_a_flag(db, tmp_path, fmt):
    # The example's NIK is the blank membership form's member, enrolled before the death.
    members = write_csv(tmp_path / "peserta.csv", [member()])
    import_file(ImportRequest(path=members, kind=Kind.MEMBERS, as_of=datetime.date(2022, 7, 1)))
    path = tmp_path / f"klaim.{fmt}"
    path.write_bytes(csv_form(Kind.CLAIMS) if fmt == "csv" else xlsx_form(Kind.CLAIMS))
    summary = import_file(ImportRequest(path=path, kind=Kind.CLAIMS, dry_run=True))
    assert (summary.rows, summary.accepted, summary.rejected, summary.flagged) == (1, 1, 0, 0)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_form_downloads_from_the_upload_page(client_as, tmp_path, fmt):
    client = client_as("bpjs", "64.71")
    response = client.get(f"/impor/templat/claims.{fmt}")
    assert response.status_code == 200
    assert f"pantau-claims.{fmt}" in response["Content-Disposition"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert body == csv_form(Kind.CLAIMS)
    else:
        assert sheet(body, "Data", tmp_path)[0] == list(HEADERS[Kind.CLAIMS].values())

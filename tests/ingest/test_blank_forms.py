"""Downloadable blank forms: Indonesian headers, a valid example, NIK kept as text."""

import io
import zipfile

import pytest

from pantau.ingest.blank_forms import HEADERS, csv_form, xlsx_form
from pantau.ingest.formats import COLUMNS, match_header
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest


@pytest.mark.parametrize("kind", ["workers", "members"])
def test_forms_have_indonesian_headers_that_import_cleanly(db, tmp_path, kind):
    from python_calamine import CalamineWorkbook

    headers = list(HEADERS[kind].values())
    # Every header is an accepted alias of its own column, and every column has one.
    mapping, ignored = match_header(headers, kind)
    assert [mapping[i] for i in range(len(headers))] == list(HEADERS[kind])
    assert sorted(HEADERS[kind]) == sorted(c.name for c in COLUMNS[kind])
    assert ignored == []
    assert "nama" in headers and "name" not in headers
    xlsx = tmp_path / "form.xlsx"
    xlsx.write_bytes(xlsx_form(kind))
    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Data").to_python()
    assert rows[0] == headers
    assert rows[1][0] == "6402054507900001"  # a string, not a float
    styles = zipfile.ZipFile(io.BytesIO(xlsx_form(kind))).read("xl/styles.xml").decode()
    assert 'numFmtId="49"' in styles  # Excel's "Text" format
    guide = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Petunjuk").to_python()
    assert guide[0] == ["kolom", "wajib", "keterangan"]
    assert [row[0] for row in guide[1 : len(headers) + 1]] == headers

    csv_path = tmp_path / "form.csv"
    csv_path.write_bytes(csv_form(kind))
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(headers)
    for path in (xlsx, csv_path):
        if kind == "workers":
            request = ImportRequest(path=path, kind=kind, pemda_code="64.02", category="non_asn",
                                    year=2025, dry_run=True)  # fmt: skip
        else:
            import datetime

            request = ImportRequest(path=path, kind=kind, as_of=datetime.date(2022, 7, 1),
                                    dry_run=True)  # fmt: skip
        summary = import_file(request)
        assert (summary.rows, summary.accepted) == (1, 1)


@pytest.mark.parametrize(("kind", "fmt"), [("workers", "xlsx"), ("members", "csv")])
def test_forms_download_for_signed_in_users(client_as, kind, fmt):
    client = client_as("viewer")
    response = client.get(f"/impor/templat/{kind}.{fmt}")
    assert response.status_code == 200
    assert f"pantau-{kind}.{fmt}" in response["Content-Disposition"]
    assert client.get("/impor/templat/people.xlsx").status_code == 404


def test_upload_link_only_for_uploading_roles(client_as):
    assert "/impor/baru/" not in client_as("viewer").get("/wilayah/64/").content.decode()
    assert "/impor/baru/" in client_as("pemda", "64").get("/wilayah/64/").content.decode()

"""`pantau gaps` exports: formula cells neutralised as on the web, files private to their
owner, and every run audited with the operating-system user who ran it."""

from __future__ import annotations

import csv
import io
import json
import os
import pwd
import stat

import pytest
from django.core.management import call_command
from django.utils import translation
from python_calamine import CalamineWorkbook

from pantau.audit.models import AuditEvent
from pantau.engine.exports import HEADERS, gaps_csv
from pantau.engine.gaps import COLUMNS
from tests.engine.ground_truth import B, C, D

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture(autouse=True)
def site_language():
    """The CLI runs in the site's language (Indonesian); an English page fetched by an
    earlier test leaves English active in this thread, so the tests say which they mean."""
    with translation.override("id"):
        yield


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_csv_cells_are_neutralised_like_the_web_exports():
    row = {name: None for name in COLUMNS}
    row |= {"nik": B, "name": "\t=HYPERLINK(\"http://x\")", "gap_cost": 2_246_400,
            "region_code": "\r=1+1", "payer_region": "64"}  # fmt: skip
    text = gaps_csv([row])
    assert text.startswith(",".join(COLUMNS) + "\r\n")  # raw names, no BOM: scripts read it
    (read,) = csv.DictReader(io.StringIO(text))
    expected = {**row, "name": "'" + row["name"], "region_code": "'\r=1+1"}
    assert read == {name: "" if value is None else str(value) for name, value in expected.items()}


def test_csv_export_is_audited_with_the_operating_system_user(ground_truth, tmp_path, umask_022):  # noqa: E501
    out = tmp_path / "celah.csv"
    call_command("gaps", "--pemda", "64.02", "--category", "non_asn", "--format", "csv",
                 "--out", str(out), stdout=io.StringIO())  # fmt: skip
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(row["nik"] for row in rows) == sorted((B, C, D))  # the CLI is not masked
    assert mode(out) == 0o600
    event = AuditEvent.objects.get(action="gaps_export_cli")
    assert event.username == "os:" + pwd.getpwuid(os.getuid()).pw_name
    assert (event.region_code, event.rows, event.user) == ("64.02", 3, None)


def test_xlsx_export_file_is_private(ground_truth, tmp_path, umask_022):
    out = tmp_path / "celah.xlsx"
    call_command("gaps", "--pemda", "64.02", "--format", "xlsx", "--out", str(out),
                 stdout=io.StringIO())  # fmt: skip
    assert mode(out) == 0o600
    assert AuditEvent.objects.get(action="gaps_export_cli").username.startswith("os:")


def test_xlsx_export_holds_the_json_rows_with_costs_as_numbers(ground_truth, tmp_path):
    out = tmp_path / "celah.xlsx"
    call_command("gaps", "--pemda", "64.02", "--category", "non_asn", "--format", "xlsx",
                 "--out", str(out), stdout=io.StringIO())  # fmt: skip
    listing = io.StringIO()
    call_command("gaps", "--pemda", "64.02", "--category", "non_asn", stdout=listing)
    expected = json.loads(listing.getvalue())["rows"]
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["Celah"]
    header, *body = book.get_sheet_by_index(0).to_python()
    assert header == [HEADERS[name] for name in COLUMNS]
    assert [row[0] for row in body] == [row["nik"] for row in expected]  # the CLI is not masked
    costs = [row[COLUMNS.index("gap_cost")] for row in body]
    assert costs == [row["gap_cost"] or "" for row in expected]
    assert any(isinstance(cost, float) and cost > 0 for cost in costs)  # numbers, not text

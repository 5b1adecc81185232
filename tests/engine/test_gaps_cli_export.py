"""`pantau gaps` exports: formula cells neutralised as on the web, files private to their
owner, and every run audited with the operating-system user who ran it."""

from __future__ import annotations

import csv
import io
import os
import pwd
import stat

import pytest
from django.core.management import call_command

from pantau.audit.models import AuditEvent
from pantau.engine.management.commands.gaps import csv_safe
from tests.engine.ground_truth import B, C, D

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_csv_cells_are_neutralised_like_the_web_exports():
    row = {"nik": B, "name": "\t=HYPERLINK(\"http://x\")", "gap_cost": 2_246_400,
           "region_code": "\r=1+1", "payer_region": "64"}  # fmt: skip
    assert csv_safe(row) == {**row, "name": "'" + row["name"], "region_code": "'\r=1+1"}


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

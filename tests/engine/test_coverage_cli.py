"""`pantau refresh` and `pantau coverage` as a person runs them (JSON shapes, refusals)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.usefixtures("own_data_directory")


def run(*args: str) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_coverage_json_shape(ground_truth):
    data = run("coverage", "--region", "6402", "--as-of", "2022-07", "--format", "json")
    assert {"region", "name", "as_of", "workforce", "active_members", "ucj_coverage",
            "members_by_segment", "lists", "children"} <= set(data)  # fmt: skip
    assert data["region"] == "64.02"
    assert set(data["lists"]["non_asn"]) >= {
        "listed", "covered", "lapsed", "not_enrolled", "coverage", "gap_cost_annual"
    }  # fmt: skip
    assert data["lists"]["non_asn"]["listed"] == 6
    assert {child["region"] for child in data["children"]} >= {"64.02.05"}


def test_national_coverage_lists_every_province(ground_truth):
    data = run("coverage", "--region", "ID", "--format", "json")
    assert data["region"] == "ID"
    assert len(data["children"]) == 38


def test_category_filter(ground_truth):
    data = run("coverage", "--region", "64", "--category", "village_official", "--format", "json")
    assert list(data["lists"]) == ["village_official"]


def test_refresh_json_reports_unchanged_then_created(ground_truth):
    assert run("refresh", "--as-of", "2022-07", "--format", "json")["status"] == "unchanged"
    again = run("refresh", "--as-of", "2022-07", "--full", "--format", "json")
    assert again["status"] == "created"
    assert again["counts"]["listed"] == 8  # seven on Kukar's lists (A twice) and G


def test_coverage_before_any_refresh_is_refused(db):
    with pytest.raises(CommandError, match="pantau refresh"):
        call_command("coverage", "--region", "64", "--format", "json", stdout=io.StringIO())


def test_gaps_json_and_audit(ground_truth):
    from pantau.audit.models import AuditEvent

    out = io.StringIO()
    call_command("gaps", "--pemda", "6402", "--category", "non_asn", "--format", "json",
                 stdout=out)  # fmt: skip
    assert json.loads(out.getvalue())["count"] == 3
    event = AuditEvent.objects.get(action="gaps_export_cli")
    assert (event.region_code, event.rows) == ("64.02", 3)  # B, C, D


def test_gap_rows_page_and_filter(ground_truth):
    from pantau.engine.gaps import gap_rows

    page = gap_rows("64.02", "non_asn", "lapsed")
    assert page.count == 2
    assert {row["status"] for row in page.rows} == {"lapsed"}
    assert all(row["gap_cost"] == 12 * 187_200 for row in page.rows)
    assert gap_rows("64.02", "non_asn", limit=1, offset=1).rows[0]["nik"]

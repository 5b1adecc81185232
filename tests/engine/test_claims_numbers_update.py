"""Claims numbers follow new data wherever numbers are updated: `pantau refresh`, the upload
wizard's background update (site.numbers.update_numbers, also run by `make demo`), with or
without a membership extract; and cached pages change when the claims numbers do."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from pantau.core.pagecache import numbers_version
from pantau.engine import claims
from pantau.site.numbers import update_numbers
from tests.engine.claims_world import JKM_2022, X, build_claims_world, claim, write_claims

pytestmark = pytest.mark.usefixtures("own_data_directory")
K9 = claim("K9", X, "JKM", "death", datetime.date(2022, 5, 1), datetime.date(2022, 6, 1),
           JKM_2022, "64.71", "apbdes", JKM_2022)  # fmt: skip


def test_pantau_refresh_brings_claims_numbers_up_to_date(db, own_data_directory, tmp_path):
    build_claims_world(tmp_path)
    out = StringIO()
    call_command("refresh", "--format", "json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["claims"]["status"] == "created"
    assert summary["claims"]["counts"] == {"claims": 5, "flagged": 3, "rows": 12}
    assert claims.by_program("")["JKM"].amount == 2 * JKM_2022
    # Cached pages show new claims numbers, even when coverage did not change.
    before = numbers_version()
    write_claims([K9])
    assert claims.refresh_claims()["status"] == "created"
    assert numbers_version() != before
    # A second run: nothing changed, nothing recomputed.
    out = StringIO()
    call_command("refresh", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["claims"]["status"] == "unchanged"


def test_update_after_an_import_without_membership_extracts(db, own_data_directory):
    write_claims([K9])
    update = update_numbers()
    assert update.refreshes == [] and update.claims["status"] == "created"
    assert claims.flagged_total("64") == 1


def test_update_refreshes_claims_once_for_many_months(db, own_data_directory, tmp_path):
    build_claims_world(tmp_path)  # June and July extracts
    update = update_numbers()
    assert len(update.refreshes) == 1  # the latest extract's month (no numbers yet)
    update = update_numbers()
    assert [r.claims for r in update.refreshes[1:]] == [{}] * (len(update.refreshes) - 1)
    assert update.claims["status"] == "unchanged"


def test_the_upload_wizards_update_brings_claims_numbers(db, own_data_directory, tmp_path):
    from types import SimpleNamespace

    from pantau.site.receivers import update_numbers_after_import

    build_claims_world(tmp_path)
    update_numbers_after_import(sender=None, run=SimpleNamespace(pk=1))
    assert claims.computed_at() is not None and claims.flagged_total("") == 3

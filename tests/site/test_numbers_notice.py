"""Feedback after an import (issue 16, part 4): while the numbers are updated after a web
import every page says so and when the numbers shown were computed; the region page says when
its month's numbers were computed."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from pantau.engine.models import Refresh
from pantau.site.freshness import STALE_AFTER, being_updated, marks_dir, updating
from tests.dashboard.coverage_data import publish
from tests.ingest.wizard import IMMEDIATE, kukar_csv, upload_and_import

pytestmark = pytest.mark.usefixtures("own_data_directory")

NOTICE = 'data-testid="numbers-updating"'


@pytest.fixture
def computed(db):
    """July 2022's numbers, computed at 14:05 UTC (21:05 in Jakarta) on 1 August 2022."""
    publish("2022-07", members={"64": (2_128, 3_176)})
    Refresh.objects.update(finished_at=datetime(2022, 8, 1, 14, 5, tzinfo=UTC))


def test_pages_say_the_numbers_are_being_updated_and_when_they_were_computed(client_as, computed):
    client = client_as("pemda", "64")
    url = reverse("dashboard:region", args=["64"])
    before = client.get(url).content.decode()
    assert NOTICE not in before
    assert "Angka per Juli 2022, dihitung 1 Agustus 2022, 21.05." in before

    with updating("import-test"):
        assert being_updated()
        for page in (url, reverse("budgets:scorecard"), reverse("rules:calculator")):
            html = client.get(page).content.decode()
            assert NOTICE in html, page
            assert "Angka sedang diperbarui setelah impor data baru" in html
            assert "Angka yang tampil dihitung 1 Agustus 2022, 21.05." in html
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
        assert "The numbers are being updated after new data was imported" in english
        assert "computed on 1 August 2022, 21:05" in english

    assert not being_updated()
    assert NOTICE not in client.get(url).content.decode()


def test_a_mark_left_by_a_worker_that_died_is_ignored(db):
    with updating("import-dead") as mark:
        old = time.time() - STALE_AFTER - 60
        os.utime(mark, (old, old))
        assert not being_updated()
    assert list(marks_dir().iterdir()) == []


def test_a_web_import_marks_the_update_until_it_is_done(client_as, settings, tmp_path):
    settings.TASKS = IMMEDIATE
    client = client_as("pemda", "64.02")
    seen = []

    def observe(execute, sql, params, many, context):
        # Queries on the budget needs run only in the update of the numbers after an import.
        if "budgets_need" in sql:
            seen.append(being_updated())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(observe):
        upload_and_import(client, kukar_csv(tmp_path / "daftar.csv"))
    assert seen and all(seen)  # marked for the whole update
    assert not being_updated()  # and no longer once it is done
    assert NOTICE not in client.get(reverse("dashboard:national")).content.decode()

"""Every view that shows people (pages, previews, exports) answers `Cache-Control: no-store`,
so no proxy or browser cache keeps names and NIKs (UU PDP 27/2022)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.ingest.models import ImportRun
from tests.ingest.wizard import IMMEDIATE, kukar_csv, upload


@pytest.fixture
def kukar(client_as, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.TASKS = IMMEDIATE
    return client_as("pemda", "64.02")


def person_level_responses(client, tmp_path):
    """(name, response) of every person-level view: the list to extend with each new one."""
    yield "region users", client.get(reverse("region-users", args=["64.02"]))
    yield "gap list", client.get(reverse("engine:gaps", args=["64.02"]))
    yield "gap list xlsx", client.get(reverse("engine:gaps", args=["64.02"]), {"format": "xlsx"})
    yield "import history", client.get(reverse("ingest:history", args=["64.02"]))
    upload(client, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    yield "upload preview", client.get(reverse("ingest:run", args=[run.pk]))
    yield "progress", client.get(reverse("ingest:progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    yield "start", client.post(reverse("ingest:start", args=[run.pk]), "mode=import",
                               content_type="application/x-www-form-urlencoded")  # fmt: skip
    yield "run summary", client.get(reverse("ingest:run", args=[run.pk]))
    for fmt in ("csv", "xlsx"):
        yield f"error report {fmt}", client.get(reverse("ingest:report", args=[run.pk, fmt]))


def test_every_person_level_view_says_no_store(kukar, tmp_path):
    seen = []
    for name, response in person_level_responses(kukar, tmp_path):
        assert response.status_code in (200, 302), (name, response.content[:500])
        assert "no-store" in response.get("Cache-Control", ""), name
        assert "private" in response["Cache-Control"], name
        seen.append(name)
    assert len(seen) == 10


def test_aggregate_pages_may_be_cached_by_the_browser(kukar):
    # The rule is for people, not for every page: the dashboard has no such header.
    response = kukar.get("/wilayah/64.02/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

"""Every change to an action is a line of its history, and done/verified keep the day done."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.monev import services
from tests.monev.world import action, balikpapan, run_json

pytestmark = pytest.mark.django_db


def test_the_history_of_an_action(make_user):
    officer = make_user("kukar", "pemda", "64.02")
    coordinator = make_user("pusat", "national", None)
    item = action(balikpapan())
    services.change_status(item, "in_progress", user=officer, on=date(2022, 8, 1))
    services.comment(item, "Usulan masuk APBD-P", user=officer)
    services.change_status(item, "done", user=officer, on=date(2022, 10, 20), note="DPA terbit")
    services.change_status(
        item, "open", user=coordinator, on=date(2022, 10, 25), note="DPA belum ditandatangani"
    )
    services.change_status(item, "done", user=officer, on=date(2022, 11, 2))
    services.change_status(item, "verified", user=coordinator, on=date(2022, 11, 3))
    history = run_json("actions", "history", str(item.pk))["history"]
    lines = [(h["day"], h["actor"], h["kind"], h["old"], h["new"], h["text"]) for h in history]
    assert lines == [
        ("2022-07-05", "baris perintah / command line", "created", None, "open", None),
        ("2022-08-01", "kukar", "status", "open", "in_progress", None),
        (lines[2][0], "kukar", "comment", None, None, "Usulan masuk APBD-P"),
        ("2022-10-20", "kukar", "status", "in_progress", "done", "DPA terbit"),
        ("2022-10-25", "pusat", "status", "done", "open", "DPA belum ditandatangani"),
        ("2022-11-02", "kukar", "status", "open", "done", None),
        ("2022-11-03", "pusat", "status", "done", "verified", None),
    ]
    item.refresh_from_db()
    # Done on the last day it was marked done, kept when verified.
    assert (item.status, item.done_on) == ("verified", date(2022, 11, 2))


def test_reopening_clears_the_day_done():
    item = action(balikpapan())
    services.change_status(item, "done", on=date(2022, 9, 1))
    services.change_status(item, "open", on=date(2022, 9, 2))
    item.refresh_from_db()
    assert item.done_on is None


def test_the_same_status_again_is_refused():
    item = action(balikpapan())
    with pytest.raises(services.MonevError) as refused:
        services.change_status(item, "open")
    assert refused.value.code == "status_same"
    assert item.events.count() == 1


def test_update_from_the_command_line_as_json():
    item = action(balikpapan())
    moved = run_json("actions", "update", str(item.pk), "--status", "done", "--on", "2022-10-01")
    assert (moved["id"], moved["status"], moved["done_on"]) == (item.pk, "done", "2022-10-01")
    assert [h["new"] for h in moved["history"]] == ["open", "done"]

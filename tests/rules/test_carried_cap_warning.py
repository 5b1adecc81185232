"""From March 2027 the JP wage cap is carried forward (docs/rules.md): a result's `warnings`
holds the (Bahasa Indonesia, English) pair once; while the cap is known there is none."""

from __future__ import annotations

from datetime import date

from pantau.rules import contributions, schedules

CARRIED = (
    "batas upah JP mulai 2027-03 belum diketahui; dipakai batas terakhir yang diketahui "
    "Rp11.086.300 (sejak 2026-03), jadi iuran JP bisa berbeda.",
    "the JP wage cap from 2027-03 is not known yet; the last known cap Rp11.086.300 "
    "(since 2026-03) is used, so the JP contribution may differ.",
)


def _warnings(day: date) -> tuple[tuple[str, str], ...]:
    return contributions.compute(
        schedules.active(), "pu", day, ("jht", "jp", "jkp"),
        wage=12_000_000, income=None, risk_class=1,
    ).warnings  # fmt: skip


def test_a_carried_cap_warns_once_in_both_languages():
    assert _warnings(date(2027, 4, 1)) == (CARRIED,)


def test_a_known_cap_gives_no_warning():
    assert _warnings(date(2026, 4, 1)) == ()

"""The Balikpapan meeting of 5 July 2022 as test data: Kaltim (64) and Kaltara (65), the
coordination team, Kutai Kartanegara (64.02) and Samarinda (64.72) as owners."""

from __future__ import annotations

import io
import json
from datetime import date

from django.core.management import call_command

from pantau.monev import services

MEETING_DAY = date(2022, 7, 5)


def balikpapan(**changes):
    values = dict(
        title="Monev Inpres 2/2021 Kaltim dan Kaltara",
        held_on=MEETING_DAY,
        place="Balikpapan",
        regions=["64", "65"],
        agencies=["Kemenko PMK", "Kemendagri", "Setkab", "KSP"],
    )
    values.update(changes)
    return services.create_meeting(**values)


def action(meeting, owner="64.02", due=date(2022, 10, 31), text="Anggarkan Non ASN", **more):
    return services.add_action(meeting=meeting, owner=owner, due=due, text=text, **more)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def run_json(*args: str) -> dict:
    return json.loads(run(*args, "--format", "json"))

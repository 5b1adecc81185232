"""The demo's briefing pack: the Balikpapan meeting's, made once and kept with the meeting,
so its page offers the PDF and the XLSX at once."""

from __future__ import annotations

from pantau.monev.models import Meeting
from pantau.packs import services
from pantau.packs.models import BriefingPack
from pantau.site.demo.monev import BALIKPAPAN_DAY, TITLE


def load_demo_pack() -> BriefingPack | None:
    """The Balikpapan pack in Indonesian; None without the meeting. Idempotent."""
    meeting = Meeting.objects.filter(title=TITLE, held_on=BALIKPAPAN_DAY).first()
    if meeting is None:
        return None
    kept = BriefingPack.objects.filter(meeting=meeting, status=BriefingPack.Status.DONE).first()
    return kept or services.make_kept(meeting, "id")

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command


@pytest.fixture
def pack_meeting(db, own_data_directory, tmp_path):
    from tests.packs.world import build

    return build(tmp_path)


@pytest.fixture
def make_pack(pack_meeting, tmp_path):
    """`make_pack("en")`: the meeting's pack through the command line; its JSON answer."""

    def make(language: str = "id") -> dict:
        out = io.StringIO()
        call_command("meetings", "pack", str(pack_meeting.pk), "--out", str(tmp_path / language),
                     "--language", language, "--format", "json", stdout=out)  # fmt: skip
        return json.loads(out.getvalue())

    return make

"""`pantau meetings pack ID --out DIR --format json`: the interface other tools rely on."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_the_json_answer_and_private_files(make_pack):
    made = make_pack("id")
    assert set(made) == {"pdf", "xlsx", "pages", "as_of"}
    for key in ("pdf", "xlsx"):
        path = Path(made[key])
        assert path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Path(made["pdf"]).read_bytes().startswith(b"%PDF-")
    assert Path(made["xlsx"]).read_bytes().startswith(b"PK")  # a zip package
    assert not list(Path(made["pdf"]).parent.glob("*.partial"))


@pytest.mark.parametrize("meeting", ["999999", "abc"])
def test_an_unknown_meeting_exits_2_and_writes_nothing(db, tmp_path, meeting):
    with pytest.raises(CommandError) as raised:
        call_command("meetings", "pack", meeting, "--out", str(tmp_path / "out"),
                     "--format", "json", stdout=io.StringIO())  # fmt: skip
    assert raised.value.returncode == 2
    assert " / " in str(raised.value)  # Indonesian, then English
    assert not (tmp_path / "out").exists()


def test_a_meeting_without_numbers_still_gets_its_pack(db, own_data_directory, tmp_path):
    from tests.monev.world import balikpapan

    meeting = balikpapan()
    out = io.StringIO()
    call_command("meetings", "pack", str(meeting.pk), "--out", str(tmp_path),
                 "--format", "json", stdout=out)  # fmt: skip
    made = json.loads(out.getvalue())
    assert made["as_of"] is None and made["pages"] >= 1


def test_a_title_with_quotes_and_braces_prints_as_written(db, own_data_directory, tmp_path):
    from tests.monev.world import balikpapan
    from tests.packs.files import pdf_pages

    title = 'Rapat "Kaltim" {uji} \\ <b>selesai</b>'
    meeting = balikpapan(title=title)
    out = io.StringIO()
    call_command("meetings", "pack", str(meeting.pk), "--out", str(tmp_path),
                 "--format", "json", stdout=out)  # fmt: skip
    pages = pdf_pages(Path(json.loads(out.getvalue())["pdf"]))
    assert all(f"{title} · 5 Juli 2022" in page for page in pages)  # the footer of each page

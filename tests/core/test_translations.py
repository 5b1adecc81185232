"""Every UI string has its English translation, and the compiled catalogue is current."""

from pathlib import Path

import polib
import pytest

import pantau

LOCALE = Path(pantau.__file__).parent / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert not po.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    expected = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in po.translated_entries()
    }
    actual = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in compiled}
    assert actual == expected, "run `make messages` to compile the catalogue"


def test_there_is_an_english_catalogue():
    assert [path.parts[-3] for path in CATALOGUES] == ["en"]

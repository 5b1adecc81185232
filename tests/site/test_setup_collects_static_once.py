"""`pantau setup` collects static files only when their sources changed (hashing and
compressing 1,300 files took seconds of every second setup)."""

from __future__ import annotations

import io
import os

import pytest

from pantau.site.setup import collect_static


@pytest.fixture
def own_static(settings, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "extra.css").write_text("body { color: black; }")
    settings.DATA_DIR = tmp_path / "data"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_DIRS = [sources]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return sources


def test_unchanged_sources_are_not_collected_again(own_static, settings):
    assert collect_static(io.StringIO()) is True
    assert (settings.STATIC_ROOT / "extra.css").exists()
    assert collect_static(io.StringIO()) is False
    marker = settings.DATA_DIR / "cache" / "static-sources"
    assert marker.stat().st_mode & 0o777 == 0o600


def test_a_changed_source_or_a_removed_static_root_collects_again(own_static, settings):
    collect_static(io.StringIO())
    changed = own_static / "extra.css"
    changed.write_text("body { color: navy; }")
    # collectstatic itself copies a file only when it is newer by a whole second.
    os.utime(changed, (changed.stat().st_atime + 5, changed.stat().st_mtime + 5))
    assert collect_static(io.StringIO()) is True
    assert "navy" in (settings.STATIC_ROOT / "extra.css").read_text()
    assert collect_static(io.StringIO()) is False

    (own_static / "new.js").write_text("// new")
    assert collect_static(io.StringIO()) is True

    for root, _, files in os.walk(settings.STATIC_ROOT, topdown=False):
        for name in files:
            os.unlink(os.path.join(root, name))
        os.rmdir(root)
    assert collect_static(io.StringIO()) is True
    assert (settings.STATIC_ROOT / "extra.css").exists()

"""A strict Content-Security-Policy on every page, and templates that need nothing looser:
no inline scripts, styles or event handlers (the browser tests fail on any violation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pantau

TEMPLATES = sorted(Path(pantau.__file__).parent.rglob("templates/**/*.html"))
# What a policy without 'unsafe-inline' refuses to run or apply.
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "hx-on handler": re.compile(r"\shx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def policy(response) -> dict[str, set[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = set(values)
    return directives


@pytest.mark.parametrize("url", ["/accounts/login/", "/wilayah/64.02/", "/kalkulator/",
                                 "/wilayah/64.02/celah/", "/tidak-ada/"])  # fmt: skip
def test_every_page_has_a_strict_policy(client_as, url):
    response = client_as("pemda", "64.02").get(url)
    directives = policy(response)
    assert directives["script-src"] == {"'self'"}
    assert directives["style-src"] == {"'self'"}
    assert directives["object-src"] == {"'none'"}
    assert directives["frame-ancestors"] == {"'none'"}
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_templates_hold_no_inline_code():
    assert TEMPLATES
    found = [
        f"{path.relative_to(Path(pantau.__file__).parent)}: {what}"
        for path in TEMPLATES
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_htmx_is_told_to_add_no_inline_style_and_to_eval_nothing(client_as):
    page = client_as("viewer").get("/wilayah/64.02/").content.decode()
    assert '"includeIndicatorStyles": false' in page and '"allowEval": false' in page

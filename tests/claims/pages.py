"""Reading the claims page in tests: the visible text of a table's rows, by its test id."""

from __future__ import annotations

import html
import re


def table_rows(content: bytes | str, testid: str) -> list[list[str]]:
    text = content.decode() if isinstance(content, bytes) else content
    match = re.search(rf'<table data-testid="{testid}">(.*?)</table>', text, re.S)
    assert match, f"no table {testid}"
    body = match.group(1).split("</thead>", 1)[-1]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return rows


def visible(content: bytes | str) -> str:
    text = content.decode() if isinstance(content, bytes) else content
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())

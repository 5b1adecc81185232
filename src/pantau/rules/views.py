"""The calculator page: contributions, benefits and budget need, with the working shown."""

from __future__ import annotations

import datetime
import re

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pantau.core.display import month_label
from pantau.rules.forms import FORMS

# rules/ writes the working in both languages: Bahasa Indonesia with ISO months and days,
# which the CLI and the API keep (scripts read them), and English with months and days in
# words. The page shows the active language's, with any ISO month or day left (in a data
# file's note) in words of that language.
ISO_DAY_OR_MONTH = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")

TABS = [
    ("iuran", _("Iuran sebulan")),
    ("jkm", _("Manfaat JKM")),
    ("jkk", _("Manfaat JKK")),
    ("anggaran", _("Kebutuhan anggaran")),
]


def calculator(request):
    """`/kalkulator/?jenis=iuran&…`: any logged-in user; nothing is stored."""
    kind = request.GET.get("jenis", "iuran")
    if kind not in FORMS:
        kind = "iuran"
    asked = any(name in request.GET for name in FORMS[kind].base_fields)
    form = FORMS[kind](request.GET if asked else None, prefix=None)
    result = form.calculate() if asked else None
    language = _language()
    return render(
        request,
        "rules/calculator.html",
        {
            "tabs": TABS,
            "kind": kind,
            "form": form,
            "result": result,
            "data": _for_people(result.as_dict(language), language) if result else None,
            "working": _for_people(result.working(language), language) if result else [],
        },
    )


def _language() -> str:
    """The working's language: "en" when the page is in English, else "id"."""
    return "en" if (get_language() or "id").startswith("en") else "id"


def in_words(text: str, language: str = "id") -> str:
    """`2022-07` → `Juli 2022` (`July 2022`), `2022-07-14` → `14 Juli 2022` (`14 July 2022`):
    in the language of the working around it."""

    def label(match: re.Match) -> str:
        year, month, day = match.groups()
        words = month_label(datetime.date(int(year), int(month), 1), language)
        return f"{int(day)} {words}" if day else words

    return ISO_DAY_OR_MONTH.sub(label, text)


def _for_people(value, language: str):
    """The result's texts with months and days in words; numbers and codes untouched."""
    if isinstance(value, str):
        return in_words(value, language)
    if isinstance(value, list):
        return [_for_people(item, language) for item in value]
    if isinstance(value, dict):
        return {key: _for_people(item, language) for key, item in value.items()}
    return value

"""The calculator page: contributions, benefits and budget need, with the working shown."""

from __future__ import annotations

import datetime
import re

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from pantau.core.display import month_label
from pantau.rules.forms import FORMS

# The working is written by rules/ in Bahasa Indonesia with ISO months and days, which the
# CLI and the API keep (scripts read them); on the page they read as people write them.
ISO_DAY_OR_MONTH = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")

# Benefit components by their stable code (rules/ names them in Bahasa Indonesia).
COMPONENT_NAMES = {
    "lump_sum": _("Santunan sekaligus"),
    "periodic": _("Santunan berkala"),
    "funeral": _("Biaya pemakaman"),
    "death_lump_sum": _("Santunan kematian"),
    "total_disability": _("Santunan cacat total tetap"),
}

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
    return render(
        request,
        "rules/calculator.html",
        {
            "tabs": TABS,
            "kind": kind,
            "form": form,
            "result": result,
            "data": _shown(result) if result is not None else None,
            "working": _for_people(result.working()) if result is not None else [],
        },
    )


def in_words(text: str) -> str:
    """`2022-07` → `Juli 2022`, `2022-07-14` → `14 Juli 2022`: Indonesian, as the working
    around it is."""

    def label(match: re.Match) -> str:
        year, month, day = match.groups()
        words = month_label(datetime.date(int(year), int(month), 1), "id")
        return f"{int(day)} {words}" if day else words

    return ISO_DAY_OR_MONTH.sub(label, text)


def _shown(result) -> dict:
    """The result's numbers for the page: benefit components named in the user's language."""
    data = _for_people(result.as_dict())
    components = getattr(result, "components", None)  # benefits only
    for item, component in zip(data["components"] if components else [], components or (),
                               strict=True):  # fmt: skip
        item["name"] = COMPONENT_NAMES.get(component.code, item["name"])
    return data


def _for_people(value):
    """The result's texts with months and days in words; numbers and codes untouched."""
    if isinstance(value, str):
        return in_words(value)
    if isinstance(value, list):
        return [_for_people(item) for item in value]
    if isinstance(value, dict):
        return {key: _for_people(item) for key, item in value.items()}
    return value

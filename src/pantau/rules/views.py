"""The calculator page: contributions, benefits and budget need, with the working shown."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from pantau.rules.forms import FORMS

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
            "data": result.as_dict() if result is not None else None,
            "working": result.working() if result is not None else [],
        },
    )

"""Template filters every page uses; registered as builtins in settings."""

import datetime
from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.html import format_html

from pantau.core.display import moment_label as _moment_label
from pantau.core.display import month_label as _month_label
from pantau.core.display import percent as _percent
from pantau.core.display import short_rupiah as _short_rupiah
from pantau.core.money import format_count, format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    if value is None or value == "":
        return "–"
    return format_rupiah(value)


@register.filter
def short_rupiah(value):
    """`{{ amount|short_rupiah }}` on a card: `Rp523,4 jt` shown, the full `Rp523.356.000` in
    its title and read out by screen readers."""
    if value is None or value == "":
        return "–"
    full = format_rupiah(value)
    return format_html(
        '<span class="amount" title="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        full,
        _short_rupiah(value),
        full,
    )


@register.filter
def count(value):
    if value is None or value == "":
        return "–"
    return format_count(value)


@register.filter
def month_label(value):
    """`{{ month|month_label }}`: `Juli 2022` / `July 2022`; a `YYYY-MM` text is read too."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        value = datetime.date.fromisoformat(f"{value[:7]}-01")
    return _month_label(value)


@register.filter
def moment_label(value):
    """`{{ when|moment_label }}`: `3 Desember 2026, 21.05` / `3 December 2026, 21:05`."""
    if value is None or value == "":
        return "–"
    return _moment_label(value)


@register.filter
def share(value):
    """`{{ value|share }}`: a share (`0.35`, `Decimal("0.3500")`) as `35,0 %` / `35.0 %`."""
    if value is None or value == "":
        return "–"
    return _percent(Fraction(Decimal(str(value))))

"""Filters and the sortable column header of the dashboard templates."""

from __future__ import annotations

from fractions import Fraction

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pantau.core.display import percent as percent_text
from pantau.core.vocabulary import Category
from pantau.dashboard.indicators import INDICATORS, Indicator, display

register = template.Library()

# Columns whose first click sorts the largest first (counts and shares); names go A→Z.
DESCENDING_FIRST = frozenset(INDICATORS)


@register.filter
def percent(value):
    # A missing number reaches a filter as "" (the template's invalid-variable value).
    return percent_text(value if isinstance(value, Fraction) else None)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def value_of(numbers, indicator: Indicator) -> str:
    return display(indicator, numbers.value(indicator))


# Sources Pantau writes are "Indonesian / English"; a source someone typed is shown as typed.
BILINGUAL_SOURCE = " / Pantau demo"


@register.filter
def source_text(source: str) -> str:
    """A workforce source in the page's language when it is one of Pantau's bilingual ones."""
    indonesian, separator, english = source.partition(BILINGUAL_SOURCE)
    if not separator:
        return source
    return f"Pantau demo{english}" if (get_language() or "id").startswith("en") else indonesian


@register.filter
def category_label(value: str) -> str:
    return str(dict(Category.choices).get(value, value))


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str, css: str = ""):
    """`<th>` whose link sorts the table by `key`, toggling the direction on a second click."""
    current = context.get("sort", "peringkat")
    kept = context["kept"].copy()
    if current == key:
        target, state = f"-{key}", "ascending"
    elif current == f"-{key}":
        target, state = key, "descending"
    else:
        target, state = (f"-{key}" if key in DESCENDING_FIRST else key), "none"
    kept["urut"] = target
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(state, "")
    hint = _("urutkan") if state == "none" else _("balik urutan")
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}"><a href="?{}" title="{}">{}{}</a></th>',
        css, state, kept.urlencode(), hint, label, arrow,
    )  # fmt: skip

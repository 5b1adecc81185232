"""Template filters every page uses; registered as builtins in settings."""

from django import template

from pantau.core.money import format_count, format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    if value is None or value == "":
        return "–"
    return format_rupiah(value)


@register.filter
def count(value):
    if value is None or value == "":
        return "–"
    return format_count(value)

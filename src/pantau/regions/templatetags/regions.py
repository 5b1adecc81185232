"""Template filters for regions that every page uses; registered as builtins in settings."""

from django import template

from pantau.regions.choices import LEVEL_PLURAL
from pantau.regions.codes import undotted

register = template.Library()


@register.filter(name="undotted")
def undotted_filter(code):
    return undotted(code)


@register.filter
def level_label(level):
    """Heading for a count of regions of a level ("Kecamatan" / "Districts")."""
    return LEVEL_PLURAL.get(level, level)


@register.filter
def descendant_count(region, level):
    """`{{ child|descendant_count:"village" }}`: precomputed, never a query."""
    return getattr(region, f"{level}_count", None)

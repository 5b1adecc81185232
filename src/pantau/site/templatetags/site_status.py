"""`{% site_status as status %}` in base.html: the demo banner and the numbers-update notice.

Read once per request (kept on the request), outside the page cache: they change without the
numbers changing (a demo marked, an update started).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django import template

from pantau.core.demo import DemoWorld, demo_world
from pantau.engine import coverage
from pantau.site.freshness import being_updated

register = template.Library()


@dataclass
class SiteStatus:
    demo: DemoWorld | None
    updating: bool

    @cached_property
    def computed_at(self) -> datetime | None:
        """When the numbers pages show were computed; asked only while an update runs."""
        return coverage.computed_at()


@register.simple_tag(takes_context=True)
def site_status(context) -> SiteStatus:
    request = context.get("request")
    status = getattr(request, "_pantau_site_status", None)
    if status is None:
        status = SiteStatus(demo_world(), being_updated())
        if request is not None:
            request._pantau_site_status = status
    return status

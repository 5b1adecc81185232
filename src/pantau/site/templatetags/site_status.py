"""`{% site_status as status %}` in base.html: the demo banner and the numbers notice
(`site/_numbers_notice.html`: being updated, or new data not yet in the numbers).

Read once per request (kept on the request), outside the page cache: they change without the
numbers changing (a demo marked, an update started, a list imported from the command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django import template
from django.http import HttpRequest

from pantau.core.demo import DemoWorld, demo_world
from pantau.core.pagecache import kept_for_version, known_numbers_version
from pantau.engine import coverage
from pantau.site.freshness import Unrefreshed, being_updated, imported_since_refresh

register = template.Library()


@dataclass
class SiteStatus:
    demo: DemoWorld | None
    updating: bool
    signed_in: bool = False
    request: HttpRequest | None = None

    @cached_property
    def computed_at(self) -> datetime | None:
        """When the numbers pages show were computed; asked only while an update runs."""
        return coverage.computed_at()

    @cached_property
    def unrefreshed(self) -> Unrefreshed | None:
        """Data imported since the last refresh, for signed-in users' pages only (the sign-in
        page shows no numbers); asked only when no update runs. On a cached page, found once
        per version of the numbers the page read (`pantau.site.pagecache` watches every
        table the query reads): the query, lists in force among every snapshot, was a third
        of such a page's time. Other pages ask it (one query) rather than read the version."""
        if not self.signed_in or self.updating:
            return None
        version = known_numbers_version(self.request)
        if version is None:
            return imported_since_refresh()
        return kept_for_version("unrefreshed", version, imported_since_refresh)


@register.simple_tag(takes_context=True)
def site_status(context) -> SiteStatus:
    request = context.get("request")
    status = getattr(request, "_pantau_site_status", None)
    if status is None:
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        status = SiteStatus(demo_world(), being_updated(), signed_in, request)
        if request is not None:
            request._pantau_site_status = status
    return status

"""What the person-level endpoints share: `?format=csv`, the paging of rows a service pages
itself (gap lists, flagged claims), month parameters and the 403 of a region outside scope."""

from __future__ import annotations

from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import LimitOffsetPagination

from pantau.claims.summary import parse_month

OUTSIDE_SCOPE = (
    "Data orang di wilayah ini tidak dapat Anda lihat / you may not see the people of this region."
)


class NoStore:
    """Person-level answers are kept by no shared cache nor the client's (as the pages'
    `NoStoreMixin`)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


def refuse_outside_scope():
    raise PermissionDenied(OUTSIDE_SCOPE)


MAX_OFFSET = 10**12
# The last month a period may end with: the services count up to the month after it.
LAST_YEAR = 9998


class ServicePagination(LimitOffsetPagination):
    """limit/offset paging of rows that the service reads a page of itself (DuckDB over the
    lake): the view asks for `window()`, calls the service once, then `respond()`."""

    max_limit = 1000

    def window(self, request) -> tuple[int, int]:
        self.request = request
        self.limit = self.get_limit(request)
        # Far beyond any list, and inside the 64-bit integers DuckDB pages with.
        self.offset = min(self.get_offset(request), MAX_OFFSET)
        return self.limit, self.offset

    def respond(self, count: int, rows: list):
        self.count = count
        return self.get_paginated_response(rows)


def month_param(request, name: str):
    """`?from=YYYY-MM`: the month, None when absent, a 400 when it is not a month."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    month = parse_month(raw)
    if month is None or month.year > LAST_YEAR:
        raise ValidationError({name: ["harus YYYY-MM / must be YYYY-MM"]})
    return month


def lake_text(value) -> str | None:
    """A value read from the lake as JSON text: a date in ISO form, anything else as text."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)

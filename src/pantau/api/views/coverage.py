"""Coverage: the same object as `pantau coverage --format json`, read from the same
pre-aggregated tables as the pages; and a region's trend over every month."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from pantau.core.command import UsageError, parse_month
from pantau.core.vocabulary import Category
from pantau.engine import coverage
from pantau.engine.models import NATIONAL
from pantau.regions.lookup import RegionNotFound, get_region

AS_OF = OpenApiParameter("as_of", str, description="YYYY-MM (default: the latest month)")
CATEGORY = OpenApiParameter("category", str, enum=Category.values)


def _month(request):
    raw = request.query_params.get("as_of")
    if not raw:
        return None
    try:
        return parse_month(raw)
    except (UsageError, ValueError):
        raise ValidationError({"as_of": ["harus YYYY-MM / must be YYYY-MM"]}) from None


def _category(request):
    raw = request.query_params.get("category")
    if raw and raw not in Category.values:
        raise ValidationError(
            {"category": [f"salah satu dari / one of {', '.join(Category.values)}"]}
        )
    return raw or None


class CoverageView(APIView):
    @extend_schema(parameters=[AS_OF, CATEGORY], responses=OpenApiTypes.OBJECT)
    def get(self, request, code: str):
        """The coverage of a region (`ID` for Indonesia) and its children in a month."""
        try:
            data = coverage.region_coverage(code, _month(request), _category(request))
        except (coverage.NoCoverage, RegionNotFound) as error:
            raise NotFound(str(error)) from None
        return Response(serializers.JSONField().to_representation(data))


class TrendView(APIView):
    @extend_schema(parameters=[CATEGORY], responses=OpenApiTypes.OBJECT)
    def get(self, request, code: str):
        """A region's members, UCJ and lists in every month with numbers, oldest first."""
        category = _category(request) or ""
        if str(code).strip().lower() in coverage.NATIONAL_NAMES:
            region_code = NATIONAL
        else:
            try:
                region_code = get_region(code).code
            except RegionNotFound as error:
                raise NotFound(str(error)) from None
        months = coverage.months()
        members = {r.generation: r for r in coverage.member_rows(months, region_code)}
        lists = {r.generation: r for r in coverage.list_rows(months, region_code, category)}
        rows = []
        for month in months:
            member, listed = members.get(month.generation), lists.get(month.generation)
            rows.append({
                "as_of": f"{month.as_of:%Y-%m}",
                "active_members": member.active_members if member else None,
                "workforce": member.workforce if member else None,
                "ucj_coverage": coverage.share(member.active_members, member.workforce)
                if member else None,
                "listed": listed.listed if listed else None,
                "covered": listed.covered if listed else None,
                "list_coverage": coverage.share(listed.covered, listed.listed) if listed else None,
            })  # fmt: skip
        return Response({"region": region_code, "category": category or None, "months": rows})

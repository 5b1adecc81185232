"""`/api/v1/gaps/<code>/`: the gap list of a region (who on the lists counted there is lapsed
or never enrolled), exactly as the gap page lists it (`engine.gaps.gap_rows`): the same
scope (`can_view_person_data`: 403 outside the user's subtree and for viewers), NIK masked
unless `can_view_nik`, every page read audited before it leaves; `?format=csv` is the
gap list's CSV (`engine.exports.gaps_csv`, the one `pantau gaps --format csv` writes)."""

from __future__ import annotations

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from pantau.accounts.scope import can_view_nik, can_view_person_data, mask_nik
from pantau.api.renderers import CSVRenderer, wants_csv
from pantau.api.views.people_common import (
    NoStore,
    ServicePagination,
    lake_text,
    refuse_outside_scope,
)
from pantau.audit.actions import record
from pantau.core.command import UsageError, parse_month
from pantau.core.vocabulary import Category
from pantau.engine.coverage import NoCoverage
from pantau.engine.exports import gaps_csv
from pantau.engine.gaps import COLUMNS, STATUSES, gap_rows
from pantau.regions.lookup import get_region
from pantau.regions.models import Region

AUDIT_VIEW = "api_gaps_view"
AUDIT_EXPORT = "api_gaps_export_csv"


class GapFilterSet(django_filters.FilterSet):
    """The gap page's filters (`?kategori=`, `?status=`) under the API's names; a value
    that is not one of them is a 400 (the page ignores it)."""

    category = django_filters.ChoiceFilter(choices=Category.choices)
    status = django_filters.ChoiceFilter(choices=[(s, s) for s in STATUSES])
    as_of = django_filters.CharFilter(max_length=7)

    def clean_values(self) -> dict:
        if not self.is_valid():
            raise ValidationError(self.errors)
        values = dict(self.form.cleaned_data)
        raw = values.get("as_of")
        values["as_of"] = None
        if raw:
            try:
                values["as_of"] = parse_month(raw)
            except (UsageError, ValueError):
                raise ValidationError({"as_of": ["harus YYYY-MM / must be YYYY-MM"]}) from None
        return values


class GapRowSerializer(serializers.Serializer):
    nik = serializers.CharField(help_text="Disamarkan kecuali peran boleh / masked unless allowed")
    name = serializers.CharField(allow_null=True)
    birth_date = serializers.CharField(allow_null=True, help_text="YYYY-MM-DD")
    region_code = serializers.CharField(allow_null=True, help_text="work place")
    pemda = serializers.CharField()
    pemda_name = serializers.CharField()
    category = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUSES)
    member_status = serializers.CharField(allow_null=True)
    paid_until = serializers.CharField(allow_null=True)
    payer_type = serializers.CharField(allow_null=True)
    payer_region = serializers.CharField(allow_null=True)
    gap_cost = serializers.IntegerField(allow_null=True, help_text="Rupiah per year")


PARAMETERS = [
    OpenApiParameter("category", str, enum=Category.values),
    OpenApiParameter("status", str, enum=list(STATUSES)),
    OpenApiParameter("as_of", str, description="YYYY-MM (default: the latest month)"),
    OpenApiParameter("format", str, enum=["json", "csv"],
                     description="csv: the whole list (`pantau gaps --format csv`)"),
]  # fmt: skip


class GapListView(NoStore, generics.ListAPIView):
    """The people counted in a region (any level) who are lapsed or never enrolled, ordered
    by name and NIK. Person-level: only inside the user's region, never for viewers;
    NIK masked unless the role may see it; every read is in the audit trail."""

    serializer_class = GapRowSerializer
    pagination_class = ServicePagination
    renderer_classes = [JSONRenderer, CSVRenderer]
    filter_backends: list = []

    @extend_schema(
        parameters=PARAMETERS,
        responses={
            (200, "application/json"): GapRowSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, code: str):
        region = get_region(code)
        if not can_view_person_data(request.user, region.code):
            refuse_outside_scope()
        values = GapFilterSet(request.query_params, queryset=Region.objects.none()).clean_values()
        category, status = values.get("category") or None, values.get("status") or None
        show_nik = can_view_nik(request.user, region.code)
        if wants_csv(request):
            return self._csv(request, region, category, status, values["as_of"], show_nik)
        paginator = self.paginator
        limit, offset = paginator.window(request)
        try:
            page = gap_rows(region.code, category, status, values["as_of"],
                            limit=limit, offset=offset)  # fmt: skip
        except (NoCoverage, ValueError) as error:
            raise NotFound(str(error)) from None
        if page.rows:
            record(request.user, AUDIT_VIEW, region.code,
                   f"{category or ''} {status or ''} {page.as_of:%Y-%m} offset {offset} "
                   f"NIK {'lengkap' if show_nik else 'disamarkan'}",
                   rows=len(page.rows), request=request)  # fmt: skip
        return paginator.respond(page.count, shown(page.rows, show_nik))

    def _csv(self, request, region, category, status, as_of, show_nik):
        try:
            page = gap_rows(region.code, category, status, as_of)
        except (NoCoverage, ValueError) as error:
            raise NotFound(str(error)) from None
        record(request.user, AUDIT_EXPORT, region.code,
               f"{category or ''} {status or ''} {page.as_of:%Y-%m} "
               f"NIK {'lengkap' if show_nik else 'disamarkan'}",
               rows=page.count, request=request)  # fmt: skip
        rows = page.rows if show_nik else [masked(row) for row in page.rows]
        response = Response(gaps_csv(rows), content_type="text/csv; charset=utf-8")
        name = f"celah-{region.code}-{page.as_of:%Y-%m}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def masked(row: dict) -> dict:
    return {**row, "nik": mask_nik(row["nik"]) if row["nik"] else row["nik"]}


def shown(rows: list[dict], show_nik: bool) -> list[dict]:
    """The rows as JSON: NIK masked unless allowed, the Pemda's name, dates as ISO text."""
    names = dict(
        Region.objects.filter(code__in={row["pemda"] for row in rows}).values_list("code", "name")
    )
    out = []
    for row in rows if show_nik else map(masked, rows):
        item = {column: lake_text(row[column]) for column in COLUMNS}
        item["gap_cost"] = int(row["gap_cost"]) if row["gap_cost"] is not None else None
        item["pemda_name"] = names.get(row["pemda"], row["pemda"])
        out.append(item)
    return out

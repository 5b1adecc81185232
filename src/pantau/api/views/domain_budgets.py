"""Budgets: each Pemda's status per category (what `/anggaran/` shows, `status.rows_for`),
and the APBD allocations, read by everyone signed in (aggregates) and written only by the
Pemda's own officers (`scope.can_edit_budget`) through the page form's service
(`allocations.services.record_allocation`, then the Pemda's need recomputed as the page
does), every write audited."""

from __future__ import annotations

from fractions import Fraction

import django_filters
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from pantau.accounts.scope import can_edit_budget
from pantau.api.renderers import JSON_AND_CSV, wants_csv
from pantau.api.views.domain_common import (
    NUMBER_MESSAGES,
    TEXT_MESSAGES,
    audited,
    bilingual,
    choice_filter,
    choice_param,
    code_param,
    query,
    strict_boolean,
    year_param,
)
from pantau.budgets import exports
from pantau.budgets.allocations.services import (
    AllocationConflict,
    AllocationRejected,
    record_allocation,
    validate,
)
from pantau.budgets.choices import BudgetStatus, EntrySource, Stage
from pantau.budgets.models import Allocation
from pantau.budgets.need import refresh_needs
from pantau.budgets.status import Scope, rows_for, scope_of
from pantau.budgets.views import chosen_year, data_years, describe
from pantau.core.display import round_half_up
from pantau.core.downloads import download
from pantau.core.vocabulary import FIRST_YEAR, PROGRAMS, Category
from pantau.regions.lookup import RegionNotFound

AUDIT_ALLOCATION = "api_allocation_record"
REGION_HELP = "kode wilayah (provinsi, kabupaten/kota) atau ID / region code or ID"


def region_scope(code: str | None) -> Scope:
    try:
        return scope_of(code)
    except RegionNotFound:
        raise ValidationError(
            {"region": [f"kode wilayah tidak dikenal / unknown region code: {code!r}"]}
        ) from None


# ---------------------------------------------------------------- status


class StatusParams(serializers.Serializer):
    region = code_param(help_text=REGION_HELP)
    year = year_param()
    status = choice_param(BudgetStatus.values)
    category = choice_param(Category.values)


class BudgetRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    category = serializers.CharField(help_text=", ".join(Category.values))
    need = serializers.IntegerField(allow_null=True)
    allocated = serializers.IntegerField(allow_null=True)
    realized = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text=", ".join(BudgetStatus.values))
    flags = serializers.ListField(child=serializers.CharField())
    realization_rate = serializers.SerializerMethodField()
    persons_listed = serializers.IntegerField()
    persons_budgeted = serializers.IntegerField(allow_null=True)
    persons_without_wage = serializers.IntegerField()
    stage = serializers.CharField(allow_null=True)
    programs = serializers.CharField(allow_blank=True)
    document = serializers.CharField(allow_blank=True)

    def get_realization_rate(self, row) -> float | None:
        rate: Fraction | None = row.realization_rate
        return None if rate is None else float(round_half_up(rate, 4))


class BudgetStatusList(generics.GenericAPIView):
    """Every Pemda and category of a region with a list in force or an allocation for the
    year, `not_budgeted` first: the table of `/anggaran/` and `/wilayah/<code>/anggaran/`
    (`?format=csv`: the page's CSV of the same rows)."""

    serializer_class = BudgetRowSerializer
    renderer_classes = JSON_AND_CSV
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, description=REGION_HELP),
            OpenApiParameter("year", int, description="default: the page's year"),
            OpenApiParameter("status", str, enum=BudgetStatus.values),
            OpenApiParameter("category", str, enum=Category.values),
        ],
        responses={200: BudgetRowSerializer(many=True)},
    )
    def get(self, request):
        params = query(StatusParams, request)
        scope = region_scope(params.get("region"))
        year = params.get("year") or chosen_year(None, data_years(scope))
        rows = [
            row
            for row in rows_for(scope, year)
            if params.get("status") in (None, row.status)
            and params.get("category") in (None, row.category)
        ]
        if wants_csv(request):
            content = exports.region_export(describe(rows), "csv", scope.code or "ID", year)
            return download(content, f"anggaran-{scope.code or 'ID'}-{year}", "csv")
        page = self.paginate_queryset(rows)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data["region"] = scope.code or "ID"
        response.data["year"] = year
        return response


# ---------------------------------------------------------------- allocations


class AllocationFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(method="in_region", max_length=20, help_text=REGION_HELP,
                                       error_messages=TEXT_MESSAGES)  # fmt: skip
    year = django_filters.NumberFilter(field_name="year", min_value=FIRST_YEAR, max_value=9999,
                                       error_messages=NUMBER_MESSAGES)  # fmt: skip
    category = choice_filter(Category.choices)
    stage = choice_filter(Stage.choices)
    current = strict_boolean(field_name="is_current")

    class Meta:
        model = Allocation
        fields = ["region", "year", "category", "stage", "current"]

    def in_region(self, queryset, name, value):
        scope = region_scope(value)
        if scope.empty:
            return queryset.none()
        return queryset.filter(**scope.filter())


class AllocationSerializer(serializers.ModelSerializer):
    pemda = serializers.CharField(source="pemda_id", read_only=True)
    pemda_name = serializers.CharField(source="pemda.name", read_only=True)
    superseded_by = serializers.IntegerField(source="superseded_by_id", read_only=True,
                                             allow_null=True)  # fmt: skip

    class Meta:
        model = Allocation
        fields = ["id", "pemda", "pemda_name", "year", "category", "stage", "persons", "amount",
                  "realized", "programs", "document", "source", "is_current", "superseded_by",
                  "created_at"]  # fmt: skip
        read_only_fields = fields


class AllocationInput(serializers.Serializer):
    """The page form's fields; `record_allocation` checks every value (the import's rules)."""

    pemda = serializers.CharField(max_length=20)
    year = serializers.CharField(max_length=20)
    category = serializers.CharField(max_length=30)
    stage = serializers.CharField(max_length=20, required=False, default=Stage.MURNI)
    persons = serializers.CharField(max_length=20)
    amount = serializers.CharField(max_length=30)
    realized = serializers.CharField(max_length=30, required=False, allow_blank=True,
                                     allow_null=True, default=None)  # fmt: skip
    programs = serializers.ListField(
        child=serializers.ChoiceField(list(PROGRAMS)), required=False, default=list
    )
    document = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RecordedSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="created, replaced, unchanged or history")
    allocation = AllocationSerializer()
    replaced = serializers.IntegerField(allow_null=True)
    warnings = serializers.ListField(child=serializers.CharField())


def record_from(request, data: dict, pemda: str):
    """The checked entry stored as the page's form stores it, audited; its need refreshed."""
    if not can_edit_budget(request.user, pemda):
        raise PermissionDenied(
            "Hanya petugas Pemda ini yang boleh mencatat anggarannya / only this Pemda's own "
            "officers may record its budget."
        )
    raw = {**data, "pemda_code": pemda, "programs": ",".join(data.get("programs") or [])}
    values, issues = validate(raw)
    errors = [issue for issue in issues if issue.is_error]
    if values is None:
        details: dict[str, list[str]] = {}
        for issue in errors:
            name = "pemda" if issue.column == "pemda_code" else issue.column
            details.setdefault(name, []).append(" / ".join(issue.messages()))
        raise ValidationError(details)

    def write():
        return record_allocation(values, user=request.user, source=EntrySource.FORM,
                                 source_name="api")  # fmt: skip

    try:
        recorded = audited(request, AUDIT_ALLOCATION, values.pemda,
                           f"{values.year} {values.category} {values.stage} Rp{values.amount}",
                           write)  # fmt: skip
    except AllocationRejected as error:
        raise PermissionDenied(str(error)) from None
    except AllocationConflict as error:
        raise ValidationError({"detail": bilingual(error)}) from None
    if recorded.status != "unchanged":
        refresh_needs(values.year, pemda=values.pemda)
    payload = {
        "status": recorded.status,
        "allocation": recorded.allocation,
        "replaced": recorded.replaced.pk if recorded.replaced else None,
        "warnings": [" / ".join(issue.messages()) for issue in recorded.warnings],
    }
    code = status.HTTP_201_CREATED if recorded.status in ("created", "replaced") else 200
    return Response(RecordedSerializer(payload).data, status=code)


class AllocationList(generics.ListAPIView):
    """APBD allocations, newest first, every one ever recorded (`?current=true`: those in
    force). POST records one for a Pemda (its own officers only), as the page's form does."""

    serializer_class = AllocationSerializer
    filterset_class = AllocationFilterSet
    queryset = Allocation.objects.select_related("pemda").order_by(
        "-year", "pemda_id", "category", "-created_at", "-id"
    )

    @extend_schema(
        request=AllocationInput,
        responses={201: RecordedSerializer, 200: RecordedSerializer,
                   400: OpenApiResponse(description="bad value"),
                   403: OpenApiResponse(description="not this Pemda's officer")},
    )  # fmt: skip
    def post(self, request):
        checked = AllocationInput(data=request.data)
        checked.is_valid(raise_exception=True)
        data = dict(checked.validated_data)
        return record_from(request, data, data.pop("pemda"))


class AllocationKeyInput(AllocationInput):
    pemda = None
    year = None
    category = None


class AllocationEntry(generics.GenericAPIView):
    """`/budgets/allocations/<pemda>/<year>/<category>/`: GET the allocation in force; PUT a
    new one for that key (never edited in place: the old row stays in the history)."""

    serializer_class = AllocationSerializer

    def current(self, code: str, year: int, category: str):
        scope = region_scope(code)
        row = (
            Allocation.objects.current()
            .select_related("pemda")
            .filter(pemda_id=scope.code, year=year, category=category)
            .first()
        )
        return row

    @extend_schema(responses={200: AllocationSerializer, 404: OpenApiResponse()})
    def get(self, request, code: str, year: int, category: str):
        row = self.current(code, year, category)
        if row is None:
            return Response({"detail": "tidak ada / none recorded"}, status=404)
        return Response(AllocationSerializer(row).data)

    @extend_schema(
        request=AllocationKeyInput,
        responses={201: RecordedSerializer, 200: RecordedSerializer,
                   400: OpenApiResponse(description="bad value"),
                   403: OpenApiResponse(description="not this Pemda's officer")},
    )  # fmt: skip
    def put(self, request, code: str, year: int, category: str):
        checked = AllocationKeyInput(data=request.data)
        checked.is_valid(raise_exception=True)
        data = {**checked.validated_data, "year": str(year), "category": category}
        return record_from(request, data, code)

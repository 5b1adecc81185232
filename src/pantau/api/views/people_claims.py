"""`/api/v1/claims/<code>/`: the claims page's numbers (totals by programme, by month and by
child region, the flagged count: `claims.summary.build`, as `pantau claims --format json`),
open to every signed-in user; `/api/v1/claims/<code>/flagged/`: the flagged claims
(person-level), only for those the page shows them to, NIK masked unless the role may see
it, every read audited first. `ID` is Indonesia. `?format=csv` gives the page's CSV files."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from pantau.accounts.scope import can_view_nik, can_view_person_data, mask_nik
from pantau.api.renderers import CSVRenderer, wants_csv
from pantau.api.views.people_common import (
    NoStore,
    ServicePagination,
    lake_text,
    month_param,
    refuse_outside_scope,
)
from pantau.audit.actions import record
from pantau.claims import exports
from pantau.claims.summary import build, cli_payload, month_key
from pantau.claims.views import label_flagged
from pantau.engine import claims as reader
from pantau.engine.coverage import NATIONAL_NAMES
from pantau.regions.lookup import get_region
from pantau.regions.models import Region

AUDIT_FLAGGED_VIEW = "api_claims_flagged_view"
AUDIT_FLAGGED_EXPORT = "api_claims_flagged_export"
# `?table=` of the totals CSV, and the page's name for it (`?tabel=`).
TABLES = {"program": "program", "month": "bulan", "region": "wilayah"}

PERIOD = [
    OpenApiParameter("from", str, description="YYYY-MM: the first month paid (default: all)"),
    OpenApiParameter("to", str, description="YYYY-MM: the last month paid (default: all)"),
]


def region_of(code: str) -> Region | None:
    """The region of a code; None for Indonesia (`ID`). A 404 for an unknown code."""
    if str(code).strip().lower() in NATIONAL_NAMES:
        return None
    return get_region(code)


def period_of(request):
    first, last = month_param(request, "from"), month_param(request, "to")
    if first and last and first > last:  # as the page: the wrong way round is swapped
        first, last = last, first
    return first, last


def attachment(response: Response, name: str) -> Response:
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class ClaimNumbersSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    amount = serializers.IntegerField(help_text="Rupiah")
    pemda_funded_count = serializers.IntegerField()
    pemda_funded_amount = serializers.IntegerField(help_text="Rupiah")


class ChildClaimsSerializer(serializers.Serializer):
    region = serializers.CharField()
    programs = serializers.DictField(child=ClaimNumbersSerializer())


class MonthClaimsSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    total = ClaimNumbersSerializer()
    programs = serializers.DictField(child=ClaimNumbersSerializer())


class ClaimsSummarySerializer(serializers.Serializer):
    region = serializers.CharField(help_text='"" for Indonesia')
    # `from` is a Python keyword: the fields are named in `to_representation`'s output.
    from_ = serializers.CharField(allow_null=True, help_text="YYYY-MM")
    to = serializers.CharField(allow_null=True, help_text="YYYY-MM")
    programs = serializers.DictField(child=ClaimNumbersSerializer())
    total = ClaimNumbersSerializer()
    flagged = serializers.IntegerField()
    by_month = MonthClaimsSerializer(many=True)
    children = ChildClaimsSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


def numbers(value) -> dict:
    return value.as_dict()


def summary_payload(summary) -> dict:
    """`pantau claims --format json`, with the page's total and its months."""
    payload = cli_payload(summary)
    payload["total"] = numbers(summary.total)
    payload["by_month"] = [
        {"month": row.key, "total": numbers(row.numbers),
         "programs": {code: numbers(n) for code, n in row.programs.items()}}
        for row in summary.by_month
    ]  # fmt: skip
    return payload


class ClaimsSummaryView(APIView):
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        parameters=[
            *PERIOD,
            OpenApiParameter("format", str, enum=["json", "csv"]),
            OpenApiParameter(
                "table",
                str,
                enum=list(TABLES),
                description="The table of `?format=csv` (default: program)",
            ),
        ],  # fmt: skip
        responses={
            (200, "application/json"): ClaimsSummarySerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    def get(self, request, code: str):
        """A region's claims (`ID`: Indonesia): totals by programme, month and child region,
        and how many are flagged. Aggregates: open to every signed-in user."""
        region = region_of(code)
        first, last = period_of(request)
        table = request.query_params.get("table") or "program"
        if table not in TABLES:
            raise ValidationError({"table": [f"salah satu dari / one of {', '.join(TABLES)}"]})
        summary = build(region, first, last)
        if wants_csv(request):
            content = exports.totals_export(summary, "csv", TABLES[table])
            response = Response(content, content_type="text/csv; charset=utf-8")
            return attachment(response, f"klaim-{summary.code or 'ID'}-{table}")
        return Response(summary_payload(summary))


class FlaggedClaimSerializer(serializers.Serializer):
    claim_no = serializers.CharField()
    nik = serializers.CharField(help_text="Disamarkan kecuali peran boleh / masked unless allowed")
    name = serializers.CharField(allow_null=True)
    program = serializers.CharField()
    event = serializers.CharField(allow_null=True)
    event_date = serializers.CharField(allow_null=True, help_text="YYYY-MM-DD")
    paid_on = serializers.CharField(allow_null=True, help_text="YYYY-MM-DD")
    amount = serializers.IntegerField(allow_null=True)
    expected_amount = serializers.IntegerField(allow_null=True)
    expected_basis = serializers.CharField(allow_null=True)
    region_code = serializers.CharField(allow_null=True)
    region_name = serializers.CharField(allow_null=True)
    payer_type = serializers.CharField(allow_null=True)
    heir_relation = serializers.CharField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    enrolled_on = serializers.CharField(allow_null=True, help_text="YYYY-MM-DD")


TEXT_KEYS = ("claim_no", "name", "program", "event", "event_date", "paid_on", "expected_basis",
             "region_code", "payer_type", "heir_relation", "enrolled_on")  # fmt: skip


def flagged_json(rows: list[dict], show_nik: bool) -> list[dict]:
    names = dict(
        Region.objects.filter(code__in={row["region_code"] for row in rows}).values_list(
            "code", "name"
        )
    )
    out = []
    for row in rows:
        item = {key: lake_text(row.get(key)) for key in TEXT_KEYS}
        nik = row.get("nik") or ""
        item["nik"] = nik if show_nik else mask_nik(nik)
        for key in ("amount", "expected_amount"):
            item[key] = int(row[key]) if row.get(key) is not None else None
        item["reasons"] = list(row.get("reasons") or ())
        item["region_name"] = names.get(row["region_code"], row["region_code"])
        out.append(item)
    return out


class FlaggedClaimsView(NoStore, generics.ListAPIView):
    """The flagged claims paid in a region (`ID`: Indonesia), newest payment first, as the
    claims page lists them: only for those who may see the region's people (else 403),
    NIK masked unless the role may see it, every read audited first."""

    serializer_class = FlaggedClaimSerializer
    pagination_class = ServicePagination
    renderer_classes = [JSONRenderer, CSVRenderer]
    filter_backends: list = []

    @extend_schema(
        parameters=[*PERIOD, OpenApiParameter("format", str, enum=["json", "csv"])],
        responses={
            (200, "application/json"): FlaggedClaimSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, code: str):
        region = region_of(code)
        region_code = region.code if region else ""
        if not can_view_person_data(request.user, region_code):
            refuse_outside_scope()
        first, last = period_of(request)
        show_nik = can_view_nik(request.user, region_code)
        months = f"{month_key(first) or ''}..{month_key(last) or ''}"
        nik_note = f"NIK {'lengkap' if show_nik else 'disamarkan'}"
        if wants_csv(request):
            rows, count = reader.flagged_claims(region_code, first, last, limit=10**9, offset=0)
            record(request.user, AUDIT_FLAGGED_EXPORT, region_code, f"csv {months} {nik_note}",
                   rows=count, request=request)  # fmt: skip
            content = exports.flagged_export(label_flagged(rows, show_nik), "csv", region,
                                             first, last, masked=not show_nik)  # fmt: skip
            response = Response(content, content_type="text/csv; charset=utf-8")
            return attachment(response, f"klaim-ditandai-{region_code or 'ID'}")
        paginator = self.paginator
        limit, offset = paginator.window(request)
        rows, count = reader.flagged_claims(region_code, first, last, limit=limit, offset=offset)
        if rows:
            record(request.user, AUDIT_FLAGGED_VIEW, region_code,
                   f"{months} offset {offset} {nik_note}", rows=len(rows),
                   request=request)  # fmt: skip
        return paginator.respond(count, flagged_json(rows, show_nik))

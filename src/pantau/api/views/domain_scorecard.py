"""The compliance scorecard: the ranking `/peringkat/` shows (`pantau scorecard --format
json`, `scorecard.card_json`), open to everyone signed in (aggregates); `?format=csv` is the
page's CSV."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from pantau.api.renderers import JSON_AND_CSV, wants_csv
from pantau.api.views.domain_budgets import REGION_HELP
from pantau.api.views.domain_common import (
    code_param,
    query,
    year_param,
)
from pantau.budgets.scorecard.exports import scorecard_csv
from pantau.budgets.scorecard.services import card_json, latest_year, resolve, scorecard
from pantau.budgets.scorecard.views import download_name
from pantau.core.downloads import download
from pantau.regions.lookup import NotAPemda, RegionNotFound


class ScorecardParams(serializers.Serializer):
    region = code_param(help_text=REGION_HELP)
    year = year_param()


class ScorecardView(APIView):
    """Indonesia (default) ranks its 38 provinces; a province its regencies and cities (its
    own government apart); a regency or city alone, with its rank in its province."""

    renderer_classes = JSON_AND_CSV

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, description=REGION_HELP),
            OpenApiParameter("year", int, description="default: the latest year with data"),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        params = query(ScorecardParams, request)
        code = params.get("region")
        try:
            region = resolve(code)
        except NotAPemda as error:
            raise ValidationError({"region": [
                f"{error.region.code} bukan Pemda; pilih provinsi, kabupaten/kota atau ID / "
                f"{error.region.code} is not a Pemda; choose a province, a regency/city or ID"
            ]}) from None  # fmt: skip
        except RegionNotFound:
            raise ValidationError(
                {"region": [f"kode wilayah tidak dikenal / unknown region code: {code!r}"]}
            ) from None
        year = params.get("year") or latest_year()
        card = scorecard(region, year)
        if wants_csv(request):
            return download(scorecard_csv(card), download_name(card), "csv")
        return Response(card_json(card))

"""`/api/v1/rules/…`: the calculator without login, the same results and citations as
`pantau rules` (the command's own `compute`, so the same checks and refusals).

Each answers `{"result": …, "working": […], "warnings": […]}`: `result` is what
`pantau rules … --format json` prints, `working` what `pantau rules explain …` prints
(`?language=en` for English), `warnings` what makes a number uncertain, in both languages.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from pantau.api.throttling import AnonRateThrottle, TokenRateThrottle
from pantau.rules import api as rules
from pantau.rules.management.commands.rules import compute

RESULT = inline_serializer(
    "RulesResult",
    {
        "result": serializers.JSONField(),
        "working": serializers.ListField(child=serializers.CharField()),
        "warnings": serializers.ListField(child=serializers.CharField()),
        "rules_version": serializers.CharField(),
    },
)
LANGUAGE = OpenApiParameter(
    "language", str, enum=["id", "en"], description="the working's language"
)


def _p(name: str, required: bool = False, description: str = "", kind=str):
    return OpenApiParameter(name, kind, required=required, description=description)


class Params(serializers.Serializer):
    """Every parameter is text up to 40 characters: the rules read and check the values."""

    language = serializers.ChoiceField(["id", "en"], required=False, default="id")


def _text(required: bool = False):
    return serializers.CharField(required=required, max_length=40, allow_blank=not required)


class ContributionParams(Params):
    segment = _text(True)
    month = _text(True)
    programs = _text(True)
    wage = _text()
    income = _text()
    risk_class = _text()


class BudgetParams(Params):
    category = _text(True)
    persons = _text(True)
    year = _text(True)
    months = _text()
    wage = _text()
    programs = _text()
    segment = _text()
    risk_class = _text()


class JkmParams(Params):
    death_date = _text(True)
    membership_start = _text(True)
    children = _text()


class JkkParams(Params):
    wage = _text(True)
    date = _text(True)


class ScholarshipParams(Params):
    date = _text(True)


def _blank_none(data: dict) -> dict:
    return {key: (value if value != "" else None) for key, value in data.items()}


class RulesView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []  # no login: a token or session changes nothing here
    throttle_classes = [AnonRateThrottle, TokenRateThrottle]
    params = Params
    action = ""
    defaults: dict = {}

    def options_of(self, request) -> dict:
        checked = self.params(data=request.query_params)
        checked.is_valid(raise_exception=True)
        return {**self.defaults, **{k: v for k, v in _blank_none(checked.validated_data).items()
                                    if v is not None}}  # fmt: skip

    def get(self, request):
        options = self.options_of(request)
        language = options.pop("language", "id")
        try:
            result = self.compute(options)
        except rules.RuleError as error:
            name = error.argument.lstrip("-").replace("-", "_")
            raise ValidationError({name: [f"{error.message_id} / {error.message_en}"]}) from None
        return Response({
            "result": result.as_dict(language) if hasattr(result, "as_dict") else result,
            "working": result.working(language) if hasattr(result, "working") else [],
            "warnings": [f"{i} / {e}" for i, e in getattr(result, "warnings", ())],
            "rules_version": rules.version(),
        })  # fmt: skip

    def compute(self, options: dict):
        return compute(self.action, options)


def _schema(params, summary: str):
    fields = [
        OpenApiParameter(name, str, required=field.required, description=field.help_text or "")
        for name, field in params().fields.items()
        if name != "language"
    ]
    return extend_schema(
        summary=summary, parameters=[*fields, LANGUAGE], auth=[],
        responses={200: RESULT, 400: OpenApiTypes.OBJECT},
    )  # fmt: skip


class ContributionView(RulesView):
    params = ContributionParams
    action = "contribution"
    defaults = {"wage": None, "income": None, "risk_class": None}

    @_schema(ContributionParams, "A month's contributions (pantau rules contribution)")
    def get(self, request):
        return super().get(request)


class BudgetView(RulesView):
    params = BudgetParams
    action = "budget"
    defaults = {"months": 12, "wage": None, "programs": None, "segment": None, "risk_class": 1}

    @_schema(BudgetParams, "A category's budget need (pantau rules budget)")
    def get(self, request):
        return super().get(request)


class JkmView(RulesView):
    params = JkmParams
    action = "benefit"
    defaults = {"benefit": "jkm", "children": 0}

    @_schema(JkmParams, "JKM benefit (pantau rules benefit jkm)")
    def get(self, request):
        return super().get(request)


class JkkDeathView(RulesView):
    params = JkkParams
    action = "benefit"
    defaults = {"benefit": "jkk-death"}

    @_schema(JkkParams, "JKK death benefit (pantau rules benefit jkk-death)")
    def get(self, request):
        return super().get(request)


class JkkDisabilityView(RulesView):
    params = JkkParams
    action = "benefit"
    defaults = {"benefit": "jkk-disability"}

    @_schema(JkkParams, "JKK disability benefit (pantau rules benefit jkk-disability)")
    def get(self, request):
        return super().get(request)


class ScholarshipView(RulesView):
    params = ScholarshipParams

    @_schema(ScholarshipParams, "The JKK/JKM scholarship per child by school level")
    def get(self, request):
        return super().get(request)

    def compute(self, options: dict):
        return _Levels(rules.scholarship_schedule(options["date"]))


class _Levels:
    def __init__(self, levels):
        self.levels = levels

    def as_dict(self, language: str = "id") -> list:
        return [level.as_dict(language) for level in self.levels]

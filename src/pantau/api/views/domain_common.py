"""What the domain endpoints share: query parameters checked by a serializer (a bad value is
a 400 naming it), a refusal of a domain service turned into 400 or 403 with its bilingual
message, and the audit line of every write (`?format=csv`: `api/renderers.py`)."""

from __future__ import annotations

import django_filters
from django.db import transaction
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError

from pantau.audit.actions import record
from pantau.core.messages import Refusal
from pantau.core.vocabulary import FIRST_YEAR, last_year

NOT_ALLOWED = "not_allowed"


def query(serializer_class, request) -> dict:
    """The query string checked by `serializer_class`: a 400 naming each bad parameter."""
    checked = serializer_class(data=request.query_params)
    checked.is_valid(raise_exception=True)
    return checked.validated_data


def bilingual(error: Refusal) -> str:
    return f"{error.message_id} / {error.message_en}"


def refused(error: Refusal, field: str | None = None):
    """A service's refusal as the API's error: 403 when not allowed, else 400."""
    if error.code == NOT_ALLOWED:
        return PermissionDenied(bilingual(error))
    if field:
        return ValidationError({field: [bilingual(error)]})
    return ValidationError({"detail": bilingual(error)})


def audited(request, action: str, region_code: str | None, description: str, write):
    """Run `write()` and record its audit line in one transaction: both or neither."""
    with transaction.atomic():
        result = write()
        record(request.user, action, region_code, description, request=request)
    return result


def _years_message() -> str:
    low, high = FIRST_YEAR, last_year()
    return f"tahun harus {low}–{high} / the year must be {low}–{high}"


def _within_years(value: int) -> None:
    if not FIRST_YEAR <= value <= last_year():  # next year read now, not at start-up
        raise serializers.ValidationError(_years_message())


def year_param(**kwargs) -> serializers.IntegerField:
    """A year from 2021 (Inpres 2/2021) to next year, refused in both languages."""
    message = f"tahun harus {FIRST_YEAR}–tahun depan / the year must be {FIRST_YEAR}–next year"
    return serializers.IntegerField(
        min_value=FIRST_YEAR, max_value=9999, required=False, validators=[_within_years],
        error_messages={"invalid": message, "min_value": message, "max_value": message,
                        "max_string_length": message},
        **kwargs,
    )  # fmt: skip


def choice_param(values, **kwargs) -> serializers.ChoiceField:
    """One of `values`, refused in both languages."""
    listed = ", ".join(values)
    return serializers.ChoiceField(
        list(values), required=False,
        error_messages={"invalid_choice": f"salah satu dari / one of: {listed}"},
        **kwargs,
    )  # fmt: skip


def code_param(**kwargs) -> serializers.CharField:
    message = "kode wilayah terlalu panjang / region code too long"
    return serializers.CharField(required=False, max_length=20,
                                 error_messages={"max_length": message}, **kwargs)  # fmt: skip


def choice_filter(choices, **kwargs) -> django_filters.ChoiceFilter:
    listed = ", ".join(value for value, _label in choices)
    return django_filters.ChoiceFilter(
        choices=choices, error_messages={"invalid_choice": f"salah satu dari / one of: {listed}"},
        **kwargs,
    )  # fmt: skip


NUMBER_MESSAGES = {
    "invalid": "harus bilangan bulat / must be a whole number",
    "min_value": "terlalu kecil / too small",
    "max_value": "terlalu besar / too large",
    "max_digits": "terlalu panjang / too long",
    "max_decimal_places": "harus bilangan bulat / must be a whole number",
    "max_whole_digits": "terlalu panjang / too long",
}
DATE_MESSAGES = {"invalid": "tanggal YYYY-MM-DD / a date YYYY-MM-DD"}
TEXT_MESSAGES = {"max_length": "terlalu panjang / too long"}


def strict_boolean(**kwargs):
    """`true` or `false` and nothing else (django-filter's BooleanFilter ignores `maybe`)."""
    return django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")], coerce=lambda value: value == "true",
        error_messages={"invalid_choice": "true atau / or false"}, **kwargs,
    )  # fmt: skip


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()

"""Monev: meetings and their follow-up actions, read by everyone signed in (aggregate
records, as the pages), written through `monev.services` (which asks `accounts.scope`):
meetings by the coordinators (`can_hold_meeting`), an action's status and comments by the
owner's side and the coordinators (`can_work_on_action`, `can_verify_action`). A refusal
is a 403 (not allowed) or a 400 (bad input) with its bilingual message; every write is
audited."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from pantau.api.views.domain_common import (
    DATE_MESSAGES,
    NUMBER_MESSAGES,
    TEXT_MESSAGES,
    audited,
    bilingual,
    choice_filter,
    refused,
    strict_boolean,
)
from pantau.core.messages import Refusal
from pantau.monev import services
from pantau.monev.choices import PENDING, ActionStatus, EventKind, MeetingStatus
from pantau.monev.models import Action, Meeting

AUDIT_MEETING = "api_meeting_create"
AUDIT_STATUS = "api_action_status"
AUDIT_COMMENT = "api_action_comment"
WRITE_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="bad input"),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="not allowed"),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="no such record"),
}


def today():
    return timezone.localdate()


# ---------------------------------------------------------------- meetings


class MeetingSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=", ".join(MeetingStatus.values))
    regions = serializers.SerializerMethodField()
    action_count = serializers.IntegerField()
    overdue_count = serializers.IntegerField()

    class Meta:
        model = Meeting
        fields = ["id", "title", "held_on", "place", "agencies", "regions", "status", "version",
                  "action_count", "overdue_count"]  # fmt: skip

    def get_regions(self, meeting) -> list[str]:
        return [region.code for region in meeting.regions.all()]


class MeetingInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    regions = serializers.ListField(child=serializers.CharField(max_length=20), min_length=1,
                                    max_length=100)  # fmt: skip
    agencies = serializers.ListField(child=serializers.CharField(max_length=200),
                                     required=False, default=list, max_length=50)  # fmt: skip
    minutes = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=100_000)  # fmt: skip


class MeetingFilterSet(django_filters.FilterSet):
    status = choice_filter(MeetingStatus.choices)
    region = django_filters.CharFilter(field_name="regions__code", max_length=20,
                                       distinct=True, error_messages=TEXT_MESSAGES)  # fmt: skip
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte",
                                           error_messages=DATE_MESSAGES)  # fmt: skip
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte",
                                            error_messages=DATE_MESSAGES)  # fmt: skip

    class Meta:
        model = Meeting
        fields = ["status", "region", "held_after", "held_before"]


class MeetingList(generics.ListAPIView):
    """Every meeting, newest first, with its number of actions and of overdue ones (the
    `/monev/` page's list). POST records one (the coordinators)."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet

    def get_queryset(self):
        return (
            Meeting.objects.prefetch_related("regions")
            .annotate(
                action_count=Count("actions", distinct=True),
                overdue_count=Count(
                    "actions",
                    distinct=True,
                    filter=Q(actions__status__in=PENDING, actions__due__lt=today()),
                ),
            )  # fmt: skip
            .order_by("-held_on", "-id")
        )

    @extend_schema(request=MeetingInput, responses={201: OpenApiTypes.OBJECT, **WRITE_ERRORS})
    def post(self, request):
        checked = MeetingInput(data=request.data)
        checked.is_valid(raise_exception=True)
        data = checked.validated_data

        def write():
            return services.create_meeting(**data, user=request.user)

        codes = ",".join(data["regions"])
        try:
            described = f"rapat / meeting {data['title'][:80]!r} ({codes})"
            meeting = audited(request, AUDIT_MEETING, data["regions"][0], described, write)
        except Refusal as error:
            raise refused(error) from None
        return Response(services.meeting_payload(meeting, today()), status=201)


class MeetingDetail(generics.GenericAPIView):
    """A meeting as `pantau meetings show --format json` gives it: minutes, actions with their
    indicators, actions carried over from earlier meetings, versions."""

    queryset = Meeting.objects.all()

    @extend_schema(responses={200: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        meeting = Meeting.objects.filter(pk=pk).first()
        if meeting is None:
            raise NotFound(f"Rapat tidak ditemukan / no such meeting: {pk}")
        return Response(services.meeting_payload(meeting, today()))


# ---------------------------------------------------------------- actions


class ActionFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(method="in_region", max_length=20,
                                       help_text="owned inside this region",
                                       error_messages=TEXT_MESSAGES)  # fmt: skip
    status = choice_filter(ActionStatus.choices)
    overdue = strict_boolean(method="is_overdue")
    meeting = django_filters.NumberFilter(field_name="meeting_id", min_value=1,
                                          max_value=2**31 - 1,
                                          error_messages=NUMBER_MESSAGES)  # fmt: skip

    class Meta:
        model = Action
        fields = ["region", "status", "overdue", "meeting"]

    def in_region(self, queryset, name, value):
        try:
            region = services.region_of(value)
        except Refusal as error:
            raise ValidationError({"region": [bilingual(error)]}) from None
        return queryset.filter(services.owned_inside(region.code))

    def is_overdue(self, queryset, name, value: bool):
        late = Q(status__in=PENDING, due__lt=today())
        return queryset.filter(late) if value else queryset.exclude(late)


class ActionRowSerializer(serializers.Serializer):
    """`ActionRow.payload()`: what `pantau monev actions --format json` gives per action."""

    id = serializers.IntegerField()
    meeting = serializers.IntegerField()
    text = serializers.CharField()
    owner = serializers.CharField()
    owner_name = serializers.CharField()
    due = serializers.DateField()
    status = serializers.ChoiceField(ActionStatus.values)
    overdue = serializers.BooleanField()
    done_on = serializers.DateField(allow_null=True)
    indicator = serializers.CharField(allow_null=True)
    indicator_value = serializers.FloatField(allow_null=True)
    indicator_month = serializers.DateField(allow_null=True)
    baseline = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    on_track = serializers.BooleanField(allow_null=True)


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    day = serializers.DateField()
    actor = serializers.CharField()
    kind = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_null=True)


class ActionDetailSerializer(ActionRowSerializer):
    history = EventSerializer(many=True)


def payload(action: Action) -> dict:
    return {**services.action_row(action, today()).payload(),
            "history": services.history_payload(action)}  # fmt: skip


class ActionList(generics.ListAPIView):
    """Follow-up actions, earliest due first: `?region=` (owned inside it: a Pemda in it, an
    agency working in it), `?status=`, `?overdue=true|false`, `?meeting=`."""

    serializer_class = ActionRowSerializer
    filterset_class = ActionFilterSet

    def get_queryset(self):
        return services.actions_query()

    def list(self, request, *args, **kwargs):
        actions = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(actions)
        rows = [row.payload() for row in services.action_rows(page, today())]
        return self.get_paginated_response(rows)


def action_or_404(pk) -> Action:
    try:
        return services.action_of(pk)
    except Refusal as error:
        raise NotFound(bilingual(error)) from None


class ActionDetail(generics.GenericAPIView):
    """One action with its indicator's progress and its whole history."""

    serializer_class = ActionDetailSerializer

    @extend_schema(responses={200: ActionDetailSerializer, 404: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        return Response(payload(action_or_404(pk)))


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(ActionStatus.values)
    on = serializers.DateField(required=False, allow_null=True, default=None,
                               help_text="the day of the change (default: today)")  # fmt: skip
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ActionStatusView(generics.GenericAPIView):
    """Move the action along: the owner's side (open, in progress, done) and the coordinators
    (verify, drop, reopen), as on the action's page."""

    serializer_class = StatusInput

    @extend_schema(request=StatusInput, responses={200: ActionDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk: int):
        action = action_or_404(pk)
        checked = StatusInput(data=request.data)
        checked.is_valid(raise_exception=True)
        data = checked.validated_data

        def write():
            return services.change_status(action, data["status"], user=request.user,
                                          on=data["on"], note=data["note"])  # fmt: skip

        try:
            audited(request, AUDIT_STATUS, action.owner_area,
                    f"tindak lanjut / action {action.pk}: {action.status} → {data['status']}",
                    write)  # fmt: skip
        except Refusal as error:
            raise refused(error) from None
        return Response(payload(action_or_404(pk)))


class CommentInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class ActionCommentView(generics.GenericAPIView):
    """GET an action's comments, oldest first (everyone signed in, as its page); POST one
    (the owner's side and the coordinators): its history gains a line."""

    serializer_class = CommentInput
    queryset = Action.objects.none()  # the schema's `pk` is an action's (views use _action)

    @extend_schema(responses={200: EventSerializer(many=True), 404: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        history = services.history_payload(action_or_404(pk))
        return Response([event for event in history if event["kind"] == EventKind.COMMENT])

    @extend_schema(request=CommentInput, responses={201: ActionDetailSerializer, **WRITE_ERRORS})
    def post(self, request, pk: int):
        action = action_or_404(pk)
        checked = CommentInput(data=request.data)
        checked.is_valid(raise_exception=True)
        text = checked.validated_data["text"]

        def write():
            return services.comment(action, text, user=request.user)

        try:
            audited(request, AUDIT_COMMENT, action.owner_area,
                    f"komentar / comment on action {action.pk}", write)  # fmt: skip
        except Refusal as error:
            raise refused(error) from None
        return Response(payload(action_or_404(pk)), status=201)

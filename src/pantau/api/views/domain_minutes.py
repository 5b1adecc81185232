"""Monev minutes written through the API, as on the meeting's page (`/monev/<id>/`): a
meeting changed (a final one: a correction with its reason, a new version), finalised, and
its attendees, agenda items, findings and follow-up actions added. Everything goes through
`monev.services`, which asks `accounts.scope.can_hold_meeting` (the coordinators of the
meeting's regions); a refusal is a 403 or a 400 with its bilingual message, and every write
is audited in the transaction that makes it."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from pantau.api.views.domain_common import audited, bilingual, refused
from pantau.api.views.domain_monev import WRITE_ERRORS, MeetingDetail, payload, today
from pantau.core.messages import Refusal
from pantau.monev import services
from pantau.monev.models import Meeting

AUDIT_EDIT = "api_meeting_edit"
AUDIT_FINALISE = "api_meeting_finalise"
AUDIT_ADD = "api_meeting_add"
REASON_HELP = "why a final meeting is corrected (required once it is final)"


def meeting_of(pk: int) -> Meeting:
    try:
        return services.meeting_of(pk)
    except Refusal as error:
        raise NotFound(bilingual(error)) from None


def main_region(meeting: Meeting) -> str | None:
    """The audit line's region: the meeting's first region (as when it was recorded)."""
    return meeting.regions.order_by("code").values_list("code", flat=True).first()


def reason_field():
    return serializers.CharField(required=False, allow_blank=True, default="", max_length=500,
                                 help_text=REASON_HELP)  # fmt: skip


def text_field(limit: int | None = None):
    return serializers.CharField(max_length=limit or 5000)


class MeetingChangeInput(serializers.Serializer):
    """The fields to change; the others stay as they are."""

    title = serializers.CharField(max_length=300, required=False)
    held_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    agencies = serializers.ListField(child=serializers.CharField(max_length=200),
                                     required=False, max_length=50)  # fmt: skip
    minutes = serializers.CharField(required=False, allow_blank=True, max_length=100_000)
    reason = reason_field()

    def validate(self, data):
        if "agencies" in data:
            data["agencies"] = [name.strip() for name in data["agencies"] if name.strip()]
        if "place" in data:
            data["place"] = data["place"].strip()
        return data


def write_meeting(request, meeting: Meeting, action: str, described: str, write):
    """Run a service's write with its audit line; its refusal as the API's error."""
    try:
        return audited(request, action, main_region(meeting), described, write)
    except Refusal as error:
        raise refused(error) from None


def meeting_response(pk: int, status: int = 200) -> Response:
    return Response(services.meeting_payload(meeting_of(pk), today()), status=status)


class MeetingChangeView(generics.GenericAPIView):
    """PATCH: change a meeting's title, date, place, organisers or minutes. A final
    meeting's change is a correction: `reason` is required and the minutes gain a version."""

    serializer_class = MeetingChangeInput

    @extend_schema(request=MeetingChangeInput,
                   responses={200: OpenApiTypes.OBJECT, **WRITE_ERRORS})  # fmt: skip
    def patch(self, request, pk: int):
        meeting = meeting_of(pk)
        checked = MeetingChangeInput(data=request.data)
        checked.is_valid(raise_exception=True)
        changes = dict(checked.validated_data)
        reason = changes.pop("reason")
        if not changes:
            raise ValidationError({"detail": "tidak ada yang diubah / nothing to change"})

        def write():
            return services.edit_meeting(meeting, user=request.user, reason=reason, **changes)

        fields = ", ".join(sorted(changes))
        write_meeting(request, meeting, AUDIT_EDIT,
                      f"rapat / meeting {meeting.pk} diubah / changed: {fields}"
                      + (f" ({reason[:200]})" if reason else ""), write)  # fmt: skip
        return meeting_response(pk)


class MeetingView(MeetingChangeView, MeetingDetail):
    """GET a meeting (`MeetingDetail`), PATCH it (`MeetingChangeView`)."""


class MeetingFinaliseView(generics.GenericAPIView):
    """POST: freeze the minutes as version 1; later changes make versions 2, 3, …"""

    serializer_class = serializers.Serializer

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT, **WRITE_ERRORS})
    def post(self, request, pk: int):
        meeting = meeting_of(pk)
        write_meeting(request, meeting, AUDIT_FINALISE,
                      f"rapat / meeting {meeting.pk} final",
                      lambda: services.finalise(meeting, user=request.user))  # fmt: skip
        return meeting_response(pk)


class AttendeeInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    agency = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                     default="")  # fmt: skip
    reason = reason_field()


class AgendaInput(serializers.Serializer):
    text = text_field()
    reason = reason_field()


class FindingInput(serializers.Serializer):
    region = serializers.CharField(max_length=20, help_text="the Pemda's region code")
    text = text_field()
    indicator = serializers.CharField(max_length=60, required=False, allow_blank=True,
                                      default="",
                                      help_text="e.g. list_coverage:non_asn")  # fmt: skip
    reason = reason_field()


class ActionInput(serializers.Serializer):
    text = text_field()
    owner = serializers.CharField(
        max_length=60, help_text="a Pemda's region code or an agency's code"
    )
    due = serializers.DateField()
    indicator = serializers.CharField(max_length=60, required=False, allow_blank=True,
                                      default="")  # fmt: skip
    target = serializers.CharField(max_length=12, required=False, allow_null=True,
                                   allow_blank=True, default=None,
                                   help_text="a share 0–1 of the indicator, e.g. 0.9")  # fmt: skip
    reason = reason_field()


class MeetingPartView(generics.GenericAPIView):
    """POST one part of the minutes; 201 with what the meeting's page shows."""

    part: str = ""
    serializer_class: type[serializers.Serializer]

    def add(self, meeting: Meeting, data: dict, user):
        raise NotImplementedError

    def post(self, request, pk: int):
        meeting = meeting_of(pk)
        checked = self.serializer_class(data=request.data)
        checked.is_valid(raise_exception=True)
        data = dict(checked.validated_data)
        described = f"rapat / meeting {meeting.pk}: {self.part}"
        made = write_meeting(request, meeting, AUDIT_ADD, described,
                             lambda: self.add(meeting, data, request.user))  # fmt: skip
        return self.created(pk, made)

    def created(self, pk: int, made) -> Response:
        return meeting_response(pk, status=201)


def _schema(input_class, created=OpenApiTypes.OBJECT):
    return extend_schema(request=input_class, responses={201: created, **WRITE_ERRORS})


class AttendeeView(MeetingPartView):
    """An attendee of the meeting (name, agency, position)."""

    part = "peserta / attendee"
    serializer_class = AttendeeInput

    @_schema(AttendeeInput)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def add(self, meeting, data, user):
        return services.add_attendee(meeting, data["name"], data["agency"], data["position"],
                                     user=user, reason=data["reason"])  # fmt: skip


class AgendaView(MeetingPartView):
    """An agenda item, after the others."""

    part = "acara / agenda item"
    serializer_class = AgendaInput

    @_schema(AgendaInput)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def add(self, meeting, data, user):
        return services.add_agenda_item(meeting, data["text"], user=user, reason=data["reason"])


class FindingView(MeetingPartView):
    """A finding about one Pemda of the meeting; with an indicator, its value at the
    meeting's month is read now and kept."""

    part = "temuan / finding"
    serializer_class = FindingInput

    @_schema(FindingInput)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def add(self, meeting, data, user):
        return services.add_finding(meeting, data["region"], data["text"], data["indicator"],
                                    user=user, reason=data["reason"])  # fmt: skip


class NewActionView(MeetingPartView):
    """A follow-up action: its owner (a Pemda or an agency), due date, and optionally the
    indicator that measures it with a target; 201 with the action (`Location` its URL)."""

    part = "tindak lanjut / action"
    serializer_class = ActionInput

    @_schema(ActionInput, created=OpenApiTypes.OBJECT)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def add(self, meeting, data, user):
        return services.add_action(meeting=meeting, owner=data["owner"], due=data["due"],
                                   text=data["text"], indicator=data["indicator"],
                                   target=data["target"], user=user,
                                   reason=data["reason"])  # fmt: skip

    def created(self, pk: int, made) -> Response:
        url = reverse("api:action", args=[made.pk])
        return Response(payload(made), status=201, headers={"Location": url})

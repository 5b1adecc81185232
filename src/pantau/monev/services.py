"""Recording monev meetings and moving their follow-up actions along.

Every function checks its input and refuses with a `MonevError` (one line, both languages)
before anything is stored; each runs in one transaction. `user` None is the operator at the
command line, who may do everything; otherwise `accounts.scope` decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pantau.accounts import scope
from pantau.audit.actions import record
from pantau.claims.services import MAX_FILES, as_upload, stored_files
from pantau.core.downloads import open_recorded
from pantau.core.messages import Refusal
from pantau.monev import indicators
from pantau.monev.choices import (
    COORDINATOR_MOVES,
    FINISHED,
    OWNER_MOVES,
    PENDING,
    ActionStatus,
    EventKind,
    MeetingStatus,
)
from pantau.monev.models import (
    Action,
    ActionEvent,
    ActionEvidence,
    Agency,
    AgendaItem,
    Attendee,
    Finding,
    Meeting,
    MeetingVersion,
)
from pantau.regions.codes import InvalidRegionCode, canonical_code, is_within
from pantau.regions.models import Region

COMMAND_LINE = "baris perintah / command line"


class MonevError(Refusal):
    pass


def _actor(user) -> str:
    return user.get_username() if user is not None else COMMAND_LINE


def _refuse_unless(allowed: bool, what_id: str, what_en: str) -> None:
    if not allowed:
        raise MonevError(
            "not_allowed", f"Anda tidak berwenang {what_id}.", f"You may not {what_en}."
        )


def region_of(raw: str) -> Region:
    """The region of a dotted or undotted code; MonevError when there is none."""
    try:
        code = canonical_code(str(raw).strip())
    except InvalidRegionCode:
        code = None
    region = Region.objects.filter(code=code).first() if code else None
    if region is None:
        raise MonevError(
            "region_unknown",
            f"Kode wilayah tidak dikenal: {raw!r}.",
            f"Unknown region code: {raw!r}.",
        )
    return region


def _text(value: str, name_id: str, name_en: str, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise MonevError("empty", f"{name_id} tidak boleh kosong.", f"{name_en} is empty.")
    if limit is not None and len(value) > limit:
        raise MonevError(
            "too_long",
            f"{name_id} lebih dari {limit} karakter.",
            f"{name_en} is longer than {limit} characters.",
        )
    return value


# --- meetings ---------------------------------------------------------------------------


@transaction.atomic
def create_meeting(
    *,
    title: str,
    held_on: date,
    regions: Iterable[str],
    place: str = "",
    agencies: Iterable[str] = (),
    minutes: str = "",
    user=None,
) -> Meeting:
    found = [region_of(code) for code in regions]
    if not found:
        raise MonevError(
            "regions_missing",
            "Rapat harus mencakup paling sedikit satu wilayah.",
            "A meeting covers at least one region.",
        )
    if user is not None:
        _refuse_unless(
            scope.can_hold_meeting(user, [r.code for r in found]),
            "mencatat rapat untuk wilayah ini",
            "record a meeting for these regions",
        )
    meeting = Meeting.objects.create(
        title=_text(title, "Judul", "The title", 300),
        held_on=held_on,
        place=(place or "").strip()[:200],
        minutes=minutes or "",
        agencies=[name.strip() for name in agencies if name.strip()],
        created_by=user,
    )
    meeting.regions.set(found)
    return meeting


def meeting_of(pk) -> Meeting:
    try:
        return Meeting.objects.get(pk=int(pk))
    except (Meeting.DoesNotExist, TypeError, ValueError):
        raise MonevError(
            "meeting_unknown", f"Rapat tidak ditemukan: {pk}.", f"No such meeting: {pk}."
        ) from None


def _may_record(meeting: Meeting, user) -> Meeting:
    """The meeting as stored now (locked until the transaction ends: two changes to a final
    meeting make two versions, one after the other), if `user` may change it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if user is not None:
        codes = list(meeting.regions.values_list("code", flat=True))
        _refuse_unless(
            scope.can_hold_meeting(user, codes), "mengubah rapat ini", "change this meeting"
        )
    return meeting


def _changed(meeting: Meeting, user, reason: str) -> None:
    """After a change to a finalised meeting: its minutes' next version, the old kept."""
    if meeting.status == MeetingStatus.FINAL:
        _new_version(meeting, user, reason or "koreksi / correction")


def _new_version(meeting: Meeting, user, reason: str) -> MeetingVersion:
    meeting.version += 1
    meeting.save(update_fields=["version", "status"])
    return MeetingVersion.objects.create(
        meeting=meeting,
        number=meeting.version,
        content=frozen(meeting),
        reason=reason,
        made_by=user,
    )


@transaction.atomic
def add_attendee(
    meeting: Meeting,
    name: str,
    agency: str = "",
    position: str = "",
    user=None,
    account=None,
    reason: str = "",
) -> Attendee:
    meeting = _may_record(meeting, user)
    attendee = Attendee.objects.create(
        meeting=meeting,
        name=_text(name, "Nama", "The name", 200),
        agency=agency.strip()[:200],
        position=position.strip()[:200],
        user=account,
    )
    _changed(meeting, user, reason)
    return attendee


@transaction.atomic
def add_agenda_item(meeting: Meeting, text: str, user=None, reason: str = "") -> AgendaItem:
    meeting = _may_record(meeting, user)
    position = meeting.agenda.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, text=_text(text, "Acara", "The agenda item")
    )
    _changed(meeting, user, reason)
    return item


def _owned_inside(meeting: Meeting, code: str) -> bool:
    return any(
        is_within(code, covered) for covered in meeting.regions.values_list("code", flat=True)
    )


@transaction.atomic
def add_finding(
    meeting: Meeting, region: str, text: str, indicator: str = "", user=None, reason: str = ""
) -> Finding:
    """A finding about one Pemda of the meeting; with an indicator, its value at the
    meeting's month is read now and kept."""
    meeting = _may_record(meeting, user)
    pemda = _pemda(region)
    if not _owned_inside(meeting, pemda.code):
        raise MonevError(
            "region_outside",
            f"{pemda.code} tidak termasuk wilayah rapat ini.",
            f"{pemda.code} is not among this meeting's regions.",
        )
    finding = Finding(meeting=meeting, region=pemda, text=_text(text, "Temuan", "The finding"))
    if indicator:
        parsed = indicators.parse(indicator)
        reading = indicators.read(parsed, pemda.code, meeting.held_on)
        finding.indicator, finding.value, finding.value_month = (
            str(parsed),
            reading.value,
            reading.month,
        )
    finding.save()
    _changed(meeting, user, reason)
    return finding


def _pemda(raw: str) -> Region:
    region = region_of(raw)
    if not region.is_pemda:
        raise MonevError(
            "not_a_pemda",
            f"{region.code} {region.name} bukan Pemda (provinsi, kabupaten atau kota).",
            f"{region.code} {region.name} is not a Pemda (a province, regency or city).",
        )
    return region


@transaction.atomic
def finalise(meeting: Meeting, user=None) -> MeetingVersion:
    """Freeze the minutes: version 1. Later changes make versions 2, 3, …"""
    meeting = _may_record(meeting, user)
    if meeting.status == MeetingStatus.FINAL:
        raise MonevError(
            "already_final",
            "Notulen rapat ini sudah final.",
            "This meeting's minutes are already final.",
        )
    meeting.status = MeetingStatus.FINAL
    return _new_version(meeting, user, "")


@transaction.atomic
def edit_meeting(meeting: Meeting, user=None, reason: str = "", **changes) -> Meeting:
    """Change the title, date, place, organisers or minutes; on a final meeting it is a
    correction with a `reason`, a new version of the minutes."""
    meeting = _may_record(meeting, user)
    if meeting.status == MeetingStatus.FINAL and not (reason or "").strip():
        raise MonevError(
            "reason_missing",
            "Notulen sudah final: koreksi harus menyebut alasannya.",
            "The minutes are final: a correction must give its reason.",
        )
    for field in ("title", "held_on", "place", "agencies", "minutes"):
        if field in changes:
            setattr(meeting, field, changes[field])
    meeting.save()
    _changed(meeting, user, reason)
    return meeting


def frozen(meeting: Meeting) -> dict:
    """What a version of the minutes keeps (statuses of actions are not minutes: they move
    on after the meeting; its history says when)."""
    return {
        "title": meeting.title,
        "date": meeting.held_on.isoformat(),
        "place": meeting.place,
        "agencies": list(meeting.agencies),
        "regions": sorted(meeting.regions.values_list("code", flat=True)),
        "minutes": meeting.minutes,
        "attendees": [
            {"name": a.name, "agency": a.agency, "position": a.position}
            | ({"account": a.user.get_username()} if a.user_id else {})
            for a in meeting.attendees.select_related("user")
        ],
        "agenda": list(meeting.agenda.values_list("text", flat=True)),
        "findings": [_finding_payload(f) for f in meeting.findings.all()],
        "actions": [
            {
                "id": a.pk,
                "text": a.text,
                "owner": a.owner_code,
                "due": a.due.isoformat(),
                "indicator": a.indicator or None,
                "target": _number(a.target),
            }
            for a in meeting.actions.select_related("owner_agency")
        ],
    }


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _finding_payload(finding: Finding) -> dict:
    return {
        "region": finding.region_id,
        "text": finding.text,
        "indicator": finding.indicator or None,
        "value": _number(finding.value),
        "value_month": finding.value_month.isoformat() if finding.value_month else None,
    }


# --- actions ----------------------------------------------------------------------------


def agency_of(raw: str) -> Agency | None:
    text = (raw or "").strip()
    return (
        Agency.objects.filter(code=text.lower()).first()
        or Agency.objects.filter(name__iexact=text).first()
    )


def owner_of(raw: str) -> Region | Agency:
    """A Pemda by its region code, or an agency by its code or name."""
    agency = agency_of(raw)
    if agency is not None:
        return agency
    try:
        canonical_code(str(raw).strip())
    except InvalidRegionCode:
        raise MonevError(
            "owner_unknown",
            f"Penanggung jawab tidak dikenal: {raw!r} (kode wilayah Pemda atau kode instansi; "
            "`pantau agencies list`).",
            f"Unknown owner: {raw!r} (a Pemda's region code or an agency's code; "
            "`pantau agencies list`).",
        ) from None
    return _pemda(raw)


def parse_target(raw) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0 or value > 10:
        raise MonevError(
            "target_invalid",
            f"Target harus angka pecahan 0–1 (mis. 0.9 untuk 90 %): {raw!r}.",
            f"The target must be a share from 0 to 1 (e.g. 0.9 for 90 %): {raw!r}.",
        )
    return value.quantize(indicators.FOUR_PLACES)


@transaction.atomic
def add_action(
    *,
    meeting: Meeting,
    owner: str,
    due: date,
    text: str,
    indicator: str = "",
    target=None,
    user=None,
    reason: str = "",
) -> Action:
    meeting = _may_record(meeting, user)
    found = owner_of(owner)
    if due < meeting.held_on:
        day, held = due.isoformat(), meeting.held_on.isoformat()
        raise MonevError(
            "due_before_meeting",
            f"Tenggat {day} sebelum tanggal rapat {held}.",
            f"The due date {day} is before the meeting ({held}).",
        )
    action = Action(
        meeting=meeting, text=_text(text, "Tindak lanjut", "The action"), due=due, created_by=user
    )
    if isinstance(found, Agency):
        action.owner_agency = found
    else:
        action.owner_region = found
    target_value = parse_target(target)
    if indicator:
        parsed = indicators.parse(indicator)
        area = action.owner_area
        if area is None:
            raise MonevError(
                "indicator_needs_region",
                "Indikator butuh penanggung jawab dengan wilayah.",
                "An indicator needs an owner with a region.",
            )
        reading = indicators.read(parsed, area, meeting.held_on, budget_year=due.year)
        action.indicator, action.baseline, action.baseline_month = (
            str(parsed),
            reading.value,
            reading.month,
        )
        action.target = target_value
    elif target_value is not None:
        raise MonevError(
            "target_without_indicator", "Target tanpa indikator.", "A target needs an indicator."
        )
    action.save()
    ActionEvent.objects.create(
        action=action,
        day=meeting.held_on,
        user=user,
        actor=_actor(user),
        kind=EventKind.CREATED,
        new=ActionStatus.OPEN,
    )
    _changed(meeting, user, reason)
    return action


def action_of(pk) -> Action:
    try:
        return Action.objects.select_related("owner_agency", "meeting").get(pk=int(pk))
    except (Action.DoesNotExist, TypeError, ValueError):
        raise MonevError(
            "action_unknown", f"Tindak lanjut tidak ditemukan: {pk}.", f"No such action: {pk}."
        ) from None


def parse_status(raw: str) -> str:
    if raw not in ActionStatus.values:
        choices = ", ".join(ActionStatus.values)
        raise MonevError(
            "status_unknown",
            f"Status tidak dikenal: {raw!r} ({choices}).",
            f"Unknown status: {raw!r} ({choices}).",
        )
    return raw


@transaction.atomic
def change_status(
    action: Action, status: str, user=None, on: date | None = None, note: str = ""
) -> Action:
    """Move the action to `status` on day `on` (default today), if the move is allowed and
    `user` may make it; a line of history either way it succeeds."""
    status = parse_status(status)
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("owner_agency", "meeting")
        .get(pk=action.pk)
    )
    day = on or timezone.localdate()
    move = (action.status, status)
    if status == action.status:
        raise MonevError(
            "status_same", f"Status sudah {status}.", f"The status is already {status}."
        )
    if move not in COORDINATOR_MOVES:
        raise MonevError(
            "status_move",
            f"Status tidak dapat diubah dari {action.status} ke {status}.",
            f"The status cannot change from {action.status} to {status}.",
        )
    if user is not None:
        area, agency = action.owner_area, action.owner_agency_id is not None
        allowed = (
            scope.can_work_on_action(user, area, agency)
            if move in OWNER_MOVES
            else scope.can_verify_action(user, area)
        )
        _refuse_unless(allowed, "mengubah status tindak lanjut ini", "change this action's status")
    if day < action.meeting.held_on or day > timezone.localdate():
        raise MonevError(
            "day_invalid",
            f"Tanggal {day.isoformat()} di luar rentang rapat sampai hari ini.",
            f"The day {day.isoformat()} lies before the meeting or in the future.",
        )
    old = action.status
    action.status = status
    if status == ActionStatus.DONE:
        action.done_on = day
    elif status not in FINISHED:
        action.done_on = None
    action.save(update_fields=["status", "done_on"])
    ActionEvent.objects.create(
        action=action,
        day=day,
        user=user,
        actor=_actor(user),
        kind=EventKind.STATUS,
        old=old,
        new=status,
        text=note or "",
    )
    return action


@transaction.atomic
def comment(action: Action, text: str, user=None) -> ActionEvent:
    if user is not None:
        _refuse_unless(
            scope.can_work_on_action(user, action.owner_area, action.owner_agency_id is not None),
            "mengomentari tindak lanjut ini",
            "comment on this action",
        )
    return ActionEvent.objects.create(
        action=action,
        day=timezone.localdate(),
        user=user,
        actor=_actor(user),
        kind=EventKind.COMMENT,
        text=_text(text, "Komentar", "The comment"),
    )


# --- reading ----------------------------------------------------------------------------


def is_overdue(action: Action, as_of: date) -> bool:
    """Not done, verified or dropped, and past its due date on `as_of`."""
    return action.status in PENDING and action.due < as_of


@dataclass(frozen=True)
class ActionRow:
    action: Action
    overdue: bool
    indicator_value: Decimal | None
    indicator_month: date | None
    on_track: bool | None

    @property
    def indicator_label(self) -> str:
        return indicators.label(self.action.indicator)

    def payload(self) -> dict:
        a = self.action
        return {
            "id": a.pk,
            "meeting": a.meeting_id,
            "text": a.text,
            "owner": a.owner_code,
            "owner_name": a.owner_agency.name if a.owner_agency_id else a.owner_region.name,
            "due": a.due.isoformat(),
            "status": a.status,
            "overdue": self.overdue,
            "done_on": a.done_on.isoformat() if a.done_on else None,
            "indicator": a.indicator or None,
            "indicator_value": _number(self.indicator_value),
            "indicator_month": self.indicator_month.isoformat() if self.indicator_month else None,
            "baseline": _number(a.baseline),
            "target": _number(a.target),
            "on_track": self.on_track,
        }


def action_row(action: Action, as_of: date, reader: indicators.Reader | None = None
               ) -> ActionRow:  # fmt: skip
    value = month = track = None
    if action.indicator and action.owner_area:
        reader = reader or indicators.Reader([action.owner_area])
        parsed = indicators.parse(action.indicator)
        current = reader.read(parsed, action.owner_area, as_of, budget_year=action.due.year)
        value, month = current.value, current.month
        baseline = indicators.Reading(action.baseline, action.baseline_month)
        if parsed.kind == "budget_status":
            # A budget's value has no month of its own: the trend runs from the meeting.
            baseline = indicators.Reading(action.baseline, action.meeting.held_on)
            current = indicators.Reading(current.value, as_of)
        track = indicators.on_track(baseline, current, action.target, action.due)
    return ActionRow(action, is_overdue(action, as_of), value, month, track)


def action_rows(actions, as_of: date) -> list[ActionRow]:
    """The rows of a page or a listing: indicators read at a few queries for all of them."""
    actions = list(actions)
    reader = indicators.Reader(a.owner_area for a in actions if a.indicator)
    return [action_row(action, as_of, reader) for action in actions]


def owned_inside(code: str) -> Q:
    """Actions whose owner lies in region `code`: a Pemda in it, an agency working in it."""
    inside = code + "."
    return (
        Q(owner_region_id=code)
        | Q(owner_region__code__startswith=inside)
        | Q(owner_agency__region_id=code)
        | Q(owner_agency__region__code__startswith=inside)
    )


def actions_query(meeting: Meeting | None = None, region: Region | None = None):
    rows = Action.objects.select_related("owner_agency", "owner_region", "meeting")
    if meeting is not None:
        rows = rows.filter(meeting=meeting)
    if region is not None:
        rows = rows.filter(owned_inside(region.code))
    return rows.order_by("due", "id")


def status_on(events: list[ActionEvent], day: date) -> str | None:
    """The status an action had at the end of `day`, from its history (None: not yet
    agreed)."""
    status = None
    for event in events:
        if event.day <= day and event.kind in (EventKind.CREATED, EventKind.STATUS):
            status = event.new
    return status


def carried_over(meeting: Meeting) -> list[Action]:
    """The actions of earlier meetings still to be done on this meeting's day (open or in
    progress, from their history) whose owner lies in the meeting's regions: an agency
    without a region, when the meetings share a region. Oldest due first."""
    codes = list(meeting.regions.values_list("code", flat=True))
    earlier = (
        Action.objects.filter(meeting__held_on__lt=meeting.held_on)
        .exclude(meeting=meeting)
        .select_related("owner_agency", "meeting")
        .prefetch_related("events", "meeting__regions")
    )
    found = []
    for action in earlier:
        area = action.owner_area
        if area is not None:
            inside = any(is_within(area, code) for code in codes)
        else:
            theirs = [r.code for r in action.meeting.regions.all()]
            inside = any(is_within(a, b) or is_within(b, a) for a in theirs for b in codes)
        events = sorted(action.events.all(), key=lambda e: (e.day, e.at, e.pk))
        if inside and status_on(events, meeting.held_on) in PENDING:
            found.append(action)
    return sorted(found, key=lambda a: (a.due, a.pk))


def previous_meeting(meeting: Meeting, region_code: str | None = None) -> Meeting | None:
    """The latest earlier meeting that shared a region with this one (or covered one of
    its regions from above or below); with `region_code`, one that covered that region."""
    codes = [region_code] if region_code else list(meeting.regions.values_list("code", flat=True))
    earlier = (
        Meeting.objects.filter(held_on__lt=meeting.held_on)
        .exclude(pk=meeting.pk)
        .prefetch_related("regions")
        .order_by("-held_on", "-pk")
    )
    for candidate in earlier:
        theirs = [region.code for region in candidate.regions.all()]
        if any(is_within(a, b) or is_within(b, a) for a in theirs for b in codes):
            return candidate
    return None


def meeting_payload(meeting: Meeting, as_of: date) -> dict:
    actions = [row.payload() for row in action_rows(actions_query(meeting=meeting), as_of)]
    carried = carried_over(meeting)
    return {
        "id": meeting.pk,
        **frozen(meeting),
        "status": meeting.status,
        "version": meeting.version,
        "actions": actions,
        "overdue": sum(1 for a in actions if a["overdue"]),
        "carried_over": [a.pk for a in carried],
        "carried_over_actions": [row.payload() for row in action_rows(carried, as_of)],
        "versions": [
            {"number": v.number, "made_at": v.made_at.isoformat(), "reason": v.reason}
            for v in meeting.versions.all()
        ],
    }


def history_payload(action: Action) -> list[dict]:
    return [
        {
            "at": e.at.isoformat(),
            "day": e.day.isoformat(),
            "actor": e.actor,
            "kind": e.kind,
            "old": e.old or None,
            "new": e.new or None,
            "text": e.text or None,
        }
        for e in action.events.all()
    ]


# --- evidence -------------------------------------------------------------------------

EVIDENCE_DIR = "monev-evidence"
AUDIT_EVIDENCE_UPLOAD = "monev_evidence_upload"
AUDIT_EVIDENCE_DOWNLOAD = "monev_evidence_download"


def may_work_on(user, action: Action) -> bool:
    return user is None or scope.can_work_on_action(
        user, action.owner_area, action.owner_agency_id is not None
    )


def may_verify(user, action: Action) -> bool:
    return user is None or scope.can_verify_action(user, action.owner_area)


def attach_evidence(action: Action, files, user=None, note: str = "", request=None) -> list:
    """Keep photos or PDFs backing the action (checked as budget evidence is; nothing is kept
    when one is refused), one line of history naming them, and the audit trail."""
    _refuse_unless(
        may_work_on(user, action),
        "mengunggah bukti tindak lanjut ini",
        "upload evidence for this action",
    )
    uploads = [as_upload(item) for item in files or ()]
    if not uploads or len(uploads) > MAX_FILES:
        raise MonevError(
            "files_count", f"Unggah 1 sampai {MAX_FILES} berkas.", f"Upload 1 to {MAX_FILES} files."
        )
    folder = f"{EVIDENCE_DIR}/{action.pk}"
    with stored_files(uploads, folder) as stored, transaction.atomic():
        made = ActionEvidence.objects.bulk_create(
            ActionEvidence(
                action=action,
                path=item.relative,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                uploaded_by=user,
            )
            for item in stored
        )
        names = ", ".join(item.original_name for item in stored)
        ActionEvent.objects.create(
            action=action,
            day=timezone.localdate(),
            user=user,
            actor=_actor(user),
            kind=EventKind.EVIDENCE,
            text=f"{names}{': ' + note if note else ''}",
        )
        record(
            user,
            AUDIT_EVIDENCE_UPLOAD,
            action.owner_area or "",
            f"Tindak lanjut #{action.pk}: {len(stored)} berkas ({names})",
            request=request,
            os_user="" if user is not None else "pantau",
        )
    return made


def evidence_file(evidence) -> Path:
    """The stored file; refuses a path that would lead outside the evidence folder."""
    root = (Path(settings.DATA_DIR) / EVIDENCE_DIR).resolve()
    path = (Path(settings.DATA_DIR) / evidence.path).resolve()
    if not path.is_relative_to(root):
        raise PermissionDenied("evidence outside its folder")
    return path


def open_evidence(user, evidence, request=None):
    """The open file after recording the download: for those who work on or verify the
    action, and those who may see the owner's region's person-level data (an evidence file
    may name people)."""
    action = evidence.action
    area = action.owner_area
    allowed = may_work_on(user, action) or (
        area is not None and scope.can_view_person_data(user, area)
    )
    if not allowed:
        raise PermissionDenied("may not open this action's evidence")
    return open_recorded(
        evidence_file(evidence),
        lambda: record(
            user,
            AUDIT_EVIDENCE_DOWNLOAD,
            area or "",
            f"Tindak lanjut #{action.pk} bukti #{evidence.pk} {evidence.original_name}",
            request=request,
        ),
    )


# --- pages ------------------------------------------------------------------------------


def overdue_count(region_code: str | None, as_of: date) -> int:
    """Actions owned inside the region (None: everywhere) that are overdue on `as_of`: one
    query, for the region dashboard."""
    rows = Action.objects.filter(status__in=PENDING, due__lt=as_of)
    if region_code:
        rows = rows.filter(owned_inside(region_code))
    return rows.count()


# --- the compliance scorecard ---------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    due: int  # actions due in the year up to today, not dropped
    on_time: int  # of them, done (or verified) by their due date


def follow_up_by_pemda(codes: list[str], year: int, today: date) -> dict[str, FollowUp]:
    """For the scorecard's follow-up part: each Pemda's own actions (owned by its region
    code) due in `year` up to `today`, dropped ones left out, and how many were done on
    time. One query."""
    last = min(date(year, 12, 31), today)
    rows = (
        Action.objects.filter(owner_region_id__in=codes, due__gte=date(year, 1, 1), due__lte=last)
        .exclude(status=ActionStatus.DROPPED)
        .values_list("owner_region_id", "status", "done_on", "due")
    )
    counts: dict[str, list[int]] = {}
    for code, status, done_on, due in rows:
        count = counts.setdefault(code, [0, 0])
        count[0] += 1
        if status in FINISHED and done_on is not None and done_on <= due:
            count[1] += 1
    return {code: FollowUp(*count) for code, count in counts.items()}

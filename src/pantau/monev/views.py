"""The monev pages: meetings (`/monev/`), one meeting (`/monev/<id>/`), one action
(`/tindak-lanjut/<id>/`) and a region's follow-up (`/wilayah/<code>/tindak-lanjut/`).

Everyone signed in reads them. The forms are shown to those `accounts.scope` lets act, and
every POST is checked again by `services` (a refusal is shown on the page, nothing stored).
The status form answers htmx with the action's status block, others with a redirect.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pantau.accounts import scope
from pantau.budgets.compliance.services import EvidenceRejected, evidence_max_bytes, too_large
from pantau.claims.services import file_help
from pantau.claims.views import HandoverUploadHandler
from pantau.core.downloads import stored_file
from pantau.core.messages import Refusal, in_language
from pantau.monev import forms, services
from pantau.monev.choices import COORDINATOR_MOVES, OWNER_MOVES, PENDING, ActionStatus
from pantau.monev.cli import split_list
from pantau.monev.models import Action, ActionEvidence, Meeting, MeetingVersion
from pantau.regions.lookup import get_region
from pantau.regions.models import Region
from pantau.regions.views import canonical_redirect


def _refusal_text(error: Refusal) -> str:
    return in_language(error.message_id, error.message_en)


class MeetingListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        meetings = Meeting.objects.prefetch_related("regions").annotate(
            action_count=Count("actions", distinct=True),
            overdue_count=Count(
                "actions",
                distinct=True,
                filter=Q(actions__status__in=PENDING, actions__due__lt=today),
            ),
        )
        return render(
            request,
            "monev/meetings.html",
            {
                "meetings": meetings,
                "may_create": scope.can_hold_meeting(request.user, []),
                "today": today,
            },
        )


class MeetingNewView(View):
    """`/monev/baru/`: record a meeting (the coordinators)."""

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_hold_meeting(request.user, []):
            raise PermissionDenied("may not record meetings")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "monev/meeting_form.html", {"form": forms.MeetingForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.MeetingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = services.create_meeting(
                    title=data["title"],
                    held_on=data["held_on"],
                    place=data["place"],
                    regions=split_list(data["regions"]),
                    agencies=split_list(data["agencies"]),
                    minutes=data["minutes"],
                    user=request.user,
                )
            except Refusal as error:
                form.add_error(None, _refusal_text(error))
            else:
                messages.success(request, _("Rapat dicatat."))
                return redirect("monev:meeting", meeting.pk)
        return render(request, "monev/meeting_form.html", {"form": form}, status=400)


ADD_FORMS = {
    "peserta": forms.AttendeeForm,
    "acara": forms.AgendaForm,
    "temuan": forms.FindingForm,
    "tindak-lanjut": forms.ActionForm,
}


class MeetingDetailView(View):
    def get(
        self, request: HttpRequest, pk: int, bound: dict | None = None, status: int = 200
    ) -> HttpResponse:
        meeting = get_object_or_404(Meeting.objects.prefetch_related("regions"), pk=pk)
        today = timezone.localdate()
        codes = [r.code for r in meeting.regions.all()]
        rows = services.action_rows(services.actions_query(meeting=meeting), today)
        carried = services.action_rows(services.carried_over(meeting), today)
        may_record = scope.can_hold_meeting(request.user, codes)
        add_forms = {name: form() for name, form in ADD_FORMS.items()} if may_record else {}
        add_forms.update(bound or {})
        return render(
            request,
            "monev/meeting.html",
            {
                "meeting": meeting,
                "regions": list(meeting.regions.all()),
                "attendees": list(meeting.attendees.all()),
                "agenda": list(meeting.agenda.all()),
                "findings": list(meeting.findings.select_related("region")),
                "rows": rows,
                "carried": carried,
                "versions": list(meeting.versions.all()),
                "may_record": may_record,
                "add_forms": add_forms,
                "today": today,
            },
            status=status,
        )


class MeetingAddView(View):
    """POST `/monev/<id>/tambah/<part>/`: an attendee, agenda item, finding or action."""

    def post(self, request: HttpRequest, pk: int, part: str) -> HttpResponse:
        meeting = get_object_or_404(Meeting, pk=pk)
        if part not in ADD_FORMS:
            raise Http404(part)
        form = ADD_FORMS[part](request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                self._add(meeting, part, data, request.user)
            except Refusal as error:
                if error.code == "not_allowed":
                    raise PermissionDenied(error.message_en) from None
                form.add_error(None, _refusal_text(error))
            else:
                messages.success(request, _("Tersimpan."))
                return redirect(reverse("monev:meeting", args=[meeting.pk]) + f"#{part}")
        return MeetingDetailView().get(request, pk, bound={part: form}, status=400)

    @staticmethod
    def _add(meeting: Meeting, part: str, data: dict, user) -> None:
        if part == "peserta":
            services.add_attendee(
                meeting, data["name"], data["agency"], data["position"], user=user
            )
        elif part == "acara":
            services.add_agenda_item(meeting, data["text"], user=user)
        elif part == "temuan":
            services.add_finding(
                meeting, data["region"], data["text"], data["indicator"], user=user
            )
        else:
            services.add_action(
                meeting=meeting,
                owner=data["owner"],
                due=data["due"],
                text=data["text"],
                indicator=data["indicator"],
                target=data["target"],
                user=user,
            )


class MeetingEditView(View):
    """`/monev/<id>/ubah/`: change a meeting (a final one: a correction, with its reason)."""

    def dispatch(self, request, pk: int, *args, **kwargs):
        self.meeting = get_object_or_404(Meeting.objects.prefetch_related("regions"), pk=pk)
        codes = [r.code for r in self.meeting.regions.all()]
        if not scope.can_hold_meeting(request.user, codes):
            raise PermissionDenied("may not change this meeting")
        return super().dispatch(request, pk, *args, **kwargs)

    def page(self, request, form, status: int = 200) -> HttpResponse:
        return render(
            request,
            "monev/meeting_edit.html",
            {"meeting": self.meeting, "form": form},
            status=status,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        m = self.meeting
        return self.page(
            request,
            forms.MeetingEditForm(
                initial={
                    "title": m.title,
                    "held_on": m.held_on,
                    "place": m.place,
                    "agencies": ", ".join(m.agencies),
                    "minutes": m.minutes,
                }
            ),
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = forms.MeetingEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.edit_meeting(
                    self.meeting,
                    user=request.user,
                    reason=data["reason"],
                    title=data["title"],
                    held_on=data["held_on"],
                    place=data["place"],
                    agencies=split_list(data["agencies"]),
                    minutes=data["minutes"],
                )
            except Refusal as error:
                form.add_error(None, _refusal_text(error))
            else:
                messages.success(request, _("Tersimpan."))
                return redirect("monev:meeting", pk)
        return self.page(request, form, status=400)


class MeetingVersionView(View):
    """`/monev/<id>/versi/<n>/`: the minutes as they were finalised or corrected then."""

    def get(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        version = get_object_or_404(
            MeetingVersion.objects.select_related("meeting", "made_by"),
            meeting_id=pk,
            number=number,
        )
        content = version.content
        findings = content.get("findings", [])
        names = dict(
            Region.objects.filter(
                code__in=[*content.get("regions", []), *(f["region"] for f in findings)]
            ).values_list("code", "name")
        )
        return render(
            request,
            "monev/version.html",
            {
                "version": version,
                "meeting": version.meeting,
                "content": content,
                "held_on": date.fromisoformat(content["date"]),
                "regions": [names.get(code, code) for code in content.get("regions", [])],
                "findings": [{**f, "name": names.get(f["region"], f["region"])} for f in findings],
                "actions": [
                    {**a, "due": date.fromisoformat(a["due"])} for a in content.get("actions", [])
                ],
                "latest": version.meeting.version,
            },
        )


class MeetingFinaliseView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            services.finalise(meeting, user=request.user)
        except Refusal as error:
            if error.code == "not_allowed":
                raise PermissionDenied(error.message_en) from None
            messages.error(request, _refusal_text(error))
        else:
            messages.success(request, _("Notulen difinalkan (versi 1)."))
        return redirect("monev:meeting", meeting.pk)


def _action(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("owner_agency", "owner_region", "meeting"), pk=pk
    )


def allowed_moves(user, action: Action) -> list[tuple[str, str]]:
    """The statuses `user` may move the action to now, as (value, label)."""
    labels = dict(ActionStatus.choices)
    found = []
    for old, new in sorted(COORDINATOR_MOVES):
        if old != action.status:
            continue
        if (old, new) in OWNER_MOVES:
            allowed = services.may_work_on(user, action)
        else:
            allowed = services.may_verify(user, action)
        if allowed:
            found.append((new, labels[new]))
    return found


class ActionDetailView(View):
    def get(
        self, request: HttpRequest, pk: int, bound: dict | None = None, status: int = 200
    ) -> HttpResponse:
        return render(
            request,
            "monev/action.html",
            self.context(request, _action(pk), bound or {}),
            status=status,
        )

    @staticmethod
    def context(request: HttpRequest, action: Action, bound: dict) -> dict:
        today = timezone.localdate()
        moves = allowed_moves(request.user, action)
        status_form = bound.get("status") or forms.StatusForm()
        status_form.fields["status"].choices = moves
        may_work = services.may_work_on(request.user, action)
        area = action.owner_area
        return {
            "action": action,
            "row": services.action_row(action, today),
            "events": list(action.events.select_related("user")),
            "evidence": list(action.evidence.all()),
            "moves": moves,
            "status_form": status_form,
            "comment_form": bound.get("comment") or forms.CommentForm(),
            "evidence_form": bound.get("evidence") or forms.EvidenceForm(),
            "may_work": may_work,
            "may_open_evidence": may_work
            or (area is not None and scope.can_view_person_data(request.user, area)),
            "file_help": file_help(),
            "refused": bound.get("refused"),
        }


class ActionStatusView(View):
    """POST: move the action along. htmx gets the action's status block back."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = _action(pk)
        form = forms.StatusForm(request.POST)
        form.fields["status"].choices = ActionStatus.choices
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_status(
                    action, data["status"], user=request.user, on=data["on"], note=data["note"]
                )
            except Refusal as error:
                if error.code == "not_allowed":
                    raise PermissionDenied(error.message_en) from None
                form.add_error(None, _refusal_text(error))
            else:
                if request.htmx:
                    # The status block, and the history out of band (it gained a line).
                    context = ActionDetailView.context(request, _action(pk), {})
                    return render(request, "monev/_action_status.html", {**context, "oob": True})
                messages.success(request, _("Status diubah."))
                return redirect("monev:action", action.pk)
        if request.htmx:
            return render(
                request,
                "monev/_action_status.html",
                ActionDetailView.context(request, action, {"status": form}),
                status=400,
            )
        return ActionDetailView().get(request, pk, bound={"status": form}, status=400)


class ActionCommentView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = _action(pk)
        form = forms.CommentForm(request.POST)
        if form.is_valid():
            try:
                services.comment(action, form.cleaned_data["text"], user=request.user)
            except Refusal as error:
                if error.code == "not_allowed":
                    raise PermissionDenied(error.message_en) from None
                form.add_error(None, _refusal_text(error))
            else:
                return redirect(reverse("monev:action", args=[action.pk]) + "#riwayat")
        return ActionDetailView().get(request, pk, bound={"comment": form}, status=400)


class EvidenceUploadHandler(HandoverUploadHandler):
    """As a handover's files: each up to the evidence limit, the body up to MAX_FILES."""


@method_decorator(csrf_exempt, name="dispatch")
class ActionEvidenceView(View):
    """POST `/tindak-lanjut/<id>/bukti/`: photos or PDFs backing the action."""

    accepts_files = True

    def dispatch(self, request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        self.action = _action(pk)
        if not services.may_work_on(request.user, self.action):
            raise PermissionDenied("may not upload evidence for this action")
        if request.method == "POST":
            # The size is checked before a byte of any file is written.
            EvidenceUploadHandler.install(request, limit=evidence_max_bytes())
        return csrf_protect(super().dispatch)(request, pk, *args, **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = forms.EvidenceForm(request.POST, request.FILES)
        refused = None
        if getattr(request, "upload_too_large", False):
            refused = too_large(evidence_max_bytes())
            form.add_error("files", refused.message_id)
        elif form.is_valid():
            try:
                services.attach_evidence(
                    self.action,
                    form.cleaned_data["files"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except EvidenceRejected as error:
                refused = error
                form.add_error("files", error.message_id)
            except Refusal as error:
                form.add_error("files", _refusal_text(error))
            else:
                messages.success(request, _("Bukti diunggah."))
                return redirect(reverse("monev:action", args=[pk]) + "#bukti")
        return ActionDetailView().get(
            request, pk, bound={"evidence": form, "refused": refused}, status=400
        )


class ActionEvidenceFileView(View):
    def get(self, request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
        found = get_object_or_404(
            ActionEvidence.objects.select_related("action__owner_agency"), pk=evidence, action_id=pk
        )
        try:
            handle = services.open_evidence(request.user, found, request=request)
        except FileNotFoundError:
            raise Http404("evidence file missing") from None
        return stored_file(handle, found.original_name, found.content_type)


class RegionActionsView(View):
    """`/wilayah/<code>/tindak-lanjut/`: the actions owned in the region, overdue first, and
    the meetings that covered it."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        moved = canonical_redirect(request, code, "monev:region")
        if moved is not None:
            return moved
        region = get_region(code)
        today = timezone.localdate()
        wanted = request.GET.get("status") or ""
        actions = services.actions_query(region=region)
        if wanted == "lewat":
            actions = actions.filter(status__in=PENDING, due__lt=today)
        elif wanted in ActionStatus.values:
            actions = actions.filter(status=wanted)
        rows = services.action_rows(actions, today)
        rows.sort(key=lambda row: (not row.overdue, row.action.due, row.action.pk))
        ancestors = list(Region.objects.filter(code__in=region.ancestor_codes))
        meetings = Meeting.objects.filter(
            regions__code__in=[*region.ancestor_codes, region.code]
        ).distinct()
        return render(
            request,
            "monev/region.html",
            {
                "region": region,
                "ancestors": ancestors,
                "rows": rows,
                "meetings": meetings,
                "statuses": ActionStatus.choices,
                "wanted": wanted,
                "today": today,
                "overdue": sum(1 for row in rows if row.overdue),
            },
        )

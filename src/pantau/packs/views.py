"""The briefing pack on the meeting page: a button, the progress while the worker makes it,
and the packs made, downloadable by the meeting's participants."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from pantau.core.downloads import stored_file
from pantau.monev.models import Meeting
from pantau.packs import services
from pantau.packs.models import BriefingPack

SHOWN = 5  # the latest packs listed; older ones stay on disk and in the admin
ACTIVE = (BriefingPack.Status.QUEUED, BriefingPack.Status.RUNNING)


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.prefetch_related("regions"), pk=pk)


class PackPanelView(View):
    """`/monev/<id>/bahan/`: the panel (htmx fragment on the meeting page, polled while a pack
    is being made), or a page of its own without htmx."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting(pk)
        may_download = services.may_download(request.user, meeting)
        packs = list(BriefingPack.objects.filter(meeting=meeting)[:SHOWN]) if may_download else []
        context = {
            "meeting": meeting,
            "packs": packs,
            "active": any(p.status in ACTIVE for p in packs),
            "may_make": services.may_make(request.user, meeting),
            "may_download": may_download,
            "language": (get_language() or "id")[:2],
        }
        template = "packs/_panel.html" if request.htmx else "packs/panel.html"
        return render(request, template, context)


class PackStartView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting(pk)
        if not services.may_make(request.user, meeting):
            raise PermissionDenied("only the meeting's coordinators make its pack")
        language = request.POST.get("language") or (get_language() or "id")[:2]
        services.request(meeting, request.user, language)
        if request.htmx:
            return PackPanelView().get(request, pk)
        messages.success(
            request, _("Bahan rapat sedang dibuat; halaman ini menampilkan kemajuannya.")
        )
        return redirect("packs:panel", meeting.pk)


class PackFileView(View):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        pack = get_object_or_404(BriefingPack.objects.select_related("meeting"), pk=pk)
        if not services.may_download(request.user, pack.meeting):
            raise PermissionDenied("the pack is for the meeting's participants")
        path = services.pack_file(pack, fmt)
        if path is None:
            raise Http404("no such file")
        return stored_file(path.open("rb"), path.name, services.CONTENT_TYPES[fmt])

"""`/klaim/` (Indonesia) and `/wilayah/<code>/klaim/`: the claims paid in a region, and its
handovers of benefits (penyerahan santunan).

- Every signed-in user reads the totals (aggregates: by programme, month and child region,
  the flagged count) and downloads them (`?format=xlsx|csv`, `tabel=program|bulan|wilayah`
  for the CSV).
- The flagged claims (person-level) are shown only to those `accounts.scope` lets see the
  region's people, with the NIK masked unless the role may see it; every page of them shown
  and every export (`?format=xlsx|csv&tabel=ditandai`) is in the audit trail first.
- Handovers are listed for everyone signed in (date, place, officials); the claim numbers
  and the files only for those who may see the region's people, who may also record one
  (`/wilayah/<code>/klaim/penyerahan/`) and download its files (audited).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pantau.accounts.scope import can_view_nik, can_view_person_data, mask_nik
from pantau.audit.actions import record
from pantau.budgets.compliance.services import EvidenceRejected, evidence_max_bytes, too_large
from pantau.claims import exports, services
from pantau.claims.choices import HEIR_RELATIONS, PROGRAM_NAMES
from pantau.claims.forms import HandoverForm
from pantau.claims.models import HandoverDocument
from pantau.claims.summary import build, chart_payload, month_key, period, reason_labels
from pantau.core import params
from pantau.core.demo import demo_world
from pantau.core.downloads import download, stored_file
from pantau.core.uploads import FORM_OVERHEAD_BYTES, LimitedUploadHandler
from pantau.core.vocabulary import ClaimEvent, PayerType
from pantau.engine import claims as reader
from pantau.engine.views import page_links
from pantau.regions.lookup import get_region
from pantau.regions.models import Region
from pantau.regions.views import canonical_redirect

FORMATS = ("xlsx", "csv")
PAGE_SIZE = 50
AUDIT_FLAGGED_VIEW = "claims_flagged_view"
AUDIT_FLAGGED_EXPORT = "claims_flagged_export"


def claims_region(request: HttpRequest, code: str | None, url_name: str):
    """(region or None for Indonesia, redirect or None)."""
    if code is None:
        return None, None
    moved = canonical_redirect(request, code, url_name)
    if moved is not None:
        return None, moved
    return get_region(code), None


def query_of(first, last) -> str:
    parts = []
    if first:
        parts.append(f"dari={month_key(first)}")
    if last:
        parts.append(f"sampai={month_key(last)}")
    return "&".join(parts)


def label_flagged(rows: list[dict], show_nik: bool) -> list[dict]:
    """The flagged claims as shown: NIK masked unless allowed, words for the codes."""
    events = dict(ClaimEvent.choices)
    payers = dict(PayerType.choices)
    names = dict(
        Region.objects.filter(code__in={row["region_code"] for row in rows}).values_list(
            "code", "name"
        )
    )
    for row in rows:
        row["nik_shown"] = row["nik"] if show_nik else mask_nik(row["nik"] or "")
        row["program_name"] = str(PROGRAM_NAMES.get(row["program"], row["program"]))
        row["event_label"] = str(events.get(row["event"], row["event"]))
        row["payer_label"] = str(payers.get(row["payer_type"], row["payer_type"] or ""))
        row["region_name"] = names.get(row["region_code"], row["region_code"])
        heir = row.get("heir_relation") or ""
        row["heir_label"] = str(HEIR_RELATIONS.get(heir, heir))
        row["reason_labels"] = reason_labels(row.get("reasons") or ())
        row["basis_shown"] = exports.basis_in_language(row.get("expected_basis"))
    return rows


def flagged_page(region_code: str, first, last, page_number: int):
    offset = (page_number - 1) * PAGE_SIZE
    return reader.flagged_claims(region_code, first, last, limit=PAGE_SIZE, offset=offset)


class ClaimsPageView(View):
    """GET `/klaim/`, `/wilayah/<code>/klaim/`: the page and its downloads."""

    def get(self, request: HttpRequest, code: str | None = None) -> HttpResponse:
        region, moved = claims_region(request, code, "claims:region")
        if moved is not None:
            return moved
        region_code = region.code if region else ""
        first, last = period(request.GET.get("dari"), request.GET.get("sampai"))
        may_see_people = can_view_person_data(request.user, region_code)
        show_nik = can_view_nik(request.user, region_code)
        fmt = params.choice(request.GET.get("format"), FORMATS)
        table = request.GET.get("tabel") or ""
        if fmt and table == "ditandai":
            if not may_see_people:
                raise PermissionDenied("outside the user's region")
            return self._flagged_export(request, region, first, last, fmt, show_nik)
        summary = build(region, first, last)
        if fmt:
            content = exports.totals_export(summary, fmt, table)
            name = f"klaim-{region_code or 'ID'}"
            if first or last:
                name += f"-{month_key(first) or ''}_{month_key(last) or ''}"
            return download(content, name, fmt)

        flagged = None
        page_number, pages = 1, 0
        if may_see_people and summary.flagged:
            page_number = params.page_number(request.GET.get("hal"))
            rows, count = flagged_page(region_code, first, last, page_number)
            if count and not rows:  # past the end (an old link): the last page
                page_number = (count + PAGE_SIZE - 1) // PAGE_SIZE
                rows, count = flagged_page(region_code, first, last, page_number)
            pages = (count + PAGE_SIZE - 1) // PAGE_SIZE
            if rows:
                record(request.user, AUDIT_FLAGGED_VIEW, region_code,
                       f"{month_key(first) or ''}..{month_key(last) or ''} hal. {page_number} "
                       f"NIK {'lengkap' if show_nik else 'disamarkan'}",
                       rows=len(rows), request=request)  # fmt: skip
            flagged = {"rows": label_flagged(rows, show_nik), "count": count}
        handovers = services.handovers_in(region_code)
        context = {
            "region": region,
            "ancestors": list(Region.objects.filter(code__in=region.ancestor_codes))
            if region
            else [],
            "summary": summary,
            "chart": chart_payload(summary),
            "first_key": month_key(first) or "",
            "last_key": month_key(last) or "",
            "query": query_of(first, last),
            "may_see_people": may_see_people,
            "show_nik": show_nik,
            "flagged": flagged,
            "page_number": page_number,
            "pages": pages,
            "page_links": page_links(page_number, pages),
            "handovers": handovers,
            "can_record": services.can_record_handover(request.user, region_code),
            "demo": demo_world(),
        }
        response = render(request, "claims/claims.html", context)
        add_never_cache_headers(response)  # person-level rows for some users
        return response

    def _flagged_export(self, request, region, first, last, fmt, show_nik) -> HttpResponse:
        region_code = region.code if region else ""
        rows, count = reader.flagged_claims(region_code, first, last, limit=10**9, offset=0)
        record(request.user, AUDIT_FLAGGED_EXPORT, region_code,
               f"{fmt} {month_key(first) or ''}..{month_key(last) or ''} "
               f"NIK {'lengkap' if show_nik else 'disamarkan'}",
               rows=count, request=request)  # fmt: skip
        content = exports.flagged_export(label_flagged(rows, show_nik), fmt, region, first, last,
                                         masked=not show_nik)  # fmt: skip
        response = download(content, f"klaim-ditandai-{region_code or 'ID'}", fmt)
        add_never_cache_headers(response)
        return response


class HandoverUploadHandler(LimitedUploadHandler):
    """Each file up to the evidence limit; the body up to MAX_FILES of them."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_over_limit = (
            content_length > self.limit * services.MAX_FILES + FORM_OVERHEAD_BYTES
        )


@method_decorator(csrf_exempt, name="dispatch")
class HandoverNewView(View):
    """`/wilayah/<code>/klaim/penyerahan/`: the form (GET) and recording a handover (POST)."""

    accepts_files = True

    def dispatch(self, request: HttpRequest, code: str, *args, **kwargs) -> HttpResponse:
        self.region = get_region(code)
        if self.region.code != code and request.method in ("GET", "HEAD"):
            return redirect("claims:handover-new", self.region.code, permanent=True)
        if not services.can_record_handover(request.user, self.region.code):
            raise PermissionDenied("may not record handovers in this region")
        if request.method == "POST":
            # The size is checked before a byte of any file is written (as budget evidence).
            HandoverUploadHandler.install(request, limit=evidence_max_bytes())
        return csrf_protect(super().dispatch)(request, code, *args, **kwargs)

    def page(self, request: HttpRequest, form: HandoverForm, status: int = 200, rejected=None):
        response = render(request, "claims/handover_form.html", {
            "region": self.region, "form": form, "rejected": rejected,
        }, status=status)  # fmt: skip
        add_never_cache_headers(response)
        return response

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self.page(request, HandoverForm())

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = HandoverForm(request.POST, request.FILES)
        rejected = None
        if getattr(request, "upload_too_large", False):
            rejected = too_large(evidence_max_bytes())
            form.add_error("files", rejected.message_id)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                handover = services.record_handover(
                    request.user, self.region.code, data["held_on"], data["place"],
                    data["officials"], notes=data["notes"], claim_numbers=data["claim_numbers"],
                    files=data["files"], request=request,
                )  # fmt: skip
            except EvidenceRejected as error:
                rejected = error
                form.add_error("files", error.message_id)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Penyerahan santunan %(place)s dicatat.")
                                 % {"place": handover.place})  # fmt: skip
                unknown = services.unknown_claim_numbers(handover.claim_numbers)
                if unknown:
                    messages.warning(request, _(
                        "Nomor klaim ini tidak ada di data klaim yang sudah diimpor: "
                        "%(numbers)s. Periksa nomornya; penyerahan tetap dicatat."
                    ) % {"numbers": ", ".join(unknown)})  # fmt: skip
                return redirect(services.claims_url(self.region.code) + "#penyerahan")
        return self.page(request, form, status=400, rejected=rejected)


class HandoverDocumentView(View):
    """GET `/wilayah/<code>/klaim/berkas/<id>/`: a handover's file, audited."""

    def get(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        region = get_region(code)
        document = get_object_or_404(
            HandoverDocument.objects.select_related("handover"),
            pk=pk, handover__region_id=region.code,
        )  # fmt: skip
        try:
            handle = services.open_document(request.user, document, request=request)
        except FileNotFoundError:
            raise Http404("handover file missing") from None
        return stored_file(handle, document.original_name, document.content_type)

"""The upload wizard (upload → check the columns → import in the background → summary),
the error report downloads and the import history of a region.

Every page here shows people's data (names, NIKs in the preview and the reports), so
each looks the run up through `get_run`, which answers 404 to anyone who may not see
the people of the upload (`uploads.can_view_run`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pantau.accounts.scope import (
    can_upload,
    can_upload_for,
    can_view_nik,
    can_view_upload_rows,
    mask_nik,
)
from pantau.accounts.views import NoStoreMixin, PersonDataView
from pantau.core.downloads import download
from pantau.core.uploads import LimitedUploadHandler
from pantau.core.vocabulary import PEMDA_LEVELS, Kind
from pantau.ingest import people_regions, places, runs, uploads
from pantau.ingest.blank_forms import HEADERS
from pantau.ingest.formats import COLUMNS, PLACE_COLUMNS
from pantau.ingest.forms import UploadForm, too_large_message
from pantau.ingest.messages import MESSAGES
from pantau.ingest.models import ImportRun
from pantau.ingest.types import FileRejected
from pantau.lake.models import Snapshot
from pantau.regions.choices import ANCESTOR_FIELD
from pantau.regions.codes import try_canonical_code
from pantau.regions.models import Region

HISTORY_PAGE_SIZE = 50
# The mapping lists the columns in the blank forms' order (the place's columns together).
FORM_ORDER = {kind: list(headers) for kind, headers in HEADERS.items()}
PREVIEW_ROWS = 5
# The rows of a worker list whose place names the preview resolves (the import resolves all).
PLACE_PREVIEW_ROWS = 1000

COLUMN_LABELS = {
    "nik": gettext_lazy("NIK"),
    "name": gettext_lazy("Nama"),
    "birth_date": gettext_lazy("Tanggal lahir"),
    "sex": gettext_lazy("Jenis kelamin"),
    "region_code": gettext_lazy("Kode wilayah"),
    "district_name": gettext_lazy("Kecamatan"),
    "village_name": gettext_lazy("Desa/Kelurahan"),
    "position": gettext_lazy("Jabatan"),
    "monthly_income": gettext_lazy("Penghasilan bulanan"),
    "kpj": gettext_lazy("Nomor KPJ"),
    "segment": gettext_lazy("Segmen kepesertaan"),
    "programs": gettext_lazy("Program"),
    "payer_type": gettext_lazy("Jenis pembayar iuran"),
    "payer_region": gettext_lazy("Wilayah pembayar"),
    "wage": gettext_lazy("Upah"),
    "enrolled_on": gettext_lazy("Tanggal kepesertaan"),
    "paid_until": gettext_lazy("Iuran terakhir"),
    "status": gettext_lazy("Status kepesertaan"),
    "claim_no": gettext_lazy("Nomor klaim"),
    "program": gettext_lazy("Program"),
    "event": gettext_lazy("Jenis klaim"),
    "event_date": gettext_lazy("Tanggal kejadian"),
    "paid_on": gettext_lazy("Tanggal bayar"),
    "amount": gettext_lazy("Jumlah dibayar"),
    "scholarship": gettext_lazy("Beasiswa"),
    "branch": gettext_lazy("Kantor cabang"),
    "heir_relation": gettext_lazy("Hubungan ahli waris"),
}

SUMMARY_STATUS = {
    "created": gettext_lazy("Dibuat"),
    "unchanged": gettext_lazy("Tidak berubah"),
    "dry_run": gettext_lazy("Hanya diperiksa"),
    "needs_confirmation": gettext_lazy("Menunggu konfirmasi"),
}


def get_run(request: HttpRequest, pk) -> ImportRun:
    """The run, or 404 (not 403: whether an upload exists is itself not for others)."""
    run = (
        ImportRun.objects.select_related("user", "pemda", "region", "snapshot")
        .filter(pk=pk)
        .first()
    )
    if run is None or not uploads.can_view_run(request.user, run):
        raise Http404("import run")
    runs.fail_stale_runs(run)  # a dead worker's run is shown as failed, not running
    return run


# ---------------------------------------------------------------- step 1: upload


@method_decorator(csrf_exempt, name="dispatch")
class NewImportView(View):
    """`/impor/baru/`: choose what the file is and upload it."""

    accepts_files = True  # pantau.core.uploads: the one view that takes lists of people

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_upload(request.user):
            return render(request, "ingest/refused.html", status=403)
        # The size limit must be installed before anything reads the body, and the CSRF
        # check reads it: hence csrf_exempt on dispatch and csrf_protect here (the
        # pattern Django documents for custom upload handlers).
        LimitedUploadHandler.install(request)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, UploadForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if getattr(request, "upload_too_large", False):
            # The handler stopped reading the file, so the field arrives empty.
            form.fields["file"].error_messages["required"] = too_large_message()
        if not form.is_valid():
            return self.render(request, form, status=400)
        run = uploads.create_run(request.user, form.cleaned_data, form.cleaned_data["file"])
        return redirect("ingest:run", pk=run.pk)

    @staticmethod
    def render(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
        return render(request, "ingest/new.html", {"form": form}, status=status)


# ---------------------------------------------------------------- step 2: check, then start


@dataclass
class MappingRow:
    name: str
    label: str
    required: bool
    header: str | None
    examples: list[str] = field(default_factory=list)


def preview_context(run: ImportRun, request: HttpRequest) -> dict:
    """The detected header mapping with a few example values (NIKs masked as on any page).

    Only the rows of people the viewer may see are shown, and showing them is audited.
    """
    user = request.user
    from pantau.ingest.readers import preview

    path = uploads.upload_file(run)
    if not run.upload_path or not path.is_file():
        # The kept upload is gone (removed by hand, or a data directory restored without
        # its uploads): say so instead of failing on whatever the path now names.
        return {
            "rejected": FileRejected(
                "upload_missing",
                "Berkas unggahan tidak ditemukan lagi di server; unggah ulang berkasnya.",
                "The uploaded file is no longer on the server; upload it again.",
            )
        }
    try:
        result = preview(
            path,
            run.kind,
            sheet=run.options.get("sheet") or None,
            header_row=run.options.get("header_row") or None,
            limit=PLACE_PREVIEW_ROWS if run.kind == Kind.WORKERS else PREVIEW_ROWS,
        )
    except FileRejected as rejected:
        return {"rejected": rejected}

    # A row whose region is not a code counts as the uploader's region only.
    fallback_code = run.user.scope_code if run.user_id else None
    samples, regions = [], set()
    for row in result.sample[:PREVIEW_ROWS]:
        row = dict(row)
        code = try_canonical_code(row.get("region_code")) or fallback_code
        if not can_view_upload_rows(user, run.user_id, [code]):
            continue
        # A row's NIK is shown in full only to those who may see NIKs of its region.
        if row.get("nik") and (code is None or not can_view_nik(user, code)):
            row["nik"] = mask_nik(row["nik"].strip())
        samples.append(row)
        regions.add(people_regions.place(code))
    if samples:
        uploads.record_preview(user, run, regions, rows=len(samples), request=request)

    canonical = result.header.canonical
    mapping = [
        MappingRow(
            name=column.name,
            label=COLUMN_LABELS.get(column.name, column.name),
            required=column.required,
            header=canonical.get(column.name),
            examples=[row[column.name] for row in samples if row.get(column.name)],
        )
        for column in sorted(COLUMNS[run.kind], key=lambda c: FORM_ORDER[run.kind].index(c.name))
    ]
    missing = [COLUMN_LABELS.get(name, name) for name in result.header.missing]
    return {
        "preview": result,
        "mapping": mapping,
        "missing": missing,
        "ignored": result.header.ignored,
        "header_row": result.header.row_index + 1 if result.header.row_index >= 0 else None,
        "places": place_preview(run, result),
    }


@dataclass
class PlacePreview:
    """How the places of a worker list's first rows will be read (`places.resolve`)."""

    missing: bool  # no place column: everyone at the Pemda
    rows: int = 0  # rows looked at
    resolved: int = 0  # rows whose names were found
    unknown: int = 0  # rows whose names are unknown or ambiguous
    resolutions: list = field(default_factory=list)


def place_preview(run: ImportRun, result) -> PlacePreview | None:
    """None for a membership extract or a list that gives codes only."""
    if run.kind != Kind.WORKERS or run.pemda_id is None:
        return None
    present = set(result.header.mapping.values())
    if not present & set(PLACE_COLUMNS):
        return PlacePreview(missing=True)
    if not present & {"district_name", "village_name"}:
        return None
    pairs: dict[tuple[str, str], int] = {}
    for row in result.sample:
        if (row.get("region_code") or "").strip():
            continue  # a code wins over names
        key = ((row.get("district_name") or "").strip(), (row.get("village_name") or "").strip())
        if any(key):
            pairs[key] = pairs.get(key, 0) + 1
    if not pairs:
        return None
    from pantau.ingest.importer import connect

    english = (get_language() or "").startswith("en")
    found = places.resolve(connect(small=True), run.pemda_id, pairs)
    for item in found:
        if item.issue:
            text = MESSAGES[item.issue][2 if english else 1]
            item.message = text.replace("{value}", item.value or "")
    return PlacePreview(
        missing=False,
        rows=len(result.sample),
        resolved=sum(item.rows for item in found if not item.issue),
        unknown=sum(item.rows for item in found if item.issue),
        resolutions=found,
    )


def progress_context(run: ImportRun, request: HttpRequest) -> dict:
    active = run.status in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    rate = None
    started = run.options.get("started_at")
    if run.status == ImportRun.Status.RUNNING and started:
        elapsed = (timezone.now() - datetime.datetime.fromisoformat(started)).total_seconds()
        if elapsed > 0 and run.rows_done:
            rate = round(run.rows_done / elapsed)
    error_id, _sep, error_en = run.error.partition("\n")
    result = run.result or {}
    done = run.status == ImportRun.Status.DONE
    # The report holds whole NIKs: offered to those who may see them (the others see the
    # rejected rows below with NIKs masked).
    reports = done and uploads.may_see_niks(request.user, run)
    deciding = done and uploads.awaiting_decision(run)
    return {
        "run": run,
        "active": active,
        "rate": rate,
        "summary_status": SUMMARY_STATUS.get(result.get("status"), result.get("status")),
        "has_csv": reports and uploads.report_path(run, "csv"),
        "has_xlsx": reports and uploads.report_path(run, "xlsx"),
        "error_id": error_id,
        "error_en": error_en,
        "can_start": uploads.can_start(run) and uploads.may_start(request.user, run),
        "replaces": result.get("replaces") if deciding else None,
        "needs_confirmation": uploads.needs_confirmation(run),
        "rejected_rows": uploads.rejected_rows(request.user, run, request) if deciding else [],
        "rejected_shown_limit": uploads.REJECTED_ROWS_SHOWN,
        "history_code": uploads.run_region_code(run),
        # Claims are accepted with flags (amount, membership, enrolment): counted apart.
        "flagged": result.get("flagged") if run.kind == Kind.CLAIMS else None,
    }


class RunView(NoStoreMixin, View):
    """`/impor/<id>/`: the mapping before the import, progress during, summary after."""

    def get(self, request: HttpRequest, pk) -> HttpResponse:
        run = get_run(request, pk)
        context = progress_context(run, request)
        if run.status == ImportRun.Status.UPLOADED:
            context.update(preview_context(run, request))
        return render(request, "ingest/run.html", context)


class StartView(NoStoreMixin, View):
    """POST `/impor/<id>/mulai/`: queue the import (or the dry run)."""

    def post(self, request: HttpRequest, pk) -> HttpResponse:
        run = get_run(request, pk)
        if not uploads.may_start(request.user, run):
            raise PermissionDenied("only the uploader starts the import")
        mode = request.POST.get("mode")
        # The confirmation counts only once the page has shown what would be replaced.
        replace = mode == "replace" and uploads.needs_confirmation(run)
        if not uploads.start_run(run, dry_run=mode == "dry_run", replace=replace):
            messages.info(request, _("Impor ini sudah dimulai."))
        return redirect("ingest:run", pk=run.pk)


class ProgressView(NoStoreMixin, View):
    """`/impor/<id>/progres/`: the progress card, polled by htmx every second."""

    def get(self, request: HttpRequest, pk) -> HttpResponse:
        run = get_run(request, pk)
        if not request.htmx:
            return redirect("ingest:run", pk=run.pk)
        return render(request, "ingest/_progress.html", progress_context(run, request))


class ErrorReportView(NoStoreMixin, View):
    """`/impor/<id>/laporan.csv|xlsx`: the rows that were rejected or warned, audited."""

    def get(self, request: HttpRequest, pk, fmt: str) -> HttpResponse:
        run = get_run(request, pk)
        if fmt not in uploads.REPORT_FORMATS or not uploads.may_see_niks(request.user, run):
            raise Http404("report format")
        handle = uploads.open_error_report(request.user, run, fmt, request=request)
        if handle is None:
            raise Http404("no error report")
        response = FileResponse(
            handle, as_attachment=True, filename=f"laporan-kesalahan-{run.pk.hex[:8]}.{fmt}"
        )
        return response  # NoStoreMixin: never kept by a shared cache or the browser's


# ---------------------------------------------------------------- history


class ImportHistoryView(PersonDataView):
    """`/wilayah/<code>/impor/`: uploads and snapshots of the Pemda inside a region."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        region = self.region
        # Subtree by the stored ancestor code: one indexed equality, no LIKE.
        inside = ANCESTOR_FIELD[region.level]
        runs = (
            ImportRun.objects.filter(
                Q(**{f"pemda__{inside}": region.code})
                | Q(pemda__isnull=True, **{f"user__region__{inside}": region.code})
            )
            .select_related("user", "pemda", "snapshot")
            .order_by("-created_at")
        )
        snapshots = (
            Snapshot.objects.filter(
                Q(**{f"pemda__{inside}": region.code})
                | Q(pemda__isnull=True, **{f"uploaded_by__region__{inside}": region.code})
            )
            .select_related("pemda", "uploaded_by")
            .prefetch_related(
                Prefetch(
                    "runs",
                    queryset=ImportRun.objects.select_related("user").order_by("-created_at"),
                )
            )
            .order_by("-created_at", "-id")
        )
        run_page = Paginator(runs, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        snapshot_page = Paginator(snapshots, HISTORY_PAGE_SIZE).get_page(
            request.GET.get("snapshot_page")
        )
        user = request.user
        for run in run_page:
            run.viewable = uploads.can_view_run(user, run)
            run.summary_label = SUMMARY_STATUS.get(run.result.get("status"), "")
        for snapshot in snapshot_page:
            snapshot.run_link = next(
                (run for run in snapshot.runs.all() if uploads.can_view_run(user, run)), None
            )
        context = {
            "region": region,
            "run_page": run_page,
            "snapshot_page": snapshot_page,
            "may_upload": can_upload(user),
        }
        return render(request, "ingest/history.html", context)


class PlaceCodesView(View):
    """`/impor/kode-wilayah/<pemda>.<xlsx|csv>`: the Pemda's district and village codes and
    names, for filling in a worker list; for anyone who may upload for that Pemda."""

    def get(self, request: HttpRequest, code: str, fmt: str) -> HttpResponse:
        canonical = try_canonical_code(code)
        pemda = (
            Region.objects.filter(code=canonical, level__in=PEMDA_LEVELS).first()
            if canonical
            else None
        )
        if pemda is None or fmt not in ("xlsx", "csv"):
            raise Http404("pemda")
        if not can_upload_for(request.user, pemda.code):
            raise PermissionDenied("not an uploader of this Pemda")
        return download(places.codes_file(pemda.code, fmt), f"kode-wilayah-{pemda.code}", fmt)


class BlankFormView(View):
    """`/impor/templat/<kind>.<xlsx|csv>`: an empty form with the canonical headers."""

    def get(self, request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
        from pantau.ingest.blank_forms import csv_form, xlsx_form

        if kind not in Kind.values or fmt not in ("xlsx", "csv"):
            raise Http404
        body = xlsx_form(kind) if fmt == "xlsx" else csv_form(kind)
        return download(body, f"pantau-{kind}", fmt)

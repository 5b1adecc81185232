"""`/api/v1/imports/`: the upload wizard for machines (`ingest.uploads`, `ingest.tasks`).

- POST a file (multipart, the wizard's fields: kind, pemda, category, year, as_of, region,
  sheet, header_row; and `dry_run`): checked by the wizard's form (`UploadForm`: the same
  kinds, Pemda and region rights, suffixes and size limit), kept as the wizard keeps it
  and queued for the worker at once (`uploads.start_run`), as the wizard's start button.
- GET `/imports/<id>/`: status, progress and summary, for those the run page shows it to
  (`uploads.can_view_run`; 404 for anyone else, as the page: whether an upload exists is
  not for others).
- POST `/imports/<id>/start/`: the wizard's second step for a run only checked (dry run)
  or waiting for the confirmation of a replacement: its uploader or national uploaders.
- GET `/imports/<id>/report.csv|.xlsx`: the error report, to those who may see its NIKs,
  audited (`uploads.open_error_report`).

Uploads and starts are audited (`api_import_upload`, `api_import_start`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from pantau.accounts.scope import can_upload
from pantau.api.views.people_common import NoStore
from pantau.audit.actions import record
from pantau.core.uploads import LimitedUploadHandler
from pantau.core.vocabulary import Category, Kind
from pantau.ingest import uploads
from pantau.ingest.forms import UploadForm
from pantau.ingest.models import ImportRun
from pantau.ingest.views import get_run  # the run, or 404 to anyone its page is hidden from

NOT_AN_UPLOADER = "Peran Anda tidak dapat mengunggah berkas / your role may not upload files."
NOT_YOURS = (
    "Hanya pengunggahnya yang dapat memulai impor ini / only its uploader may start this import."
)
ALREADY_STARTED = "Impor ini sudah dimulai / this import was already started."
# The summary keys shown: not the report's server paths nor the people's regions.
RESULT_KEYS = ("status", "snapshot", "rows", "accepted", "rejected", "warnings", "flagged",
               "skipped_rows", "ignored_columns", "report_rows", "replaces")  # fmt: skip
TRUE, FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def too_large() -> str:
    limit = settings.PANTAU_MAX_UPLOAD_MB
    return (f"Berkas terlalu besar: batasnya {limit} MB / "
            f"the file is too large: the limit is {limit} MB.")  # fmt: skip


def flag(request, name: str) -> bool:
    raw = str(request.data.get(name, "") if hasattr(request.data, "get") else "").lower()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise ValidationError({name: ["harus true atau false / must be true or false"]})


REPORTS = inline_serializer(
    "ImportReports",
    {fmt: serializers.URLField(allow_null=True) for fmt in uploads.REPORT_FORMATS},
)


class ImportRunSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    pemda = serializers.CharField(source="pemda_id", allow_null=True)
    region = serializers.CharField(source="region_id", allow_null=True)
    category = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    source_name = serializers.CharField()
    uploaded_by = serializers.CharField(source="user.username", allow_null=True, default=None)
    status = serializers.ChoiceField(choices=ImportRun.Status.choices)
    dry_run = serializers.SerializerMethodField()
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField(allow_null=True)
    result = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    can_start = serializers.SerializerMethodField()
    needs_confirmation = serializers.SerializerMethodField()
    reports = serializers.SerializerMethodField()

    def get_dry_run(self, run) -> bool:
        return bool(run.options.get("dry_run"))

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_result(self, run) -> dict:
        return {key: run.result[key] for key in RESULT_KEYS if key in (run.result or {})}

    def get_error(self, run) -> str | None:
        return run.error.replace("\n", " / ") if run.error else None

    def get_can_start(self, run) -> bool:
        user = self.context["request"].user
        return uploads.can_start(run) and uploads.may_start(user, run)

    def get_needs_confirmation(self, run) -> bool:
        return uploads.needs_confirmation(run)

    @extend_schema_field(REPORTS)
    def get_reports(self, run) -> dict:
        """The error report's URLs, for those who may download it (whole NIKs)."""
        request = self.context["request"]
        done = run.status == ImportRun.Status.DONE
        allowed = done and uploads.may_see_niks(request.user, run)
        return {
            fmt: request.build_absolute_uri(reverse(f"api:import-report-{fmt}", args=[run.pk]))
            if allowed and uploads.report_path(run, fmt)
            else None
            for fmt in uploads.REPORT_FORMATS
        }


class UploadRequestSerializer(serializers.Serializer):
    """The wizard's fields (for the OpenAPI document; `UploadForm` checks them)."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    file = serializers.FileField(help_text="CSV, XLSX or Parquet")
    pemda = serializers.CharField(required=False, help_text="dotted code; workers only")
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    as_of = serializers.CharField(required=False, help_text="YYYY-MM; members only")
    region = serializers.CharField(required=False, help_text="members and claims")
    sheet = serializers.CharField(required=False, max_length=100)
    header_row = serializers.IntegerField(required=False, min_value=1, max_value=10_000)
    dry_run = serializers.BooleanField(required=False, default=False)


def may_send_files(request) -> bool:
    """Install the upload handlers before anything reads the body? For a signed-in uploader
    (the session; its CSRF check reads the body), or a request that authenticates with a
    token, which is checked (and the user's right to upload) before the body is read."""
    keyword = request.META.get("HTTP_AUTHORIZATION", "").split(" ", 1)[0].lower()
    return keyword in ("token", "bearer") or can_upload(request.user)


class ImportCreateView(NoStore, APIView):
    """POST a file: an import run, queued for the worker as the wizard's start button does."""

    accepts_files = True  # pantau.core.uploads: a view that takes lists of people
    # The token and the right to upload are checked (`initial`) before the body is read.
    authenticates_before_reading = True
    parser_classes = [MultiPartParser]

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and may_send_files(request):
            # The size limit must be in place before anything reads the body.
            LimitedUploadHandler.install(request)
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, throttles
        if not can_upload(request.user):
            raise PermissionDenied(NOT_AN_UPLOADER)

    @extend_schema(
        request={"multipart/form-data": UploadRequestSerializer},
        responses={201: ImportRunSerializer, 413: OpenApiResponse(description="too large")},
    )
    def post(self, request):
        """Upload a worker list, membership or claims extract and queue its import."""
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if getattr(request._request, "upload_too_large", False):
            return Response({"file": [too_large()]},
                            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)  # fmt: skip
        dry_run = flag(request, "dry_run")
        if not form.is_valid():
            raise ValidationError({name: [str(m) for m in messages]
                                   for name, messages in form.errors.items()})  # fmt: skip
        run = uploads.create_run(request.user, form.cleaned_data, form.cleaned_data["file"])
        record(request.user, "api_import_upload", uploads.run_region_code(run),
               f"Unggah {run.kind} {run.source_name} impor {run.pk}"
               f"{' (hanya diperiksa)' if dry_run else ''}", request=request)  # fmt: skip
        uploads.start_run(run, dry_run=dry_run)
        run = ImportRun.objects.select_related("user").get(pk=run.pk)
        data = ImportRunSerializer(run, context={"request": request}).data
        url = reverse("api:import", args=[run.pk])
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": url})


class ImportRunView(NoStore, APIView):
    @extend_schema(responses=ImportRunSerializer)
    def get(self, request, pk):
        """An import's status, progress (rows done of total) and summary."""
        run = get_run(request, pk)
        return Response(ImportRunSerializer(run, context={"request": request}).data)


MODES = ("import", "dry_run", "replace")


class ImportStartView(NoStore, APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=inline_serializer("ImportStart", {
            "mode": serializers.ChoiceField(choices=MODES, default="import"),
        }),
        responses=ImportRunSerializer,
    )  # fmt: skip
    def post(self, request, pk):
        """Start the import of a run only checked, or confirm a replacement (`replace`, once
        `needs_confirmation` is true), as the wizard's buttons."""
        run = get_run(request, pk)
        if not uploads.may_start(request.user, run):
            raise PermissionDenied(NOT_YOURS)
        mode = request.data.get("mode", "import") if hasattr(request.data, "get") else None
        if mode not in MODES:
            raise ValidationError({"mode": [f"salah satu dari / one of {', '.join(MODES)}"]})
        replace = mode == "replace" and uploads.needs_confirmation(run)
        if not uploads.start_run(run, dry_run=mode == "dry_run", replace=replace):
            raise ValidationError({"status": [ALREADY_STARTED]})
        record(request.user, "api_import_start", uploads.run_region_code(run),
               f"Mulai impor {run.pk} ({run.source_name}) {mode}", request=request)  # fmt: skip
        run = get_run(request, pk)
        return Response(ImportRunSerializer(run, context={"request": request}).data)


class ImportReportView(APIView):
    fmt = "csv"

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        """The rows rejected or warned (whole NIKs): for those who may see them, audited."""
        run = get_run(request, pk)
        if not uploads.may_see_niks(request.user, run):
            raise Http404("report")
        handle = uploads.open_error_report(request.user, run, self.fmt, request=request)
        if handle is None:
            raise Http404("no error report")
        response = FileResponse(
            handle, as_attachment=True, filename=f"laporan-kesalahan-{run.pk.hex[:8]}.{self.fmt}"
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ImportReportCSV(ImportReportView):
    fmt = "csv"


class ImportReportXLSX(ImportReportView):
    fmt = "xlsx"

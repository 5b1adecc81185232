"""An action's evidence through the API, as on the action's page (`/tindak-lanjut/<id>/`):
the list of files (everyone signed in, as the page lists them), an upload of photos or PDFs
(the owner's side and the coordinators, `monev.services.may_work_on`), and a download
(those and the people who may see the owner's region's person-level data: an evidence file
may name people; recorded in the audit trail, `services.open_evidence`).

The upload is checked as the page's: its size before a byte of any file is written (the
handlers are installed before anything reads the body, and the token and the right to
upload are checked first: `authenticates_before_reading`), then each file's kind and
content (`claims.services.stored_files`); nothing is kept when one file is refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from pantau.api.views.domain_common import bilingual
from pantau.api.views.domain_monev import action_or_404
from pantau.budgets.compliance.services import EvidenceRejected, evidence_max_bytes, too_large
from pantau.core.downloads import stored_file
from pantau.core.messages import Refusal
from pantau.monev import services
from pantau.monev.models import ActionEvidence
from pantau.monev.views import EvidenceUploadHandler

MAY_NOT_UPLOAD = (
    "Anda tidak berwenang mengunggah bukti tindak lanjut ini / "
    "you may not upload evidence for this action"
)
MAY_NOT_OPEN = "Anda tidak berwenang membuka bukti ini / you may not open this evidence"
LARGEST_ID = 2**31 - 1  # the largest id an integer column holds on every database
NO_FILES = "Unggah 1 sampai {n} berkas / upload 1 to {n} files"


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = ActionEvidence
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at",
                  "uploaded_by", "url"]  # fmt: skip

    def get_url(self, evidence) -> str:
        return reverse("api:action-evidence-file", args=[evidence.action_id, evidence.pk])

    def get_uploaded_by(self, evidence) -> str | None:
        return evidence.uploaded_by.get_username() if evidence.uploaded_by_id else None


def evidence_list(action) -> list[dict]:
    found = action.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk")
    return EvidenceSerializer(found, many=True).data


def _message(error: Refusal) -> str:
    return bilingual(error)


@method_decorator(never_cache, name="dispatch")
class ActionEvidenceView(APIView):
    """GET the action's evidence files; POST (multipart: `files`, repeated, and `note`) one or
    more photos or PDFs: 201 with the list, the action's history gains a line."""

    accepts_files = True  # pantau.core.uploads
    authenticates_before_reading = True
    parser_classes = [MultiPartParser]

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            # The size limit must be in place before anything reads the body; who may send
            # files is checked in `initial`, before the body is read.
            EvidenceUploadHandler.install(request, limit=evidence_max_bytes())
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, throttles
        if request.method == "POST":
            self.action = action_or_404(kwargs["pk"])
            if not services.may_work_on(request.user, self.action):
                raise PermissionDenied(MAY_NOT_UPLOAD)

    @extend_schema(responses={200: EvidenceSerializer(many=True), 404: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        return Response(evidence_list(action_or_404(pk)))

    @extend_schema(
        request={"multipart/form-data": inline_serializer("EvidenceUpload", {
            "files": serializers.ListField(child=serializers.FileField()),
            "note": serializers.CharField(required=False, max_length=500),
        })},
        responses={201: EvidenceSerializer(many=True),
                   400: OpenApiResponse(OpenApiTypes.OBJECT, description="bad file"),
                   403: OpenApiResponse(OpenApiTypes.OBJECT, description="not allowed"),
                   413: OpenApiResponse(OpenApiTypes.OBJECT, description="too large")},
    )  # fmt: skip
    def post(self, request, pk: int):
        files = request.FILES.getlist("files")  # parses the body: the limit is known after
        if getattr(request._request, "upload_too_large", False):
            return Response({"files": [_message(too_large(evidence_max_bytes()))]},
                            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)  # fmt: skip
        note = str(request.data.get("note", "")).strip()
        if len(note) > 500:
            raise ValidationError({"note": ["terlalu panjang / too long"]})
        if not files or len(files) > services.MAX_FILES:
            raise ValidationError({"files": [NO_FILES.format(n=services.MAX_FILES)]})
        try:
            services.attach_evidence(self.action, files, user=request.user, note=note,
                                     request=request._request)  # fmt: skip
        except EvidenceRejected as error:
            raise ValidationError({"files": [_message(error)]}) from None
        except Refusal as error:
            if error.code == "not_allowed":
                raise PermissionDenied(_message(error)) from None
            raise ValidationError({"files": [_message(error)]}) from None
        return Response(evidence_list(self.action), status=status.HTTP_201_CREATED)


class ActionEvidenceFileView(APIView):
    """One evidence file, as uploaded (an attachment, never cached); the download is recorded
    in the audit trail."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                              403: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT})  # fmt: skip
    def get(self, request, pk: int, evidence: int):
        if max(pk, evidence) > LARGEST_ID:  # no such row, and too large for the database
            raise NotFound("Bukti tidak ditemukan / no such evidence")
        found = (
            ActionEvidence.objects.select_related("action__owner_agency", "action__owner_region")
            .filter(pk=evidence, action_id=pk)
            .first()
        )  # fmt: skip
        if found is None:
            raise NotFound("Bukti tidak ditemukan / no such evidence")
        try:
            handle = services.open_evidence(request.user, found, request=request._request)
        except DjangoPermissionDenied:
            raise PermissionDenied(MAY_NOT_OPEN) from None
        except FileNotFoundError:
            raise NotFound("Berkas bukti hilang / the evidence file is missing") from None
        return stored_file(handle, found.original_name, found.content_type)

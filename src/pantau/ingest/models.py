"""One row per import attempt (CLI or web): its progress, outcome and report."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.core.vocabulary import Category, Kind

__all__ = ["ImportRun"]


class ImportRun(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Diunggah")
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    pemda = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(max_length=20, choices=Category.choices, blank=True, default="")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    as_of = models.DateField(null=True, blank=True)
    options = models.JSONField(default=dict, blank=True)  # sheet, header_row, dry_run
    # A membership extract covers one region (null: the whole country); see docs/engine.md.
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    source_name = models.CharField(_("nama berkas"), max_length=255)
    # The uploaded file, relative to PANTAU_DATA_DIR (web uploads only).
    upload_path = models.CharField(max_length=255, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)  # an estimate while running
    result = models.JSONField(default=dict, blank=True)  # the CLI's JSON summary
    error = models.TextField(blank=True, default="")  # a file-level error, in both languages
    snapshot = models.ForeignKey(
        "lake.Snapshot", null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Last sign of life of the worker running the import: a run whose heartbeat stops is
    # shown as failed (its worker was killed or ran out of memory).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor")

    def __str__(self) -> str:
        return f"{self.kind} {self.source_name} ({self.status})"

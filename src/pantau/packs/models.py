"""A meeting's briefing packs: each one made is kept (its files under
`packs/<meeting>/<pack>/`), with its progress while the worker makes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BriefingPack(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        RUNNING = "running", _("sedang dibuat")
        DONE = "done", _("siap")
        FAILED = "failed", _("gagal")

    meeting = models.ForeignKey("monev.Meeting", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("bahasa"), max_length=5, default="id")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=200, blank=True)  # what is being done, for the page
    # Relative to the data directory; empty until made.
    pdf_path = models.CharField(max_length=300, blank=True)
    xlsx_path = models.CharField(max_length=300, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    as_of = models.DateField(_("angka per"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("bahan rapat")
        verbose_name_plural = _("bahan rapat")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"pack {self.pk} of meeting {self.meeting_id} ({self.status})"

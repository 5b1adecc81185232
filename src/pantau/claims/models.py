"""Handovers of benefits (penyerahan santunan) and their photos and documents.

The claims themselves live in the lake (BPJS's claims extracts) and their numbers in the
engine's tables; this app keeps only what people record on Pantau about them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Handover(models.Model):
    """A symbolic handover of benefits to heirs or workers, in a region, on a day."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    officials = models.TextField(_("pejabat yang hadir"))
    notes = models.TextField(_("catatan"), blank=True)
    # The claim numbers (claim_no of the claims extract) handed over, as written.
    claim_numbers = models.JSONField(_("nomor klaim"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penyerahan santunan")
        verbose_name_plural = _("penyerahan santunan")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "held_on"], name="handover_region_day")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.held_on:%Y-%m-%d} {self.place}"


class HandoverDocument(models.Model):
    """A photo or document of a handover, stored under the data directory (file 0600)."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="documents")
    path = models.CharField(max_length=255)  # relative to PANTAU_DATA_DIR
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen penyerahan")
        ordering = ["handover_id", "id"]

    def __str__(self) -> str:
        return f"{self.handover_id} {self.original_name}"

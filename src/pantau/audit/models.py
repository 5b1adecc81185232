"""The audit trail: who exported or downloaded person-level data, when, and how much.

UU PDP 27/2022 asks the controller to be able to show every disclosure of personal
data. Rows are only ever added (`pantau.audit.actions.record`); the admin shows them
read-only. The user's name and role and the region code are copied, not only linked,
so an event still says who and where after the account or region changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AuditEvent"]


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True, default="")
    role = models.CharField(_("peran"), max_length=10, blank=True, default="")
    action = models.CharField(_("tindakan"), max_length=50, db_index=True)
    region_code = models.CharField(
        _("kode wilayah"), max_length=13, blank=True, default="", db_index=True
    )
    description = models.TextField(_("keterangan"), blank=True, default="")
    rows = models.PositiveIntegerField(_("baris"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    path = models.CharField(_("alamat halaman"), max_length=255, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.region_code}"

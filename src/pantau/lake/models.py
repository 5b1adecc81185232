"""The catalog of the Parquet lake: which immutable snapshot holds what, and which is current.

Person-level rows live only in Parquet files under the data directory; the database
keeps this catalog (lineage: file, hash, uploader, counts, rules version).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantau.core.vocabulary import Category, Kind

__all__ = ["Snapshot"]


class SnapshotQuerySet(models.QuerySet):
    def current(self) -> SnapshotQuerySet:
        return self.filter(is_current=True)


class Snapshot(models.Model):
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    # Worker lists: one Pemda, category and year. Membership extracts: one as-of month.
    # Claims extracts: none of these (each file is a batch; every one stays current).
    pemda = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Pemda"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    category = models.CharField(
        _("kategori"), max_length=20, choices=Category.choices, blank=True, default=""
    )
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    as_of = models.DateField(_("per bulan"), null=True, blank=True)
    # Membership extracts: the region the extract covers ("" = the whole country). A code,
    # not a foreign key, so that the nation ("") takes part in the unique constraint on
    # SQLite and PostgreSQL alike (NULLs never collide there). See docs/engine.md.
    region_code = models.CharField(_("wilayah cakupan"), max_length=13, blank=True, default="")

    source_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    rows = models.PositiveIntegerField(_("baris"), default=0)
    accepted = models.PositiveIntegerField(_("diterima"), default=0)
    rejected = models.PositiveIntegerField(_("ditolak"), default=0)
    warnings = models.PositiveIntegerField(_("peringatan"), default=0)
    # Claims extracts: accepted rows with a flag (amount, membership, enrolment).
    flagged = models.PositiveIntegerField(_("ditandai"), default=0)
    rules_version = models.CharField(_("versi aturan validasi"), max_length=20)
    header_mapping = models.JSONField(_("pemetaan kolom"), default=dict)
    provinces = models.JSONField(_("provinsi"), default=list)
    # Lists and membership extracts imported since the NIK numbers were stored: their files
    # hold `nik_number` (the NIK's 16 digits as a BIGINT), which the reconciliation joins on
    # instead of the text (docs/benchmarks.md, "NIKs joined as numbers"). Older snapshots
    # are joined by their text, as before.
    nik_numbers = models.BooleanField(default=False)

    # Paths are relative to PANTAU_DATA_DIR so a data directory can be moved whole.
    path = models.CharField(max_length=255)
    errors_csv = models.CharField(max_length=255, blank=True, default="")
    errors_xlsx = models.CharField(max_length=255, blank=True, default="")

    is_current = models.BooleanField(default=True, db_index=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("snapshot")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "category", "year"],
                condition=Q(is_current=True, kind="workers"),
                name="one_current_worker_list",
            ),
            models.UniqueConstraint(
                fields=["as_of", "region_code"],
                condition=Q(is_current=True, kind="members"),
                name="one_current_membership_snapshot",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == Kind.WORKERS:
            return f"#{self.pk} {self.pemda_id} {self.category} {self.year}"
        if self.kind == Kind.CLAIMS:
            return f"#{self.pk} claims {self.region_code or 'ID'}"
        return f"#{self.pk} members {self.as_of:%Y-%m} {self.region_code or 'ID'}"

    @property
    def absolute_path(self):
        return settings.DATA_DIR / self.path

"""APBD allocations, what the lists need, and each Pemda's regulatory compliance record.

Amounts are integer Rupiah. Allocations are never edited in place: a new row (a correction,
or the `perubahan` stage) becomes current and the row it replaces stays in the history
(`superseded_by`), like the lake's snapshots.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantau.budgets.choices import EntrySource, RegulationKind, Stage
from pantau.core.vocabulary import Category


class AllocationQuerySet(models.QuerySet):
    def current(self) -> AllocationQuerySet:
        return self.filter(is_current=True)


class Allocation(models.Model):
    """What a Pemda budgeted for a category in a year, at one APBD stage.

    Village officials' APBDes allocations are entered per regency, summed over its villages.
    """

    pemda = models.ForeignKey(
        "regions.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT,
        related_name="allocations",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    stage = models.CharField(_("tahap"), max_length=10, choices=Stage.choices)
    persons = models.PositiveIntegerField(_("jumlah sasaran (orang)"))
    amount = models.PositiveBigIntegerField(_("pagu anggaran (Rp)"))
    realized = models.PositiveBigIntegerField(_("realisasi (Rp)"), null=True, blank=True)
    # Canonical programme codes joined by commas ("JKK,JKM"); "" = the category's default.
    programs = models.CharField(_("program"), max_length=30, blank=True, default="")
    document = models.CharField(_("dasar dokumen (Perda/Perkada/DPA)"), max_length=200,
                                blank=True, default="")  # fmt: skip

    source = models.CharField(max_length=10, choices=EntrySource.choices)
    source_name = models.CharField(_("nama berkas"), max_length=255, blank=True, default="")
    source_row = models.PositiveIntegerField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    is_current = models.BooleanField(default=True, db_index=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("alokasi anggaran")
        ordering = ["pemda_id", "year", "category", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "year", "category"],
                condition=Q(is_current=True),
                name="one_current_allocation",
            )
        ]
        indexes = [models.Index(fields=["year", "is_current"])]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.year} {self.category} {self.stage}: Rp{self.amount}"


class Need(models.Model):
    """A year of contributions for the people on a Pemda's current list (pre-aggregated).

    One row per programme set: "" (the category's default) and each set a current
    allocation names. Recomputed when lists, allocations or rules change (`need.refresh`).
    """

    pemda = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=20, choices=Category.choices)
    programs = models.CharField(max_length=30, blank=True, default="")
    persons = models.PositiveIntegerField()
    amount = models.PositiveBigIntegerField(null=True)  # None: a PU list without wages
    persons_without_wage = models.PositiveIntegerField(default=0)
    list_snapshot = models.ForeignKey(
        "lake.Snapshot", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The contribution rules' data version (`rules.api.version()`) the amount was computed by.
    rules_version = models.CharField(max_length=16, blank=True, default="")
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "year", "category", "programs"], name="one_need_per_programs"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.year} {self.category} [{self.programs}]: {self.amount}"


class Regulation(models.Model):
    """A regional regulation a Pemda issued to carry out Inpres 2/2021."""

    pemda = models.ForeignKey(
        "regions.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT,
        related_name="regulations",
    )  # fmt: skip
    kind = models.CharField(_("jenis"), max_length=20, choices=RegulationKind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    issued_on = models.DateField(_("tanggal ditetapkan"))
    title = models.CharField(_("judul / tentang"), max_length=300, blank=True, default="")
    # Category codes the regulation covers.
    categories = models.JSONField(_("kategori yang dicakup"), default=list)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regulasi daerah")
        ordering = ["pemda_id", "-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kind", "number"], name="one_regulation")
        ]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.get_kind_display()} {self.number}"


class Planning(models.Model):
    """Whether a Pemda's programme is in its RKPD and APBD for a year."""

    pemda = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    in_rkpd = models.BooleanField(_("tercantum dalam RKPD"), default=False)
    in_apbd = models.BooleanField(_("tercantum dalam APBD"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("perencanaan program")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year"], name="one_planning_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.year}: RKPD {self.in_rkpd}, APBD {self.in_apbd}"


class Evidence(models.Model):
    """A PDF proving a regulation or a budget (stored under the data directory)."""

    pemda = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    regulation = models.ForeignKey(
        Regulation, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    description = models.CharField(_("keterangan"), max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    path = models.CharField(max_length=255)  # relative to PANTAU_DATA_DIR
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen bukti")
        ordering = ["pemda_id", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.pemda_id} {self.original_name}"

    @property
    def absolute_path(self):
        return settings.DATA_DIR / self.path

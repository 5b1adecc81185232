"""Coverage results as small pre-aggregated tables, and the workforce denominators.

Pages and the API read only these tables, never the lake. A full refresh writes a complete
new generation of rows beside the current one and then moves the `CurrentGeneration`
pointer in one transaction (the DHIS2 analytics-table swap): a reader sees the old numbers
or the new ones, never a mix. Older generations are deleted after the swap. An incremental
refresh replaces only the rows of the regions it recomputed, in one transaction too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.core.vocabulary import Category

ALL_CATEGORIES = ""  # the `category` of a row that sums every category
NATIONAL = ""  # the `region_code` of Indonesia as a whole


class Workforce(models.Model):
    """Employed persons of a region in a year (BPS Sakernas, August): the UCJ denominator."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT,
        related_name="workforce",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("tahun"))
    employed = models.PositiveBigIntegerField(_("penduduk bekerja"))
    source = models.TextField(_("sumber"))
    # Demo-only figures for provinces without a published number; shown as estimates.
    is_estimate = models.BooleanField(_("perkiraan"), default=False)
    imported_at = models.DateTimeField(_("diimpor"), auto_now=True)

    class Meta:
        verbose_name = _("angkatan kerja")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="workforce_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.employed}"


class Refresh(models.Model):
    """One run of the engine: what it computed, on which engine, how long it took."""

    class Status(models.TextChoices):
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    as_of = models.DateField(_("per bulan"))
    engine = models.CharField(_("mesin"), max_length=10)
    full = models.BooleanField(_("penuh"), default=True)
    generation = models.PositiveBigIntegerField(_("generasi"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # Which snapshots went in (ids), timings per step, row counts: the refresh's lineage.
    inputs = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    error = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("pembaruan angka")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"refresh {self.pk} {self.as_of:%Y-%m} {self.engine} {self.status}"


class CurrentGeneration(models.Model):
    """The generation pages read for an as-of month, and the refresh in force; moved in one
    transaction.

    A full refresh writes a generation of its own (`generation` is then its number). An
    incremental one replaces the rows of the regions it recomputed inside the generation in
    force, which keeps its number; only `refresh` moves. The files in force, partials and
    gap rows (`lake/coverage/<n>/`), are always the refresh's own: `files`.
    """

    as_of = models.DateField(_("per bulan"), unique=True)
    generation = models.PositiveBigIntegerField(_("generasi"))
    refresh = models.ForeignKey(Refresh, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.as_of:%Y-%m} → {self.generation}"

    @property
    def files(self) -> int:
        """The directory of the files in force under `lake/coverage/`: the refresh's number
        (a refresh's `generation` is its primary key), without a query."""
        return self.refresh_id


class ListCoverage(models.Model):
    """Listed persons of a region by reconciliation status, for a category and as-of month.

    A province's row counts its own lists and its regencies' and cities' lists; a regency's
    row its own; a district's or village's row the persons its regency or city listed as
    working there. `category` is ALL_CATEGORIES ("") on the row that sums the categories.
    """

    # No index of its own: the key below starts with it.
    generation = models.PositiveBigIntegerField()
    as_of = models.DateField()
    # A region code at any level; NATIONAL ("") for Indonesia, which has no Region row.
    region_code = models.CharField(max_length=13, blank=True)
    category = models.CharField(max_length=20, blank=True, choices=Category.choices)
    listed = models.PositiveBigIntegerField(default=0)
    covered = models.PositiveBigIntegerField(default=0)
    lapsed = models.PositiveBigIntegerField(default=0)
    not_enrolled = models.PositiveBigIntegerField(default=0)
    # Integer Rupiah: a year of contributions for the lapsed and the never enrolled.
    gap_cost_annual = models.PositiveBigIntegerField(default=0)
    # Gap persons whose list gives no income: a PU category's cost cannot be computed.
    gap_wage_missing = models.PositiveBigIntegerField(default=0)
    birth_date_mismatch = models.PositiveBigIntegerField(default=0)
    paid_by_other = models.PositiveBigIntegerField(default=0)

    class Meta:
        # One index, the key every reader asks by (a generation is one refresh of one month,
        # so `as_of` adds nothing to it): each index more is paid on every row a refresh
        # inserts and deletes (docs/benchmarks.md, "Storing region rows in key order").
        constraints = [
            models.UniqueConstraint(
                fields=["generation", "region_code", "category"], name="list_coverage_key"
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.category or 'all'} {self.as_of:%Y-%m}"


class MemberCoverage(models.Model):
    """Active members working in a region (all levels) and the UCJ share of its workforce."""

    # No index of its own: the key below starts with it.
    generation = models.PositiveBigIntegerField()
    as_of = models.DateField()
    # A region code at any level; NATIONAL ("") for Indonesia, which has no Region row.
    region_code = models.CharField(max_length=13, blank=True)
    active_members = models.PositiveBigIntegerField(default=0)
    segment_pu = models.PositiveBigIntegerField(default=0)
    segment_bpu = models.PositiveBigIntegerField(default=0)
    segment_jakon = models.PositiveBigIntegerField(default=0)
    segment_pmi = models.PositiveBigIntegerField(default=0)
    payer_apbd_province = models.PositiveBigIntegerField(default=0)
    payer_apbd_regency = models.PositiveBigIntegerField(default=0)
    payer_apbdes = models.PositiveBigIntegerField(default=0)
    payer_employer = models.PositiveBigIntegerField(default=0)
    payer_self = models.PositiveBigIntegerField(default=0)
    payer_other = models.PositiveBigIntegerField(default=0)
    # The denominator: employed persons of the as-of year, or the latest earlier year.
    workforce = models.PositiveBigIntegerField(null=True, blank=True)
    workforce_year = models.PositiveSmallIntegerField(null=True, blank=True)
    workforce_is_estimate = models.BooleanField(default=False)

    class Meta:
        # One index, as `ListCoverage`'s.
        constraints = [
            models.UniqueConstraint(
                fields=["generation", "region_code"], name="member_coverage_key"
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.as_of:%Y-%m}: {self.active_members}"


class MemberPartition(models.Model):
    """Rows and digest of one province partition of a membership extract.

    Computed once per extract, when a refresh first needs to know which provinces a new
    extract changed (see `incremental`).
    """

    snapshot = models.ForeignKey("lake.Snapshot", on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=13)
    digest = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "province_code"], name="member_partition_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id} {self.province_code}: {self.digest}"


class ClaimRefresh(models.Model):
    """One computation of the claims indicators: its lineage (the claims files and membership
    extracts it read), engine, timings and counts (`pantau.engine.claims.refresh_claims`)."""

    engine = models.CharField(_("mesin"), max_length=10)
    full = models.BooleanField(_("penuh"), default=True)
    generation = models.PositiveBigIntegerField(_("generasi"))
    status = models.CharField(max_length=10, choices=Refresh.Status.choices,
                              default=Refresh.Status.RUNNING)  # fmt: skip
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    inputs = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    error = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("pembaruan angka klaim")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"claims refresh {self.pk} {self.engine} {self.status}"


class CurrentClaims(models.Model):
    """The claims generation pages read: one row, moved in one transaction."""

    generation = models.PositiveBigIntegerField(_("generasi"))
    refresh = models.ForeignKey(ClaimRefresh, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"claims → {self.generation}"


class ClaimTotal(models.Model):
    """Claims paid in a region (any level, rolled up from the claim's work region), for a
    programme and a month of payment (`paid_on`, first day of the month)."""

    # No index of its own: the indexes below start with it (a third index cost a sixth of a
    # refresh's insert and delete of every region row).
    generation = models.PositiveBigIntegerField()
    # A region code at any level; NATIONAL ("") for Indonesia, which has no Region row.
    region_code = models.CharField(max_length=13, blank=True)
    # The region one level up ("" for a province); None for Indonesia.
    parent_code = models.CharField(max_length=13, null=True, blank=True)
    program = models.CharField(max_length=5)
    month = models.DateField()
    count = models.PositiveBigIntegerField(default=0)
    amount = models.PositiveBigIntegerField(default=0)  # integer Rupiah
    pemda_funded_count = models.PositiveBigIntegerField(default=0)
    pemda_funded_amount = models.PositiveBigIntegerField(default=0)
    flagged = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["generation", "region_code", "month"]),
            models.Index(fields=["generation", "parent_code", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.program} {self.month:%Y-%m}: {self.count}"

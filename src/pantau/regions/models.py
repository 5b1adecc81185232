"""The Kemendagri region hierarchy (Kepmendagri 300.2.2-2138/2025).

Subtrees are found without recursion: every region stores the codes of its
province, regency/city and district (its own code included at its own level), so
"everything inside 64.02" is one indexed equality, `regency_code = '64.02'`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.regions.choices import ANCESTOR_FIELD, DESCENDANT_LEVELS, Level
from pantau.regions.codes import ancestor_codes

__all__ = ["Region", "RegionQuerySet", "RegionSource"]


class RegionQuerySet(models.QuerySet):
    def subtree(self, region: Region | None) -> RegionQuerySet:
        """The region and everything below it; `None` is the whole country."""
        if region is None:
            return self.all()
        return self.filter(**{ANCESTOR_FIELD[region.level]: region.code})

    def descendants(self, region: Region | None) -> RegionQuerySet:
        qs = self.subtree(region)
        return qs.exclude(code=region.code) if region is not None else qs

    def search(self, text: str) -> RegionQuerySet:
        """By name (case-insensitive, any part) or by code prefix, dotted or undotted."""
        text = text.strip()
        digits = text.replace(".", "").replace(" ", "")
        if digits.isdigit():
            return self.filter(digits__startswith=digits)
        return self.filter(name__icontains=text)


class Region(models.Model):
    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    digits = models.CharField(_("kode tanpa titik"), max_length=10, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province_code = models.CharField(max_length=2, db_index=True)
    regency_code = models.CharField(max_length=5, null=True, blank=True, db_index=True)
    district_code = models.CharField(max_length=8, null=True, blank=True, db_index=True)
    # Descendant counts, computed when the hierarchy is loaded so pages never count.
    regency_count = models.PositiveIntegerField(default=0)
    city_count = models.PositiveIntegerField(default=0)
    district_count = models.PositiveIntegerField(default=0)
    village_count = models.PositiveIntegerField(default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def parent_code(self) -> str | None:
        return self.parent_id

    @property
    def ancestor_codes(self) -> list[str]:
        """Codes above this region, province first (itself excluded)."""
        return ancestor_codes(self.code)[:-1]

    @property
    def is_pemda(self) -> bool:
        """Provinces, regencies and cities have their own government (Pemda)."""
        return self.level in (Level.PROVINCE, Level.REGENCY, Level.CITY)

    @property
    def village_kind(self) -> str | None:
        """`kelurahan` (1xxx), `desa` (2xxx) or `desa_adat` (3xxx); None above villages."""
        if self.level != Level.VILLAGE:
            return None
        return {"1": "kelurahan", "2": "desa", "3": "desa_adat"}.get(self.code[-4])

    def descendant_counts(self) -> dict[str, int]:
        """Counts of each level below this region: `{"district": 18, "village": 193}`."""
        return {level: getattr(self, f"{level}_count") for level in DESCENDANT_LEVELS[self.level]}


class RegionSource(models.Model):
    """Which shipped region file is loaded, so `pantau setup` can skip an unchanged one."""

    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    regulation = models.CharField(max_length=120)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sumber data wilayah")

    def __str__(self) -> str:
        return f"{self.regulation} ({self.rows} rows)"

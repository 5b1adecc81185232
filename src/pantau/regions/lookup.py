"""Finding a region from a code in a URL or on the command line."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from pantau.regions.codes import InvalidRegionCode, canonical_code
from pantau.regions.models import Region


class RegionNotFound(Http404):
    """Unknown or malformed code; the 404 page shows `code` and a search box."""

    def __init__(self, code: object, malformed: bool = False) -> None:
        self.code = code
        self.malformed = malformed
        if malformed:
            message = _(
                "“%(code)s” bukan kode wilayah Kemendagri. Contoh: 64.02 atau 6402, "
                "64.02.05.2001 atau 6402052001."
            )
        else:
            message = _("Kode wilayah %(code)s tidak ditemukan.")
        super().__init__(message % {"code": code})


class NotAPemda(RegionNotFound):
    """A district or village where a Pemda was asked for: it has no government of its own.

    A 404 like an unknown code; `message` says what only a Pemda has, with `%(name)s`,
    `%(code)s` and `%(level)s` filled in from the region.
    """

    def __init__(self, region: Region, message: str) -> None:
        self.code = region.code
        self.malformed = False
        self.region = region
        text = message % {
            "name": region.name,
            "code": region.code,
            "level": region.get_level_display(),
        }
        super(RegionNotFound, self).__init__(text)


def get_region(raw_code: object) -> Region:
    """The region for a dotted or undotted code; raises `RegionNotFound` (a 404)."""
    try:
        code = canonical_code(raw_code)
    except InvalidRegionCode:
        raise RegionNotFound(raw_code, malformed=True) from None
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise RegionNotFound(code) from None


def get_pemda(raw_code: object, message: str) -> Region:
    """The Pemda (province, regency or city) for a code; raises `RegionNotFound` for an
    unknown or malformed code and `NotAPemda` (saying `message`) for a district or village."""
    region = get_region(raw_code)
    if not region.is_pemda:
        raise NotAPemda(region, message)
    return region

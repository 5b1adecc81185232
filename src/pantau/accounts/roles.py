"""Which region each role must have: a user's own invariant, checked when a user is saved
(`User.clean`). Who may see or upload what is `scope.py`'s, not this module's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from pantau.accounts.choices import Role
from pantau.core.vocabulary import PEMDA_LEVELS

if TYPE_CHECKING:
    from pantau.regions.models import Region


def region_rule_error(role: str, region: Region | None) -> str | None:
    """Why a role cannot have this region, or None when it can."""
    if role == Role.NATIONAL and region is not None:
        return _("Tim nasional mencakup seluruh Indonesia dan tidak memiliki wilayah.")
    if role == Role.PEMDA:
        if region is None:
            return _("Pengguna Pemda harus memiliki wilayah (provinsi atau kabupaten/kota).")
        if region.level not in PEMDA_LEVELS:
            return _("Wilayah Pemda harus provinsi atau kabupaten/kota, bukan %(level)s.") % {
                "level": region.get_level_display()
            }
    return None

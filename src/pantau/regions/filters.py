"""Region filters shared by the region search page and the API (NetBox's pattern: one
filterset, the same meaning in both)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from pantau.regions.models import Region

LEVELS = ("province", "regency", "city", "district", "village")


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("nama atau kode"), max_length=100)
    level = django_filters.ChoiceFilter(choices=[(level, level) for level in LEVELS],
                                        label=_("tingkat"))  # fmt: skip
    parent = django_filters.CharFilter(field_name="parent_id", label=_("kode induk"),
                                       max_length=20)  # fmt: skip

    class Meta:
        model = Region
        fields = ["q", "level", "parent"]

    def search(self, queryset, name, value):
        return queryset.search(value)

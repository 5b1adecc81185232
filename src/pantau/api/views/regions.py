"""Regions: reference data (Kepmendagri codes), open to every signed-in user and token."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, generics, serializers

from pantau.regions.filters import RegionFilterSet
from pantau.regions.lookup import get_region
from pantau.regions.models import Region
from pantau.regions.views import region_json


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent_id", allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent_code"]


class ChildSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


class RegionDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    parent_code = serializers.CharField(allow_null=True)
    children = ChildSerializer(many=True)
    descendants = serializers.DictField(child=serializers.IntegerField())


class RegionList(generics.ListAPIView):
    """Every region (91,599), filtered: `?q=` a name or a code prefix, `?level=`, `?parent=`."""

    queryset = Region.objects.order_by("code")
    serializer_class = RegionSerializer
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    filterset_class = RegionFilterSet
    ordering_fields = ["code", "name"]


class RegionDetail(generics.RetrieveAPIView):
    """One region with its children and the count of its descendants by level."""

    serializer_class = RegionDetailSerializer
    lookup_url_kwarg = "code"

    def get_object(self):
        return region_json(get_region(self.kwargs["code"]))

from django.urls import path

from pantau.dashboard import compare_views, views

app_name = "dashboard"

urlpatterns = [
    # A region's page (Indonesia without a code): the dashboard.
    path("wilayah/", views.RegionDashboardView.as_view(), name="national"),
    path("wilayah/<str:code>/", views.RegionDashboardView.as_view(), name="region"),
    # Regions, indicators and months side by side.
    path("bandingkan/", compare_views.CompareView.as_view(), name="compare"),
    path("peta/provinsi.geojson", views.GeometryView.as_view(), name="geometry-provinces"),
    path(
        "peta/kabupaten/<str:province>.geojson",
        views.GeometryView.as_view(),
        name="geometry-regencies",
    ),
]

from django.urls import path

from pantau.dashboard.views import RegionDashboardView
from pantau.regions import views

app_name = "regions"

urlpatterns = [
    # The region pages are the dashboard (pantau.dashboard); the names stay the regions'.
    path("wilayah/", RegionDashboardView.as_view(), name="national"),
    path("wilayah/<str:code>/", RegionDashboardView.as_view(), name="detail"),
    path("api/regions/<str:code>/", views.RegionApiView.as_view(), name="api-detail"),
]

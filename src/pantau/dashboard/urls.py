from django.urls import path

from pantau.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("peta/provinsi.geojson", views.GeometryView.as_view(), name="geometry-provinces"),
    path(
        "peta/kabupaten/<str:province>.geojson",
        views.GeometryView.as_view(),
        name="geometry-regencies",
    ),
]

from django.urls import path

from pantau.regions import views

app_name = "regions"

urlpatterns = [
    path("wilayah/", views.RegionPageView.as_view(), name="national"),
    path("wilayah/<str:code>/", views.RegionPageView.as_view(), name="detail"),
    path("api/regions/<str:code>/", views.RegionApiView.as_view(), name="api-detail"),
]

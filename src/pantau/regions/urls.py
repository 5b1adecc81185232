from django.urls import path

from pantau.regions import views

app_name = "regions"

urlpatterns = [
    # The region pages are the dashboard's (pantau.dashboard.urls).
    path("api/regions/<str:code>/", views.RegionApiView.as_view(), name="api-detail"),
]

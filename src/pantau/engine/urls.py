from django.urls import path

from pantau.engine import views

app_name = "engine"

urlpatterns = [
    path("wilayah/<str:code>/celah/", views.GapListView.as_view(), name="gaps"),
]

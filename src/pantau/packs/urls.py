from django.urls import path

from pantau.packs import views

app_name = "packs"

urlpatterns = [
    path("monev/<int:pk>/bahan/", views.PackPanelView.as_view(), name="panel"),
    path("monev/<int:pk>/bahan/buat/", views.PackStartView.as_view(), name="start"),
    path("bahan-rapat/<int:pk>/<str:fmt>/", views.PackFileView.as_view(), name="file"),
]

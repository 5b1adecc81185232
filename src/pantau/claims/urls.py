from django.urls import path

from pantau.claims import views

app_name = "claims"

urlpatterns = [
    path("klaim/", views.ClaimsPageView.as_view(), name="national"),
    path("wilayah/<str:code>/klaim/", views.ClaimsPageView.as_view(), name="region"),
    path("wilayah/<str:code>/klaim/penyerahan/", views.HandoverNewView.as_view(),
         name="handover-new"),
    path("wilayah/<str:code>/klaim/berkas/<int:pk>/",
         views.HandoverDocumentView.as_view(), name="handover-document"),
]  # fmt: skip

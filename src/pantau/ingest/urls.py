from django.urls import path

from pantau.ingest import views

app_name = "ingest"

urlpatterns = [
    path("impor/baru/", views.NewImportView.as_view(), name="new"),
    path("impor/<uuid:pk>/", views.RunView.as_view(), name="run"),
    path("impor/<uuid:pk>/mulai/", views.StartView.as_view(), name="start"),
    path("impor/<uuid:pk>/progres/", views.ProgressView.as_view(), name="progress"),
    path("impor/<uuid:pk>/laporan.<str:fmt>", views.ErrorReportView.as_view(), name="report"),
    path("wilayah/<str:code>/impor/", views.ImportHistoryView.as_view(), name="history"),
    path("impor/templat/<str:kind>.<str:fmt>", views.BlankFormView.as_view(), name="blank-form"),
    path(
        "impor/kode-wilayah/<str:code>.<str:fmt>",
        views.PlaceCodesView.as_view(),
        name="place-codes",
    ),
]

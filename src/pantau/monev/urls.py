from django.urls import path

from pantau.monev import views

app_name = "monev"

urlpatterns = [
    path("monev/", views.MeetingListView.as_view(), name="meetings"),
    path("monev/baru/", views.MeetingNewView.as_view(), name="meeting-new"),
    path("monev/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("monev/<int:pk>/tambah/<str:part>/", views.MeetingAddView.as_view(), name="meeting-add"),
    path("monev/<int:pk>/ubah/", views.MeetingEditView.as_view(), name="meeting-edit"),
    path(
        "monev/<int:pk>/versi/<int:number>/",
        views.MeetingVersionView.as_view(),
        name="meeting-version",
    ),
    path("monev/<int:pk>/final/", views.MeetingFinaliseView.as_view(), name="meeting-finalise"),
    path("tindak-lanjut/<int:pk>/", views.ActionDetailView.as_view(), name="action"),
    path("tindak-lanjut/<int:pk>/status/", views.ActionStatusView.as_view(), name="action-status"),
    path(
        "tindak-lanjut/<int:pk>/komentar/", views.ActionCommentView.as_view(), name="action-comment"
    ),
    path(
        "tindak-lanjut/<int:pk>/bukti/", views.ActionEvidenceView.as_view(), name="action-evidence"
    ),
    path(
        "tindak-lanjut/<int:pk>/bukti/<int:evidence>/",
        views.ActionEvidenceFileView.as_view(),
        name="action-evidence-file",
    ),
    path("wilayah/<str:code>/tindak-lanjut/", views.RegionActionsView.as_view(), name="region"),
]

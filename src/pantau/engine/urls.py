from django.urls import path

from pantau.engine import views
from pantau.engine.worklist import views as worklist

app_name = "engine"

urlpatterns = [
    path("wilayah/<str:code>/celah/", views.GapListView.as_view(), name="gaps"),
    path("cabang/<str:code>/", worklist.WorklistView.as_view(), name="worklist"),
    path("kerja/", worklist.my_worklist, name="my-worklist"),
]

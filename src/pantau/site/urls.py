from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from pantau.site import views as site_views

handler404 = "pantau.site.views.page_not_found"

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("pantau.accounts.urls")),
    path("", include("pantau.regions.urls")),
    path("", include("pantau.ingest.urls")),
    path("", include("pantau.rules.urls")),
    path("", include("pantau.engine.urls")),
    path("", include("pantau.budgets.urls")),
    path("", include("pantau.claims.urls")),
    path("", include("pantau.monev.urls")),
    path("", include("pantau.packs.urls")),
    path("api/", include("pantau.api.urls")),
    path("", include("pantau.dashboard.urls")),
]

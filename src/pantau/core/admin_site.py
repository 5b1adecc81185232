from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PantauAdminSite(admin.AdminSite):
    """Django admin for superusers only: role users never reach it, whatever their flags."""

    site_header = _("Administrasi Pantau")
    site_title = _("Pantau")

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class PantauAdminConfig(AdminConfig):
    default_site = "pantau.core.admin_site.PantauAdminSite"

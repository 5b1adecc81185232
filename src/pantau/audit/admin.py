from django.contrib import admin

from pantau.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: an audit trail that admins could edit or delete would prove nothing."""

    list_display = ("created_at", "username", "role", "action", "region_code", "rows")
    list_filter = ("action", "role")
    search_fields = ("username", "region_code", "description")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

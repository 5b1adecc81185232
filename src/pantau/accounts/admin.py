from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from pantau.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "role", "region", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "region__code")
    autocomplete_fields = ("region",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Peran dan wilayah"), {"fields": ("role", "region")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Peran dan wilayah"), {"fields": ("role", "region")}),
    )

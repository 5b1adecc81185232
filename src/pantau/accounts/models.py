"""Accounts: every user has a role and (except the national team) a region."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.accounts.choices import Role
from pantau.accounts.roles import region_rule_error

__all__ = ["User"]


class User(AbstractUser):
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Kosong berarti seluruh Indonesia (hanya untuk tim nasional, BPJS, pemantau)."),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def clean(self) -> None:
        super().clean()
        message = region_rule_error(self.role, self.region)
        if message:
            raise ValidationError({"region": message})

    @property
    def scope_code(self) -> str | None:
        """The region code whose subtree this user sees; None for the whole country."""
        if self.is_superuser or self.role == Role.NATIONAL:
            return None
        return self.region_id

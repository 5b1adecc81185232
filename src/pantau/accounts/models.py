"""Accounts: every user has a role and (except the national team) a region."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.accounts.choices import Role
from pantau.accounts.roles import region_rule_error

__all__ = ["ApiToken", "User"]


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


class ApiToken(models.Model):
    """A personal API token: it acts as its user (role and region). Only its SHA-256 is
    stored; the token itself is shown once, when made (`accounts.tokens.create`)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # the token's first characters, to tell them apart
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

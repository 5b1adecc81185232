"""`Authorization: Token pantau_…` (or `Bearer pantau_…`): a personal API token acts as its
user, with the user's role and region (`accounts.tokens`)."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from pantau.accounts import tokens

KEYWORDS = ("token", "bearer")


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Header Authorization harus 'Token <token>' / must be 'Token <token>'."
            )
        found = tokens.user_for(header[1].decode(errors="replace"))
        if found is None:
            raise exceptions.AuthenticationFailed(
                "Token tidak berlaku (salah, dicabut atau kedaluwarsa) / "
                "invalid token (wrong, revoked or expired)."
            )
        return found

    def authenticate_header(self, request) -> str:
        return 'Token realm="api"'

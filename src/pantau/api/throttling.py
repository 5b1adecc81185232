"""Rate limits: per token (or signed-in user) and per anonymous IP; the rates are in
settings (`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, from PANTAU_API_RATE_* variables)."""

from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    """One budget per token (a user's tokens are counted apart), or per session user."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None  # the anonymous throttle counts these
        token = request.auth
        ident = f"token-{token.pk}" if token is not None else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


__all__ = ["AnonRateThrottle", "TokenRateThrottle"]

"""How the OpenAPI document describes Pantau's token authentication (drf-spectacular).

drf-spectacular imports this module (its preprocessing hook, `endpoints`) before it builds
the document; importing it registers `TokenScheme`.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "pantau.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token pantau_…`: a personal token (profile page or "
            "`pantau tokens create`); it acts with its user's role and region.",
        }


def endpoints(endpoints, **kwargs):
    """The document's endpoints, unchanged (see the module)."""
    return endpoints

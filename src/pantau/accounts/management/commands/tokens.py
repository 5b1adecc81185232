"""`pantau tokens create|list|revoke`: personal API tokens.

pantau tokens create --username U [--name N] [--expires-days N] --format json
    → {"token": "pantau_…", "id": n, "expires": "2027-01-01T00:00:00+00:00" | null}
pantau tokens list --username U --format json
pantau tokens revoke ID
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from pantau.accounts import tokens
from pantau.accounts.models import ApiToken
from pantau.audit.actions import record_cli
from pantau.core.command import PantauCommand, UsageError


def _user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UsageError(f"Pengguna tidak ada / no such user: {username!r}")
    return user


def _payload(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created": token.created_at.isoformat(),
        "expires": token.expires_at.isoformat() if token.expires_at else None,
        "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked": token.revoked_at.isoformat() if token.revoked_at else None,
    }


class Command(PantauCommand):
    help = "Personal API tokens: make one (shown once), list them, revoke one."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a new token for an account, shown once")
        create.add_argument("--username", required=True)
        create.add_argument("--name", default="")
        create.add_argument("--expires-days", type=int)
        listing = sub.add_parser("list", help="an account's tokens (never the tokens themselves)")
        listing.add_argument("--username", required=True)
        revoke = sub.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id", type=int)
        for each in (create, listing, revoke):
            each.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action: str, **options):
        getattr(self, "_" + action)(options)

    def _create(self, options):
        user = _user(options["username"])
        days = options["expires_days"]
        if days is not None and days < 1:
            raise UsageError("--expires-days minimal 1 / --expires-days must be at least 1")
        token, raw = tokens.create(user, options["name"], days)
        record_cli("api_token_created", user.region_id, f"token {token.pk} of {user.username}")
        expires = token.expires_at.isoformat() if token.expires_at else None
        answer = {"token": raw, "id": token.pk, "expires": expires}
        if options["format"] == "json":
            self.write_json(answer)
        else:
            self.stdout.write(f"{raw}\n(simpan sekarang: token ini tidak ditampilkan lagi / "
                              "keep it now: it is not shown again)")  # fmt: skip

    def _list(self, options):
        found = [_payload(t) for t in _user(options["username"]).api_tokens.all()]
        if options["format"] == "json":
            self.write_json({"count": len(found), "rows": found})
        else:
            for row in found:
                self.stdout.write(f"{row['id']} {row['prefix']}… {row['name']} "
                                  f"expires={row['expires']} revoked={row['revoked']}")  # fmt: skip

    def _revoke(self, options):
        token = ApiToken.objects.filter(pk=options["id"]).first()
        if token is None:
            raise UsageError(f"Token tidak ada / no such token: {options['id']}")
        revoked = tokens.revoke(token)
        record_cli("api_token_revoked", token.user.region_id,
                   f"token {token.pk} of {token.user.username}")  # fmt: skip
        if options["format"] == "json":
            self.write_json({"id": token.pk, "revoked": True, "already": not revoked})
        else:
            self.stdout.write(f"revoked {token.pk}")

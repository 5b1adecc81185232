"""`pantau users create --role ROLE [--region CODE] --username U --password P`."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from pantau.accounts.actions import create_user
from pantau.accounts.choices import Role
from pantau.core.command import PantauCommand, UsageError
from pantau.regions.lookup import RegionNotFound


class Command(PantauCommand):
    help = "Manage Pantau accounts."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create an account with a role and a region")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--region", help="region code (dotted or undotted)")
        create.add_argument("--username", required=True)
        create.add_argument("--password", required=True)
        create.add_argument("--superuser", action="store_true", help="also a Django admin")
        create.add_argument("--update", action="store_true", help="reset an existing account")

    def handle(self, *args, action: str, **options):
        extra = {}
        if options["superuser"]:
            extra = {"is_superuser": True, "is_staff": True}
        try:
            user = create_user(
                username=options["username"],
                password=options["password"],
                role=options["role"],
                region_code=options["region"],
                update=options["update"],
                **extra,
            )
        except RegionNotFound as error:
            raise UsageError(str(error)) from None
        except ValidationError as error:
            raise UsageError(" ".join(error.messages)) from None
        region = user.region.code if user.region else "Indonesia"
        self.stdout.write(f"created {user.username} ({user.role}, {region})")

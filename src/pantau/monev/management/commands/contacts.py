"""`pantau contacts add --owner CODE_OR_AGENCY --name N --email E | list`: who receives the
reminders for a Pemda's or an agency's actions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pantau.core.command import PantauCommand, UsageError
from pantau.monev import services
from pantau.monev.cli import refusals
from pantau.monev.models import Agency, Contact


class Command(PantauCommand):
    help = "Contacts of Pemda and agencies, for the reminders."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add")
        add.add_argument("--owner", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--email", required=True)
        listing = sub.add_parser("list")
        for each in (add, listing):
            each.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action: str, **options):
        if action == "add":
            email = options["email"].strip()
            try:
                validate_email(email)
            except ValidationError:
                raise UsageError(
                    f"Alamat surel tidak sah / not an e-mail address: {email!r}"
                ) from None
            with refusals():
                owner = services.owner_of(options["owner"])
                key = (
                    {"owner_agency": owner}
                    if isinstance(owner, Agency)
                    else {"owner_region": owner}
                )
                Contact.objects.update_or_create(
                    email=email, **key, defaults={"name": options["name"].strip()}
                )
        rows = [
            {"owner": c.owner_region_id or c.owner_agency.code, "name": c.name, "email": c.email}
            for c in Contact.objects.select_related("owner_agency")
        ]
        if options["format"] == "json":
            self.write_json({"count": len(rows), "rows": rows})
            return
        for row in rows:
            self.stdout.write(f"{row['owner']:<24}  {row['name']} <{row['email']}>")

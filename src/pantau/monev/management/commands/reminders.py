"""`pantau reminders send [--as-of YYYY-MM-DD] [--format json]`: e-mail each owner's contacts
a digest of their actions overdue or due within 14 days, once a day (`monev.reminders`)."""

from __future__ import annotations

from pantau.core.command import PantauCommand
from pantau.monev import reminders
from pantau.monev.cli import as_of


class Command(PantauCommand):
    help = "E-mail the digests of follow-up actions due soon or overdue."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="send today's digests (once a day)")
        send.add_argument("--as-of", help="YYYY-MM-DD (default today)")
        send.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action: str, **options):
        outcome = reminders.send(as_of(options["as_of"]))
        payload = outcome.payload()
        if options["format"] == "json":
            self.write_json(payload)
            return
        self.stdout.write(
            f"{payload['sent']} pesan dikirim / messages sent, "
            f"{payload['already_sent']} sudah dikirim hari ini / already sent today"
        )
        if payload["owners_without_contacts"]:
            self.stdout.write(
                "Tanpa kontak / no contacts: "
                + ", ".join(payload["owners_without_contacts"])
                + " (pantau contacts add)"
            )

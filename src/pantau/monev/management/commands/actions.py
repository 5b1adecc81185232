"""`pantau actions add|update|comment|list|history`: follow-up actions of monev meetings.

pantau actions add --meeting ID --owner CODE_OR_AGENCY --due YYYY-MM-DD --text T
    [--indicator list_coverage:non_asn --target 0.9] --format json    → {"id": n, …}
pantau actions update ID --status open|in_progress|done|verified|dropped [--on DATE]
pantau actions list [--meeting ID] [--region CODE] [--as-of YYYY-MM-DD] --format json
    → {"count", "overdue", "rows": [{"id", "owner", "due", "status", "overdue",
       "indicator_value", "target", "on_track", …}]}
"""

from __future__ import annotations

from pantau.core.command import PantauCommand
from pantau.monev import services
from pantau.monev.cli import acting_user, as_of, parse_day, refusals


class Command(PantauCommand):
    help = "Follow-up actions of monev meetings: add, move along, list."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="agree an action at a meeting")
        add.add_argument("--meeting", required=True)
        add.add_argument("--owner", required=True, help="a Pemda's region code or an agency")
        add.add_argument("--due", required=True, help="YYYY-MM-DD")
        add.add_argument("--text", required=True)
        add.add_argument("--indicator", default="", help="e.g. list_coverage:non_asn")
        add.add_argument("--target", help="a share, e.g. 0.9")
        add.add_argument("--reason", default="", help="why a final meeting gets an action")
        update = sub.add_parser("update", help="change an action's status")
        update.add_argument("id")
        update.add_argument("--status", required=True)
        update.add_argument("--on", help="the day it took effect, YYYY-MM-DD (default today)")
        update.add_argument("--note", default="")
        note = sub.add_parser("comment", help="comment on an action")
        note.add_argument("id")
        note.add_argument("--text", required=True)
        listing = sub.add_parser("list", help="actions, with overdue and indicator progress")
        listing.add_argument("--meeting")
        listing.add_argument("--region")
        listing.add_argument("--as-of", help="YYYY-MM-DD (default today)")
        history = sub.add_parser("history", help="an action's history")
        history.add_argument("id")
        for each in (add, update, note, listing, history):
            each.add_argument("--format", choices=["text", "json"], default="text")
        for each in (add, update, note):
            each.add_argument("--user", help="act as this account (its rights apply)")

    def handle(self, *args, action: str, **options):
        getattr(self, "_" + action)(options)

    def _add(self, options):
        due = parse_day(options["due"], "--due")
        with refusals():
            meeting = services.meeting_of(options["meeting"])
            action = services.add_action(
                meeting=meeting,
                owner=options["owner"],
                due=due,
                text=options["text"],
                indicator=options["indicator"],
                target=options["target"],
                user=acting_user(options.get("user")),
                reason=options["reason"],
            )
        self._print_action(action, options)

    def _update(self, options):
        on = parse_day(options["on"], "--on")
        with refusals():
            action = services.action_of(options["id"])
            action = services.change_status(
                action,
                options["status"],
                user=acting_user(options.get("user")),
                on=on,
                note=options["note"],
            )
        self._print_action(action, options)

    def _comment(self, options):
        with refusals():
            action = services.action_of(options["id"])
            services.comment(action, options["text"], user=acting_user(options.get("user")))
        self._print_action(action, options)

    def _history(self, options):
        with refusals():
            action = services.action_of(options["id"])
        rows = services.history_payload(action)
        if options["format"] == "json":
            self.write_json({"id": action.pk, "history": rows})
            return
        for row in rows:
            change = f"{row['old'] or ''} → {row['new']}" if row["new"] else ""
            self.stdout.write(
                f"{row['day']}  {row['actor']}  {row['kind']}  {change}  "
                f"{row['text'] or ''}".rstrip()
            )

    def _list(self, options):
        day = as_of(options["as_of"])
        with refusals():
            meeting = services.meeting_of(options["meeting"]) if options["meeting"] else None
            region = services.region_of(options["region"]) if options["region"] else None
        rows = [
            row.payload()
            for row in services.action_rows(
                services.actions_query(meeting=meeting, region=region), day
            )
        ]
        payload = {
            "as_of": day.isoformat(),
            "count": len(rows),
            "overdue": sum(1 for row in rows if row["overdue"]),
            "rows": rows,
        }
        if options["format"] == "json":
            self.write_json(payload)
            return
        self.stdout.write(
            f"{payload['count']} tindak lanjut / actions, {payload['overdue']} "
            f"lewat tenggat / overdue ({payload['as_of']})"
        )
        for row in rows:
            flag = " LEWAT TENGGAT / OVERDUE" if row["overdue"] else ""
            self.stdout.write(
                f"{row['id']:>5}  {row['due']}  {row['status']:<11}  "
                f"{row['owner']:<24}  {row['text']}{flag}"
            )

    def _print_action(self, action, options) -> None:
        action = services.action_of(action.pk)
        payload = services.action_row(action, as_of(None)).payload()
        payload["history"] = services.history_payload(action)
        if options["format"] == "json":
            self.write_json(payload)
            return
        self.stdout.write(
            f"#{payload['id']} {payload['status']} (tenggat / due {payload['due']}, "
            f"{payload['owner']}): {payload['text']}"
        )

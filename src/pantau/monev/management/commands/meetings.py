"""`pantau meetings create|show|list|finalise|edit|attendee|agenda|finding|pack`: monev meetings.

`pack` (the briefing pack) belongs to the packs app, which registers it (`core.command`).

pantau meetings create --title T --date YYYY-MM-DD --place P --regions 64,65 [--agencies
    "Kemenko PMK,Setkab"] [--minutes TEXT] --format json      → {"id": n, …}
pantau meetings show ID [--as-of YYYY-MM-DD] --format json  → the meeting, its actions
    and the actions carried over to it ("carried_over": their ids)
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from pantau.core.command import PantauCommand, UsageError, subcommand, subcommand_names
from pantau.monev import services
from pantau.monev.cli import acting_user, as_of, parse_day, refusals, split_list
from pantau.monev.models import Meeting


class Command(PantauCommand):
    help = "Monev meetings: record them, their attendees, agenda, findings; show them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="record a meeting")
        create.add_argument("--title", required=True)
        create.add_argument("--date", required=True, help="YYYY-MM-DD")
        create.add_argument("--place", default="")
        create.add_argument("--regions", required=True, help="region codes, comma-separated")
        create.add_argument("--agencies", default="", help="organising agencies, comma-separated")
        create.add_argument("--minutes", default="")
        show = sub.add_parser("show", help="a meeting with its actions and those carried over")
        show.add_argument("id")
        show.add_argument("--as-of", help="YYYY-MM-DD (default today): overdue and indicators")
        sub.add_parser("list", help="every meeting, newest first")
        final = sub.add_parser("finalise", help="freeze the minutes (version 1)")
        final.add_argument("id")
        edit = sub.add_parser("edit", help="change a meeting (a final one: a new version)")
        edit.add_argument("id")
        edit.add_argument("--title")
        edit.add_argument("--date")
        edit.add_argument("--place")
        edit.add_argument("--agencies")
        edit.add_argument("--minutes")
        attendee = sub.add_parser("attendee", help="add an attendee")
        attendee.add_argument("id")
        attendee.add_argument("--name", required=True)
        attendee.add_argument("--agency", default="")
        attendee.add_argument("--position", default="")
        attendee.add_argument("--account", help="the attendee's Pantau account, if any")
        agenda = sub.add_parser("agenda", help="add an agenda item")
        agenda.add_argument("id")
        agenda.add_argument("--text", required=True)
        finding = sub.add_parser("finding", help="add a finding about one Pemda")
        finding.add_argument("id")
        finding.add_argument("--region", required=True)
        finding.add_argument("--text", required=True)
        finding.add_argument("--indicator", default="")
        for each in (create, show, final, edit, attendee, agenda, finding, sub.choices["list"]):
            each.add_argument("--format", choices=["text", "json"], default="text")
        for each in (create, final, edit, attendee, agenda, finding):
            each.add_argument("--user", help="act as this account (its rights apply)")
        for each in (edit, attendee, agenda, finding):
            each.add_argument("--reason", default="", help="why a final meeting is corrected")
        # Sub-commands of higher floors (`pack`, from the packs app), registered in their
        # AppConfig.ready().
        self.registered = {
            name: subcommand("meetings", name) for name in subcommand_names("meetings")
        }
        for name, registered in self.registered.items():
            registered.add_arguments(sub.add_parser(name, help=registered.help))

    def handle(self, *args, action: str, **options):
        if action in self.registered:
            self.registered[action].handle(self, **options)
            return
        getattr(self, "_" + action)(options)

    def _create(self, options):
        held_on = parse_day(options["date"], "--date")
        with refusals():
            meeting = services.create_meeting(
                title=options["title"],
                held_on=held_on,
                place=options["place"],
                regions=split_list(options["regions"]),
                agencies=split_list(options["agencies"]),
                minutes=options["minutes"],
                user=acting_user(options.get("user")),
            )
        self._print(meeting, options)

    def _show(self, options):
        with refusals():
            meeting = services.meeting_of(options["id"])
        self._print(meeting, options)

    def _list(self, options):
        meetings = Meeting.objects.prefetch_related("regions")
        rows = [
            {
                "id": m.pk,
                "title": m.title,
                "date": m.held_on.isoformat(),
                "place": m.place,
                "regions": sorted(r.code for r in m.regions.all()),
                "status": m.status,
            }
            for m in meetings
        ]
        if options["format"] == "json":
            self.write_json({"count": len(rows), "rows": rows})
            return
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['date']}  {row['title']}  "
                f"({', '.join(row['regions'])}; {row['status']})"
            )

    def _finalise(self, options):
        with refusals():
            meeting = services.meeting_of(options["id"])
            services.finalise(meeting, user=acting_user(options.get("user")))
        self._print(meeting, options)

    def _edit(self, options):
        changes = {}
        for name in ("title", "place", "minutes"):
            if options[name] is not None:
                changes[name] = options[name]
        if options["date"] is not None:
            changes["held_on"] = parse_day(options["date"], "--date")
        if options["agencies"] is not None:
            changes["agencies"] = split_list(options["agencies"])
        if not changes:
            raise UsageError("Tidak ada yang diubah / nothing to change")
        with refusals():
            meeting = services.meeting_of(options["id"])
            services.edit_meeting(
                meeting, user=acting_user(options.get("user")), reason=options["reason"], **changes
            )
        self._print(meeting, options)

    def _attendee(self, options):
        with refusals():
            meeting = services.meeting_of(options["id"])
            services.add_attendee(
                meeting,
                options["name"],
                options["agency"],
                options["position"],
                user=acting_user(options.get("user")),
                account=acting_user(options["account"]),
                reason=options["reason"],
            )
        self._print(meeting, options)

    def _agenda(self, options):
        with refusals():
            meeting = services.meeting_of(options["id"])
            services.add_agenda_item(
                meeting,
                options["text"],
                user=acting_user(options.get("user")),
                reason=options["reason"],
            )
        self._print(meeting, options)

    def _finding(self, options):
        with refusals():
            meeting = services.meeting_of(options["id"])
            services.add_finding(
                meeting,
                options["region"],
                options["text"],
                options["indicator"],
                user=acting_user(options.get("user")),
                reason=options["reason"],
            )
        self._print(meeting, options)

    def _print(self, meeting: Meeting, options) -> None:
        meeting.refresh_from_db()
        payload = services.meeting_payload(meeting, as_of(options.get("as_of")))
        if options["format"] == "json":
            self.write_json(payload)
            return
        console = Console(file=self.stdout._out, soft_wrap=True, width=160)
        console.print(
            f"[bold]#{payload['id']} {payload['title']}[/bold] — {payload['date']}, "
            f"{payload['place'] or '–'} ({', '.join(payload['regions'])}); "
            f"{payload['status']}, versi / version {payload['version']}"
        )
        for number, item in enumerate(payload["agenda"], 1):
            console.print(f"  {number}. {item}")
        table = Table(title="Tindak lanjut / actions")
        for header in ("#", "Penanggung jawab / owner", "Tenggat / due", "Status", "Tindak lanjut"):
            table.add_column(header)
        for row in [*payload["actions"], *payload["carried_over_actions"]]:
            due = f"[red]{row['due']}[/red]" if row["overdue"] else row["due"]
            table.add_row(str(row["id"]), row["owner"], due, row["status"], row["text"])
        console.print(table)

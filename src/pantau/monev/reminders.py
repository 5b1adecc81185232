"""E-mail digests of follow-up actions to their owners' contacts (`pantau reminders send`).

Each contact of an owner (a Pemda or an agency) gets one message a day listing the owner's
actions that are overdue or due within `WINDOW_DAYS`, in Bahasa Indonesia with English below;
`ReminderSent` records it, so running the command again the same day sends nothing new.
Owners without contacts are reported, not skipped silently.
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from pantau.monev.choices import PENDING
from pantau.monev.models import Action, Contact, ReminderSent

WINDOW_DAYS = 14


@dataclass
class Outcome:
    as_of: date
    sent: list[dict] = field(default_factory=list)
    already_sent: int = 0
    without_contacts: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)  # not recorded: the next run tries again

    def payload(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "sent": len(self.sent),
            "already_sent": self.already_sent,
            "messages": self.sent,
            "owners_without_contacts": self.without_contacts,
            "failed": self.failed,
        }


def due_actions(as_of: date) -> dict[str, list[Action]]:
    """The actions to remind about, by owner code: overdue or due within the window."""
    rows = (
        Action.objects.filter(status__in=PENDING, due__lte=as_of + timedelta(WINDOW_DAYS))
        .select_related("owner_agency", "owner_region", "meeting")
        .order_by("due", "id")
    )
    found: dict[str, list[Action]] = defaultdict(list)
    for action in rows:
        found[action.owner_code].append(action)
    return found


def _contacts() -> dict[str, list[Contact]]:
    found: dict[str, list[Contact]] = defaultdict(list)
    for contact in Contact.objects.select_related("owner_agency"):
        found[contact.owner_region_id or contact.owner_agency.code].append(contact)
    return found


def _line(action: Action, as_of: date, english: bool) -> str:
    late = action.due < as_of
    if english:
        when = f"OVERDUE since {action.due:%d %b %Y}" if late else f"due {action.due:%d %b %Y}"
        return f"- #{action.pk} {when}: {action.text} ({action.meeting.title})"
    when = (
        f"LEWAT TENGGAT sejak {action.due:%d-%m-%Y}" if late else f"tenggat {action.due:%d-%m-%Y}"
    )
    return f"- #{action.pk} {when}: {action.text} ({action.meeting.title})"


def message(owner_name: str, actions: list[Action], as_of: date) -> tuple[str, str]:
    late = sum(1 for a in actions if a.due < as_of)
    soon = len(actions) - late
    subject = (
        f"Pantau: {late} tindak lanjut lewat tenggat, {soon} jatuh tempo dalam "
        f"{WINDOW_DAYS} hari / {late} overdue, {soon} due within {WINDOW_DAYS} days"
    )
    body = "\n".join(
        [
            f"Yth. {owner_name},",
            "",
            f"Tindak lanjut rapat monev Inpres 2/2021 per {as_of:%d-%m-%Y}:",
            *(_line(a, as_of, english=False) for a in actions),
            "",
            "Perbarui statusnya dan unggah buktinya di Pantau (menu Monev).",
            "",
            "---",
            f"Follow-up actions of the Inpres 2/2021 monev meetings as of {as_of:%d %b %Y}:",
            *(_line(a, as_of, english=True) for a in actions),
            "",
            "Update their status and upload the evidence in Pantau (Monev menu).",
        ]
    )
    return subject, body


def send(as_of: date) -> Outcome:
    """Send today's digests that were not sent yet (see the module)."""
    outcome = Outcome(as_of)
    contacts = _contacts()
    for owner, actions in sorted(due_actions(as_of).items()):
        first = actions[0]
        name = first.owner_agency.name if first.owner_agency_id else first.owner_region.name
        if not contacts.get(owner):
            outcome.without_contacts.append(owner)
            continue
        subject, body = message(name, actions, as_of)
        for contact in contacts[owner]:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        day=as_of, email=contact.email, owner=owner, actions=[a.pk for a in actions]
                    )
                    # Inside the transaction: a message that cannot be sent is not recorded
                    # as sent, and the next run tries again.
                    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [contact.email]).send()
            except IntegrityError:
                outcome.already_sent += 1
                continue
            except (smtplib.SMTPException, OSError) as error:
                # One address or server failing does not stop the others.
                outcome.failed.append(
                    {"owner": owner, "email": contact.email, "error": str(error)[:200]}
                )
                continue
            outcome.sent.append(
                {
                    "owner": owner,
                    "email": contact.email,
                    "actions": [a.pk for a in actions],
                    "subject": subject,
                }
            )
    return outcome

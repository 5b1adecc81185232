"""The words of monev meetings and follow-up actions, shared by models, services and commands."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    IN_PROGRESS = "in_progress", _("Sedang dikerjakan")
    DONE = "done", _("Selesai")
    VERIFIED = "verified", _("Terverifikasi")
    DROPPED = "dropped", _("Dibatalkan")


# Still to be done: these are overdue once past due, and carried over to the next meeting.
PENDING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
# Finished: done and verified count as done (on time when done by the due date).
FINISHED = (ActionStatus.DONE, ActionStatus.VERIFIED)

# The status changes a server accepts (OpenSPP #538: guard transitions on the server), and
# which side may make each: the owner's side works on an action and says it is done; a
# coordinator (national team, or the province above the owner) verifies, drops or reopens.
OWNER_MOVES = {
    (ActionStatus.OPEN, ActionStatus.IN_PROGRESS),
    (ActionStatus.OPEN, ActionStatus.DONE),
    (ActionStatus.IN_PROGRESS, ActionStatus.OPEN),
    (ActionStatus.IN_PROGRESS, ActionStatus.DONE),
}
COORDINATOR_MOVES = OWNER_MOVES | {
    (ActionStatus.OPEN, ActionStatus.DROPPED),
    (ActionStatus.IN_PROGRESS, ActionStatus.DROPPED),
    (ActionStatus.DONE, ActionStatus.VERIFIED),
    (ActionStatus.DONE, ActionStatus.OPEN),  # reopened: the evidence did not convince
    (ActionStatus.VERIFIED, ActionStatus.OPEN),
    (ActionStatus.DROPPED, ActionStatus.OPEN),
}


class EventKind(models.TextChoices):
    """What a line of an action's history records."""

    CREATED = "created", _("Dibuat")
    STATUS = "status", _("Status diubah")
    COMMENT = "comment", _("Komentar")
    EDITED = "edited", _("Diubah")
    EVIDENCE = "evidence", _("Bukti diunggah")


# The indicators an action or finding may target, for its owner's region: the share of a
# category's list covered (`list_coverage:<category>`), the share of the workforce protected
# (UCJ, `ucj_coverage`), and the share of a category's budget need the Pemda budgeted
# (`budget_status:<category>`). Values are shares, 0 to 1 (a budget above its need: above 1).
INDICATOR_KINDS = ("list_coverage", "ucj_coverage", "budget_status")

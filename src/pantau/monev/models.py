"""Monev meetings, what they found and agreed, and the follow-up actions until they are done.

A meeting covers one or more regions (any level) and holds its attendees, agenda, minutes
and findings; a finalised meeting is frozen, and a correction adds a new version of its
minutes (`MeetingVersion`), the old one staying readable. A follow-up action belongs to
the meeting that agreed it and is owned by a Pemda (a region) or an agency (an institution
such as a BPJS branch, without a user account); every change to it is a line of its
history (`ActionEvent`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantau.monev.choices import ActionStatus, EventKind, MeetingStatus


def account_field() -> models.ForeignKey:
    """Who did it, when it was a Pantau account (None: the command line or the demo); kept
    when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Agency(models.Model):
    """An institution that attends meetings or owns actions: a ministry, the coordination
    team's members, BPJS Ketenagakerjaan and its branches. `region`: where it works (a BPJS
    branch's area); empty for a national body."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    title = models.CharField(_("judul"), max_length=300)
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    # The organising agencies as written ("Kemenko PMK", "Setkab", …).
    agencies = models.JSONField(_("penyelenggara"), default=list, blank=True)
    regions = models.ManyToManyField("regions.Region", related_name="+", verbose_name=_("wilayah"))
    minutes = models.TextField(_("notulen"), blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    # The number of the minutes' latest version (0 while a draft).
    version = models.PositiveIntegerField(default=0)
    created_by = account_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rapat monev")
        verbose_name_plural = _("rapat monev")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class MeetingVersion(models.Model):
    """The minutes as finalised (version 1) or corrected (2, 3, …): everything the meeting
    recorded, frozen as JSON (`services.meetings.frozen`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    reason = models.TextField(blank=True)  # why a correction was made
    made_by = account_field()
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meeting_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} v{self.number}"


class Attendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("nama"), max_length=200)
    agency = models.CharField(_("instansi"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    user = account_field()

    class Meta:
        ordering = ["meeting_id", "id"]

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField()
    text = models.TextField(_("acara"))

    class Meta:
        ordering = ["meeting_id", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class Finding(models.Model):
    """What the meeting found about one Pemda, with an indicator's value when recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="findings")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("temuan"))
    indicator = models.CharField(_("indikator"), max_length=60, blank=True)
    # The indicator's value at the meeting's month, captured when recorded (a share).
    value = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    value_month = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "region_id", "id"]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.text[:60]}"


class Action(models.Model):
    """A follow-up action (rencana tindak lanjut) agreed at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    text = models.TextField(_("tindak lanjut"))
    # Exactly one owner: a Pemda (its region) or an agency.
    owner_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due = models.DateField(_("tenggat"))
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    # The day it was last marked done (on time: done by `due`); None when never done.
    done_on = models.DateField(null=True, blank=True)
    indicator = models.CharField(_("indikator"), max_length=60, blank=True)
    target = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    # The indicator's value at the meeting, captured when the action was recorded.
    baseline = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    baseline_month = models.DateField(null=True, blank=True)
    created_by = account_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_region__isnull=False, owner_agency__isnull=True)
                    | Q(owner_region__isnull=True, owner_agency__isnull=False)
                ),
                name="action_one_owner",
            )
        ]
        indexes = [models.Index(fields=["status", "due"], name="action_status_due")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:60]}"

    @property
    def owner_code(self) -> str:
        """The owner as the CLI and the API name it: a region code or an agency's code."""
        return self.owner_region_id or self.owner_agency.code

    @property
    def owner_area(self) -> str | None:
        """The region the owner answers for (a Pemda, an agency's area); None: national."""
        if self.owner_region_id:
            return self.owner_region_id
        return self.owner_agency.region_id


class ActionEvent(models.Model):
    """One line of an action's history: who changed what, when (never edited or deleted)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    # The day the change counts for (a status change: the day it took effect).
    day = models.DateField()
    user = account_field()
    actor = models.CharField(max_length=150)  # the user's name, or the command line
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    old = models.CharField(max_length=200, blank=True)
    new = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["action_id", "at", "id"]

    def __str__(self) -> str:
        return f"#{self.action_id} {self.day} {self.kind} {self.new}"

    @property
    def old_label(self) -> str:
        return str(dict(ActionStatus.choices).get(self.old, self.old))

    @property
    def new_label(self) -> str:
        return str(dict(ActionStatus.choices).get(self.new, self.new))


class ActionEvidence(models.Model):
    """A photo or PDF backing an action's progress (a DPA page, a letter, a list of members),
    checked and stored as budget evidence and handover files are (file 0600)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    path = models.CharField(max_length=255)  # relative to PANTAU_DATA_DIR
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = account_field()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti tindak lanjut")
        ordering = ["action_id", "id"]

    def __str__(self) -> str:
        return f"#{self.action_id} {self.original_name}"


class Contact(models.Model):
    """Who hears about a Pemda's or an agency's actions: the reminders' addressees (an owner
    need not have a Pantau account)."""

    owner_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nama"), max_length=200)
    email = models.EmailField(_("surel"))

    class Meta:
        verbose_name = _("kontak")
        ordering = ["owner_region_id", "owner_agency_id", "email"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_region__isnull=False, owner_agency__isnull=True)
                    | Q(owner_region__isnull=True, owner_agency__isnull=False)
                ),
                name="contact_one_owner",
            ),
            # One constraint per kind of owner: a NULL never equals another NULL.
            models.UniqueConstraint(
                fields=["owner_region", "email"],
                name="contact_once_pemda",
                condition=Q(owner_region__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["owner_agency", "email"],
                name="contact_once_agency",
                condition=Q(owner_agency__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ReminderSent(models.Model):
    """One digest sent to one address on one day: `pantau reminders send` sends each once a
    day, however often it runs."""

    day = models.DateField()
    email = models.EmailField()
    owner = models.CharField(max_length=60)  # the owner's code, as `Action.owner_code`
    actions = models.JSONField(default=list)  # the action ids the digest named
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "email"]
        constraints = [
            models.UniqueConstraint(fields=["day", "email", "owner"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.email} {self.owner}"

"""`pantau reminders send`: each contact of an owner gets one digest a day of the owner's
actions overdue or due within 14 days, in both languages; a second run the same day sends
nothing; owners without contacts are named."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management.base import CommandError

from pantau.monev import services
from pantau.monev.models import ReminderSent
from tests.monev.world import action, balikpapan, run, run_json

pytestmark = pytest.mark.django_db

AS_OF = "2022-10-20"


@pytest.fixture
def actions():
    meeting = balikpapan()
    made = {
        "late": action(meeting, owner="64.02", due=date(2022, 10, 1), text="Anggarkan Non ASN"),
        "soon": action(meeting, owner="64.02", due=date(2022, 11, 3), text="Daftarkan RT/RW"),
        "later": action(meeting, owner="64.02", due=date(2022, 11, 4), text="Evaluasi"),
        "done": action(meeting, owner="64.02", due=date(2022, 10, 1), text="Sudah"),
        "kaltara": action(meeting, owner="65", due=date(2022, 10, 25), text="Perkada"),
        "branch": action(
            meeting, owner="bpjs-ketenagakerjaan", due=date(2022, 10, 21), text="Sosialisasi"
        ),
    }
    services.change_status(made["done"], "done", on=date(2022, 9, 30))
    run(
        "contacts",
        "add",
        "--owner",
        "6402",
        "--name",
        "Kepala BKAD",
        "--email",
        "bkad@kukarkab.go.id",
    )
    run("contacts", "add", "--owner", "64.02", "--name", "Sekda", "--email", "sekda@kukarkab.go.id")
    run(
        "contacts",
        "add",
        "--owner",
        "bpjs-ketenagakerjaan",
        "--name",
        "Kanwil",
        "--email",
        "kanwil@bpjsketenagakerjaan.go.id",
    )
    return made


def test_one_digest_per_contact_with_the_due_and_overdue_actions(actions):
    sent = run_json("reminders", "send", "--as-of", AS_OF)
    assert sent["sent"] == 3 and sent["already_sent"] == 0
    assert sent["owners_without_contacts"] == ["65"] and sent["failed"] == []
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {
        "bkad@kukarkab.go.id",
        "sekda@kukarkab.go.id",
        "kanwil@bpjsketenagakerjaan.go.id",
    }
    kukar = by_address["bkad@kukarkab.go.id"]
    assert kukar.subject == (
        "Pantau: 1 tindak lanjut lewat tenggat, 1 jatuh tempo dalam 14 hari "
        "/ 1 overdue, 1 due within 14 days"
    )
    assert f"#{actions['late'].pk} LEWAT TENGGAT sejak 01-10-2022: Anggarkan Non ASN" in kukar.body
    assert f"#{actions['soon'].pk} tenggat 03-11-2022: Daftarkan RT/RW" in kukar.body
    assert f"#{actions['late'].pk} OVERDUE since 01 Oct 2022" in kukar.body
    assert "Evaluasi" not in kukar.body and "Sudah" not in kukar.body
    assert kukar.body.startswith("Yth. Kabupaten Kutai Kartanegara,")


def test_a_second_run_the_same_day_sends_nothing(actions):
    run_json("reminders", "send", "--as-of", AS_OF)
    again = run_json("reminders", "send", "--as-of", AS_OF)
    assert (again["sent"], again["already_sent"]) == (0, 3)
    assert len(mail.outbox) == 3 and ReminderSent.objects.count() == 3
    # The next day is a new day.
    assert run_json("reminders", "send", "--as-of", "2022-10-21")["sent"] == 3


def test_contacts_refuse_bad_input(db):
    with pytest.raises(CommandError) as raised:
        run("contacts", "add", "--owner", "64.02", "--name", "X", "--email", "bukan-surel")
    assert raised.value.returncode == 2
    with pytest.raises(CommandError) as raised:
        run("contacts", "add", "--owner", "99.99", "--name", "X", "--email", "x@example.org")
    assert "Unknown region code" in str(raised.value)


def test_a_server_that_refuses_is_reported_and_the_next_run_sends(actions, settings):
    from tests.processes import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    settings.EMAIL_USE_TLS = False
    failed = run_json("reminders", "send", "--as-of", AS_OF)
    assert (failed["sent"], len(failed["failed"])) == (0, 3)
    assert ReminderSent.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_json("reminders", "send", "--as-of", AS_OF)["sent"] == 3

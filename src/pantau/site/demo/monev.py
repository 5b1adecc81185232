"""The demo's monev meetings: Balikpapan, 5 July 2022 (Kaltim and Kaltara with the
coordination team and BPJS), and the Kaltim follow-up in Samarinda on 20 October 2022, which
carries over what was still open.

The findings name the four East Kalimantan Pemda the demo's budgets leave without a Non ASN
budget (`budgets.not_budgeted_non_asn`) and the provinces' UCJ at the meeting; each of the
four agrees to budget, one of them never does (overdue ever since, its budget indicator at
risk). Kutai Kartanegara's action is done with its evidence (a PDF) and verified. Every
status change is dated as it happened in the story, so the history and the carry-over read
as they would have then. Idempotent: the meetings are made once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.utils import timezone

from pantau.accounts.models import User
from pantau.core.display import percent
from pantau.core.pdf import one_page_pdf
from pantau.monev import indicators, services
from pantau.monev.models import Agency, Meeting
from pantau.site.demo.budgets import not_budgeted_non_asn

BALIKPAPAN_DAY = date(2022, 7, 5)
FOLLOW_UP_DAY = date(2022, 10, 20)
TITLE = "Rapat Monev Inpres 2/2021 Kalimantan Timur dan Kalimantan Utara"
FOLLOW_UP_TITLE = "Rapat Monev Lanjutan Kalimantan Timur"
KUTAI_KARTANEGARA = "64.02"
BRANCH = ("bpjs-balikpapan", "BPJS Ketenagakerjaan Kantor Cabang Balikpapan", "64.71")
ATTENDEES = (
    (
        "Perwakilan Deputi Bidang Koordinasi Pemberdayaan Masyarakat",
        "Kemenko PMK",
        "Asisten Deputi",
    ),
    ("Perwakilan Ditjen Bina Keuangan Daerah", "Kemendagri", "Kepala Subdirektorat"),
    ("Perwakilan Sekretariat Kabinet", "Setkab", "Asisten Deputi"),
    ("Perwakilan Kantor Staf Presiden", "KSP", "Tenaga Ahli Utama"),
    ("Kepala Kantor Wilayah Kalimantan", "BPJS Ketenagakerjaan", "Kepala Kantor Wilayah"),
    ("Sekretaris Daerah Provinsi Kalimantan Timur", "Pemprov Kalimantan Timur", "Sekda"),
    ("Sekretaris Daerah Provinsi Kalimantan Utara", "Pemprov Kalimantan Utara", "Sekda"),
)
AGENDA = (
    "Capaian cakupan perlindungan jaminan sosial ketenagakerjaan Kalimantan Timur dan "
    "Kalimantan Utara",
    "Penganggaran iuran pegawai Non ASN, kepala dan perangkat desa, ketua RT/RW dan pekerja "
    "rentan dalam APBD 2022",
    "Penyerahan simbolis santunan JKM kepada ahli waris kepala desa dan ketua RT",
    "Rencana tindak lanjut",
)
MINUTES = (
    "Kalimantan Timur mencapai 67 % dan Kalimantan Utara 51 % dari potensi angkatan kerjanya. "
    "Empat Pemda di Kalimantan Timur belum menganggarkan iuran pegawai Non ASN pada APBD 2022 "
    "dan sepakat menganggarkannya. Kutai Kartanegara telah membayar iuran pedagang dan petani "
    "(pekerja rentan) dari APBD. BPJS Ketenagakerjaan menyerahkan santunan JKM Rp42.000.000 "
    "kepada ahli waris kepala desa dan ketua RT. (Data demo.)"
)


@dataclass(frozen=True)
class DemoMonev:
    meeting: int
    follow_up: int
    actions: int
    overdue: list[int]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def load_demo_monev(year: int = 2022) -> DemoMonev | None:
    """The two demo meetings with their findings and actions, once; None when they exist or
    the demo has no East Kalimantan budgets to find anything about."""
    if Meeting.objects.filter(title=TITLE, held_on=BALIKPAPAN_DAY).exists():
        return None
    missing = [row.code for row in not_budgeted_non_asn("64", year)]
    if not missing:
        return None
    code, name, region = BRANCH
    Agency.objects.update_or_create(code=code, defaults={"name": name, "region_id": region})
    national, kukar = _user("nasional"), _user("kukar")

    meeting = services.create_meeting(
        title=TITLE,
        held_on=BALIKPAPAN_DAY,
        place="Balikpapan",
        regions=["64", "65"],
        agencies=["Kemenko PMK", "Kemendagri", "Setkab", "KSP", "BPJS Ketenagakerjaan"],
        minutes=MINUTES,
    )
    for person, agency, position in ATTENDEES:
        services.add_attendee(meeting, person, agency, position)
    for item in AGENDA:
        services.add_agenda_item(meeting, item)
    for province in ("64", "65"):
        reading = indicators.read(indicators.parse("ucj_coverage"), province, BALIKPAPAN_DAY)
        share = "–" if reading.value is None else percent(Fraction(reading.value))
        services.add_finding(
            meeting, province, f"Cakupan UCJ {share} dari potensi angkatan kerja.", "ucj_coverage"
        )
    for pemda in missing:
        services.add_finding(
            meeting,
            pemda,
            f"Belum menganggarkan iuran pegawai Non ASN pada APBD {year}.",
            "budget_status:non_asn",
        )

    # The first never budgets: open and overdue ever since, its indicator at 0 %.
    late = services.add_action(
        meeting=meeting,
        owner=missing[0],
        due=date(year, 9, 30),
        text=f"Menganggarkan iuran JKK dan JKM pegawai Non ASN dalam APBD Perubahan {year}.",
        indicator="budget_status:non_asn",
        target="1",
    )
    budgeted = [
        services.add_action(
            meeting=meeting,
            owner=pemda,
            due=date(year, 12, 31),
            text=f"Menganggarkan iuran JKK dan JKM pegawai Non ASN dalam APBD murni {year + 1}.",
        )
        for pemda in missing[1:]
    ]
    kukar_action = services.add_action(
        meeting=meeting,
        owner=KUTAI_KARTANEGARA,
        due=date(year, 8, 31),
        text="Menyampaikan Peraturan Bupati dan bukti pembayaran iuran pedagang dan petani "
        "(pekerja rentan) dari APBD.",
    )
    kaltara = services.add_action(
        meeting=meeting,
        owner="65",
        due=date(year, 12, 31),
        text="Menetapkan Peraturan Gubernur tentang perlindungan jaminan sosial ketenagakerjaan.",
    )
    branch = services.add_action(
        meeting=meeting,
        owner=code,
        due=date(year, 8, 31),
        text="Sosialisasi program BPJS Ketenagakerjaan kepada kepala desa dan ketua RT di "
        "Balikpapan dan Penajam Paser Utara.",
    )
    services.finalise(meeting, user=national)

    services.change_status(
        kukar_action,
        "done",
        user=kukar,
        on=date(year, 8, 15),
        note="Perbup dan bukti bayar diunggah.",
    )
    services.attach_evidence(
        kukar_action,
        [
            (
                "perbup-pekerja-rentan-kukar.pdf",
                one_page_pdf(
                    "Peraturan Bupati Kutai Kartanegara: iuran pekerja rentan (data demo)"
                ),
            )
        ],
        user=kukar,
    )
    services.change_status(kukar_action, "verified", user=national, on=date(year, 8, 22))
    services.change_status(branch, "in_progress", on=date(year, 7, 20))
    services.change_status(branch, "done", on=date(year, 8, 26), note="12 desa dan 40 ketua RT.")

    follow_up = services.create_meeting(
        title=FOLLOW_UP_TITLE,
        held_on=FOLLOW_UP_DAY,
        place="Samarinda",
        regions=["64"],
        agencies=["Pemprov Kalimantan Timur", "BPJS Ketenagakerjaan"],
        minutes="Tindak lanjut rapat Balikpapan yang belum selesai dibahas kembali. (Data demo.)",
    )
    services.add_agenda_item(follow_up, "Tindak lanjut rapat monev Balikpapan 5 Juli 2022")
    assistance = services.add_action(
        meeting=follow_up,
        owner="64",
        due=date(year, 11, 30),
        text="Mendampingi Pemda yang belum menganggarkan iuran Non ASN.",
    )
    services.finalise(follow_up, user=national)
    services.change_status(
        assistance,
        "done",
        user=_user("kaltim"),
        on=date(year, 11, 25),
        note="Surat dan kunjungan ke empat Pemda.",
    )

    # After the follow-up: three of the four budget in the next year's APBD.
    for action, day in zip(
        budgeted, (date(year, 11, 28), date(year, 12, 20), date(year, 12, 22)), strict=False
    ):
        services.change_status(action, "done", on=day, note=f"Tercantum dalam APBD {year + 1}.")
    if budgeted:
        services.change_status(budgeted[0], "verified", user=national, on=date(year + 1, 1, 10))
    services.change_status(kaltara, "done", on=date(year, 12, 15), note="Pergub ditetapkan.")
    overdue = [late.pk]
    return DemoMonev(
        meeting.pk, follow_up.pk, meeting.actions.count() + follow_up.actions.count(), overdue
    )


def summary_line() -> str | None:
    """What `pantau demo` prints about its meetings."""
    meeting = Meeting.objects.filter(title=TITLE, held_on=BALIKPAPAN_DAY).first()
    if meeting is None:
        return None
    late = services.overdue_count(None, timezone.localdate())
    return (
        f"Monev demo: rapat Balikpapan 5 Juli 2022 (#{meeting.pk}) dan rapat lanjutan "
        f"Samarinda 20 Oktober 2022; {late} tindak lanjut lewat tenggat hari ini"
    )

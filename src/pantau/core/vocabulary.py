"""The shared vocabulary: the words every floor uses for lists, people, Pemdas and years.

It lives in the ground floor so that the lake, ingest, the engine and the domain apps all
import it from below. Nothing here imports another Pantau app.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    WORKERS = "workers", _("Daftar pekerja Pemda")
    MEMBERS = "members", _("Data kepesertaan BPJS")
    CLAIMS = "claims", _("Data klaim BPJS")


class Category(models.TextChoices):
    NON_ASN = "non_asn", _("Pegawai Non ASN")
    VILLAGE_OFFICIAL = "village_official", _("Kepala dan perangkat desa")
    RT_RW = "rt_rw", _("Ketua RT/RW")
    VULNERABLE = "vulnerable", _("Pekerja rentan")


class Segment(models.TextChoices):
    PU = "PU", _("Penerima Upah")
    BPU = "BPU", _("Bukan Penerima Upah")
    JAKON = "JAKON", _("Jasa Konstruksi")
    PMI = "PMI", _("Pekerja Migran Indonesia")


class PayerType(models.TextChoices):
    APBD_PROVINCE = "apbd_province", _("APBD provinsi")
    APBD_REGENCY = "apbd_regency", _("APBD kabupaten/kota")
    APBDES = "apbdes", _("APBDes")
    EMPLOYER = "employer", _("Pemberi kerja")
    SELF = "self", _("Mandiri")
    OTHER = "other", _("Lainnya")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    INACTIVE = "inactive", _("Tidak aktif")


PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")

# Payers whose contributions a Pemda's budget funds (APBD, APBDes): their claims are the
# protection the Pemda bought.
PEMDA_PAYERS = (PayerType.APBD_PROVINCE.value, PayerType.APBD_REGENCY.value, PayerType.APBDES.value)


class ClaimEvent(models.TextChoices):
    """What a benefit claim pays for (the `event` of a claims extract)."""

    DEATH = "death", _("Meninggal dunia")
    ACCIDENT = "accident", _("Kecelakaan kerja")
    DISABILITY_TOTAL = "disability_total", _("Cacat total tetap")
    DISABILITY_PARTIAL = "disability_partial", _("Cacat sebagian")
    OCCUPATIONAL_DISEASE = "occupational_disease", _("Penyakit akibat kerja")
    OLD_AGE = "old_age", _("Hari tua / usia pensiun")
    RESIGNATION = "resignation", _("Berhenti bekerja")
    JOB_LOSS = "job_loss", _("Kehilangan pekerjaan")


# The events each programme pays for (PP 44/2015 and 82/2019 for JKK and JKM, PP 46/2015 and
# 60/2015 for JHT, PP 45/2015 for JP, PP 37/2021 for JKP). A claim whose event its programme
# does not pay is rejected (`claim_event_invalid`).
CLAIM_EVENTS: dict[str, tuple[str, ...]] = {
    "JKK": (
        ClaimEvent.ACCIDENT.value,
        ClaimEvent.DEATH.value,
        ClaimEvent.DISABILITY_TOTAL.value,
        ClaimEvent.DISABILITY_PARTIAL.value,
        ClaimEvent.OCCUPATIONAL_DISEASE.value,
    ),
    "JKM": (ClaimEvent.DEATH.value,),
    "JHT": (
        ClaimEvent.OLD_AGE.value,
        ClaimEvent.RESIGNATION.value,
        ClaimEvent.JOB_LOSS.value,  # PHK (Permenaker 4/2022)
        ClaimEvent.DEATH.value,
        ClaimEvent.DISABILITY_TOTAL.value,
    ),
    "JP": (ClaimEvent.OLD_AGE.value, ClaimEvent.DEATH.value, ClaimEvent.DISABILITY_TOTAL.value),
    "JKP": (ClaimEvent.JOB_LOSS.value,),
}

# The (programme, event) pairs CLAIM_EVENTS allows, for SQL and quick lookups.
CLAIM_PAIRS = frozenset((program, event) for program, events in CLAIM_EVENTS.items()
                        for event in events)  # fmt: skip

# The region levels that have a Pemda (a regional government with a budget).
PEMDA_LEVELS = ("province", "regency", "city")

# Inpres 2/2021 starts the programme: no budget year, planning or coverage before it is
# meaningful. The last such year is `last_year()`.
FIRST_YEAR = 2021

# Workforce statistics (BPS Sakernas) are accepted for any year in this closed range: a
# published figure may predate the programme, so FIRST_YEAR does not bound it.
STATISTICS_YEARS = (2000, 2100)


def last_year() -> int:
    """Next year: budgets are planned (RKPD, APBD) the year before they are spent."""
    return timezone.localdate().year + 1

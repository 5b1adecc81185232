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

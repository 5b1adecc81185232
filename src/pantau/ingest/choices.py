from django.db import models
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

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten")
    CITY = "city", _("Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


# Column and tile headings for counts ("Kabupaten" singular and plural are one word in
# Indonesian, two in English: the context tells them apart).
LEVEL_PLURAL = {
    Level.PROVINCE: pgettext_lazy("jumlah wilayah", "Provinsi"),
    Level.REGENCY: pgettext_lazy("jumlah wilayah", "Kabupaten"),
    Level.CITY: pgettext_lazy("jumlah wilayah", "Kota"),
    Level.DISTRICT: pgettext_lazy("jumlah wilayah", "Kecamatan"),
    Level.VILLAGE: pgettext_lazy("jumlah wilayah", "Desa/Kelurahan"),
}

# Levels below each level, in the order pages list them.
DESCENDANT_LEVELS = {
    Level.PROVINCE: ("regency", "city", "district", "village"),
    Level.REGENCY: ("district", "village"),
    Level.CITY: ("district", "village"),
    Level.DISTRICT: ("village",),
    Level.VILLAGE: (),
}

# The column holding each level's ancestor code (regency and city share one).
ANCESTOR_FIELD = {
    Level.PROVINCE: "province_code",
    Level.REGENCY: "regency_code",
    Level.CITY: "regency_code",
    Level.DISTRICT: "district_code",
    Level.VILLAGE: "code",
}

# What each row of a region's children table counts (None is the country's table).
CHILD_COUNT_LEVELS = {
    None: ("regency", "city", "district", "village"),
    Level.PROVINCE: ("district", "village"),
    Level.REGENCY: ("village",),
    Level.CITY: ("village",),
    Level.DISTRICT: (),
    Level.VILLAGE: (),
}

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL = "national", _("Tim koordinasi nasional")
    PEMDA = "pemda", _("Pemerintah daerah")
    BPJS = "bpjs", _("BPJS Ketenagakerjaan")
    VIEWER = "viewer", _("Pemantau (baca saja)")

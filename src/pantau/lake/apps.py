from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LakeConfig(AppConfig):
    name = "pantau.lake"
    verbose_name = _("Danau data (Parquet)")

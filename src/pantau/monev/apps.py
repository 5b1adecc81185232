from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "pantau.monev"
    verbose_name = _("Rapat monev dan tindak lanjut")

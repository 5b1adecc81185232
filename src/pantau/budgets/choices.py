from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The APBD stage an allocation comes from; `perubahan` replaces `murni`."""

    MURNI = "murni", _("APBD murni")
    PERUBAHAN = "perubahan", _("APBD perubahan")


class BudgetStatus(models.TextChoices):
    NOT_BUDGETED = "not_budgeted", _("Belum menganggarkan")
    UNDER_BUDGETED = "under_budgeted", _("Anggaran kurang")
    BUDGETED = "budgeted", _("Sudah menganggarkan")


class RegulationKind(models.TextChoices):
    PERDA = "perda", _("Peraturan Daerah (Perda)")
    PERKADA = "perkada", _("Peraturan Kepala Daerah (Perkada)")
    SURAT_EDARAN = "surat_edaran", _("Surat Edaran")


class EntrySource(models.TextChoices):
    FORM = "form", _("Formulir")
    IMPORT = "import", _("Impor berkas")


# Later stages win: a `murni` row never replaces a current `perubahan` row.
STAGE_ORDER = {Stage.MURNI: 0, Stage.PERUBAHAN: 1}

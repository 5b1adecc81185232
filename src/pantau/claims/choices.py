"""Words of the claims pages: programme names and the reasons a claim is flagged."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pantau.core.vocabulary import PROGRAMS

PROGRAM_NAMES = {
    "JKK": _("Jaminan Kecelakaan Kerja"),
    "JKM": _("Jaminan Kematian"),
    "JHT": _("Jaminan Hari Tua"),
    "JP": _("Jaminan Pensiun"),
    "JKP": _("Jaminan Kehilangan Pekerjaan"),
}
assert set(PROGRAM_NAMES) == set(PROGRAMS)

# The flags of a claim (codes of the claims extract's warnings), in the order shown.
REASON_AMOUNT = "claim_amount_differs"
REASON_NOT_MEMBER = "claim_not_member"
REASON_BEFORE_ENROLMENT = "claim_before_enrolment"
REASONS = {
    REASON_AMOUNT: _("Jumlah dibayar berbeda dari ketentuan"),
    REASON_NOT_MEMBER: _("NIK tidak ada di data kepesertaan"),
    REASON_BEFORE_ENROLMENT: _("Kejadian sebelum tanggal kepesertaan"),
}

# Heirs (ahli waris) as BPJS names them in `heir_relation`; other values are shown as written.
HEIR_RELATIONS = {
    "spouse": _("suami/istri"),
    "child": _("anak"),
    "parent": _("orang tua"),
    "sibling": _("saudara kandung"),
    "grandchild": _("cucu"),
    "other": _("lainnya"),
}


def program_order(code: str) -> int:
    return PROGRAMS.index(code) if code in PROGRAMS else len(PROGRAMS)

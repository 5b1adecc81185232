"""APBD allocations: checking one entry and making it current (the form and the import alike).

`validate(raw)` checks and types one entry given as cells or form values; `record_allocation`
stores it in one transaction. An allocation is never edited in place:

- nothing current yet for the Pemda, year and category: the row is stored, `created`;
- the same values as the current row: nothing is stored, `unchanged` (idempotent);
- `perubahan` over a current `murni`, or a row of the same stage (a correction): the new row
  becomes current and the old one stays in the history (`is_current=False`,
  `superseded_by` = the new row), `replaced`;
- `murni` while a `perubahan` is current: the APBD perubahan stays in force. The murni row is
  kept as history only (`is_current=False`, `superseded_by` = the current perubahan),
  `history`, with the warning `murni_after_perubahan`; the same murni again is `unchanged`.
  So a Pemda can record its original APBD after the amended one, and nothing is lost.

Amounts are whole Rupiah (`pantau.core.money`); messages come in Bahasa Indonesia and English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from pantau.accounts.scope import can_edit_budget
from pantau.budgets.choices import STAGE_ORDER, EntrySource, Stage
from pantau.budgets.models import Allocation
from pantau.core import messages
from pantau.core.messages import ERROR, WARNING, Refusal
from pantau.core.vocabulary import FIRST_YEAR, PEMDA_LEVELS, PROGRAMS, Category, last_year
from pantau.ingest.tables import EMPTY_TEXT, WHOLE_NUMBER, parse_whole, text_of
from pantau.regions.codes import depth, try_canonical_code
from pantau.regions.models import Region
from pantau.rules import api as rules

MAX_AMOUNT = 10**15  # Rp1.000 triliun: far above any APBD, far below the column's limit
MAX_PERSONS = 100_000_000
MAX_DOCUMENT = 200

# The fields of an entry, in the order of the import's columns and the error report.
FIELDS = ("pemda_code", "year", "category", "stage", "persons", "amount", "realized",
          "programs", "document")  # fmt: skip

# code: (severity, Indonesian, English); `{value}` is the cell, other fields per message.
MESSAGES: messages.Catalogue = {
    "pemda_missing": (ERROR, "Kode Pemda kosong.", "The Pemda code is empty."),
    "pemda_invalid": (
        ERROR,
        "Bukan kode wilayah Kemendagri ({value}); contoh: 64 atau 64.02. Di Excel, format "
        "kolom sebagai Teks agar 64.10 tidak menjadi 64.1.",
        "Not a Kemendagri region code ({value}); e.g. 64 or 64.02. In Excel, format the "
        "column as Text so that 64.10 does not become 64.1.",
    ),
    "pemda_unknown": (
        ERROR,
        "Kode wilayah tidak dikenal ({value}).",
        "Unknown region code ({value}).",
    ),
    "pemda_level": (
        ERROR,
        "Anggaran dicatat per Pemda (provinsi atau kabupaten/kota), bukan kecamatan atau desa "
        "({value}); APBDes kepala dan perangkat desa dijumlahkan per kabupaten.",
        "Budgets are recorded per Pemda (province or regency/city), not per district or "
        "village ({value}); village officials' APBDes are summed per regency.",
    ),
    "pemda_not_allowed": (
        ERROR,
        "Akun Anda tidak dapat mencatat anggaran Pemda {value}: hanya petugas Pemda itu sendiri.",
        "Your account cannot record the budget of Pemda {value}: only that Pemda's officers can.",
    ),
    "year_missing": (ERROR, "Tahun anggaran kosong.", "The budget year is empty."),
    "year_invalid": (
        ERROR,
        "Tahun harus bilangan bulat, misalnya 2025 ({value}).",
        "The year must be a whole number such as 2025 ({value}).",
    ),
    "year_out_of_range": (
        ERROR,
        "Tahun {value} di luar rentang: harus antara 2021 (Inpres 2/2021) dan tahun depan.",
        "The year {value} is out of range: it must be between 2021 (Inpres 2/2021) and next year.",
    ),
    "category_missing": (ERROR, "Kategori pekerja kosong.", "The worker category is empty."),
    "category_invalid": (
        ERROR,
        "Kategori tidak dikenal ({value}); pilihan: non_asn, village_official, rt_rw, vulnerable.",
        "Unknown category ({value}); choose non_asn, village_official, rt_rw or vulnerable.",
    ),
    "stage_missing": (
        ERROR,
        "Tahap APBD kosong (murni atau perubahan).",
        "The APBD stage is empty (murni or perubahan).",
    ),
    "stage_invalid": (
        ERROR,
        "Tahap APBD tidak dikenal ({value}); pilihan: murni, perubahan.",
        "Unknown APBD stage ({value}); choose murni (original) or perubahan (amended).",
    ),
    "persons_missing": (
        ERROR,
        "Jumlah sasaran (orang) kosong.",
        "The number of persons targeted is empty.",
    ),
    "persons_invalid": (
        ERROR,
        "Jumlah sasaran bukan angka ({value}); contoh: 1250 atau 1.250.",
        "The number of persons is not a number ({value}); e.g. 1250 or 1,250.",
    ),
    "persons_decimal": (
        ERROR,
        "Jumlah sasaran harus bilangan bulat orang, tanpa desimal ({value}).",
        "The number of persons must be whole persons, without decimals ({value}).",
    ),
    "persons_negative": (
        ERROR,
        "Jumlah sasaran tidak boleh negatif ({value}).",
        "The number of persons cannot be negative ({value}).",
    ),
    "persons_too_large": (
        ERROR,
        "Jumlah sasaran terlalu besar ({value}).",
        "The number of persons is too large ({value}).",
    ),
    "amount_missing": (
        ERROR,
        "Pagu anggaran kosong; tulis 0 jika tidak dianggarkan.",
        "The allocation is empty; write 0 if nothing was budgeted.",
    ),
    "amount_invalid": (
        ERROR,
        "Pagu anggaran bukan jumlah rupiah ({value}); contoh: 1500000000, 1.500.000.000 atau "
        "Rp1.500.000.000.",
        "The allocation is not a Rupiah amount ({value}); e.g. 1500000000, 1.500.000.000 or "
        "Rp1,500,000,000.",
    ),
    "amount_decimal": (
        ERROR,
        "Pagu anggaran harus rupiah bulat, tanpa sen ({value}); tulis 1500000000, bukan 1,5 "
        "miliar.",
        "The allocation must be whole Rupiah, without cents ({value}); write 1500000000, not "
        "1.5 billion.",
    ),
    "amount_negative": (
        ERROR,
        "Pagu anggaran tidak boleh negatif ({value}).",
        "The allocation cannot be negative ({value}).",
    ),
    "amount_too_large": (
        ERROR,
        "Pagu anggaran terlalu besar ({value}).",
        "The allocation is too large ({value}).",
    ),
    "realized_invalid": (
        ERROR,
        "Realisasi bukan jumlah rupiah ({value}); kosongkan jika belum ada.",
        "The realization is not a Rupiah amount ({value}); leave it empty if there is none.",
    ),
    "realized_decimal": (
        ERROR,
        "Realisasi harus rupiah bulat, tanpa sen ({value}).",
        "The realization must be whole Rupiah, without cents ({value}).",
    ),
    "realized_negative": (
        ERROR,
        "Realisasi tidak boleh negatif ({value}).",
        "The realization cannot be negative ({value}).",
    ),
    "realized_too_large": (
        ERROR,
        "Realisasi terlalu besar ({value}).",
        "The realization is too large ({value}).",
    ),
    "programs_invalid": (
        ERROR,
        "Program tidak dikenal ({value}); pilihan: JKK, JKM, JHT, JP, JKP, dipisah koma; "
        "kosongkan untuk program bawaan kategori.",
        "Unknown programme ({value}); choose JKK, JKM, JHT, JP, JKP separated by commas; "
        "leave empty for the category's default.",
    ),
    "programs_not_allowed": (
        ERROR,
        "Program {value} tidak dapat dihitung untuk kategori dan tahun ini: {reason_id}",
        "Programmes {value} cannot be computed for this category and year: {reason_en}",
    ),
    "too_long": (
        ERROR,
        "Isian terlalu panjang (lebih dari 200 karakter).",
        "Value too long (over 200 characters).",
    ),
    "formula": (
        ERROR,
        "Isian tidak boleh diawali =, +, - atau @ (rumus lembar kerja): {value}",
        "A value cannot start with =, +, - or @ (a spreadsheet formula): {value}",
    ),
    "duplicate": (
        ERROR,
        "Pemda, tahun, kategori dan tahap ini sudah ada di baris {first_row}; baris pertama "
        "yang dipakai.",
        "This Pemda, year, category and stage already appear on row {first_row}; the first "
        "row is kept.",
    ),
    "realized_exceeds_allocation": (
        WARNING,
        "Realisasi ({value}) melebihi pagu anggaran ({amount}); baris diterima dan ditandai "
        "untuk diperiksa.",
        "The realization ({value}) exceeds the allocation ({amount}); the row is kept and "
        "flagged for review.",
    ),
    "murni_after_perubahan": (
        WARNING,
        "APBD perubahan sudah tercatat untuk Pemda, tahun dan kategori ini; APBD murni ini "
        "disimpan sebagai riwayat saja dan APBD perubahan tetap berlaku.",
        "An APBD perubahan (amended budget) is already recorded for this Pemda, year and "
        "category; this APBD murni is kept as history only and the perubahan stays in force.",
    ),
}

CATEGORY_ALIASES = {
    **{value.replace("_", ""): value for value in Category.values},
    "pegawainonasn": Category.NON_ASN,
    "kepaladanperangkatdesa": Category.VILLAGE_OFFICIAL,
    "perangkatdesa": Category.VILLAGE_OFFICIAL,
    "ketuartrw": Category.RT_RW,
    "pekerjarentan": Category.VULNERABLE,
}
STAGE_ALIASES = {
    "murni": Stage.MURNI,
    "apbdmurni": Stage.MURNI,
    "induk": Stage.MURNI,
    "apbdinduk": Stage.MURNI,
    "perubahan": Stage.PERUBAHAN,
    "apbdperubahan": Stage.PERUBAHAN,
    "apbdp": Stage.PERUBAHAN,
    "papbd": Stage.PERUBAHAN,
}
PROGRAM_SEPARATORS = re.compile(r"[,;|/\s]+")


# ---------------------------------------------------------------- values and issues


@dataclass(frozen=True)
class AllocationValues:
    """A checked entry: canonical codes, whole numbers, canonical programmes."""

    pemda: str
    year: int
    category: str
    stage: str
    persons: int
    amount: int
    realized: int | None = None
    programs: str = ""  # "JKK,JKM" in the usual order; "" = the category's default
    document: str = ""

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.pemda, self.year, self.category)

    @property
    def compared(self) -> tuple:
        """What makes two entries the same allocation (who and how it came is not)."""
        return (self.stage, self.persons, self.amount, self.realized, self.programs,
                self.document)  # fmt: skip


class Issue(messages.Issue):
    """A problem with one field of an entry: a line of the error report, or a form error."""

    catalogue = MESSAGES


class AllocationRejected(ValueError):
    """The entry has errors; `issues` name each field (nothing was stored)."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("; ".join(" / ".join(issue.messages()) for issue in issues))


class AllocationConflict(Refusal, RuntimeError):
    """Another process recorded the same Pemda, year and category at the same moment."""

    message_id = "Anggaran yang sama sedang dicatat proses lain; coba lagi."
    message_en = "Another process is recording the same budget; try again."

    def __init__(self) -> None:
        super().__init__("concurrent_record", self.message_id, self.message_en)


@dataclass
class Recorded:
    status: str  # created | replaced | unchanged | history
    allocation: Allocation  # the stored row, or the equal one already there
    replaced: Allocation | None = None
    warnings: list[Issue] = field(default_factory=list)


# ---------------------------------------------------------------- cells


def parse_year(cell: object) -> tuple[int | None, str | None]:
    text = text_of(cell)
    if not text:
        return None, "year_missing"
    if not WHOLE_NUMBER.match(text):
        return None, "year_invalid"
    year = int(text)
    if not FIRST_YEAR <= year <= last_year():
        return None, "year_out_of_range"
    return year, None


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def parse_category(cell: object) -> tuple[str | None, str | None]:
    text = text_of(cell)
    if not text:
        return None, "category_missing"
    found = CATEGORY_ALIASES.get(_key(text))
    return (str(found), None) if found else (None, "category_invalid")


def parse_stage(cell: object) -> tuple[str | None, str | None]:
    text = text_of(cell)
    if not text:
        return None, "stage_missing"
    found = STAGE_ALIASES.get(_key(text))
    return (str(found), None) if found else (None, "stage_invalid")


def parse_programs(cell: object) -> tuple[str | None, str | None]:
    """`"jkk; JKM|jht"` → `"JKK,JKM,JHT"` (the usual order); empty → `""` (the default)."""
    text = text_of(cell)
    if text in EMPTY_TEXT:
        return "", None
    names = {name.upper() for name in PROGRAM_SEPARATORS.split(text) if name}
    if not names or names - set(PROGRAMS):
        return None, "programs_invalid"
    return ",".join(program for program in PROGRAMS if program in names), None


def parse_document(cell: object) -> tuple[str | None, str | None]:
    text = " ".join(text_of(cell).split())
    if text in EMPTY_TEXT:
        return "", None
    if len(text) > MAX_DOCUMENT:
        return None, "too_long"
    if text[0] in "=+-@":
        return None, "formula"
    return text, None


def parse_pemda(cell: object, levels: Mapping[str, str]) -> tuple[str | None, str | None]:
    """A province, regency or city code that exists; `levels` maps known codes to levels."""
    text = text_of(cell)
    if not text:
        return None, "pemda_missing"
    code = try_canonical_code(text)
    if code is None:
        return None, "pemda_invalid"
    if depth(code) > 2:
        return None, "pemda_level"
    if code not in levels:
        return None, "pemda_unknown"
    if levels[code] not in PEMDA_LEVELS:
        return None, "pemda_level"
    return code, None


def region_levels(cells) -> dict[str, str]:
    """Code → level for every code among `cells` that exists (one query)."""
    codes = {code for code in (try_canonical_code(text_of(c)) for c in cells) if code}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "level"))


def programs_refusal(
    category: str, year: int, programs: str, cache: dict | None = None
) -> tuple[str, str] | None:
    """Why the rules cannot compute a year of these programmes for the category, or None.

    JP and JKP do not exist for BPU; JKP does not exist before February 2021. A year the
    rules do not cover at all (before 2015-07) is not the programmes' fault: None.
    """
    if not programs:
        return None
    key = (category, year, programs)
    if cache is not None and key in cache:
        return cache[key]
    wage = 1_000_000 if rules.default_programs(category).segment == "pu" else None
    refusal = None
    try:
        rules.budget(category, 1, year, months=12, wage=wage, programs=programs.lower())
    except rules.RuleError as error:
        if error.argument == "--programs":
            refusal = (error.message_id, error.message_en)
    if cache is not None:
        cache[key] = refusal
    return refusal


# ---------------------------------------------------------------- checking an entry


def validate(
    raw: Mapping[str, object],
    levels: Mapping[str, str] | None = None,
    cache: dict | None = None,
) -> tuple[AllocationValues | None, list[Issue]]:
    """Check every field of an entry (keys of `FIELDS`; missing keys are empty).

    Returns the typed values (None when any error) and the issues, errors and warnings.
    `levels` (code → level) saves the region query when many entries are checked.
    """
    cell = {name: raw.get(name) for name in FIELDS}
    if levels is None:
        levels = region_levels([cell["pemda_code"]])
    parsed: dict[str, object] = {}
    issues: list[Issue] = []
    checks = (
        ("pemda_code", lambda c: parse_pemda(c, levels)),
        ("year", parse_year),
        ("category", parse_category),
        ("stage", parse_stage),
        ("persons", lambda c: parse_whole(c, "persons", limit=MAX_PERSONS)),
        ("amount", lambda c: parse_whole(c, "amount", limit=MAX_AMOUNT)),
        ("realized", lambda c: parse_whole(c, "realized", required=False, limit=MAX_AMOUNT)),
        ("programs", parse_programs),
        ("document", parse_document),
    )
    for name, check in checks:
        value, code = check(cell[name])
        if code:
            issues.append(Issue(name, code, text_of(cell[name])))
        else:
            parsed[name] = value
    if {"category", "year", "programs"} <= parsed.keys():
        refusal = programs_refusal(parsed["category"], parsed["year"], parsed["programs"], cache)
        if refusal:
            details = {"reason_id": refusal[0], "reason_en": refusal[1]}
            issues.append(Issue("programs", "programs_not_allowed", parsed["programs"], details))
    if any(issue.is_error for issue in issues):
        return None, issues
    values = AllocationValues(
        pemda=parsed["pemda_code"],
        year=parsed["year"],
        category=parsed["category"],
        stage=parsed["stage"],
        persons=parsed["persons"],
        amount=parsed["amount"],
        realized=parsed["realized"],
        programs=parsed["programs"],
        document=parsed["document"],
    )
    return values, issues + warnings_of(values)


def warnings_of(values: AllocationValues) -> list[Issue]:
    """Warnings that keep the entry: a realization above the allocation."""
    if values.realized is not None and values.realized > values.amount:
        details = {"amount": values.amount}
        return [Issue("realized", "realized_exceeds_allocation", str(values.realized), details)]
    return []


# ---------------------------------------------------------------- recording


def record_allocation(
    values: AllocationValues | Mapping[str, object],
    *,
    user=None,
    source: str = EntrySource.FORM,
    source_name: str = "",
    source_row: int | None = None,
) -> Recorded:
    """Check an entry (unless already `AllocationValues` from `validate`) and store it.

    Raises `AllocationRejected` with the issues when it has errors or when `user` (None:
    the operator at the command line) may not edit the Pemda (`can_edit_budget`), and
    `AllocationConflict` when another process stored the same allocation at that moment.
    See the module docstring for when the new row becomes current.
    """
    if isinstance(values, AllocationValues):
        warnings = warnings_of(values)
    else:
        checked, issues = validate(values)
        if checked is None:
            raise AllocationRejected([issue for issue in issues if issue.is_error])
        values, warnings = checked, [issue for issue in issues if not issue.is_error]
    if user is not None and not can_edit_budget(user, values.pemda):
        # The views and the import check first; this is the rule applied once more.
        raise AllocationRejected([Issue("pemda_code", "pemda_not_allowed", values.pemda)])
    fields = {
        "pemda_id": values.pemda, "year": values.year, "category": values.category,
        "stage": values.stage, "persons": values.persons, "amount": values.amount,
        "realized": values.realized, "programs": values.programs, "document": values.document,
        "source": source, "source_name": source_name[:255], "source_row": source_row,
        "entered_by": user if user is not None and user.is_authenticated else None,
    }  # fmt: skip
    try:
        with transaction.atomic():
            recorded = _store(values, fields)
    except IntegrityError:
        raise AllocationConflict() from None
    recorded.warnings = warnings + recorded.warnings
    return recorded


def _same(row: Allocation, values: AllocationValues) -> bool:
    stored = (row.stage, row.persons, row.amount, row.realized, row.programs, row.document)
    return stored == values.compared


def _store(values: AllocationValues, fields: dict) -> Recorded:
    key = {"pemda_id": values.pemda, "year": values.year, "category": values.category}
    current = Allocation.objects.select_for_update().filter(is_current=True, **key).first()
    if current is None:
        return Recorded("created", Allocation.objects.create(is_current=True, **fields))
    if _same(current, values):
        return Recorded("unchanged", current)
    if STAGE_ORDER[values.stage] >= STAGE_ORDER[current.stage]:
        # The old row stops being current first: one current row per key, always.
        current.is_current = False
        current.save(update_fields=["is_current"])
        row = Allocation.objects.create(is_current=True, **fields)
        current.superseded_by = row
        current.save(update_fields=["superseded_by"])
        return Recorded("replaced", row, replaced=current)
    # An earlier stage than the one in force: history only.
    for earlier in Allocation.objects.filter(is_current=False, stage=values.stage, **key):
        if _same(earlier, values):
            return Recorded("unchanged", earlier)
    row = Allocation.objects.create(is_current=False, superseded_by=current, **fields)
    notice = Issue("stage", "murni_after_perubahan", values.stage)
    return Recorded("history", row, warnings=[notice])

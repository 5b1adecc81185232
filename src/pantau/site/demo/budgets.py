"""Demo budgets: APBD allocations for 2022 that tell the story of the Balikpapan monev
meeting (July 2022), generated from the demo lists and stored through the real import.

`load_demo_budgets()` runs after the demo lists are imported (`pantau demo`):

1. `need.refresh_needs(year)`: what each Pemda's list in force needs;
2. `write_budget_file()`: a budgets CSV (`demo-files/budgets/anggaran_<year>.csv`, Indonesian
   headers as a Pemda would write them), one or two rows per Pemda and category, with
   allocated amounts = need × a seeded factor;
3. `imports.import_budgets(path)`: the same checks and storage as `pantau import budgets`;
4. `need.refresh_needs()`: every year, as after any import of lists.

What the file holds (everything drawn from `random.Random` seeded with the seed, the Pemda
and the category, so the same lists give the same bytes; amounts are whole Rupiah):

- Most Pemda budget their Non ASN and village officials (`BUDGET_SHARE`), fewer their RT/RW
  heads and vulnerable workers. Of those that budget, about a quarter budget less than the
  need (50–95 %), a few more than 150 % (155–210 %: flagged for review), the rest 100–140 %.
  A quarter of the allocations have an APBD perubahan row that supersedes the murni row.
  Realization is 60–100 % of the allocation in force. A Pemda that does not budget has no
  row or a row of Rp0.
- East Kalimantan (64): `NOT_BUDGETED_64` of its regencies and cities (seeded, never
  Kutai Kartanegara) have not budgeted for their Non ASN (half no row, half Rp0), as the
  Balikpapan meeting found for several of them. Which ones is invented: demo data.
- Kutai Kartanegara (64.02) budgets every category it lists, and vulnerable workers (traders
  and farmers) since it paid their contributions; without a vulnerable list in the demo its
  need is unknown and the persons are an invented count (4/3 of its Non ASN list, at least 3).

Running it again changes nothing: the file is the same and the import is idempotent. An
allocation in force that someone entered afterwards (the form, another file) is left out of
the file, so running the demo again never replaces it.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from pantau.budgets.allocations.imports import BudgetImportSummary, import_budgets
from pantau.budgets.choices import BudgetStatus, EntrySource, Stage
from pantau.budgets.models import Allocation, Need
from pantau.budgets.need import NeedRefresh, refresh_needs
from pantau.budgets.status import BudgetRow, budget_rows
from pantau.core.vocabulary import Category
from pantau.regions.models import Region
from pantau.rules import api as rules

YEAR = 2022
SEED = 2022
EAST_KALIMANTAN = "64"
KUTAI_KARTANEGARA = "64.02"
NOT_BUDGETED_64 = 4  # of East Kalimantan's 10 regencies and cities
KUKAR_DOCUMENT = (
    "Perbup Kutai Kartanegara No. 12 Tahun {year} (pekerja rentan: pedagang dan petani)"
)

# Share of the Pemda with a list that budget for the category.
BUDGET_SHARE = {
    Category.NON_ASN: 0.9,
    Category.VILLAGE_OFFICIAL: 0.85,
    Category.RT_RW: 0.6,
    Category.VULNERABLE: 0.35,
}
UNDER_SHARE, OVER_SHARE = 0.25, 0.06  # of those that budget
UNDER_PERCENT, OVER_PERCENT, ENOUGH_PERCENT = (50, 95), (155, 210), (100, 140)
PERUBAHAN_SHARE = 0.25
REALIZED_PERCENT = (60, 100)
ZERO_ROW_SHARE = 0.3  # of those that do not budget: a row of Rp0 instead of no row

HEADER = ("kode_pemda", "nama_pemda", "tahun", "kategori", "tahap", "sasaran", "pagu",
          "realisasi", "program", "dokumen")  # fmt: skip


@dataclass(frozen=True)
class Listed:
    """A Pemda's list in force for the year and what it needs (the default programmes)."""

    code: str
    name: str
    level: str
    province: str
    category: str
    persons: int
    need: int | None


@dataclass
class DemoBudgets:
    path: Path
    rows: int
    imported: BudgetImportSummary
    needs: NeedRefresh
    not_budgeted_64: list[BudgetRow] = field(default_factory=list)


def budget_file(year: int = YEAR) -> Path:
    return Path(settings.DATA_DIR) / "demo-files" / "budgets" / f"anggaran_{year}.csv"


def listed_needs(year: int = YEAR) -> list[Listed]:
    """Every Pemda and category with a list in force for the year, with its need."""
    needs = (
        Need.objects.filter(year=year, programs="")
        .select_related("pemda")
        .order_by("pemda_id", "category")
    )
    return [
        Listed(n.pemda_id, n.pemda.name, n.pemda.level, n.pemda.province_code, n.category,
               n.persons, n.amount)
        for n in needs
    ]  # fmt: skip


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(part) for part in (seed, "budgets", *parts)))


def _between(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _scaled(amount: int, percent: int) -> int:
    """amount × percent %, rounded up to whole thousands of Rupiah (as budgets are written)."""
    return -(-amount * percent // 100_000) * 1_000


def _short(name: str) -> str:
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _perkada(listed: Listed, number: int, year: int) -> str:
    kind = {"province": "Pergub", "regency": "Perbup", "city": "Perwali"}[listed.level]
    return f"{kind} {_short(listed.name)} No. {number} Tahun {year}"


def _dpa(rng: random.Random, listed: Listed, year: int, perubahan: bool) -> str:
    unit = f"{_between(rng, 1, 7)}.{_between(rng, 1, 25):02d}.0.00.0.00.{_between(rng, 1, 9):02d}"
    return f"{'DPPA' if perubahan else 'DPA'}-SKPD {unit}.0000 Tahun {year}"


def _document(rng: random.Random, listed: Listed, year: int, perubahan: bool) -> str:
    if listed.category == Category.VILLAGE_OFFICIAL:
        return f"Rekapitulasi APBDes {_short(listed.name)} Tahun {year}"
    if rng.random() < 0.5:
        return _perkada(listed, _between(rng, 1, 60), year)
    return _dpa(rng, listed, year, perubahan)


def _row(listed: Listed, year: int, stage: str, persons: int, amount: int,
         realized: int | None, document: str) -> dict[str, object]:  # fmt: skip
    return {
        "kode_pemda": listed.code,
        "nama_pemda": listed.name,
        "tahun": year,
        "kategori": listed.category,
        "tahap": stage,
        "sasaran": persons,
        "pagu": amount,
        "realisasi": "" if realized is None else realized,
        "program": "",
        "dokumen": document,
    }


def _budgeted(rng: random.Random, listed: Listed, need: int, year: int, percent: int):
    """The rows of one allocation: murni, or murni then the perubahan that supersedes it."""
    persons = listed.persons if percent >= 100 else max(1, listed.persons * percent // 100)
    amount = _scaled(need, percent)
    realized = amount * _between(rng, *REALIZED_PERCENT) // 100
    if rng.random() >= PERUBAHAN_SHARE:
        return [_row(listed, year, Stage.MURNI, persons, amount, realized,
                     _document(rng, listed, year, perubahan=False))]  # fmt: skip
    # The APBD perubahan tops up (or trims) what the murni set aside.
    murni_percent = max(1, percent - _between(rng, -10, 30))
    murni_persons = min(persons, max(1, listed.persons * murni_percent // 100))
    return [
        _row(listed, year, Stage.MURNI, murni_persons, _scaled(need, murni_percent), None,
             _document(rng, listed, year, perubahan=False)),
        _row(listed, year, Stage.PERUBAHAN, persons, amount, realized,
             _document(rng, listed, year, perubahan=True)),
    ]  # fmt: skip


def _not_budgeted(rng: random.Random, listed: Listed, year: int, zero: bool):
    return [_row(listed, year, Stage.MURNI, 0, 0, None, "")] if zero else []


def not_budgeted_64(lists: list[Listed], seed: int = SEED) -> list[str]:
    """The East Kalimantan regencies and cities without a Non ASN budget (seeded)."""
    candidates = sorted(
        item.code
        for item in lists
        if item.province == EAST_KALIMANTAN
        and item.level != "province"
        and item.category == Category.NON_ASN
        and item.code != KUTAI_KARTANEGARA
    )
    return sorted(_rng(seed, EAST_KALIMANTAN, "not-budgeted").sample(
        candidates, min(NOT_BUDGETED_64, len(candidates))))  # fmt: skip


def budget_rows_for(lists: list[Listed], year: int = YEAR, seed: int = SEED) -> list[dict]:
    """The rows of the demo budgets file, in Pemda and category order."""
    skipped = not_budgeted_64(lists, seed)
    rows: list[dict] = []
    for listed in lists:
        rng = _rng(seed, listed.code, listed.category)
        if listed.category == Category.NON_ASN and listed.code in skipped:
            rows += _not_budgeted(rng, listed, year, zero=skipped.index(listed.code) % 2 == 1)
            continue
        if listed.code == KUTAI_KARTANEGARA and listed.category == Category.VULNERABLE:
            continue  # below, whatever the draw
        budgets = (
            rng.random() < BUDGET_SHARE[listed.category]
            # East Kalimantan's other regencies and cities all budget their Non ASN.
            or (listed.province == EAST_KALIMANTAN and listed.category == Category.NON_ASN)
            or listed.code == KUTAI_KARTANEGARA  # budgets every category it lists
        )
        if listed.need is None or not budgets:
            rows += _not_budgeted(rng, listed, year, zero=rng.random() < ZERO_ROW_SHARE)
            continue
        band = rng.random()
        if band < UNDER_SHARE:
            percent = _between(rng, *UNDER_PERCENT)
        elif band < UNDER_SHARE + OVER_SHARE:
            percent = _between(rng, *OVER_PERCENT)
        else:
            percent = _between(rng, *ENOUGH_PERCENT)
        rows += _budgeted(rng, listed, listed.need, year, percent)
    rows += _kukar_vulnerable(lists, year, seed)
    rows.sort(key=lambda row: (row["kode_pemda"], row["kategori"], row["tahap"]))
    return rows


def _kukar_vulnerable(lists: list[Listed], year: int, seed: int) -> list[dict]:
    """Kutai Kartanegara paid contributions for its traders and farmers (BPU)."""
    kukar = [item for item in lists if item.code == KUTAI_KARTANEGARA]
    if not kukar:
        return []  # a demo without East Kalimantan
    by_category = {item.category: item for item in kukar}
    listed = by_category.get(Category.VULNERABLE)
    if listed is None:  # no vulnerable list: the persons its Perbup names, on the demo scale
        non_asn = by_category.get(Category.NON_ASN)
        persons = max(3, (non_asn.persons if non_asn else 30) * 4 // 3)
        listed = Listed(KUTAI_KARTANEGARA, kukar[0].name, kukar[0].level, EAST_KALIMANTAN,
                        Category.VULNERABLE, persons, None)  # fmt: skip
    need = listed.need
    if need is None:  # at the BPU package
        need = listed.persons * (rules.annual_costs(Category.VULNERABLE, year, [None])[None] or 0)
    rng = _rng(seed, KUTAI_KARTANEGARA, "vulnerable-workers")
    amount = _scaled(need, _between(rng, 100, 120))
    realized = amount * _between(rng, 80, 100) // 100
    document = KUKAR_DOCUMENT.format(year=year)
    return [_row(listed, year, Stage.MURNI, listed.persons, amount, realized, document)]


def write_budget_file(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def entered_elsewhere(year: int, file_name: str) -> set[tuple[str, str]]:
    """(Pemda, category) whose allocation in force someone entered (the form, another file):
    the demo leaves those alone when it runs again."""
    current = Allocation.objects.current().filter(year=year)
    return set(
        current.exclude(source=EntrySource.IMPORT, source_name=file_name).values_list(
            "pemda_id", "category"
        )
    )


def load_demo_budgets(year: int = YEAR, seed: int = SEED) -> DemoBudgets | None:
    """Needs, the demo budgets file, its import and the needs again; None without lists."""
    refresh_needs(year)
    lists = listed_needs(year)
    if not lists:
        return None
    path = budget_file(year)
    kept = entered_elsewhere(year, path.name)
    rows = [
        row
        for row in budget_rows_for(lists, year, seed)
        if (row["kode_pemda"], row["kategori"]) not in kept
    ]
    path = write_budget_file(path, rows)
    imported = import_budgets(path)
    needs = refresh_needs()
    return DemoBudgets(
        path=path,
        rows=imported.rows,
        imported=imported,
        needs=needs,
        not_budgeted_64=not_budgeted_non_asn(EAST_KALIMANTAN, year),
    )


def not_budgeted_non_asn(region_code: str, year: int = YEAR) -> list[BudgetRow]:
    """The Pemda of a region that have not budgeted for their Non ASN in the year."""
    return [
        row
        for row in budget_rows(region_code, year)
        if row.category == Category.NON_ASN and row.status == BudgetStatus.NOT_BUDGETED
    ]


def summary_line(result: DemoBudgets, region_code: str = EAST_KALIMANTAN, year: int = YEAR) -> str:
    """`Anggaran 2022, Kalimantan Timur: 4 Pemda belum menganggarkan Non ASN: …`."""
    missing = result.not_budgeted_64 if region_code == EAST_KALIMANTAN else (
        not_budgeted_non_asn(region_code, year))  # fmt: skip
    name = Region.objects.filter(code=region_code).values_list("name", flat=True).first()
    names = ", ".join(row.name for row in missing) or "–"
    return _(
        "Anggaran %(year)s, %(region)s: %(count)s Pemda belum menganggarkan Non ASN: %(names)s "
        "(berkas anggaran demo: %(rows)s baris, %(status)s)"
    ) % {"year": year, "region": name or region_code, "count": len(missing), "names": names,
         "rows": result.rows, "status": result.imported.status}  # fmt: skip

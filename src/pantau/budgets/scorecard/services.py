"""The Inpres 2/2021 compliance scorecard: a score of 0–100 for each Pemda, and a ranking.

Six parts, each a value from 0 to 1 multiplied by its weight (whole points summing to 100,
Pantau policy in `policy/scorecard.toml`, or the TOML file the setting or environment
variable `PANTAU_SCORECARD_POLICY` names):

- `regulation`: the kind factor (Perda or Perkada 1, Surat Edaran ½, none 0) × the share
  of the categories that matter its regulations cover;
- `planning`: ½ if the programme is in the RKPD of the year, ½ if in the APBD;
- `budget`: the mean over the Pemda's categories of budgeted 1, under-budgeted
  allocated ÷ need, not budgeted 0; no list and no allocation: 0;
- `list_coverage`: covered ÷ listed, all categories (a province: its region's row, its own
  lists and its regencies'; a regency or city: its own lists);
- `ucj`: UCJ ÷ the target, at most 1;
- `ucj_trend`: the change of UCJ over 12 months, in points, ÷ the target change, from 0 to 1.

"The categories that matter" are those with a list in force or a current allocation for the
year (`status.budget_rows`), or all four when there are none. Coverage comes from the
latest refreshed month not after December of the year; a part whose data is missing (no
refresh, no workforce figure, no refresh 12 months earlier) scores 0 and says so
(`note = "data_missing"`).

Nationally the 38 provinces are ranked; in a province its regencies and cities, with the
province government shown apart (its coverage parts count its regencies' too, so it is not
comparable with them); a regency or city is shown alone with its rank in its province.
Equal scores share a rank (1, 2, 2, 4). All arithmetic is exact (`Fraction`); scores are
rounded only for display. A fixed number of queries whatever the number of Pemda.
"""

from __future__ import annotations

import datetime
import os
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.budgets.choices import BudgetStatus, RegulationKind
from pantau.budgets.compliance.services import NO_RECORD, ComplianceFacts, compliance_facts
from pantau.budgets.models import Allocation, Planning
from pantau.budgets.status import NATIONAL_NAMES, BudgetRow, Scope, rows_for
from pantau.core.display import round_half_up
from pantau.core.vocabulary import Category
from pantau.engine import coverage
from pantau.engine.models import ALL_CATEGORIES, CurrentGeneration, ListCoverage, MemberCoverage
from pantau.monev.services import FollowUp, follow_up_by_pemda
from pantau.regions.choices import Level
from pantau.regions.lookup import NotAPemda, get_pemda
from pantau.regions.models import Region

# The policy files of budgets (budget status, scorecard) live together in budgets/policy/.
DEFAULT_POLICY_FILE = Path(__file__).resolve().parents[1] / "policy" / "scorecard.toml"
POLICY_SETTING = "PANTAU_SCORECARD_POLICY"

REGULATION, PLANNING, BUDGET = "regulation", "planning", "budget"
LIST_COVERAGE, UCJ, UCJ_TREND = "list_coverage", "ucj", "ucj_trend"
FOLLOW_UP = "follow_up"
PARTS = (REGULATION, PLANNING, BUDGET, LIST_COVERAGE, UCJ, UCJ_TREND, FOLLOW_UP)
PART_LABELS = {
    REGULATION: _("Regulasi"),
    PLANNING: _("Perencanaan (RKPD, APBD)"),
    BUDGET: _("Anggaran"),
    LIST_COVERAGE: _("Cakupan daftar pekerja"),
    UCJ: _("Cakupan UCJ"),
    UCJ_TREND: _("Tren UCJ 12 bulan"),
    FOLLOW_UP: _("Tindak lanjut monev tepat waktu"),
}

# Why a part scored what it did, when that is not plain from its inputs.
DATA_MISSING = "data_missing"  # coverage data absent: scored 0
NO_LIST = "no_list"  # coverage numbers exist, but the Pemda listed nobody: 0
NOTHING_RECORDED = "nothing_recorded"  # no regulation; no list and no allocation: 0
NO_ACTIONS = "no_actions"  # no follow-up action was due in the year: nothing missed, 1
NOTE_LABELS = {
    DATA_MISSING: _("data belum ada"),
    NO_LIST: _("tidak ada daftar pekerja"),
    NOTHING_RECORDED: _("belum ada yang dicatat"),
    NO_ACTIONS: _("tidak ada tindak lanjut jatuh tempo"),
}

KIND_FACTOR = {
    RegulationKind.PERDA.value: Fraction(1),
    RegulationKind.PERKADA.value: Fraction(1),
    RegulationKind.SURAT_EDARAN.value: Fraction(1, 2),
}
RANKED_LEVELS = (Level.REGENCY, Level.CITY)


# ---------------------------------------------------------------- policy


class PolicyError(ImproperlyConfigured):
    """The scorecard policy file cannot be used; the message says why, in both languages."""


@dataclass(frozen=True)
class Policy:
    weights: dict[str, int]  # part → whole points, summing to 100
    ucj_target: Fraction  # the UCJ share that scores the whole `ucj` weight
    ucj_trend_points: Fraction  # the rise in UCJ points over 12 months that scores it all
    path: Path


def policy_path() -> Path:
    """The setting `PANTAU_SCORECARD_POLICY`, else that environment variable, else the
    shipped `policy/scorecard.toml`."""
    configured = getattr(settings, POLICY_SETTING, None) or os.environ.get(POLICY_SETTING)
    return Path(configured).expanduser() if configured else DEFAULT_POLICY_FILE


def _refuse(path: Path, indonesian: str, english: str) -> PolicyError:
    return PolicyError(
        f"Kebijakan skor {path} tidak dapat dipakai: {indonesian} / "
        f"The scorecard policy {path} cannot be used: {english}"
    )


def _fraction(path: Path, targets: dict, key: str) -> Fraction:
    value = targets.get(key)
    if not isinstance(value, str):
        raise _refuse(
            path,
            f'targets.{key} harus teks angka seperti "0.5", bukan {value!r}.',
            f'targets.{key} must be a number in quotes such as "0.5", not {value!r}.',
        )
    try:
        number = Fraction(value.strip())
    except ValueError:
        raise _refuse(
            path,
            f"targets.{key} {value!r} bukan angka.",
            f"targets.{key} {value!r} is not a number.",
        ) from None
    if number <= 0:
        raise _refuse(
            path, f"targets.{key} harus lebih dari 0.", f"targets.{key} must be more than 0."
        )
    return number


def load_policy(path: Path | str | None = None) -> Policy:
    """Read and check a policy file (default: `policy_path()`); raises `PolicyError`.

    Weights: one for each part, whole numbers ≥ 0 (not 12.5, not true), summing to 100.
    Targets: strings read as exact fractions (`"0.5215"`), above 0; the UCJ target at most 1.
    """
    path = Path(path) if path is not None else policy_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise _refuse(
            path, f"berkas tidak dapat dibaca ({reason}).", f"the file cannot be read ({reason})."
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _refuse(
            path, f"bukan TOML yang sah ({error}).", f"not valid TOML ({error})."
        ) from None
    weights = data.get("weights")
    if not isinstance(weights, dict):
        raise _refuse(path, "tabel [weights] tidak ada.", "the [weights] table is missing.")
    unknown = sorted(set(weights) - set(PARTS))
    missing = [part for part in PARTS if part not in weights]
    if unknown or missing:
        named = ", ".join(unknown or missing)
        raise _refuse(
            path,
            f"bobot {'tidak dikenal' if unknown else 'tidak ada'}: {named} (harus tepat "
            f"{', '.join(PARTS)}).",
            f"{'unknown' if unknown else 'missing'} weights: {named} (exactly "
            f"{', '.join(PARTS)} are needed).",
        )
    for part in PARTS:
        weight = weights[part]
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
            raise _refuse(
                path,
                f"bobot {part} harus bilangan bulat 0 atau lebih, bukan {weight!r}.",
                f"the weight of {part} must be a whole number, 0 or more, not {weight!r}.",
            )
    total = sum(weights[part] for part in PARTS)
    if total != 100:
        raise _refuse(
            path,
            f"jumlah bobot harus 100, bukan {total}.",
            f"the weights must sum to 100, not {total}.",
        )
    targets = data.get("targets")
    if not isinstance(targets, dict):
        raise _refuse(path, "tabel [targets] tidak ada.", "the [targets] table is missing.")
    ucj_target = _fraction(path, targets, "ucj")
    if ucj_target > 1:
        raise _refuse(
            path,
            f"targets.ucj adalah bagian (0–1), bukan {targets['ucj']}.",
            f"targets.ucj is a share (0–1), not {targets['ucj']}.",
        )
    return Policy(
        weights={part: weights[part] for part in PARTS},
        ucj_target=ucj_target,
        ucj_trend_points=_fraction(path, targets, "ucj_trend_points"),
        path=path,
    )


# ---------------------------------------------------------------- scores


@dataclass
class Part:
    name: str
    weight: int
    value: Fraction  # 0 to 1
    inputs: dict = field(default_factory=dict)
    note: str = ""  # "", DATA_MISSING, NO_LIST, NOTHING_RECORDED

    @property
    def points(self) -> Fraction:
        return self.weight * self.value

    @property
    def unknown(self) -> bool:
        return self.note == DATA_MISSING

    @property
    def label(self) -> str:
        return str(PART_LABELS[self.name])

    @property
    def note_label(self) -> str:
        return str(NOTE_LABELS[self.note]) if self.note else ""


@dataclass
class ScoreRow:
    code: str
    name: str
    level: str
    parts: list[Part]
    rank: int | None = None  # None: shown, not ranked (a province government among its regencies)

    @property
    def score(self) -> Fraction:
        return sum((part.points for part in self.parts), Fraction(0))

    def part(self, name: str) -> Part:
        return next(part for part in self.parts if part.name == name)


@dataclass
class Scorecard:
    region_code: str | None  # None: Indonesia
    region_name: str
    year: int
    policy: Policy
    rows: list[ScoreRow]  # ranked, best first
    ranked_among: str | None  # None: the provinces of Indonesia; else a province code
    ranked_count: int  # how many Pemda the ranking holds (a regency alone: its province's)
    ranked_among_name: str = "Indonesia"
    government: ScoreRow | None = None  # a province's own government, not ranked
    as_of: datetime.date | None = None  # coverage month used
    previous_as_of: datetime.date | None = None  # 12 months earlier, when refreshed

    @property
    def ranks_provinces(self) -> bool:
        return self.ranked_among is None


def is_national(region_code: str | None) -> bool:
    return region_code is None or str(region_code).strip().lower() in NATIONAL_NAMES


def resolve(region_code: str | Region | None) -> Region | None:
    """None for Indonesia; the Pemda's region otherwise (a Region passes through). Raises
    RegionNotFound (a 404) for an unknown or malformed code and NotAPemda for a district or
    village."""
    if isinstance(region_code, Region):
        if not region_code.is_pemda:
            raise NotAPemda(region_code, NO_RECORD)
        return region_code
    if is_national(region_code):
        return None
    return get_pemda(region_code, NO_RECORD)


def month_minus(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def decimal_text(value: Fraction, places: int = 6) -> str:
    """`Fraction(1043, 2000)` → `"0.5215"`; at most `places` decimals, no exponent."""
    text = format(round_half_up(value, places), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def latest_year() -> int:
    """The latest year, up to this one, with coverage numbers, a current allocation or a
    planning record; this year when there is none."""
    this_year = timezone.localdate().year
    years = [
        coverage.latest_month(before=datetime.date(this_year + 1, 1, 1)),
        Allocation.objects.current().filter(year__lte=this_year).aggregate(m=Max("year"))["m"],
        Planning.objects.filter(year__lte=this_year).aggregate(m=Max("year"))["m"],
    ]  # fmt: skip
    found = [y.year if isinstance(y, datetime.date) else y for y in years if y is not None]
    return max(found) if found else this_year


def coverage_months(year: int) -> tuple[CurrentGeneration | None, CurrentGeneration | None]:
    """The latest refreshed month not after December of `year`, and the month 12 months
    before it when that month was refreshed too (one query)."""
    generations = coverage.months_until(datetime.date(year, 12, 1))
    if not generations:
        return None, None
    latest = generations[0]
    earlier = month_minus(latest.as_of, 12)
    previous = next((g for g in generations if g.as_of == earlier), None)
    return latest, previous


def scorecard(
    region_code: str | Region | None, year: int, policy: Policy | None = None
) -> Scorecard:
    """The ranked scorecard of a region: None or "ID" for Indonesia, a province, regency
    or city code (or Region). See the module docstring."""
    policy = policy or load_policy()
    region = resolve(region_code)
    if region is None:
        pemdas = list(Region.objects.filter(level=Level.PROVINCE).order_by("code"))
        ranked, government = pemdas, None
        scope = Scope(None, "Indonesia")
    else:
        province = region.province_code
        pemdas = list(
            Region.objects.filter(
                Q(code=province) | Q(province_code=province, level__in=RANKED_LEVELS)
            ).order_by("code")
        )
        ranked = [r for r in pemdas if r.level in RANKED_LEVELS]
        government = next(r for r in pemdas if r.code == province)
        scope = Scope(province, government.name)

    rows, latest, previous = _score(pemdas, scope, year, policy)
    ranked_rows = [rows[r.code] for r in ranked]
    rank(ranked_rows)
    card = Scorecard(
        region_code=region.code if region else None,
        region_name=region.name if region else "Indonesia",
        year=year,
        policy=policy,
        rows=ranked_rows,
        ranked_among=region.province_code if region else None,
        ranked_count=len(ranked_rows),
        ranked_among_name=scope.name,
        government=rows[government.code] if government else None,
        as_of=latest.as_of if latest else None,
        previous_as_of=previous.as_of if previous else None,
    )
    if region is not None and region.level != Level.PROVINCE:
        card.rows = [row for row in ranked_rows if row.code == region.code]
        card.government = None
    return card


def rank(rows: list[ScoreRow]) -> None:
    """Best first (code order among equals); equal scores, compared exactly, share a rank
    and the next rank skips: 1, 2, 2, 4."""
    rows.sort(key=lambda row: (-row.score, row.code))
    previous: ScoreRow | None = None
    for position, row in enumerate(rows, start=1):
        row.rank = previous.rank if previous and previous.score == row.score else position
        previous = row


def _score(pemdas: list[Region], scope: Scope, year: int, policy: Policy):
    """Every Pemda's row by code, and the coverage months used."""
    codes = [pemda.code for pemda in pemdas]
    budget: dict[str, list[BudgetRow]] = {}
    for row in rows_for(scope, year):
        budget.setdefault(row.code, []).append(row)
    facts = compliance_facts(codes, year)
    latest, previous = coverage_months(year)
    follow_ups = follow_up_by_pemda(codes, year, timezone.localdate())
    members: dict[tuple[datetime.date, str], MemberCoverage] = {}
    lists: dict[str, ListCoverage] = {}
    if latest is not None:
        months = [latest] if previous is None else [latest, previous]
        for member in coverage.member_rows(months, codes):
            members[(member.as_of, member.region_code)] = member
        for row in coverage.list_rows([latest], codes, ALL_CATEGORIES):
            lists[row.region_code] = row
    weights = policy.weights
    scored: dict[str, ScoreRow] = {}
    for pemda in pemdas:
        rows = sorted(budget.get(pemda.code, []), key=lambda r: Category.values.index(r.category))
        now = members.get((latest.as_of, pemda.code)) if latest else None
        before = members.get((previous.as_of, pemda.code)) if previous else None
        parts = [
            regulation_part(weights[REGULATION], facts[pemda.code], rows),
            planning_part(weights[PLANNING], facts[pemda.code]),
            budget_part(weights[BUDGET], rows),
            list_part(weights[LIST_COVERAGE], lists.get(pemda.code), latest),
            ucj_part(weights[UCJ], now, policy.ucj_target),
            trend_part(weights[UCJ_TREND], now, before, policy.ucj_trend_points, previous),
            follow_up_part(weights[FOLLOW_UP], follow_ups.get(pemda.code)),
        ]
        scored[pemda.code] = ScoreRow(pemda.code, pemda.name, pemda.level, parts)
    return scored, latest, previous


# ---------------------------------------------------------------- parts


def categories_that_matter(rows: list[BudgetRow]) -> list[str]:
    """Categories with a list in force or a current allocation; all four when none."""
    present = {row.category for row in rows}
    return [c for c in Category.values if c in present] or list(Category.values)


def regulation_part(weight: int, facts: ComplianceFacts, rows: list[BudgetRow]) -> Part:
    kind = facts.best_regulation_kind
    factor = KIND_FACTOR.get(kind, Fraction(0))
    matter = categories_that_matter(rows)
    covered = [c for c in matter if c in facts.categories_covered]
    value = factor * Fraction(len(covered), len(matter))
    inputs = {
        "kind": kind,
        "kind_factor": factor,
        "categories_covered": [c for c in Category.values if c in facts.categories_covered],
        "categories_that_matter": matter,
        "evidence_count": facts.evidence_count,
    }
    return Part(REGULATION, weight, value, inputs, "" if kind else NOTHING_RECORDED)


def planning_part(weight: int, facts: ComplianceFacts) -> Part:
    value = Fraction(int(facts.in_rkpd) + int(facts.in_apbd), 2)
    return Part(PLANNING, weight, value, {"in_rkpd": facts.in_rkpd, "in_apbd": facts.in_apbd})


def category_value(row: BudgetRow) -> Fraction:
    if row.status == BudgetStatus.BUDGETED:
        return Fraction(1)
    if row.status == BudgetStatus.UNDER_BUDGETED and row.need:
        return Fraction(row.allocated or 0, row.need)
    return Fraction(0)


def budget_part(weight: int, rows: list[BudgetRow]) -> Part:
    """Mean over the Pemda's categories; a Pemda with no list and no allocation scores 0."""
    categories = [
        {
            "category": row.category,
            "status": row.status,
            "allocated": row.allocated,
            "need": row.need,
            "value": category_value(row),
        }
        for row in rows
    ]
    if not categories:
        nothing = {"categories": [], "allocated": None, "need": None}
        return Part(BUDGET, weight, Fraction(0), nothing, NOTHING_RECORDED)
    value = sum((c["value"] for c in categories), Fraction(0)) / len(categories)
    needs = [c["need"] for c in categories]
    inputs = {
        "categories": categories,
        "allocated": sum(c["allocated"] or 0 for c in categories),
        "need": None if None in needs else sum(needs),
    }
    return Part(BUDGET, weight, value, inputs)


def list_part(weight: int, row: ListCoverage | None, latest: CurrentGeneration | None) -> Part:
    if latest is None:
        return Part(LIST_COVERAGE, weight, Fraction(0),
                    {"covered": None, "listed": None}, DATA_MISSING)  # fmt: skip
    listed, covered = (row.listed, row.covered) if row else (0, 0)
    inputs = {"covered": covered, "listed": listed, "as_of": latest.as_of}
    if not listed:
        return Part(LIST_COVERAGE, weight, Fraction(0), inputs, NO_LIST)
    return Part(LIST_COVERAGE, weight, min(Fraction(1), Fraction(covered, listed)), inputs)


def ucj_of(member: MemberCoverage | None) -> Fraction | None:
    if member is None or not member.workforce:
        return None
    return Fraction(member.active_members, member.workforce)


def ucj_part(weight: int, member: MemberCoverage | None, target: Fraction) -> Part:
    ucj = ucj_of(member)
    inputs = {
        "ucj": ucj,
        "active_members": member.active_members if member else None,
        "workforce": member.workforce if member else None,
        "workforce_year": member.workforce_year if member else None,
        "workforce_is_estimate": member.workforce_is_estimate if member else False,
        "target": target,
    }
    if ucj is None:
        return Part(UCJ, weight, Fraction(0), inputs, DATA_MISSING)
    return Part(UCJ, weight, min(Fraction(1), ucj / target), inputs)


def trend_part(
    weight: int, now: MemberCoverage | None, before: MemberCoverage | None,
    target_points: Fraction, previous: CurrentGeneration | None,
) -> Part:  # fmt: skip
    ucj, earlier = ucj_of(now), ucj_of(before)
    inputs = {
        "ucj": ucj,
        "ucj_12_months_ago": earlier,
        "change_points": None if ucj is None or earlier is None else (ucj - earlier) * 100,
        "target_points": target_points,
        "as_of_12_months_ago": previous.as_of if previous else None,
    }
    if inputs["change_points"] is None:
        return Part(UCJ_TREND, weight, Fraction(0), inputs, DATA_MISSING)
    value = max(Fraction(0), min(Fraction(1), inputs["change_points"] / target_points))
    return Part(UCJ_TREND, weight, value, inputs)


def follow_up_part(weight: int, follow_up: FollowUp | None) -> Part:
    """The share of the Pemda's monev actions due in the year (up to today, dropped ones
    left out) that were done by their due date; no action due: 1 (nothing was missed)."""
    if follow_up is None or not follow_up.due:
        return Part(FOLLOW_UP, weight, Fraction(1), {"due": 0, "on_time": 0}, NO_ACTIONS)
    inputs = {"due": follow_up.due, "on_time": follow_up.on_time}
    return Part(FOLLOW_UP, weight, Fraction(follow_up.on_time, follow_up.due), inputs)


# ---------------------------------------------------------------- JSON


def _plain(value):
    """Inputs for JSON: fractions as numbers to four decimals, months as YYYY-MM."""
    if isinstance(value, Fraction):
        return float(round_half_up(value, 4))
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def row_json(row: ScoreRow) -> dict:
    return {
        "rank": row.rank,
        "code": row.code,
        "name": row.name,
        "level": row.level,
        "score": float(round_half_up(row.score, 1)),
        "score_exact": str(row.score),
        "parts": {
            part.name: {
                "weight": part.weight,
                "value": float(round_half_up(part.value, 4)),
                "points": float(round_half_up(part.points, 2)),
                "unknown": part.unknown,
                "note": part.note or None,
                "inputs": _plain(part.inputs),
            }
            for part in row.parts
        },
    }


def card_json(card: Scorecard) -> dict:
    policy = card.policy
    return {
        "region": card.region_code or "ID",
        "name": card.region_name,
        "year": card.year,
        "ranking": "provinces" if card.ranks_provinces else "regencies_and_cities",
        "ranked_among": card.ranked_among or "ID",
        "ranked_count": card.ranked_count,
        "coverage_as_of": _plain(card.as_of),
        "coverage_as_of_12_months_ago": _plain(card.previous_as_of),
        "policy": {
            "file": str(policy.path),
            "weights": dict(policy.weights),
            "targets": {
                "ucj": decimal_text(policy.ucj_target),
                "ucj_trend_points": decimal_text(policy.ucj_trend_points),
            },
        },
        "province_government": row_json(card.government) if card.government else None,
        "pemda": [row_json(row) for row in card.rows],
    }


def scorecard_json(region_code: str | None, year: int, policy: Policy | None = None) -> dict:
    """`pantau scorecard --format json`: the ranked Pemda with score and parts."""
    return card_json(scorecard(region_code, year, policy))

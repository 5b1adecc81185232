"""`/peringkat/` (the provinces ranked nationally) and `/wilayah/<code>/peringkat/` (a
province's regencies and cities; a regency or city alone, with its rank in its province).

Scores are aggregates: every signed-in user reads them for any region. `?tahun=YYYY`
chooses the year (default: the latest year with data); `?format=xlsx` and `?format=csv`
download the ranking with every part's points as columns.
"""

from __future__ import annotations

from fractions import Fraction

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View

from pantau.budgets.choices import BudgetStatus, RegulationKind
from pantau.budgets.models import Planning
from pantau.budgets.scorecard.exports import scorecard_csv, scorecard_xlsx
from pantau.budgets.scorecard.services import (
    BUDGET,
    LIST_COVERAGE,
    PART_LABELS,
    PARTS,
    PLANNING,
    REGULATION,
    UCJ,
    UCJ_TREND,
    Part,
    Scorecard,
    ScoreRow,
    latest_year,
    month_minus,
    policy_path,
    resolve,
    scorecard,
)
from pantau.core import display, params
from pantau.core.display import number
from pantau.core.downloads import download
from pantau.core.pagecache import cached_body, keeps_whole_response
from pantau.core.vocabulary import FIRST_YEAR, Category
from pantau.regions.choices import Level
from pantau.regions.views import canonical_redirect


def policy_stamp() -> tuple:
    """Which policy file scores the page, and its version (a changed file, a new page)."""
    path = policy_path()
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def chosen_year(text: str | None) -> int:
    """`?tahun=YYYY` (2021 to next year), else the latest year with data."""
    return params.year(text) or latest_year()


@keeps_whole_response
class ScorecardView(View):
    """GET the ranking page, or its XLSX or CSV."""

    def get(self, request: HttpRequest, code: str | None = None) -> HttpResponse:
        region = None
        if code is not None:
            moved = canonical_redirect(request, code, "budgets:scorecard-region")
            if moved is not None:
                return moved
            region = resolve(code)  # RegionNotFound (NotAPemda too) is a 404 with the help
        year = chosen_year(request.GET.get("tahun"))
        wanted = request.GET.get("format")
        if wanted in ("xlsx", "csv"):
            card = scorecard(region, year)
            if wanted == "xlsx":
                return download(scorecard_xlsx(card), download_name(card), "xlsx")
            return download(scorecard_csv(card), download_name(card), "csv")

        def context() -> dict:
            card = scorecard(region, year)
            planned = planning_recorded(card)
            this_year = timezone.localdate().year
            years = sorted({*range(FIRST_YEAR, this_year + 1), year}, reverse=True)
            return {
                "card": card,
                "region": region,
                "year": year,
                "years": years,
                "parts": [(PART_LABELS[name], card.policy.weights[name]) for name in PARTS],
                "colspan": 4 + len(PARTS),
                "government": card.government,
                "government_rows": [shown(card.government, card, planned)]
                if card.government else [],
                "rows": [shown(row, card, planned) for row in card.rows],
                "province_url": reverse("budgets:scorecard-region", args=[card.ranked_among])
                if region is not None and region.level != Level.PROVINCE else "",
                "unknown_parts": any(part.unknown for row in card.rows for part in row.parts),
            }  # fmt: skip

        # A national ranking reads every Pemda's records: rendered once per change of the
        # tables it reads (`core.pagecache`); the policy file is part of the key.
        body = cached_body(
            request,
            "budgets/_scorecard_body.html",
            (region.code if region else "ID", year, policy_stamp()),
            context,
        )
        return render(request, "budgets/scorecard.html", {"body": body, "region": region})


def download_name(card: Scorecard) -> str:
    return f"peringkat-{card.region_code or 'ID'}-{card.year}"


# ---------------------------------------------------------------- display


def percent(value: Fraction | None, places: int = 1) -> str:
    """The scorecard groups thousands in percentages too (`display.percent` does not)."""
    return display.percent(value, places, grouping=True)


def month(value) -> str:
    return formats.date_format(value, "YEAR_MONTH_FORMAT") if value else "–"


def rupiah_or_dash(value: int | None) -> str:
    from pantau.core.money import format_rupiah

    return "–" if value is None else format_rupiah(value)


def yes_no(flag: bool, recorded: bool = True) -> str:
    """A "no" someone entered is "tidak"; where nothing was entered: "belum dicatat"."""
    if not recorded:
        return _("belum dicatat")
    return _("ya") if flag else _("tidak")


def planning_recorded(card: Scorecard) -> set[str]:
    """The Pemda whose RKPD and APBD of the year were entered (one query)."""
    codes = [row.code for row in (card.government, *card.rows) if row is not None]
    rows = Planning.objects.filter(pemda_id__in=codes, year=card.year)
    return set(rows.values_list("pemda_id", flat=True))


def shown(row: ScoreRow, card: Scorecard, planned: set[str] | None = None) -> dict:
    """What the page shows of a row: the score, each part's points and its explanation."""
    return {
        "row": row,
        "score": number(row.score, 1),
        "parts": [
            {
                "part": part,
                "label": part.label,
                "weight": part.weight,
                "value": percent(part.value),
                "points": number(part.points, 1),
                "note": part.note_label,
                "lines": explain(part, row, card, planned),
            }
            for part in row.parts
        ],
    }


def explain(part: Part, row: ScoreRow, card: Scorecard, planned: set[str] | None = None
            ) -> list[str]:  # fmt: skip
    """The facts a part came from, in sentences; `planned`: the Pemda whose planning was
    entered (None: every one)."""
    inputs = part.inputs
    categories = dict(Category.choices)
    if part.name == REGULATION:
        matter = inputs["categories_that_matter"]
        covered = [c for c in matter if c in inputs["categories_covered"]]
        if not inputs["kind"]:
            first = _("Belum ada regulasi daerah yang ditetapkan sampai 31 Desember %(year)s.") % {
                "year": card.year
            }
        else:
            first = _("Regulasi terkuat: %(kind)s (faktor %(factor)s).") % {
                "kind": RegulationKind(inputs["kind"]).label,
                "factor": number(inputs["kind_factor"], 1),
            }
        return [
            first,
            _("Kategori yang relevan: %(matter)s; yang dicakup regulasi: %(covered)s.")
            % {
                "matter": ", ".join(str(categories[c]) for c in matter),
                "covered": ", ".join(str(categories[c]) for c in covered) or "–",
            },
        ]
    if part.name == PLANNING:
        recorded = planned is None or row.code in planned
        return [
            _("Dalam RKPD %(year)s: %(rkpd)s; dalam APBD %(year)s: %(apbd)s.")
            % {
                "year": card.year,
                "rkpd": yes_no(inputs["in_rkpd"], recorded),
                "apbd": yes_no(inputs["in_apbd"], recorded),
            }
        ]
    if part.name == BUDGET:
        if not inputs["categories"]:
            return [_("Tidak ada daftar pekerja maupun anggaran untuk tahun ini: skor 0.")]
        statuses = dict(BudgetStatus.choices)
        return [
            _("%(category)s: %(status)s; pagu %(allocated)s, kebutuhan %(need)s (%(value)s).")
            % {
                "category": categories[item["category"]],
                "status": statuses[item["status"]],
                "allocated": rupiah_or_dash(item["allocated"]),
                "need": rupiah_or_dash(item["need"]),
                "value": percent(item["value"]),
            }
            for item in inputs["categories"]
        ]
    if part.name == LIST_COVERAGE:
        if inputs["listed"] is None:
            return [_("Belum ada angka cakupan untuk tahun ini.")]
        lines = [
            _("%(covered)s dari %(listed)s orang dalam daftar terlindungi (per %(month)s).")
            % {
                "covered": number(inputs["covered"], 0),
                "listed": number(inputs["listed"], 0),
                "month": month(inputs["as_of"]),
            }
        ]
        if row.level == Level.PROVINCE:
            lines.append(_("Provinsi: daftar pemerintah provinsi dan kabupaten/kotanya."))
        return lines
    if part.name == UCJ:
        if inputs["ucj"] is None:
            return [_("Belum ada angka peserta aktif atau penduduk bekerja.")]
        estimate = _(" (perkiraan)") if inputs["workforce_is_estimate"] else ""
        return [
            _("UCJ %(ucj)s: %(active)s peserta aktif ÷ %(workforce)s penduduk bekerja "
              "(%(year)s)%(estimate)s; target %(target)s.")
            % {
                "ucj": percent(inputs["ucj"]),
                "active": number(inputs["active_members"], 0),
                "workforce": number(inputs["workforce"], 0),
                "year": inputs["workforce_year"] or "–",
                "estimate": estimate,
                "target": percent(inputs["target"], 2),
            }
        ]  # fmt: skip
    if part.name == UCJ_TREND:
        if inputs["change_points"] is None:
            earlier = month_minus(card.as_of, 12) if card.as_of else None
            return [
                _("UCJ per %(month)s: %(now)s; 12 bulan sebelumnya (%(before_month)s): "
                  "%(before)s. Tren dinilai bila keduanya ada.")
                % {
                    "month": month(card.as_of),
                    "now": percent(inputs["ucj"]),
                    "before_month": month(earlier),
                    "before": percent(inputs["ucj_12_months_ago"]),
                }
            ]  # fmt: skip
        change = inputs["change_points"]
        return [
            _("UCJ %(now)s, 12 bulan sebelumnya (%(month)s) %(before)s: %(sign)s%(change)s "
              "poin; target +%(target)s poin.")
            % {
                "now": percent(inputs["ucj"]),
                "month": month(inputs["as_of_12_months_ago"]),
                "before": percent(inputs["ucj_12_months_ago"]),
                "sign": "+" if change >= 0 else "",
                "change": number(change, 1),
                "target": number(inputs["target_points"], 1),
            }
        ]  # fmt: skip
    return []

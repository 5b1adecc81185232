"""`pantau rules contribution|benefit|budget|explain …`: what the regulations say, with working.

    pantau rules contribution --segment pu --month 2022-07 --programs jkk,jkm,jht,jp \
        --wage 5.000.000 --risk-class 1
    pantau rules benefit jkm --death-date 2022-07-14 --membership-start 2018-01-01 --children 2
    pantau rules benefit jkk-death --wage 4000000 --date 2022-07-14
    pantau rules budget --category non_asn --persons 1200 --year 2025 --wage 3000000
    pantau rules explain contribution --segment bpu --month 2020-09 --programs jkk,jkm \
        --income 1000000

`--format json` prints one JSON object (the Python API's `as_dict()`); the default prints
a table; `explain` prints the working line by line with regulation and article, in Bahasa
Indonesia (ISO months, as scripts read them) or, with `--language en`, in English.

Amounts are read as people write them (`4500000`, `4.500.000`, `Rp4.500.000,00`,
`4500000.00`) by `rules.inputs.parse_rupiah`, the same parser as the calculator page;
ambiguous forms (`4.500`) and cents are refused.
"""

from __future__ import annotations

from pantau.core.command import PantauCommand, UsageError
from pantau.core.money import format_rupiah
from pantau.rules import api, inputs
from pantau.rules.errors import RuleError


def _add_format(parser, with_format: bool) -> None:
    if with_format:
        parser.add_argument("--format", choices=["text", "json"], default="text")
    else:  # `explain`: the working in Bahasa Indonesia (ISO months), or in English
        parser.add_argument("--language", choices=["id", "en"], default="id")


def _add_contribution(parser, with_format: bool) -> None:
    parser.add_argument("--segment", required=True, help="pu (penerima upah) | bpu")
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("--programs", required=True, help="jkk,jkm,jht,jp,jkp")
    parser.add_argument("--wage", help="upah sebulan (PU), mis. 4.500.000")
    parser.add_argument("--income", help="penghasilan sebulan (BPU), mis. 1.000.000")
    parser.add_argument("--risk-class", help="kelas risiko JKK 1-5 (wajib untuk JKK PU)")
    _add_format(parser, with_format)


def _add_benefits(parser, with_format: bool) -> None:
    kinds = parser.add_subparsers(dest="benefit", required=True)
    jkm = kinds.add_parser("jkm", help="Jaminan Kematian")
    jkm.add_argument("--death-date", required=True, help="YYYY-MM-DD")
    jkm.add_argument("--membership-start", required=True, help="YYYY-MM-DD")
    jkm.add_argument("--children", type=int, default=0)
    _add_format(jkm, with_format)
    for name, text in (("jkk-death", "JKK: meninggal karena kecelakaan kerja"),
                       ("jkk-disability", "JKK: cacat total tetap")):  # fmt: skip
        kind = kinds.add_parser(name, help=text)
        kind.add_argument("--wage", required=True, help="upah sebulan, mis. 4.500.000")
        kind.add_argument("--date", required=True, help="YYYY-MM-DD")
        _add_format(kind, with_format)


def _add_budget(parser, with_format: bool) -> None:
    parser.add_argument("--category", required=True, help=", ".join(api.CATEGORIES))
    parser.add_argument("--persons", type=int, required=True)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--wage", help="upah/siltap sebulan per orang, mis. 2.000.000")
    parser.add_argument("--programs", help="default: the category's programme set")
    parser.add_argument("--segment", help="pu | bpu (default: the category's convention)")
    parser.add_argument("--risk-class", type=int, default=1)
    _add_format(parser, with_format)


def _add_all(sub, with_format: bool) -> None:
    builders = (
        ("contribution", "iuran sebulan / a month's contributions", _add_contribution),
        ("benefit", "manfaat / benefits", _add_benefits),
        ("budget", "kebutuhan anggaran / budget need", _add_budget),
    )
    for name, text, build in builders:
        build(sub.add_parser(name, help=text), with_format)


def _contribution(options: dict):
    """A month's contribution; the amount and the JKK risk class must fit the segment.

    A wage earner's JKK rate depends on the risk class (0,24% to 1,74%): a silent default
    would give a number that looks right and is not, so it must be given. It is asked for
    last, so that a wrong month or wage is named first."""
    segment = inputs.segment(options["segment"])
    if segment == "bpu" and options["wage"] is not None:
        raise RuleError(
            "--wage",
            "Peserta bukan penerima upah (BPU) tidak punya upah: isi penghasilan sebulan "
            "dengan --income.",
            "Non-wage earners (BPU) have no wage: give the monthly income with --income.",
        )
    if segment == "pu" and options["income"] is not None:
        raise RuleError(
            "--income",
            "Peserta penerima upah (PU) dihitung dari upah: isi --wage, bukan --income.",
            "Wage earners (PU) are computed on their wage: give --wage, not --income.",
        )
    risk_class = options["risk_class"]
    result = api.contribution(
        segment, options["month"], options["programs"], wage=options["wage"],
        income=options["income"], risk_class=1 if risk_class is None else risk_class,
    )  # fmt: skip
    if (
        segment == "pu"
        and risk_class is None
        and any(line.program == "jkk" for line in result.lines)
    ):
        raise RuleError(
            "--risk-class",
            "Kelas risiko JKK wajib diisi untuk iuran JKK penerima upah (PU): 1 (sangat "
            "rendah, 0,24%) s.d. 5 (sangat tinggi, 1,74%).",
            "The JKK risk class is required for a wage earner's (PU) JKK: 1 (very low, "
            "0.24%) to 5 (very high, 1.74%).",
        )
    return result


def compute(action: str, options: dict):
    """The API result for the parsed options; RuleError on bad input."""
    if action == "contribution":
        return _contribution(options)
    if action == "budget":
        return api.budget(
            options["category"], options["persons"], options["year"], months=options["months"],
            wage=options["wage"], programs=options["programs"], segment=options["segment"],
            risk_class=options["risk_class"],
        )  # fmt: skip
    benefit = options["benefit"]
    if benefit == "jkm":
        return api.jkm_benefit(
            options["death_date"], options["membership_start"], children=options["children"]
        )
    if benefit == "jkk-death":
        return api.jkk_death_benefit(options["wage"], options["date"])
    return api.jkk_disability_benefit(options["wage"], options["date"])


class Command(PantauCommand):
    help = "Contribution and benefit rules by regulation and month, with their working."
    requires_setup = False  # pure calculation: no database

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        _add_all(sub, with_format=True)
        explain = sub.add_parser("explain", help="the working, line by line, with citations")
        _add_all(explain.add_subparsers(dest="explained", required=True), with_format=False)

    def handle(self, *args, action: str, **options):
        explaining = action == "explain"
        if explaining:
            action = options["explained"]
        try:
            result = compute(action, options)
        except api.RuleError as error:
            raise UsageError(f"{error.argument}: {error.message_id} / {error.message_en}") from None
        if explaining:
            for line in result.working(options.get("language") or "id"):
                self.stdout.write(line)
            return
        if options.get("format") == "json":
            self.write_json(result.as_dict())
            return
        self.stdout.write(self._table(result.as_dict()))
        # The table shows numbers only: what makes a number uncertain is said under it.
        for message_id, message_en in getattr(result, "warnings", ()):
            self.stdout.write(f"  Peringatan: {message_id} / Warning: {message_en}")

    def _table(self, data: dict) -> str:
        rows = []
        if "components" in data:
            for item in data["components"]:
                rows.append(f"  {item['name']:<28} {format_rupiah(item['amount'], 'id'):>16}")
            rows.append(f"  {'Jumlah tunai / cash total':<28} "
                        f"{format_rupiah(data['cash_total'], 'id'):>16}")  # fmt: skip
            eligible = {True: "ya / yes", False: "tidak / no", None: "tidak diketahui / unknown"}
            rows.append(f"  Beasiswa / scholarship: {eligible[data['scholarship_eligible']]}, "
                        f"maks. {format_rupiah(data['scholarship_max'], 'id')}")  # fmt: skip
            return "\n".join(rows)
        if "per_person_month" in data:
            for item in data["lines"]:
                rows.append(f"  {item['program'].upper():<6} "
                            f"{format_rupiah(item['per_person_month'], 'id'):>14} /orang/bulan "
                            f"{format_rupiah(item['total'], 'id'):>20}")  # fmt: skip
            rows.append(f"  {data['persons']} orang × {data['months']} bulan: "
                        f"{format_rupiah(data['total'], 'id')}")  # fmt: skip
            return "\n".join(rows)
        rows.append(f"  {'':<6} {'pemberi kerja':>16} {'pekerja':>14} {'jumlah':>14}")
        for item in data["lines"]:
            employer, worker, total = (
                format_rupiah(item[key], "id") for key in ("employer", "worker", "total")
            )
            rows.append(f"  {item['program'].upper():<6} {employer:>16} {worker:>14} {total:>14}")
        rows.append(f"  {'Jumlah':<6} {format_rupiah(data['employer_total'], 'id'):>16} "
                    f"{format_rupiah(data['worker_total'], 'id'):>14} "
                    f"{format_rupiah(data['total'], 'id'):>14}")  # fmt: skip
        return "\n".join(rows)

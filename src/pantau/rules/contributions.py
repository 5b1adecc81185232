"""A month's contributions for one participant: one line per programme, with its working."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from pantau.rules import formatting as fmt
from pantau.rules import schema
from pantau.rules.entries import Entry
from pantau.rules.errors import RuleError
from pantau.rules.formatting import Text, same
from pantau.rules.rounding import percent_of, percents_of
from pantau.rules.schedules import Schedule

LABELS = {"jkk": "JKK", "jkm": "JKM", "jht": "JHT", "jp": "JP", "jkp": "JKP"}
SEGMENT_NAMES = {
    "pu": ("penerima upah (PU)", "wage earners (PU)"),
    "bpu": ("bukan penerima upah (BPU)", "non-wage earners (BPU)"),
}
MONTH_CONVENTION = Text(
    "Aturan dipilih per bulan iuran: peraturan yang mulai berlaku di tengah bulan berlaku "
    "untuk iuran seluruh bulan itu.",
    "The rules are chosen per contribution month: a regulation that comes into force in the "
    "middle of a month applies to the contributions of that whole month.",
)
ROUNDING_RULE = Text(
    "Pembulatan: bagian pemberi kerja dan bagian pekerja tiap baris = tarif × dasar, "
    "dibulatkan ke rupiah terdekat (setengah ke atas); jumlah = penjumlahan baris yang sudah "
    "dibulatkan.",
    "Rounding: the employer's and the worker's share of each line = rate × base, rounded to "
    "the nearest rupiah (halves up); totals = the sum of the rounded lines.",
)
INCOME_PROGRAMS = ("jkk", "jht")  # BPU programmes computed on income (JKM is flat)
# How far ahead a month may be asked: Pemda plan budgets up to five years ahead (RPJMD);
# a month beyond that (9999-12) is a typing mistake, not a plan.
PLANNING_YEARS = 5


def last_supported_month(today: date | None = None) -> date:
    """December of the fifth year after this one: the last month Pantau computes."""
    return date((today or date.today()).year + PLANNING_YEARS, 12, 1)


def _refuse_beyond_horizon(schedule: Schedule, day: date) -> None:
    last = last_supported_month()
    if day > last:
        first = fmt.month(schedule.earliest)
        raise RuleError(
            "--month",
            f"Bulan {fmt.month(day)} di luar rentang yang didukung ({first} s.d. "
            f"{fmt.month(last)}): aturan sejauh itu belum dapat diketahui.",
            f"Month {fmt.month(day)} is outside the supported range ({first} to "
            f"{fmt.month(last)}): the rules that far ahead cannot be known.",
        )


@dataclass(frozen=True)
class ContributionLine:
    program: str
    employer: int
    worker: int
    text: Text  # how the line was computed, in both languages
    cited: tuple[Text, ...] = ()  # the citations of its numbers, in both languages

    @property
    def total(self) -> int:
        return self.employer + self.worker

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(citation.id for citation in self.cited)

    @property
    def citations_en(self) -> tuple[str, ...]:
        return tuple(citation.en for citation in self.cited)

    @property
    def basis(self) -> str:
        """The line's working in Bahasa Indonesia (the CLI's and the JSON's)."""
        return self.text.id

    @property
    def basis_en(self) -> str:
        return self.text.en

    def as_dict(self, language: str = "id") -> dict:
        return {
            "program": self.program,
            "employer": self.employer,
            "worker": self.worker,
            "total": self.total,
            "basis": self.text.pick(language),
        }


@dataclass(frozen=True)
class Contribution:
    month: str  # "YYYY-MM"
    segment: str
    lines: tuple[ContributionLine, ...]
    notes: list[Text] = field(default_factory=list)
    header: tuple[Text, ...] = ()
    # What a reader of the bare numbers must not miss (a JP cap Pantau does not know yet):
    # (Bahasa Indonesia, English) pairs, shown in every output, the plain table too.
    warnings: tuple[tuple[str, str], ...] = ()

    @property
    def employer_total(self) -> int:
        return sum(line.employer for line in self.lines)

    @property
    def worker_total(self) -> int:
        return sum(line.worker for line in self.lines)

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    def line(self, program: str) -> ContributionLine:
        return next(line for line in self.lines if line.program == program)

    def as_dict(self, language: str = "id") -> dict:
        """The JSON shape; `basis` in `language` (Bahasa Indonesia unless "en")."""
        return {
            "month": self.month,
            "segment": self.segment,
            "lines": [line.as_dict(language) for line in self.lines],
            "employer_total": self.employer_total,
            "worker_total": self.worker_total,
            "total": self.total,
            "warnings": [message_id for message_id, _ in self.warnings],
        }

    def working(self, language: str = "id") -> list[str]:
        """The explanation line by line: Bahasa Indonesia, or English for "en"."""
        return fmt.pick_all(self.working_text(), language)

    def working_text(self) -> list[Text]:
        employer, worker, total = self.employer_total, self.worker_total, self.total
        return [
            *self.header,
            *(line.text for line in self.lines),
            *self.notes,
            ROUNDING_RULE,
            Text(
                f"Jumlah: pemberi kerja {fmt.rupiah(employer)}, pekerja {fmt.rupiah(worker)}, "
                f"total {fmt.rupiah(total)}.",
                f"Total: employer {fmt.rupiah_en(employer)}, worker {fmt.rupiah_en(worker)}, "
                f"total {fmt.rupiah_en(total)}.",
            ),
        ]


def compute(
    schedule: Schedule,
    segment: str,
    day: date,
    programs: tuple[str, ...],
    *,
    wage: int | None,
    income: int | None,
    risk_class: int,
) -> Contribution:
    month = _Month(schedule, segment, day)
    if segment == "pu":
        lines = _wage_earner(month, programs, wage, risk_class)
    else:
        lines = _non_wage_earner(month, programs, wage, income)
    return Contribution(
        month=fmt.month(day),
        segment=segment,
        lines=tuple(lines),
        notes=month.notes,
        header=tuple(month.header),
        warnings=tuple(month.warnings),
    )


def total_only(
    schedule: Schedule,
    segment: str,
    day: date,
    programs: tuple[str, ...],
    *,
    wage: int | None,
    income: int | None,
    risk_class: int,
) -> int:
    """`compute(...).total` without the working text: the same rules, rates and rounding,
    for costing many wages at once (tests/rules/test_annual_costs.py holds them equal)."""
    if segment == "pu":
        if wage is None:
            month = _Month(schedule, segment, day)
            _wage_earner(month, programs, wage, risk_class)  # raises the usual RuleError
        return pu_pricer(schedule, day, programs, risk_class)(wage)
    month = _Month(schedule, segment, day)
    total = 0
    for program in programs:
        if program in ("jp", "jkp"):
            month.require(f"bpu.{program}", program)
    reported = income if income is not None else wage
    base = None
    if any(program in INCOME_PROGRAMS for program in programs):
        if reported is None:
            _non_wage_earner(month, programs, wage, income)  # raises the usual RuleError
        base = _income_base(month.require("bpu.income_basis", programs[0]), reported)
    for program in programs:
        entry = month.require(f"bpu.{program}", program)
        if program == "jkk":
            computed = percent_of(entry["percent"], base)
            amount = min(max(computed, entry["min_amount"]), entry["max_amount"])
        elif program == "jkm":
            amount = entry["amount"]
        else:
            amount = percent_of(entry["percent"], base)
        total += _relieved(0, amount, month.optional(f"bpu.{program}.relief"))
    return total


def pu_pricer(schedule: Schedule, day: date, programs: tuple[str, ...], risk_class: int):
    """`total_only` of a wage earner (PU) in `day`'s month as a function of the wage
    (`PuPricer`): the entries in force looked up once, then only the arithmetic per wage (the
    engine and the budget need price thousands of distinct wages per refresh: 20 µs a wage,
    three quarters of it looking the same entries up again). Raises what `total_only`
    raises for a month the rules do not cover."""
    month = _Month(schedule, "pu", day)
    lines = []
    for program in programs:
        cap = None
        if program == "jkk":
            entry = month.require(f"pu.jkk.class_{risk_class}", program)
        elif program == "jp":
            cap = month.require("pu.jp.wage_cap", program)["amount"]
            entry = month.require("pu.jp", program)
        else:
            entry = month.require(f"pu.{program}", program)
        relief = month.optional(f"pu.{program}.relief")
        lines.append((entry["employer_percent"], entry["worker_percent"], cap, relief))
    return PuPricer(tuple(lines))


@dataclass(frozen=True)
class PuPricer:
    """A wage earner's month of contributions as a function of the wage: `pricer(wage)`, or
    `pricer.many(wages)` for an int64 array of them at once (the same arithmetic)."""

    # (employer percent, worker percent, wage cap or None, relief entry or None) per line
    lines: tuple[tuple, ...]

    def __call__(self, wage: int) -> int:
        total = 0
        for employer_percent, worker_percent, cap, relief in self.lines:
            base = wage if cap is None else min(wage, cap)
            employer = percent_of(employer_percent, base)
            worker = percent_of(worker_percent, base)
            total += _relieved(employer, worker, relief)
        return total

    def many(self, wages: np.ndarray) -> np.ndarray:
        total = np.zeros(len(wages), dtype=np.int64)
        for employer_percent, worker_percent, cap, relief in self.lines:
            base = wages if cap is None else np.minimum(wages, cap)
            employer = percents_of(employer_percent, base)
            worker = percents_of(worker_percent, base)
            total = total + _relieved(employer, worker, relief, percents_of)
        return total


def _relieved(employer, worker, relief: Entry | None, percent=percent_of):
    """A line's total after `_relieve`: a discount lowers it, a deferral does not. For one
    wage, or with `percent=percents_of` for an array of them (`PuPricer.many`)."""
    discount = relief.get("discount_percent") if relief is not None else None
    if discount:
        pay = 100 - discount
        employer, worker = percent(pay, employer), percent(pay, worker)
    return employer + worker


class _Month:
    """The schedule as of one contribution month, collecting the notes to show."""

    def __init__(self, schedule: Schedule, segment: str, day: date):
        _refuse_beyond_horizon(schedule, day)
        self.schedule = schedule
        self.segment = segment
        self.day = day
        self.header: list[Text] = []
        self.notes: list[Text] = []
        self.warnings: list[tuple[str, str]] = []

    def warn(self, message_id: str, message_en: str) -> None:
        if (message_id, message_en) not in self.warnings:
            self.warnings.append((message_id, message_en))

    def note(self, text: Text) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def require(self, key: str, program: str) -> Entry:
        entry = self.schedule.in_force(key, self.day)
        if entry is None:
            raise self._not_in_force(key, program)
        self.entry_note(entry)
        return entry

    def optional(self, key: str) -> Entry | None:
        return self.schedule.in_force(key, self.day)

    def entry_note(self, entry: Entry) -> None:
        if entry.note:
            self.note(entry.noted())

    def _not_in_force(self, key: str, program: str) -> RuleError:
        month, label = fmt.month(self.day), LABELS[program]
        first = self.schedule.first(key)
        if first is None:
            name_id, name_en = SEGMENT_NAMES[self.segment]
            return RuleError(
                "--programs",
                f"{label} tidak tersedia untuk peserta {name_id}.",
                f"{label} is not available to {name_en}.",
            )
        if self.day < self.schedule.earliest:
            since = fmt.month(self.schedule.earliest)
            which = f"{first.regulation.name}, " if first.start == self.schedule.earliest else ""
            return RuleError(
                "--month",
                f"Bulan {month} sebelum peraturan pertama dalam data ({which}mulai {since}).",
                f"Month {month} is before the first regulation in the data ({which}from {since}).",
            )
        if self.day < first.start:
            since = fmt.month(first.start)
            return RuleError(
                "--programs",
                f"{label} belum berlaku pada bulan {month}; mulai {since} "
                f"({first.regulation.name}).",
                f"{label} did not exist in {month}; it starts {since} ({first.regulation.name}).",
            )
        return RuleError(
            "--month",
            f"Tidak ada aturan {schema.spec_for(key).label} yang berlaku pada bulan {month}.",
            f"No rule for {key} is in force in {month}.",
        )


def _wage_earner(
    month: _Month, programs: tuple[str, ...], wage: int | None, risk_class: int
) -> list[ContributionLine]:
    if wage is None:
        raise RuleError(
            "--wage",
            "Upah sebulan wajib diisi untuk peserta penerima upah (PU).",
            "The monthly wage is required for wage earners (PU).",
        )
    month.header += [
        Text(
            f"Iuran peserta penerima upah (PU) untuk bulan {fmt.month(month.day)}.",
            f"Contributions of a wage earner (PU) for {fmt.month_en(month.day)}.",
        ),
        Text(f"Upah sebulan: {fmt.rupiah(wage)}.", f"Monthly wage: {fmt.rupiah_en(wage)}."),
        MONTH_CONVENTION,
    ]
    lines = []
    for program in programs:
        if program == "jkk":
            key = f"pu.jkk.class_{risk_class}"
            label = Text(f"JKK kelas {risk_class}", f"JKK class {risk_class}")
            line = _split_line(program, label, month.require(key, program), wage)
            _recomposition_note(month, key, label)
        elif program == "jkm":
            line = _split_line(program, same("JKM"), month.require("pu.jkm", program), wage)
            _recomposition_note(month, "pu.jkm", same("JKM"))
        elif program == "jp":
            cap = month.require("pu.jp.wage_cap", program)
            base = min(wage, cap["amount"])
            line = _split_line(program, same("JP"), month.require("pu.jp", program), base)
            line = _extend(line, _cap_clause(month, cap, wage), cap.cited())
        elif program == "jkp":
            line = _jkp_line(month.require("pu.jkp", program), wage)
        else:
            entry = month.require(f"pu.{program}", program)
            line = _split_line(program, same(LABELS[program]), entry, wage)
        lines.append(_relieve(month, line, month.optional(f"pu.{program}.relief")))
    return lines


def _split_line(program: str, label: Text, entry: Entry, base: int) -> ContributionLine:
    employer_rate, worker_rate = entry["employer_percent"], entry["worker_percent"]
    employer, worker = percent_of(employer_rate, base), percent_of(worker_rate, base)
    if worker_rate == 0:
        working = Text(
            f"{label.id}: {fmt.percent(employer_rate)} × {fmt.rupiah(base)} = "
            f"{fmt.rupiah(employer)}",
            f"{label.en}: {fmt.percent_en(employer_rate)} × {fmt.rupiah_en(base)} = "
            f"{fmt.rupiah_en(employer)}",
        )
    else:
        working = Text(
            f"{label.id}: pemberi kerja {fmt.percent(employer_rate)} × {fmt.rupiah(base)} = "
            f"{fmt.rupiah(employer)} + pekerja {fmt.percent(worker_rate)} × {fmt.rupiah(base)} = "
            f"{fmt.rupiah(worker)}, jumlah {fmt.rupiah(employer + worker)}",
            f"{label.en}: employer {fmt.percent_en(employer_rate)} × {fmt.rupiah_en(base)} = "
            f"{fmt.rupiah_en(employer)} + worker {fmt.percent_en(worker_rate)} × "
            f"{fmt.rupiah_en(base)} = {fmt.rupiah_en(worker)}, total "
            f"{fmt.rupiah_en(employer + worker)}",
        )
    return ContributionLine(program, employer, worker, working + _cite(entry), (entry.cited(),))


def _cite(entry: Entry) -> Text:
    """` (<citation>)` at the end of a line."""
    return Text(f" ({entry.citation()})", f" ({entry.citation_en()})")


def _extend(line: ContributionLine, clause: Text, citation: Text | None = None) -> ContributionLine:
    citations = line.cited + ((citation,) if citation else ())
    return ContributionLine(
        line.program, line.employer, line.worker, line.text + same("; ") + clause, citations
    )


def _cap_clause(month: _Month, cap: Entry, wage: int) -> Text:
    amount = cap["amount"]
    how = same("")
    if cap.get("carried_from") is not None:
        source = cap["carried_from"]
        how = Text(
            f"; batas mulai {fmt.month(cap.start)} belum diketahui, dipakai batas sejak "
            f"{fmt.month(source.start)}",
            f"; the cap from {fmt.month_en(cap.start)} is not known yet, the cap since "
            f"{fmt.month_en(source.start)} is used",
        )
        month.note(
            Text(
                f"Batas upah JP mulai {fmt.month(cap.start)} belum diketahui: Pantau memakai "
                f"batas terakhir {fmt.rupiah(amount)} (berlaku sejak {fmt.month(source.start)}) "
                f"sebagai kebijakan yang dapat diganti ({cap.regulation.path.name}).",
                f"The JP wage cap from {fmt.month_en(cap.start)} is not known yet: Pantau uses "
                f"the last cap {fmt.rupiah_en(amount)} (in force since "
                f"{fmt.month_en(source.start)}) as a policy that can be replaced "
                f"({cap.regulation.path.name}).",
            )
        )
        month.warn(
            f"batas upah JP mulai {fmt.month(cap.start)} belum diketahui; dipakai batas "
            f"terakhir yang diketahui {fmt.rupiah(amount)} (sejak {fmt.month(source.start)}), "
            "jadi iuran JP bisa berbeda.",
            f"the JP wage cap from {fmt.month(cap.start)} is not known yet; the last known cap "
            f"{fmt.rupiah(amount)} (since {fmt.month(source.start)}) is used, so the JP "
            "contribution may differ.",
        )
    elif cap.get("derived_from") is not None:
        source, growth = cap["derived_from"], cap["gdp_growth_percent"]
        sign = "+" if growth >= 0 else "−"
        how = Text(
            f"; nilai turunan: {fmt.rupiah(source['amount'])} × (1 {sign} "
            f"{fmt.percent(abs(growth))}) dibulatkan ke bawah ke Rp100",
            f"; a derived value: {fmt.rupiah_en(source['amount'])} × (1 {sign} "
            f"{fmt.percent_en(abs(growth))}) rounded down to Rp100",
        )
        month.note(
            Text(
                f"Batas upah JP {fmt.rupiah(amount)} (mulai {fmt.month(cap.start)}) tidak "
                "ditemukan dalam sumber; nilainya diturunkan Pantau dengan rumus PP 45/2015 "
                "Pasal 29.",
                f"The JP wage cap {fmt.rupiah_en(amount)} (from {fmt.month_en(cap.start)}) was "
                "not found in the sources; Pantau derived it with the formula of PP 45/2015 "
                "Pasal 29 (Article 29).",
            )
        )
    capped = wage > amount
    relation = Text(
        "dibatasi" if capped else "tidak melebihi", "is capped at" if capped else "does not exceed"
    )
    return Text(
        f"upah {fmt.rupiah(wage)} {relation.id} batas upah JP {fmt.rupiah(amount)} "
        f"({cap.citation()}{how.id})",
        f"the wage {fmt.rupiah_en(wage)} {relation.en} the JP wage cap {fmt.rupiah_en(amount)} "
        f"({cap.citation_en()}{how.en})",
    )


def _jkp_line(entry: Entry, wage: int) -> ContributionLine:
    employer = percent_of(entry["employer_percent"], wage)
    worker = percent_of(entry["worker_percent"], wage)
    sources = [
        (Text("pemerintah pusat", "central government"), entry["government_percent"]),
        (Text("rekomposisi iuran JKK", "recomposed JKK contribution"),
         entry["jkk_recomposition_percent"]),
        (Text("rekomposisi iuran JKM", "recomposed JKM contribution"),
         entry["jkm_recomposition_percent"]),
    ]  # fmt: skip
    funded = [(name, rate) for name, rate in sources if rate]
    funded_id = " + ".join(f"{name.id} {fmt.percent(rate)}" for name, rate in funded)
    funded_en = " + ".join(f"{name.en} {fmt.percent_en(rate)}" for name, rate in funded)
    total_rate = sum(rate for _, rate in sources)
    basis = Text(
        f"JKP: pemberi kerja {fmt.rupiah(employer)}, pekerja {fmt.rupiah(worker)} "
        f"(tidak dibayar peserta); didanai {funded_id} = {fmt.percent(total_rate)} dari upah",
        f"JKP: employer {fmt.rupiah_en(employer)}, worker {fmt.rupiah_en(worker)} "
        f"(not paid by the participant); funded by {funded_en} = "
        f"{fmt.percent_en(total_rate)} of the wage",
    )
    return ContributionLine("jkp", employer, worker, basis + _cite(entry), (entry.cited(),))


def _recomposition_note(month: _Month, rate_key: str, label: Text) -> None:
    share = month.optional(f"{rate_key}.recomposition")
    # A share of 0% to JKP (JKM since PP 6/2025) is no recomposition: saying "0% to JKP"
    # beside a JKP line that names no JKM share would only confuse.
    if share is not None and share["to_jkp_percent"]:
        fund, to_jkp = share["fund_percent"], share["to_jkp_percent"]
        month.note(
            Text(
                f"Rekomposisi {label.id}: {fmt.percent(fund)} ke dana {label.id[:3]} dan "
                f"{fmt.percent(to_jkp)} ke JKP ({share.citation()}); jumlah yang dibayar tidak "
                "berubah.",
                f"Recomposition of {label.en}: {fmt.percent_en(fund)} to the {label.en[:3]} fund "
                f"and {fmt.percent_en(to_jkp)} to JKP ({share.citation_en()}); the amount paid "
                "does not change.",
            )
        )
        month.entry_note(share)


def _relieve(month: _Month, line: ContributionLine, relief: Entry | None) -> ContributionLine:
    """PP 49/2020-style relief: a discount lowers the amount; a deferral keeps it owed."""
    if relief is None:
        return line
    last = relief.effective_end or relief.start
    month.note(
        Text(
            f"Relaksasi {relief.regulation.name} berlaku untuk iuran bulan "
            f"{fmt.period(relief.start, last)}.",
            f"The relief of {relief.regulation.name} applies to the contributions of "
            f"{fmt.period_en(relief.start, last)}.",
        )
    )
    month.entry_note(relief)
    employer, worker, basis = line.employer, line.worker, line.text
    discount = relief.get("discount_percent")
    if discount:
        pay = 100 - discount
        employer, worker = percent_of(pay, employer), percent_of(pay, worker)
        if 0 in (line.employer, line.worker):  # one payer: one amount
            paid = Text(fmt.rupiah(employer + worker), fmt.rupiah_en(employer + worker))
        else:
            paid = Text(
                f"pemberi kerja {fmt.rupiah(employer)}, pekerja {fmt.rupiah(worker)}",
                f"employer {fmt.rupiah_en(employer)}, worker {fmt.rupiah_en(worker)}",
            )
        basis += Text(
            f"; relaksasi: diskon {fmt.percent(discount)}, dibayar {fmt.percent(pay)} = "
            f"{paid.id} ({relief.citation()})",
            f"; relief: a discount of {fmt.percent_en(discount)}, {fmt.percent_en(pay)} paid = "
            f"{paid.en} ({relief.citation_en()})",
        )
    deferred = relief.get("deferred_percent")
    if deferred:
        later = percent_of(deferred, employer + worker)
        now = employer + worker - later
        basis += Text(
            f"; relaksasi: {fmt.percent(deferred)} ({fmt.rupiah(later)}) ditangguhkan, dibayar "
            f"untuk bulan ini {fmt.rupiah(now)}; jumlah di atas tetap terutang "
            f"({relief.citation()})",
            f"; relief: {fmt.percent_en(deferred)} ({fmt.rupiah_en(later)}) deferred, paid for "
            f"this month {fmt.rupiah_en(now)}; the amount above remains owed "
            f"({relief.citation_en()})",
        )
    return ContributionLine(line.program, employer, worker, basis, line.cited + (relief.cited(),))


def _non_wage_earner(
    month: _Month, programs: tuple[str, ...], wage: int | None, income: int | None
) -> list[ContributionLine]:
    for program in programs:  # JP/JKP do not exist for BPU: refuse before asking for income
        if program in ("jp", "jkp"):
            month.require(f"bpu.{program}", program)
    reported = income if income is not None else wage  # one amount field serves both segments
    month.header += [
        Text(
            f"Iuran peserta bukan penerima upah (BPU) untuk bulan {fmt.month(month.day)}; "
            "peserta membayar sendiri atau dibayarkan (mis. oleh Pemda), dicatat pada kolom "
            "pekerja.",
            f"Contributions of a non-wage earner (BPU) for {fmt.month_en(month.day)}; the "
            "participant pays, or someone pays for them (e.g. the Pemda), shown in the worker "
            "column.",
        ),
        MONTH_CONVENTION,
    ]
    base = None
    if any(program in INCOME_PROGRAMS for program in programs):
        if reported is None:
            raise RuleError(
                "--income",
                "Penghasilan sebulan wajib diisi untuk JKK/JHT peserta bukan penerima upah (BPU).",
                "The monthly income is required for BPU JKK/JHT.",
            )
        basis = month.require("bpu.income_basis", programs[0])
        base = _income_base(basis, reported)
        month.header.append(
            Text(
                f"Penghasilan dilaporkan: {fmt.rupiah(reported)}; dasar iuran: "
                f"{fmt.rupiah(base)} ({basis.citation()}).",
                f"Reported income: {fmt.rupiah_en(reported)}; contribution base: "
                f"{fmt.rupiah_en(base)} ({basis.citation_en()}).",
            )
        )
    lines = []
    for program in programs:
        entry = month.require(f"bpu.{program}", program)
        if program == "jkk":
            line = _bpu_jkk(entry, base)
        elif program == "jkm":
            amount = entry["amount"]
            working = Text(
                f"JKM: iuran tetap {fmt.rupiah(amount)}",
                f"JKM: a fixed contribution of {fmt.rupiah_en(amount)}",
            )
            line = ContributionLine(program, 0, amount, working + _cite(entry), (entry.cited(),))
        else:
            rate = entry["percent"]
            amount = percent_of(rate, base)
            label = LABELS[program]
            working = Text(
                f"{label}: {fmt.percent(rate)} × {fmt.rupiah(base)} = {fmt.rupiah(amount)}",
                f"{label}: {fmt.percent_en(rate)} × {fmt.rupiah_en(base)} = "
                f"{fmt.rupiah_en(amount)}",
            )
            line = ContributionLine(program, 0, amount, working + _cite(entry), (entry.cited(),))
        lines.append(_relieve(month, line, month.optional(f"bpu.{program}.relief")))
    return lines


def _income_base(basis: Entry, reported: int) -> int:
    if basis["method"] == "reported":
        return reported
    # The base of the highest bracket whose lower bound the reported income reaches.
    return [base for start, base in basis["brackets"] if start <= reported][-1]


def _bpu_jkk(entry: Entry, base: int) -> ContributionLine:
    rate, low, high = entry["percent"], entry["min_amount"], entry["max_amount"]
    computed = percent_of(rate, base)
    amount = min(max(computed, low), high)
    working = Text(
        f"JKK: {fmt.percent(rate)} × {fmt.rupiah(base)} = {fmt.rupiah(computed)}",
        f"JKK: {fmt.percent_en(rate)} × {fmt.rupiah_en(base)} = {fmt.rupiah_en(computed)}",
    )
    if amount > computed:
        working += Text(
            f", dinaikkan ke batas bawah {fmt.rupiah(low)}",
            f", raised to the minimum {fmt.rupiah_en(low)}",
        )
    elif amount < computed:
        working += Text(
            f", diturunkan ke batas atas {fmt.rupiah(high)}",
            f", lowered to the maximum {fmt.rupiah_en(high)}",
        )
    else:
        working += Text(
            f" (batas {fmt.rupiah(low)} s.d. {fmt.rupiah(high)})",
            f" (limits {fmt.rupiah_en(low)} to {fmt.rupiah_en(high)})",
        )
    return ContributionLine("jkk", 0, amount, working + _cite(entry), (entry.cited(),))

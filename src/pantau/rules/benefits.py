"""Benefits by the day of death or accident: JKM, JKK death and total disability, scholarships."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pantau.rules import formatting as fmt
from pantau.rules.entries import Entry
from pantau.rules.errors import RuleError
from pantau.rules.formatting import Text
from pantau.rules.schedules import Schedule

LUMP_SUM = Text("Santunan sekaligus", "Lump-sum benefit")
PERIODIC = Text("Santunan berkala", "Periodic benefit")
FUNERAL = Text("Biaya pemakaman", "Funeral costs")
DEATH_LUMP_SUM = Text("Santunan kematian", "Death benefit")
TOTAL_DISABILITY = Text("Santunan cacat total tetap", "Permanent total disability benefit")


@dataclass(frozen=True)
class BenefitComponent:
    code: str  # stable, for pages that label it in another language
    label: Text  # its name in both languages
    amount: int
    text: Text  # how it was computed, in both languages

    @property
    def name(self) -> str:
        return self.label.id

    @property
    def basis(self) -> str:
        return self.text.id

    def as_dict(self, language: str = "id") -> dict:
        return {
            "name": self.label.pick(language),
            "amount": self.amount,
            "basis": self.text.pick(language),
        }


@dataclass(frozen=True)
class Benefit:
    kind: str  # "jkm", "jkk_death" or "jkk_disability"
    date: date
    components: tuple[BenefitComponent, ...]
    scholarship_eligible: bool | None
    scholarship_max: int
    scholarship: Text  # the scholarship's working, in both languages
    header: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = field(default=())

    @property
    def cash_total(self) -> int:
        return sum(component.amount for component in self.components)

    @property
    def scholarship_basis(self) -> str:
        return self.scholarship.id

    def as_dict(self, language: str = "id") -> dict:
        """The JSON shape; names and `basis` in `language` (Bahasa Indonesia unless "en")."""
        return {
            "cash_total": self.cash_total,
            "components": [component.as_dict(language) for component in self.components],
            "scholarship_eligible": self.scholarship_eligible,
            "scholarship_max": self.scholarship_max,
        }

    def working(self, language: str = "id") -> list[str]:
        """The explanation line by line: Bahasa Indonesia, or English for "en"."""
        return fmt.pick_all(self.working_text(), language)

    def working_text(self) -> list[Text]:
        cash = self.cash_total
        return [
            *self.header,
            *(component.text for component in self.components),
            Text(f"Jumlah uang tunai: {fmt.rupiah(cash)}.", f"Cash total: {fmt.rupiah_en(cash)}."),
            self.scholarship,
            *self.notes,
        ]


@dataclass(frozen=True)
class ScholarshipLevel:
    code: str
    label: Text  # the school level's name in both languages
    per_year: int
    max_years: int
    max_total: int
    text: Text

    @property
    def name(self) -> str:
        return self.label.id

    @property
    def basis(self) -> str:
        return self.text.id

    def as_dict(self, language: str = "id") -> dict:
        return {
            "code": self.code,
            "name": self.label.pick(language),
            "per_year": self.per_year,
            "max_years": self.max_years,
            "max_total": self.max_total,
            "basis": self.text.pick(language),
        }


def _cite(entry: Entry) -> Text:
    """` (<citation>)` at the end of a line."""
    return Text(f" ({entry.citation()})", f" ({entry.citation_en()})")


def _fixed(label: Text, amount: int, entry: Entry, detail: Text | None = None) -> Text:
    """`<name>: Rp… (<citation>)`, with `detail` after the name (`(dibayar sekaligus)`)."""
    more = detail or Text("", "")
    return (
        Text(f"{label.id}{more.id}: {fmt.rupiah(amount)}", f"{label.en}{more.en}: "
             f"{fmt.rupiah_en(amount)}")
        + _cite(entry)
    )  # fmt: skip


def _require(schedule: Schedule, key: str, day: date, argument: str, what: str) -> Entry:
    entry = schedule.in_force(key, day)
    if entry is not None:
        return entry
    first = schedule.first(key)
    since = f"{first.regulation.name}, mulai {first.start}" if first else "tidak ada"
    since_en = f"{first.regulation.name}, from {first.start}" if first else "none"
    raise RuleError(
        argument,
        f"Tanggal {day} sebelum peraturan pertama dalam data untuk {what} ({since}).",
        f"The date {day} is before the first regulation in the data for {what} ({since_en}).",
    )


def scholarship_levels(schedule: Schedule, day: date) -> list[ScholarshipLevel]:
    levels = []
    for entry in schedule.scholarship_levels(day):
        per_year, years = entry["per_year_amount"], entry["max_years"]
        total = per_year * years
        name = Text(entry["name"], entry.get("name_en") or entry["name"])
        levels.append(
            ScholarshipLevel(
                code=entry.key.split(".", 1)[1],
                label=name,
                per_year=per_year,
                max_years=years,
                max_total=total,
                text=Text(
                    f"{name.id}: {fmt.rupiah(per_year)} per tahun × {years} tahun = "
                    f"{fmt.rupiah(total)} per anak",
                    f"{name.en}: {fmt.rupiah_en(per_year)} a year × {years} "
                    f"{'year' if years == 1 else 'years'} = {fmt.rupiah_en(total)} per child",
                )
                + _cite(entry),
            )
        )
    return levels


def scholarship_schedule(schedule: Schedule, day: date) -> list[ScholarshipLevel]:
    levels = scholarship_levels(schedule, day)
    if not levels:
        starts = [
            entry.start
            for key in schedule.key_names()
            if key.startswith("scholarship.")
            for entry in schedule.entries(key)
        ]
        since = f"mulai {min(starts)}" if starts else "tidak ada dalam data"
        since_en = f"from {min(starts)}" if starts else "none in the data"
        raise RuleError(
            "--date",
            f"Tanggal {day} sebelum peraturan pertama dalam data untuk beasiswa per jenjang "
            f"({since}).",
            f"The date {day} is before the first regulation in the data for the scholarship "
            f"schedule by level ({since_en}).",
        )
    return levels


def _per_child(schedule: Schedule, rule: Entry, day: date) -> tuple[int, Text]:
    """A fixed amount per child, or the sum of the level schedule in force."""
    if "per_child_amount" in rule.values:
        return rule["per_child_amount"], Text("", "")
    levels = scholarship_levels(schedule, day)
    total = sum(level.max_total for level in levels)
    parts = " + ".join(fmt.rupiah(level.max_total) for level in levels)
    parts_en = " + ".join(fmt.rupiah_en(level.max_total) for level in levels)
    return total, Text(
        f" (per anak {parts} menurut jenjang)", f" (per child {parts_en} by school level)"
    )


def completed_membership(start: date, day: date) -> tuple[int, int]:
    """Whole years and months of membership (a 29 February start counts from 1 March)."""
    months = (day.year - start.year) * 12 + day.month - start.month - int(day.day < start.day)
    return divmod(max(months, 0), 12)


def jkm(schedule: Schedule, death: date, membership_start: date, children: int) -> Benefit:
    if membership_start > death:
        raise RuleError(
            "--membership-start",
            f"Awal kepesertaan {membership_start} sesudah tanggal meninggal {death}.",
            f"Membership start {membership_start} is after the date of death {death}.",
        )
    benefit = _require(schedule, "jkm.benefit", death, "--death-date", "manfaat JKM")
    at_once = Text(" (dibayar sekaligus)", " (paid at once)")
    components = (
        BenefitComponent(
            "lump_sum", LUMP_SUM, benefit["lump_sum"],
            _fixed(LUMP_SUM, benefit["lump_sum"], benefit),
        ),
        BenefitComponent(
            "periodic", PERIODIC, benefit["periodic"],
            _fixed(PERIODIC, benefit["periodic"], benefit, at_once),
        ),
        BenefitComponent(
            "funeral", FUNERAL, benefit["funeral"],
            _fixed(FUNERAL, benefit["funeral"], benefit),
        ),
    )  # fmt: skip
    rule = _require(schedule, "jkm.scholarship", death, "--death-date", "beasiswa JKM")
    per_child, split = _per_child(schedule, rule, death)
    counted = min(children, rule["max_children"])
    years, months = completed_membership(membership_start, death)
    served = Text(
        f"masa kepesertaan {years} tahun {months} bulan (sejak {membership_start})",
        f"membership of {years} {'year' if years == 1 else 'years'} {months} "
        f"{'month' if months == 1 else 'months'} (since {fmt.day_en(membership_start)})",
    )
    requirement = schedule.in_force("jkm.scholarship.membership", death)
    if requirement is None:
        eligible = None
        verdict = Text(
            "syarat masa kepesertaan pada tanggal ini tidak ada dalam data (celah; dapat "
            "ditetapkan sebagai kebijakan Pantau), jadi kelayakan tidak ditentukan",
            "the minimum membership on this date is not in the data (a gap; it can be set as "
            "Pantau policy), so eligibility is not decided",
        )
    else:
        minimum = requirement["min_membership_years"]
        eligible = years >= minimum
        verdict = Text(
            f"syarat paling singkat {minimum} tahun ({requirement.citation()}) "
            f"{'terpenuhi' if eligible else 'tidak terpenuhi'}",
            f"the minimum of {minimum} {'year' if minimum == 1 else 'years'} "
            f"({requirement.citation_en()}) {'is met' if eligible else 'is not met'}",
        )
    maximum = 0 if eligible is False else counted * per_child
    most = rule["max_children"]
    scholarship = Text(
        f"Beasiswa: {served.id}; {verdict.id}. Paling banyak {most} anak × "
        f"{fmt.rupiah(per_child)}{split.id}; untuk {children} anak: {fmt.rupiah(maximum)} "
        f"({rule.citation()}).",
        f"Scholarship: {served.en}; {verdict.en}. At most {most} "
        f"{'child' if most == 1 else 'children'} × {fmt.rupiah_en(per_child)}{split.en}; for "
        f"{children} {'child' if children == 1 else 'children'}: {fmt.rupiah_en(maximum)} "
        f"({rule.citation_en()}).",
    )
    return Benefit(
        kind="jkm",
        date=death,
        components=components,
        scholarship_eligible=eligible,
        scholarship_max=maximum,
        scholarship=scholarship,
        header=(
            Text(
                f"Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada {death}: "
                f"{benefit.regulation.name} berlaku sejak {benefit.start}.",
                f"JKM benefit (death not caused by a work accident) on {fmt.day_en(death)}: "
                f"{benefit.regulation.name} in force since {fmt.day_en(benefit.start)}.",
            ),
        ),
        notes=tuple(e.noted() for e in (benefit, rule) if e.note),
    )


def jkk_death(schedule: Schedule, wage: int, day: date) -> Benefit:
    rule = _require(schedule, "jkk.death", day, "--date", "santunan kematian JKK")
    fixed = schedule.in_force("jkk.death.fixed", day)
    components = [_death_lump_sum(schedule, rule, fixed, wage, day)]
    notes = []
    if fixed is not None:
        for code, name in (("funeral", FUNERAL), ("periodic", PERIODIC)):
            components.append(
                BenefitComponent(code, name, fixed[code], _fixed(name, fixed[code], fixed))
            )
        if fixed.is_policy:
            notes.append(
                Text(
                    "Biaya pemakaman dan santunan berkala JKK ini kebijakan Pantau, bukan "
                    "kutipan peraturan.",
                    "These JKK funeral costs and periodic benefit are Pantau policy, not a "
                    "quotation of a regulation.",
                )
            )
    return _jkk_benefit(
        schedule, "jkk_death", day, components, notes,
        Text(
            f"Manfaat JKK: meninggal karena kecelakaan kerja pada {day}: "
            f"{rule.regulation.name} berlaku sejak {rule.start}.",
            f"JKK benefit: death from a work accident on {fmt.day_en(day)}: "
            f"{rule.regulation.name} in force since {fmt.day_en(rule.start)}.",
        ),
    )  # fmt: skip


def _death_lump_sum(
    schedule: Schedule, rule: Entry, fixed: Entry | None, wage: int, day: date
) -> BenefitComponent:
    """`wage_months` × wage; since PP 82/2019 at least the JKM lump sum of the same day."""
    months = rule["wage_months"]
    amount = months * wage
    working = Text(
        f"Santunan kematian: {months} × upah {fmt.rupiah(wage)} = {fmt.rupiah(amount)}",
        f"Death benefit: {months} × the wage {fmt.rupiah_en(wage)} = {fmt.rupiah_en(amount)}",
    ) + _cite(rule)
    if fixed is not None and fixed.get("at_least_jkm_lump_sum"):
        jkm = _require(schedule, "jkm.benefit", day, "--date", "manfaat JKM")
        floor = jkm["lump_sum"]
        if amount < floor:
            working += Text(
                f", dinaikkan ke paling sedikit santunan sekaligus JKM {fmt.rupiah(floor)} "
                f"({fixed.citation()}; {jkm.citation()})",
                f", raised to at least the JKM lump-sum benefit {fmt.rupiah_en(floor)} "
                f"({fixed.citation_en()}; {jkm.citation_en()})",
            )
            amount = floor
        else:
            working += Text(
                f"; tidak kurang dari santunan sekaligus JKM {fmt.rupiah(floor)} "
                f"({fixed.citation()})",
                f"; not less than the JKM lump-sum benefit {fmt.rupiah_en(floor)} "
                f"({fixed.citation_en()})",
            )
    return BenefitComponent("death_lump_sum", DEATH_LUMP_SUM, amount, working)


def jkk_disability(schedule: Schedule, wage: int, day: date) -> Benefit:
    rule = _require(schedule, "jkk.disability_total", day, "--date", "cacat total tetap JKK")
    months = rule["wage_months"]
    amount = months * wage
    working = Text(
        f"{TOTAL_DISABILITY.id}: {months} × upah {fmt.rupiah(wage)} = {fmt.rupiah(amount)}",
        f"{TOTAL_DISABILITY.en}: {months} × the wage {fmt.rupiah_en(wage)} = "
        f"{fmt.rupiah_en(amount)}",
    )
    components = [
        BenefitComponent("total_disability", TOTAL_DISABILITY, amount, working + _cite(rule))
    ]
    fixed = schedule.in_force("jkk.disability_total.fixed", day)
    if fixed is not None:
        periodic = fixed["periodic"]
        components.append(
            BenefitComponent("periodic", PERIODIC, periodic, _fixed(PERIODIC, periodic, fixed))
        )
    return _jkk_benefit(
        schedule, "jkk_disability", day, components, [],
        Text(
            f"Manfaat JKK: cacat total tetap karena kecelakaan kerja pada {day}: "
            f"{rule.regulation.name} berlaku sejak {rule.start}.",
            f"JKK benefit: total permanent disability from a work accident on "
            f"{fmt.day_en(day)}: {rule.regulation.name} in force since "
            f"{fmt.day_en(rule.start)}.",
        ),
    )  # fmt: skip


def _jkk_benefit(
    schedule: Schedule,
    kind: str,
    day: date,
    components: list[BenefitComponent],
    notes: list[Text],
    header: Text,
) -> Benefit:
    """JKK scholarships need no minimum membership: eligible, up to the schedule's maximum."""
    rule = _require(schedule, "jkk.scholarship", day, "--date", "beasiswa JKK")
    per_child, split = _per_child(schedule, rule, day)
    most = rule["max_children"]
    maximum = most * per_child
    scholarship = Text(
        f"Beasiswa: tanpa syarat masa kepesertaan untuk kematian atau cacat total tetap akibat "
        f"kecelakaan kerja → berhak; paling banyak {most} anak × "
        f"{fmt.rupiah(per_child)}{split.id} = {fmt.rupiah(maximum)} ({rule.citation()}).",
        f"Scholarship: no minimum membership for death or total permanent disability from a "
        f"work accident → eligible; at most {most} {'child' if most == 1 else 'children'} × "
        f"{fmt.rupiah_en(per_child)}{split.en} = {fmt.rupiah_en(maximum)} "
        f"({rule.citation_en()}).",
    )
    return Benefit(
        kind=kind,
        date=day,
        components=tuple(components),
        scholarship_eligible=True,
        scholarship_max=maximum,
        scholarship=scholarship,
        header=(header,),
        notes=tuple(notes),
    )

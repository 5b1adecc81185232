"""Benefits by the day of death or accident: JKM, JKK death and total disability, scholarships."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pantau.rules import formatting as fmt
from pantau.rules.entries import Entry
from pantau.rules.errors import RuleError
from pantau.rules.schedules import Schedule


@dataclass(frozen=True)
class BenefitComponent:
    code: str  # stable, for pages that label it in another language
    name: str
    amount: int
    basis: str

    def as_dict(self) -> dict:
        return {"name": self.name, "amount": self.amount, "basis": self.basis}


@dataclass(frozen=True)
class Benefit:
    kind: str  # "jkm", "jkk_death" or "jkk_disability"
    date: date
    components: tuple[BenefitComponent, ...]
    scholarship_eligible: bool | None
    scholarship_max: int
    scholarship_basis: str
    header: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def cash_total(self) -> int:
        return sum(component.amount for component in self.components)

    def as_dict(self) -> dict:
        return {
            "cash_total": self.cash_total,
            "components": [component.as_dict() for component in self.components],
            "scholarship_eligible": self.scholarship_eligible,
            "scholarship_max": self.scholarship_max,
        }

    def working(self) -> list[str]:
        return [
            *self.header,
            *(component.basis for component in self.components),
            f"Jumlah uang tunai: {fmt.rupiah(self.cash_total)}.",
            self.scholarship_basis,
            *self.notes,
        ]


@dataclass(frozen=True)
class ScholarshipLevel:
    code: str
    name: str
    per_year: int
    max_years: int
    max_total: int
    basis: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "per_year": self.per_year,
            "max_years": self.max_years,
            "max_total": self.max_total,
            "basis": self.basis,
        }


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
        levels.append(
            ScholarshipLevel(
                code=entry.key.split(".", 1)[1],
                name=entry["name"],
                per_year=per_year,
                max_years=years,
                max_total=total,
                basis=(
                    f"{entry['name']}: {fmt.rupiah(per_year)} per tahun × {years} tahun = "
                    f"{fmt.rupiah(total)} per anak ({entry.citation()})"
                ),
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


def _per_child(schedule: Schedule, rule: Entry, day: date) -> tuple[int, str]:
    """A fixed amount per child, or the sum of the level schedule in force."""
    if "per_child_amount" in rule.values:
        return rule["per_child_amount"], ""
    levels = scholarship_levels(schedule, day)
    total = sum(level.max_total for level in levels)
    parts = " + ".join(fmt.rupiah(level.max_total) for level in levels)
    return total, f" (per anak {parts} menurut jenjang)"


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
    cite = benefit.citation()
    components = (
        BenefitComponent(
            "lump_sum", "Santunan sekaligus", benefit["lump_sum"],
            f"Santunan sekaligus: {fmt.rupiah(benefit['lump_sum'])} ({cite})",
        ),
        BenefitComponent(
            "periodic", "Santunan berkala", benefit["periodic"],
            f"Santunan berkala (dibayar sekaligus): {fmt.rupiah(benefit['periodic'])} ({cite})",
        ),
        BenefitComponent(
            "funeral", "Biaya pemakaman", benefit["funeral"],
            f"Biaya pemakaman: {fmt.rupiah(benefit['funeral'])} ({cite})",
        ),
    )  # fmt: skip
    rule = _require(schedule, "jkm.scholarship", death, "--death-date", "beasiswa JKM")
    per_child, split = _per_child(schedule, rule, death)
    counted = min(children, rule["max_children"])
    years, months = completed_membership(membership_start, death)
    served = f"masa kepesertaan {years} tahun {months} bulan (sejak {membership_start})"
    requirement = schedule.in_force("jkm.scholarship.membership", death)
    if requirement is None:
        eligible = None
        verdict = (
            "syarat masa kepesertaan pada tanggal ini tidak ada dalam data (celah; dapat "
            "ditetapkan sebagai kebijakan Pantau), jadi kelayakan tidak ditentukan"
        )
    else:
        minimum = requirement["min_membership_years"]
        eligible = years >= minimum
        verdict = (
            f"syarat paling singkat {minimum} tahun ({requirement.citation()}) "
            f"{'terpenuhi' if eligible else 'tidak terpenuhi'}"
        )
    maximum = 0 if eligible is False else counted * per_child
    scholarship = (
        f"Beasiswa: {served}; {verdict}. Paling banyak {rule['max_children']} anak × "
        f"{fmt.rupiah(per_child)}{split}; untuk {children} anak: {fmt.rupiah(maximum)} "
        f"({rule.citation()})."
    )
    return Benefit(
        kind="jkm",
        date=death,
        components=components,
        scholarship_eligible=eligible,
        scholarship_max=maximum,
        scholarship_basis=scholarship,
        header=(
            f"Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada {death}: "
            f"{benefit.regulation.name} berlaku sejak {benefit.start}.",
        ),
        notes=tuple(f"{e.regulation.name}: {e.note}" for e in (benefit, rule) if e.note),
    )


def jkk_death(schedule: Schedule, wage: int, day: date) -> Benefit:
    rule = _require(schedule, "jkk.death", day, "--date", "santunan kematian JKK")
    fixed = schedule.in_force("jkk.death.fixed", day)
    components = [_death_lump_sum(schedule, rule, fixed, wage, day)]
    notes = []
    if fixed is not None:
        for code, name in (("funeral", "Biaya pemakaman"), ("periodic", "Santunan berkala")):
            components.append(
                BenefitComponent(
                    code, name, fixed[code],
                    f"{name}: {fmt.rupiah(fixed[code])} ({fixed.citation()})",
                )
            )  # fmt: skip
        if fixed.is_policy:
            notes.append(
                "Biaya pemakaman dan santunan berkala JKK ini kebijakan Pantau, bukan kutipan "
                "peraturan."
            )
    return _jkk_benefit(
        schedule, "jkk_death", day, components, notes,
        f"Manfaat JKK: meninggal karena kecelakaan kerja pada {day}: {rule.regulation.name} "
        f"berlaku sejak {rule.start}.",
    )  # fmt: skip


def _death_lump_sum(
    schedule: Schedule, rule: Entry, fixed: Entry | None, wage: int, day: date
) -> BenefitComponent:
    """`wage_months` × wage; since PP 82/2019 at least the JKM lump sum of the same day."""
    amount = rule["wage_months"] * wage
    working = (
        f"Santunan kematian: {rule['wage_months']} × upah {fmt.rupiah(wage)} = "
        f"{fmt.rupiah(amount)} ({rule.citation()})"
    )
    if fixed is not None and fixed.get("at_least_jkm_lump_sum"):
        jkm = _require(schedule, "jkm.benefit", day, "--date", "manfaat JKM")
        floor = jkm["lump_sum"]
        if amount < floor:
            working += (
                f", dinaikkan ke paling sedikit santunan sekaligus JKM {fmt.rupiah(floor)} "
                f"({fixed.citation()}; {jkm.citation()})"
            )
            amount = floor
        else:
            working += (
                f"; tidak kurang dari santunan sekaligus JKM {fmt.rupiah(floor)} "
                f"({fixed.citation()})"
            )
    return BenefitComponent("death_lump_sum", "Santunan kematian", amount, working)


def jkk_disability(schedule: Schedule, wage: int, day: date) -> Benefit:
    rule = _require(schedule, "jkk.disability_total", day, "--date", "cacat total tetap JKK")
    amount = rule["wage_months"] * wage
    components = [
        BenefitComponent(
            "total_disability", "Santunan cacat total tetap", amount,
            f"Santunan cacat total tetap: {rule['wage_months']} × upah {fmt.rupiah(wage)} = "
            f"{fmt.rupiah(amount)} ({rule.citation()})",
        )
    ]  # fmt: skip
    fixed = schedule.in_force("jkk.disability_total.fixed", day)
    if fixed is not None:
        components.append(
            BenefitComponent(
                "periodic", "Santunan berkala", fixed["periodic"],
                f"Santunan berkala: {fmt.rupiah(fixed['periodic'])} ({fixed.citation()})",
            )
        )  # fmt: skip
    return _jkk_benefit(
        schedule, "jkk_disability", day, components, [],
        f"Manfaat JKK: cacat total tetap karena kecelakaan kerja pada {day}: "
        f"{rule.regulation.name} berlaku sejak {rule.start}.",
    )  # fmt: skip


def _jkk_benefit(
    schedule: Schedule,
    kind: str,
    day: date,
    components: list[BenefitComponent],
    notes: list[str],
    header: str,
) -> Benefit:
    """JKK scholarships need no minimum membership: eligible, up to the schedule's maximum."""
    rule = _require(schedule, "jkk.scholarship", day, "--date", "beasiswa JKK")
    per_child, split = _per_child(schedule, rule, day)
    maximum = rule["max_children"] * per_child
    scholarship = (
        f"Beasiswa: tanpa syarat masa kepesertaan untuk kematian atau cacat total tetap akibat "
        f"kecelakaan kerja → berhak; paling banyak {rule['max_children']} anak × "
        f"{fmt.rupiah(per_child)}{split} = {fmt.rupiah(maximum)} ({rule.citation()})."
    )
    return Benefit(
        kind=kind,
        date=day,
        components=tuple(components),
        scholarship_eligible=True,
        scholarship_max=maximum,
        scholarship_basis=scholarship,
        header=(header,),
        notes=tuple(notes),
    )

"""Demo claims: benefits BPJS Ketenagakerjaan paid in East and North Kalimantan from January
2021 to July 2022, written as a claims extract and stored through the real claims import,
and the symbolic handover in Balikpapan on 5 July 2022 that the monev meeting saw.

`load_demo_claims()` runs after the demo's lists and membership extracts are imported and
their coverage computed (`world.refresh_demo_coverage`):

1. `write_claims_file(demo-files)`: reads the generated membership extracts and worker lists
   of provinces 64 and 65 and writes `demo-files/claims/claims_2021-01_2022-07.csv` (the
   canonical columns of `ingest.formats.CLAIM_COLUMNS`);
2. `import_file(kind="claims")`: the same checks, flags and storage as `pantau import claims`;
3. `claims.services.record_handover`: the Balikpapan handover, with the JKM claim numbers;
4. `engine.claims.refresh_claims()`: the claims numbers the pages read.

What the file holds (drawn from `random.Random` seeded with the seed, so the same generated
files give the same bytes; amounts whole Rupiah; people invented):

- About `CLAIM_SHARE` of the members of 64 and 65 had a claim paid between January 2021 and
  July 2022 (a few hundred at scale 1): JHT balances on resignation or old age (most), JKK
  work accidents (medical costs and wage replacement, Rp750.000 to about Rp100 million), JKM
  deaths (Rp42.000.000 by PP 82/2019, sometimes a first year of scholarship beside it; the
  heirs' JHT and JP balances as claims of their own), a few JKK deaths and total
  disabilities (exactly what `rules.claims` computes from the wage), JP lump sums at
  retirement age and JKP job-loss benefits (45 % of the wage, capped at Rp5.000.000, for three
  months). Every such claim is of a member in the extracts, after the enrolment date, with
  the payer, payer region, segment and work region of the membership: none is flagged.
- The Balikpapan story (`STORY`): JKM Rp42.000.000 paid in June/July 2022 to the heirs of
  `VILLAGE_HEADS` village heads (Kepala Desa, payer `apbdes`, payer region the village; first
  those of the regencies the Balikpapan branch serves) and of one RT head (Ketua RT, payer
  `apbd_regency`, first of Balikpapan itself), all members paid by their Pemda; the handover
  lists their claim numbers.
- Three claims flagged on purpose (`FLAGGED`): a JKM death of 2021 paid at the old PP 44/2015
  amount (Rp24.000.000: `claim_amount_differs`), a work accident of a NIK in no membership
  extract (`claim_not_member`), and an accident weeks before the person's enrolment
  (`claim_before_enrolment`).

Running it again changes nothing: a claims snapshot already stored means the demo has its
claims, and the handover is recorded once.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from pantau.claims.models import Handover
from pantau.claims.services import record_handover
from pantau.core.vocabulary import Kind, PayerType, Segment
from pantau.engine.claims import refresh_claims
from pantau.ingest.formats import CLAIM_COLUMNS
from pantau.ingest.importer import import_file
from pantau.ingest.nik import make_nik
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from pantau.rules.claims import expected_claim

PROVINCES = ("64", "65")
FIRST_PAID, LAST_PAID = date(2021, 1, 1), date(2022, 7, 31)
FILE_NAME = "claims_2021-01_2022-07.csv"
CLAIM_SHARE = 0.07
VILLAGE_HEADS = 3

# The Balikpapan handover (penyerahan santunan) of 5 July 2022.
HANDOVER_REGION = "64.71"
HANDOVER_DAY = date(2022, 7, 5)
HANDOVER_PLACE = "Balikpapan"
HANDOVER_OFFICIALS = (
    "Deputi Kemenko PMK; Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan; "
    "Sekda Provinsi Kalimantan Timur"
)
HANDOVER_NOTES = (
    "Penyerahan simbolis santunan JKM kepada ahli waris kepala desa dan ketua RT yang iurannya "
    "dibayar APBDes dan APBD (data demo)."
)
# The regencies and city the Balikpapan branch serves (Paser, Penajam Paser Utara,
# Balikpapan): the story's village heads come from there first.
BALIKPAPAN_AREA = ("64.01", "64.09", "64.71")

# BPJS Ketenagakerjaan branch by regency/city (an approximation for the demo).
BRANCHES = {
    "64.01": "Balikpapan", "64.09": "Balikpapan", "64.71": "Balikpapan",
    "64.02": "Tenggarong", "64.07": "Samarinda", "64.11": "Samarinda", "64.72": "Samarinda",
    "64.08": "Bontang", "64.74": "Bontang", "64.03": "Tanjung Redeb",
    "65.01": "Tanjung Selor", "65.02": "Tanjung Selor", "65.03": "Tanjung Selor",
    "65.04": "Tarakan", "65.71": "Tarakan",
}  # fmt: skip

JKM_BEFORE_PP_82_2019 = 24_000_000  # PP 44/2015: the amount one claim is wrongly paid at
JKP_WAGE_CAP = 5_000_000
JHT_RATE = 0.057
JP_RATE = 0.03


@dataclass(frozen=True)
class _Member:
    nik: str
    name: str
    birth_date: date
    sex: str
    segment: str
    programs: frozenset[str]
    region_code: str
    payer_type: str
    payer_region: str
    wage: int | None
    enrolled_on: date

    def age(self, day: date) -> int:
        before = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before


@dataclass
class DemoClaims:
    path: Path
    rows: int
    story: list[str] = field(default_factory=list)  # the handover's claim numbers
    flagged: dict[str, str] = field(default_factory=dict)  # flag code → claim number


@dataclass
class _Claim:
    member: _Member
    program: str
    event: str
    event_date: date
    paid_on: date
    amount: int
    scholarship: int | None = None
    heir_relation: str = ""
    name: str = ""
    role: str = ""  # "story" or a flag code, for the summary
    claim_no: str = ""

    def row(self) -> list:
        m = self.member
        return [
            self.claim_no, m.nik, self.name or m.name, self.program, self.event,
            self.event_date.isoformat(), self.paid_on.isoformat(), self.amount,
            "" if self.scholarship is None else self.scholarship,
            "" if m.wage is None else m.wage,
            m.region_code, m.payer_type, m.payer_region, m.segment,
            BRANCHES.get(m.region_code[:5], ""), self.heir_relation,
        ]  # fmt: skip


# ---------------------------------------------------------------------------------------
# Reading the generated files


def _members(directory: Path) -> list[_Member]:
    """The members of 64 and 65 in the latest membership extract (it holds everyone)."""
    extracts = sorted((directory / "members").glob("members_*.csv"))
    if not extracts:
        return []
    members = []
    with extracts[-1].open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["region_code"][:2] not in PROVINCES:
                continue
            members.append(
                _Member(
                    nik=row["nik"],
                    name=row["name"],
                    birth_date=date.fromisoformat(row["birth_date"]),
                    sex=row["sex"],
                    segment=row["segment"],
                    programs=frozenset(row["programs"].split(",")),
                    region_code=row["region_code"],
                    payer_type=row["payer_type"],
                    payer_region=row["payer_region"],
                    # the generator writes some wages as "6811000.0"
                    wage=int(Decimal(row["wage"])) if row["wage"] else None,
                    enrolled_on=date.fromisoformat(row["enrolled_on"]),
                )
            )
    return sorted(members, key=lambda member: member.nik)


def _positions(directory: Path) -> dict[str, str]:
    """NIK → position of the village officials and RT/RW heads the Pemda of 64 and 65 list."""
    positions = {}
    for pattern in ("*_village_official_*.csv", "*_rt_rw_*.csv"):
        for path in sorted((directory / "workers").glob(pattern)):
            if path.name[:2] not in PROVINCES:
                continue
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    positions[row["nik"]] = row["position"]
    return positions


# ---------------------------------------------------------------------------------------
# Drawing claims


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.random() * ((last - first).days + 1)))


def _heir(rng: random.Random, member: _Member) -> str:
    draw = rng.random()
    if draw < 0.15:
        return "anak"
    if draw < 0.2:
        return "orang tua"
    return "istri" if member.sex == "M" else "suami"


def _months(member: _Member, day: date, since: date = date(1900, 1, 1)) -> int:
    start = max(member.enrolled_on, since)
    return max(1, (day.year - start.year) * 12 + day.month - start.month)


def _balance(rng: random.Random, member: _Member, day: date, rate: float, since=None) -> int:
    """A savings balance: `rate` of the wage each month since enrolment, with returns (JHT:
    5.7 % of a wage, 2 % of a BPU member's income)."""
    if member.segment == Segment.BPU and rate == JHT_RATE:
        rate = 0.02
    wage = member.wage or 2_000_000
    months = _months(member, day, since or date(1900, 1, 1))
    growth = 1 + 0.028 * months / 12 + rng.uniform(-0.01, 0.01)
    return max(250_000, round(wage * rate * months * growth))


def _accident_cost(rng: random.Random) -> int:
    """Medical care and wage replacement of a work accident: median about Rp6 million."""
    return min(150_000_000, max(750_000, int(round(rng.lognormvariate(15.6, 0.9), -2))))


def _timing(
    rng: random.Random, member: _Member, lag: tuple[int, int], last: date = LAST_PAID
) -> tuple[date, date] | None:
    """An event after enrolment and its payment `lag` days later, paid in the period."""
    days = int(lag[0] + rng.random() * (lag[1] - lag[0] + 1))
    first_event = max(member.enrolled_on + timedelta(days=1), FIRST_PAID - timedelta(days=days))
    last_event = last - timedelta(days=days)
    if first_event > last_event:
        return None
    event = _day_between(rng, first_event, last_event)
    return event, event + timedelta(days=days)


def _checked(member: _Member, program: str, event: str, day: date) -> int | None:
    expected = expected_claim(program, event, day, member.wage)
    return None if expected is None else expected.amount


def _death_claims(rng: random.Random, member: _Member, event: date, paid: date) -> list[_Claim]:
    """A JKM death and, beside it, the heirs' JHT and JP balances."""
    heir = _heir(rng, member)
    scholarship = None
    if (event - member.enrolled_on).days >= 3 * 365 and rng.random() < 0.5:
        scholarship = rng.choice((1_500_000, 2_000_000, 3_000_000, 4_500_000))
    claims = [
        _Claim(member, "JKM", "death", event, paid, _checked(member, "JKM", "death", event),
               scholarship=scholarship, heir_relation=heir)
    ]  # fmt: skip
    if "JHT" in member.programs:
        claims.append(
            _Claim(member, "JHT", "death", event, paid + timedelta(days=rng.randint(0, 10)),
                   _balance(rng, member, event, JHT_RATE), heir_relation=heir)
        )  # fmt: skip
    if "JP" in member.programs:
        claims.append(
            _Claim(member, "JP", "death", event, paid + timedelta(days=rng.randint(0, 20)),
                   _balance(rng, member, event, JP_RATE, since=date(2015, 7, 1)),
                   heir_relation=heir)
        )  # fmt: skip
    return [claim for claim in claims if claim.paid_on <= LAST_PAID]


def _claims_of(rng: random.Random, member: _Member) -> list[_Claim]:
    """One member's claims, or none."""
    options = [("accident", 30), ("jkm", 8), ("jkk_death", 2), ("disability", 1)]
    if "JHT" in member.programs:
        options.append(("jht", 50))
    if "JP" in member.programs:
        options.append(("jp", 5))
    if "JKP" in member.programs and member.segment == "PU":
        options.append(("jkp", 5))
    choice = _weighted(rng, options)
    if choice in ("jkk_death", "disability") and not member.wage:
        choice = "accident"  # JKK death and disability are paid on the reported wage
    if choice == "accident":
        timing = _timing(rng, member, (14, 75))
        if timing is None:
            return []
        return [_Claim(member, "JKK", "accident", *timing, _accident_cost(rng))]
    if choice == "jkm":
        timing = _timing(rng, member, (7, 30))
        return _death_claims(rng, member, *timing) if timing else []
    if choice in ("jkk_death", "disability"):
        event = "death" if choice == "jkk_death" else "disability_total"
        timing = _timing(rng, member, (20, 60))
        if timing is None or _checked(member, "JKK", event, timing[0]) is None:
            return []
        claim = _Claim(member, "JKK", event, *timing, _checked(member, "JKK", event, timing[0]))
        if event == "death":
            claim.heir_relation = _heir(rng, member)
        return [claim]
    if choice == "jht":
        timing = _timing(rng, member, (30, 70))
        if timing is None:
            return []
        event = "old_age" if member.age(timing[0]) >= 56 else "resignation"
        return [_Claim(member, "JHT", event, *timing, _balance(rng, member, timing[0], JHT_RATE))]
    if choice == "jp":
        timing = _timing(rng, member, (14, 45))
        if timing is None or member.age(timing[0]) < 57:
            return []
        amount = _balance(rng, member, timing[0], JP_RATE, since=date(2015, 7, 1))
        return [_Claim(member, "JP", "old_age", *timing, amount)]
    # JKP (PP 37/2021): job losses from its first benefits (2022), three months' benefit
    timing = _timing(rng, member, (30, 60))
    if timing is None or timing[0] < date(2021, 12, 1):
        return []
    wage = min(member.wage or 0, JKP_WAGE_CAP)
    if not wage:
        return []
    return [_Claim(member, "JKP", "job_loss", *timing, round(wage * 0.45) * 3)]


def _story(rng: random.Random, members: list[_Member], positions: dict[str, str]) -> list[_Claim]:
    """JKM paid to the heirs of village heads (APBDes) and an RT head (APBD) in June and
    early July 2022, handed over in Balikpapan on 5 July."""

    def area_first(member: _Member) -> tuple:
        return (member.region_code[:5] not in BALIKPAPAN_AREA, member.region_code[:2] != "64",
                member.nik)  # fmt: skip

    def died_in_time(member: _Member) -> bool:
        return member.enrolled_on < date(2022, 5, 1)

    heads = sorted(
        (m for m in members if positions.get(m.nik) == "Kepala Desa"
         and m.payer_type == PayerType.APBDES and died_in_time(m)),
        key=area_first,
    )[:VILLAGE_HEADS]  # fmt: skip
    rt = sorted(
        (m for m in members if positions.get(m.nik, "").startswith("Ketua RT")
         and m.payer_type == PayerType.APBD_REGENCY and died_in_time(m)),
        key=lambda m: (m.region_code[:5] != HANDOVER_REGION, *area_first(m)),
    )[:1]  # fmt: skip
    claims = []
    for member in [*heads, *rt]:
        event = _day_between(rng, date(2022, 5, 1), date(2022, 6, 10))
        paid = _day_between(rng, date(2022, 6, 15), HANDOVER_DAY - timedelta(days=1))
        claims.append(
            _Claim(member, "JKM", "death", event, paid, _checked(member, "JKM", "death", event),
                   heir_relation="istri" if member.sex == "M" else "suami", role="story")
        )  # fmt: skip
    return claims


def _flagged(
    rng: random.Random, members: list[_Member], used: set[str], niks: set[str]
) -> list[_Claim]:
    """The three claims flagged on purpose."""
    claims = []
    # 1. A JKM death of 2021 paid at the PP 44/2015 amount.
    early = [m for m in members if m.nik not in used and m.enrolled_on < date(2020, 6, 1)
             and m.payer_type == PayerType.EMPLOYER]  # fmt: skip
    if early:
        member = _pick(rng, early)
        used.add(member.nik)
        event = _day_between(rng, date(2021, 3, 1), date(2021, 4, 30))
        claims.append(
            _Claim(member, "JKM", "death", event, event + timedelta(days=21),
                   JKM_BEFORE_PP_82_2019, heir_relation=_heir(rng, member),
                   role="claim_amount_differs")
        )  # fmt: skip
    # 2. A work accident of a NIK in no membership extract (typed wrong, or never enrolled).
    if members:
        model = _pick(rng, [m for m in members if m.payer_type == PayerType.EMPLOYER] or members)
        birth = model.birth_date
        serial = 9_000
        while (nik := make_nik(model.nik[:6], birth, model.sex, serial)) in niks:
            serial += 1
        stranger = _Member(
            nik, "BUDI SANTOSO", birth, model.sex, model.segment, model.programs,
            model.region_code, model.payer_type, model.payer_region, model.wage,
            model.enrolled_on,
        )  # fmt: skip
        event = _day_between(rng, date(2022, 2, 1), date(2022, 3, 31))
        claims.append(
            _Claim(stranger, "JKK", "accident", event, event + timedelta(days=35),
                   _accident_cost(rng), role="claim_not_member")
        )  # fmt: skip
    # 3. An accident some weeks before the person's enrolment (enrolled after it happened).
    late = [m for m in members if m.nik not in used and m.enrolled_on >= date(2021, 6, 1)
            and m.enrolled_on <= date(2022, 5, 31)]  # fmt: skip
    if late:
        member = max(late, key=lambda m: (m.enrolled_on, m.nik))
        used.add(member.nik)
        event = member.enrolled_on - timedelta(days=rng.randint(20, 60))
        claims.append(
            _Claim(member, "JKK", "accident", event, member.enrolled_on + timedelta(days=30),
                   _accident_cost(rng), role="claim_before_enrolment")
        )  # fmt: skip
    return claims


def _weighted(rng: random.Random, options: list[tuple[str, int]]) -> str:
    point = rng.random() * sum(weight for _, weight in options)
    for value, weight in options:
        point -= weight
        if point < 0:
            return value
    return options[-1][0]


def _pick(rng: random.Random, items: list):
    return items[int(rng.random() * len(items))]


def write_claims_file(directory: Path, seed: int = 2022) -> DemoClaims | None:
    """Write the demo claims extract under `directory/claims/` from the generated membership
    extracts and worker lists there; None when they hold no members of 64 or 65."""
    directory = Path(directory)
    members = _members(directory)
    if not members:
        return None
    positions = _positions(directory)
    rng = random.Random(f"{seed}:claims")
    story = _story(rng, members, positions)
    used = {claim.member.nik for claim in story}
    flagged = _flagged(rng, members, used, {m.nik for m in members} | set(positions))
    claims = [*story, *flagged]
    for member in members:
        if member.nik in used or rng.random() >= CLAIM_SHARE:
            continue
        claims.extend(_claims_of(rng, member))
    claims.sort(key=lambda c: (c.paid_on, c.member.nik, c.program))
    for number, claim in enumerate(claims, start=1):
        claim.claim_no = f"KL{claim.paid_on:%y%m}-{number:05d}"
    path = directory / "claims" / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([column.name for column in CLAIM_COLUMNS])
        writer.writerows(claim.row() for claim in claims)
    return DemoClaims(
        path=path,
        rows=len(claims),
        story=[c.claim_no for c in claims if c.role == "story"],
        flagged={c.role: c.claim_no for c in claims if c.role not in ("", "story")},
    )


# ---------------------------------------------------------------------------------------
# Loading


@dataclass
class DemoClaimsLoad:
    written: DemoClaims
    imported: dict  # the import's JSON (`pantau import claims --format json`)
    handover: int | None  # the handover's id
    refreshed: dict | None = None


def load_demo_claims(directory: Path) -> DemoClaimsLoad | None:
    """Write (under `directory`, the demo's files), import and hand over the demo claims,
    then compute their numbers; None when the demo already has claims, or its files have no
    members of 64 or 65."""
    if Snapshot.objects.filter(kind=Kind.CLAIMS).exists():
        return None
    written = write_claims_file(directory)
    if written is None:
        return None
    summary = import_file(ImportRequest(path=written.path, kind=Kind.CLAIMS))
    handover = record_demo_handover(written.story)
    return DemoClaimsLoad(written, summary.as_json(), handover, refresh_demo_claims())


def record_demo_handover(claim_numbers: list[str]) -> int | None:
    """The Balikpapan handover of 5 July 2022, once."""
    existing = Handover.objects.filter(
        region_id=HANDOVER_REGION, held_on=HANDOVER_DAY, place=HANDOVER_PLACE
    ).first()
    if existing is not None:
        return existing.pk
    handover = record_handover(
        None, HANDOVER_REGION, HANDOVER_DAY, HANDOVER_PLACE, HANDOVER_OFFICIALS,
        notes=HANDOVER_NOTES, claim_numbers=claim_numbers,
    )  # fmt: skip
    return handover.pk


def refresh_demo_claims() -> dict:
    return refresh_claims()


def summary_line() -> str | None:
    """What `pantau demo` prints about its claims (first run or later); None without any."""
    snapshots = Snapshot.objects.filter(kind=Kind.CLAIMS, is_current=True)
    if not snapshots.exists():
        return None
    rows = sum(s.accepted for s in snapshots)
    flagged = sum(s.flagged for s in snapshots)
    line = (
        f"Klaim demo / demo claims: {rows:,} klaim dibayar Jan 2021–Jul 2022, {flagged} "
        "ditandai (disengaja)"
    )
    handover = Handover.objects.filter(
        region_id=HANDOVER_REGION, held_on=HANDOVER_DAY, place=HANDOVER_PLACE
    ).first()
    if handover is not None:
        line += (
            f"; penyerahan santunan di {handover.place} 5 Juli 2022: "
            f"{len(handover.claim_numbers)} klaim JKM"
        )
    return line

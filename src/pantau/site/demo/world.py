"""The demo world: accounts (passwords generated once and kept in the data directory), the
generated lists and members, their workforce and coverage numbers, UCJ per province."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from pantau.accounts.actions import create_user
from pantau.accounts.models import User
from pantau.core.demo import mark_demo_world
from pantau.core.processes import forked_pool, processes_for
from pantau.engine import coverage, refresh
from pantau.engine.models import Workforce
from pantau.ingest.directory import import_directory
from pantau.lake.models import Snapshot
from pantau.regions.models import Region
from pantau.site.demo.calibration import PARTICIPANTS_PER_MEMBER, scale_fraction
from pantau.site.demo.claims import load_demo_claims
from pantau.site.demo.generate import generate_files
from pantau.site.demo.workforce import load_demo_workforce


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    region: str | None
    description: str
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "national", None, "Admin Pantau (Django admin)", superuser=True),
    DemoAccount("nasional", "national", None, "Tim koordinasi nasional (Kemenko PMK)"),
    DemoAccount("kaltim", "pemda", "64", "Pemprov Kalimantan Timur"),
    DemoAccount("kukar", "pemda", "64.02", "Pemkab Kutai Kartanegara"),
    DemoAccount("kaltara", "pemda", "65", "Pemprov Kalimantan Utara"),
    DemoAccount("bpjs-balikpapan", "bpjs", "64.71", "BPJS Ketenagakerjaan Cabang Balikpapan"),
    DemoAccount("pemantau", "viewer", None, "Pemantau (baca saja)"),
)


def credentials_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-credentials.json"


def _acceptable_password(account: DemoAccount, kept: str | None) -> str:
    """The kept password, or a new random one that the password policy accepts.

    A random password is now and then "too similar" to the account's description (about
    one demo in 250 failed on it), so candidates are drawn until one passes.
    """
    user = User(username=account.username, first_name=account.description[:150])
    candidate = kept
    while True:
        if candidate:
            try:
                validate_password(candidate, user)
                return candidate
            except ValidationError:
                pass
        candidate = f"pantau-{secrets.token_urlsafe(6)}"


def ensure_demo_accounts() -> list[dict]:
    """Create the demo accounts (or reset them to their kept passwords); returns them."""
    path = credentials_file()
    kept = json.loads(path.read_text()) if path.exists() else {}
    rows = []
    for account in DEMO_ACCOUNTS:
        password = _acceptable_password(account, kept.get(account.username))
        kept[account.username] = password
        extra = {"is_superuser": True, "is_staff": True} if account.superuser else {}
        create_user(
            username=account.username,
            password=password,
            role=account.role,
            region_code=account.region,
            update=True,
            first_name=account.description[:150],
            **extra,
        )
        rows.append(
            {
                "username": account.username,
                "password": password,
                "role": account.role,
                "region": account.region or "Indonesia",
                "description": account.description,
            }
        )
    path.write_text(json.dumps(kept, indent=2))
    path.chmod(0o600)
    return rows


# Monthly extracts from January to July 2022 give the dashboard a trend; July is the month
# of the Balikpapan monev meeting the demo is calibrated to.
DEMO_MONTHS = tuple(f"2022-{month:02d}" for month in range(1, 8))


def demo_files_dir() -> Path:
    return Path(settings.DATA_DIR) / "demo-files"


def demo_world_file() -> Path:
    """The scale the demo data was generated at, so later runs scale the workforce alike."""
    return demo_files_dir() / "demo-world.json"


def demo_scale(default: float) -> str:
    """The scale of the loaded demo data (as generated), or `default` before any."""
    path = demo_world_file()
    if path.exists():
        return str(json.loads(path.read_text())["scale"])
    return str(default)


def load_demo_data(
    scale: float = 1.0,
    provinces: list[str] | None = None,
    progress=None,
    processes: int | None = None,
) -> dict | None:
    """Generate and import the national demo lists and members, once; None when loaded.

    `provinces` generates only those provinces' lists and members (for quick runs); they
    keep the national calibration (`pantau.site.demo.calibration`).
    """

    if Snapshot.objects.exists():
        return None
    directory = demo_files_dir()
    generated = generate_files(
        directory, scale=scale, seed=2022, year=2022, as_of=DEMO_MONTHS, provinces=provinces
    )
    demo_world_file().write_text(json.dumps({"scale": str(scale), "seed": 2022}))
    result = import_directory(directory, processes=processes, progress=progress)
    return {
        "generated_files": generated["files"],
        "imported_files": result.files,
        "rows": result.rows,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "refused": result.refused,
    }


def _refresh_month(month: date) -> None:
    refresh.run(month, claims=False)  # the claims numbers: once, with the latest month


def refresh_demo_coverage(
    scale: float | str,
    processes: int | None = None,
    alongside: Callable[[], None] | None = None,
):
    """Workforce on the demo data's scale (labelled estimates), the demo marker (the
    banner on every page), then coverage numbers for every month with an extract, the
    latest last (the dashboard's trend), then the demo's claims and their numbers (once);
    the latest month's `RefreshSummary`, or None without extracts.

    The months before the latest are refreshed by a pool of processes (one per core, or
    `processes`): each month's numbers are its own, and seven one after another were a
    third of the demo's preparation. `alongside` runs in this process meanwhile (the
    demo's budgets and accounts, which need no coverage numbers).
    """

    scale = demo_scale(scale)
    load_demo_workforce(scale)
    # Every page now says "data demo" and states the scale (`pantau.core.demo`).
    mark_demo_world(PARTICIPANTS_PER_MEMBER / scale_fraction(scale))
    # New denominators alone are a change too: the refresh stores them (incremental).
    months = refresh.member_months()
    processes = processes_for(processes)
    if processes > 1 and len(months) > 2:
        with forked_pool(processes) as pool:
            refreshed = pool.map_async(_refresh_month, months[:-1], chunksize=1)
            if alongside:
                alongside()
            refreshed.get()
    else:
        if alongside:
            alongside()
        for month in months[:-1]:
            _refresh_month(month)
    summary = refresh.run(months[-1]) if months else None
    # Claims are checked against the membership extracts imported above.
    load_demo_claims(demo_files_dir())
    return summary


@dataclass(frozen=True)
class ProvinceUcj:
    code: str
    name: str
    active_members: int | None
    workforce: int | None  # what the refresh used
    workforce_now: int | None  # the Workforce table's figure for the as-of year (or earlier)

    @property
    def denominator(self) -> int | None:
        return self.workforce if self.workforce is not None else self.workforce_now

    @property
    def share(self) -> Fraction | None:
        """Active members ÷ workforce; a province without active members has no row: 0."""
        if not self.denominator:
            return None
        return Fraction(self.active_members or 0, self.denominator)


def province_ucj(as_of: date) -> list[ProvinceUcj]:
    """UCJ of every province at `as_of`, read through the coverage reader (four queries)."""
    provinces = list(Region.objects.filter(level="province").order_by("code")
                     .values_list("code", "name"))  # fmt: skip
    month = [g for g in coverage.months_until(as_of) if g.as_of == as_of]
    members = {
        row.region_code: row for row in coverage.member_rows(month, [c for c, _ in provinces])
    }
    workforce = {}
    for code, employed in (
        Workforce.objects.filter(region__level="province", year__lte=as_of.year)
        .order_by("region_id", "year")
        .values_list("region_id", "employed")
    ):
        workforce[code] = employed  # later years win
    return [
        ProvinceUcj(code, name, getattr(members.get(code), "active_members", None),
                    getattr(members.get(code), "workforce", None), workforce.get(code))
        for code, name in provinces
    ]  # fmt: skip

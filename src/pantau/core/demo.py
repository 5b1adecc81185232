"""Demo accounts, with passwords generated once and kept in the data directory."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from pantau.accounts.actions import create_user


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


def ensure_demo_accounts() -> list[dict]:
    """Create the demo accounts (or reset them to their kept passwords); returns them."""
    path = credentials_file()
    kept = json.loads(path.read_text()) if path.exists() else {}
    rows = []
    for account in DEMO_ACCOUNTS:
        password = kept.get(account.username) or f"pantau-{secrets.token_urlsafe(6)}"
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


def demo_files_dir() -> Path:
    return Path(settings.DATA_DIR) / "demo-files"


def load_demo_data(
    scale: float = 1.0,
    provinces: list[str] | None = None,
    progress=None,
) -> dict | None:
    """Generate and import the national demo lists, once; None when already loaded.

    `provinces` keeps only the worker lists of those provinces (for quick runs).
    """
    from pantau.ingest.batch import import_directory
    from pantau.ingest.generate import generate_files
    from pantau.lake.models import Snapshot

    if Snapshot.objects.exists():
        return None
    directory = demo_files_dir()
    generated = generate_files(directory, scale=scale, seed=2022, year=2022, as_of=["2022-07"])
    if provinces:
        wanted = tuple(code.replace(".", "") for code in provinces)
        for path in (directory / "workers").glob("*.csv"):
            if not path.name.startswith(wanted):
                path.unlink()
    result = import_directory(directory, progress=progress)
    return {
        "generated_files": generated["files"],
        "imported_files": result.files,
        "rows": result.rows,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "refused": result.refused,
    }

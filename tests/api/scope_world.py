"""The world of the API's scope table (tests/api/test_scope_table.py): who asks, what for.

A row is one request: an endpoint's URL template, the asking role, how the asker's region
stands to the target region, the expected status, and for person-level endpoints whether
NIKs come whole (`FULL`) or masked (`MASKED`) and whether the read is audited.

Every asker but the national team (who has no region) is an officer of `USER_REGION`,
Kutai Kartanegara; the relation picks the target region `{code}` of the URL:

    own        the user's own region                       64.02     Kutai Kartanegara
    parent     the user's region is the target's parent    64.02.05  a district inside it
    child      the user's region is a child of the target  64        Kalimantan Timur
    sibling    a region beside the user's, same parent     64.01     Paser
    elsewhere  another province                            31.71     Jakarta Pusat
    national   the whole country                           ID

So for a Pemda officer `own` and `parent` are inside the subtree (people visible),
`child`, `sibling` and `elsewhere` outside it (docs/access.md). The national team asks the
same targets: every one is inside its scope.

Worlds: a row names the world it needs (`WORLDS`, by name): "coverage" publishes a refreshed
month with numbers for every target. An endpoint needing people (gaps, flagged claims) adds a
builder here that puts people (with known NIKs) in each target region, then rows name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tests.dashboard.coverage_data import publish

USER_REGION = "64.02"
TARGETS = {
    "own": "64.02",
    "parent": "64.02.05",
    "child": "64",
    "sibling": "64.01",
    "elsewhere": "31.71",
    "national": "ID",
}
RELATIONS = ("own", "parent", "child", "sibling", "elsewhere")
INSIDE = ("own", "parent")  # targets inside a regency officer's subtree
ROLES = ("national", "pemda", "bpjs", "viewer")
AS_OF = "2022-07"

FULL, MASKED = "full", "masked"
WHOLE_NIK = re.compile(r"(?<![0-9*])[0-9]{16}(?![0-9*])")
MASKED_NIK = re.compile(r"(?<![0-9*])[0-9]{6}\*{10}(?![0-9*])")


@dataclass(frozen=True)
class Row:
    url: str  # a template: {code} is the target region, {as_of} the world's month
    role: str  # one of ROLES, or "anonymous" (no session, no token)
    relation: str  # one of TARGETS
    status: int
    nik: str | None = None  # FULL, MASKED, or None: not a person-level answer
    audited: bool = False  # a 2xx answer leaves an audit event of the user
    world: str = "coverage"  # the key of WORLDS that builds what the row needs

    @property
    def id(self) -> str:
        return f"{self.url.split('?')[0]}-{self.role}-{self.relation}-{self.status}"

    def target(self) -> str:
        return TARGETS[self.relation]

    def path(self) -> str:
        return self.url.format(code=self.target(), as_of=AS_OF)


def open_to_every_user(url: str, relations: Iterable[str] = RELATIONS, **row) -> list[Row]:
    """Aggregates and reference data: every role sees every region; anonymous is 401."""
    rows = [Row(url, role, relation, 200, **row) for role in ROLES for relation in relations]
    return [*rows, *(Row(url, "anonymous", relation, 401, **row) for relation in relations)]


def person_level(url: str, refused: int = 403, audited: bool = True, **row) -> list[Row]:
    """People (names, NIKs): the national team everywhere with masked NIKs; Pemda and BPJS
    officers inside their subtree with whole NIKs, refused outside; viewers refused."""
    rows = []
    for relation in RELATIONS:
        rows.append(Row(url, "national", relation, 200, MASKED, audited, **row))
        for role in ("pemda", "bpjs"):
            if relation in INSIDE:
                rows.append(Row(url, role, relation, 200, FULL, audited, **row))
            else:
                rows.append(Row(url, role, relation, refused, **row))
        rows.append(Row(url, "viewer", relation, refused, **row))
        rows.append(Row(url, "anonymous", relation, 401, **row))
    return rows


def coverage_world(tmp_path=None) -> None:
    """A refreshed month with members and lists in every target region (and their parents,
    so a region's page of children has numbers too)."""
    codes = ["ID", "64", "64.01", "64.02", "64.02.05", "31", "31.71"]
    members = {code: (1000 + index, 2000 + index) for index, code in enumerate(codes)}
    lists = {(code, "non_asn"): (100, 60, 10, 30, 3_600_000) for code in codes}
    publish(AS_OF, members=members, lists=lists)


def people_world(tmp_path) -> None:
    """The engine's ground truth, imported and refreshed for real: Kutai Kartanegara's lists
    (people in district 64.02.05) and their membership; no one listed elsewhere."""
    from tests.engine.ground_truth import build_ground_truth

    coverage_world()
    build_ground_truth(tmp_path)


WORLDS: dict[str, Callable[..., None]] = {"coverage": coverage_world, "people": people_world}


def nik_shapes(text: str) -> set[str]:
    """Which NIK shapes an answer (JSON or CSV text) holds: FULL, MASKED, both or none."""
    found = set()
    if WHOLE_NIK.search(text):
        found.add(FULL)
    if MASKED_NIK.search(text):
        found.add(MASKED)
    return found

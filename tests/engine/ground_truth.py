"""The engine tests' shared world: the reconciliation ground truth (people A to I, the Kukar,
Kaltim and Balikpapan lists, the July 2022 extracts) and the helpers that build and read it.
The fixtures that give it to a test are in conftest.py."""

from __future__ import annotations

import datetime

import duckdb

from pantau.engine import refresh
from pantau.engine.gaps import gap_files_sql
from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage, Workforce
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.ingest.files import MEMBER_HEADER, WORKER_HEADER, member, worker, write_csv

JULY = datetime.date(2022, 7, 1)


def nik(day: int, serial: int) -> str:
    """A valid NIK from Muara Badak (64.02.05): a man born on `day` March 1985."""
    return f"640205{day:02d}0385{serial:04d}"


A, B, C, D, E, F, G, H = (nik(d, d) for d in range(1, 9))
I = nik(9, 9)  # noqa: E741  works in Malinau (65.01), North Kalimantan


def list_rows(*people: tuple[str, str]) -> list[dict]:
    return [
        worker(nik=person, name=f"Orang {person[-2:]}", birth_date="1985-03-" + person[6:8],
               sex="L", region_code=region, monthly_income="3000000")
        for person, region in people
    ]  # fmt: skip


def import_list(tmp_path, pemda: str, category: str, rows: list[dict], name: str) -> None:
    path = write_csv(tmp_path / name, rows, WORKER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="workers", pemda_code=pemda,
                                        category=category, year=2022))  # fmt: skip
    assert summary.rejected == 0, summary.errors_file


def member_row(person: str, **changes) -> dict:
    fields = {"nik": person, "name": f"ORANG {person[-2:]}", "sex": "L",
              "birth_date": "1985-03-" + person[6:8]}  # fmt: skip
    return member(**{**fields, **changes})


def build_ground_truth(tmp_path):
    # A superseded list: the first Kukar Non ASN list is replaced by the second.
    import_list(tmp_path, "64.02", "non_asn", list_rows((H, "64.02")), "old.csv")
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (A, "64.02.05.2001"),  # covered
        (B, "6402052001"),  # lapsed: inactive although paid recently (region undotted)
        (C, "64.02.05"),  # not enrolled
        (D, "64.02.05"),  # lapsed: active but paid until May, before the grace month
        (E, "64.02"),  # covered at the boundary: paid until June, as-of July, grace 1
        (F, "64.02.05"),  # covered; BPJS gives no birth date
    ), "kukar.csv")  # fmt: skip
    # A on a second list (village officials), and G on the province's own list.
    import_list(tmp_path, "64.02", "village_official", list_rows((A, "64.02.05.2001")), "vo.csv")
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05")), "kaltim.csv")
    members = [
        # BPJS has another birth date for A than the NIK (and the list) gives.
        member_row(A, paid_until="2022-07", status="active", birth_date="1984-03-01"),
        member_row(B, paid_until="2022-07", status="inactive"),
        member_row(D, paid_until="2022-05", status="active"),
        member_row(E, paid_until="2022-06", status="active", segment="BPU",
                   payer_type="self", payer_region=""),
        member_row(F, paid_until="2022-07", status="active", birth_date=""),
        member_row(G, paid_until="2022-07", status="active", payer_type="apbd_province",
                   payer_region="64", region_code="64.02"),
        member_row(H, paid_until="2022-07", status="active"),
    ]  # fmt: skip
    path = write_csv(tmp_path / "members.csv", members, MEMBER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY))
    assert (summary.accepted, summary.warnings) == (7, 1), summary.errors_file
    Workforce.objects.create(region_id="64", year=2022, employed=70, source="test")
    return refresh.run(JULY)


def coverage_of(region: str, category: str) -> ListCoverage:
    generation = CurrentGeneration.objects.get(as_of=JULY).generation
    return ListCoverage.objects.get(generation=generation, region_code=region, category=category)


def members(**changed: dict) -> list[dict]:
    rows = {
        A: member_row(A, paid_until="2022-07", status="active"),
        B: member_row(B, paid_until="2022-07", status="inactive"),
        D: member_row(D, paid_until="2022-05", status="active"),
        E: member_row(E, paid_until="2022-06", status="active"),
        G: member_row(G, paid_until="2022-07", status="active", region_code="64.02"),
        I: member_row(I, paid_until="2022-07", status="active", region_code="65.01"),
    }
    for person, fields in changed.items():
        rows[person] = member_row(person, **fields)
    return list(rows.values())


def import_members(tmp_path, rows: list[dict], name: str) -> None:
    path = write_csv(tmp_path / name, rows, MEMBER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY))
    assert summary.rejected == 0, summary.errors_file


def build_computed(tmp_path):
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (A, "64.02.05.2001"), (B, "64.02.05"), (C, "64.02.05"), (D, "64.02.05"),
    ), "kukar.csv")  # fmt: skip
    import_list(tmp_path, "64.02", "village_official", list_rows((A, "64.02.05.2001")), "vo.csv")
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05")), "kaltim.csv")
    import_members(tmp_path, members(), "members.csv")
    Workforce.objects.create(region_id="64", year=2022, employed=70, source="test")
    first = refresh.run(JULY)
    assert first.recomputed["full"] and first.recomputed["reason"] == "no_previous"
    return first


def stored(refresh_id: int) -> tuple[list, list]:
    """The region rows in force after refresh `refresh_id`."""
    return stored_rows(ListCoverage, refresh_id), stored_rows(MemberCoverage, refresh_id)


def assert_same_as_full(summary) -> None:
    """The incremental generation holds exactly what a full recomputation gives."""
    incremental_rows = stored(summary.refresh)
    gaps = gap_files(summary.refresh)[1]
    full = refresh.run(JULY, full=True)
    assert full.recomputed["full"]
    assert stored(full.refresh) == incremental_rows
    assert full.counts == {**summary.counts, "reconciled": full.counts["reconciled"]}
    assert gaps == gap_files(full.refresh)[1]


# Balikpapan (64.71): B, C, D and E are on the city's Non ASN list; A works in Kukar (64.02).
NATIONAL = {
    A: {"region_code": "64.02", "status": "active"},
    B: {"region_code": "64.71.01", "status": "active"},
    C: {"region_code": "64.71.02", "status": "active"},
    E: {"region_code": "64.02", "status": "active"},  # moves to Balikpapan in the branch's file
    I: {"region_code": "65.01", "status": "active"},
}
# The branch's July file: B stopped paying, C is gone, D is new, E now works in Balikpapan.
BRANCH = {
    B: {"region_code": "64.71.01", "status": "inactive"},
    D: {"region_code": "64.71", "status": "active"},
    E: {"region_code": "64.71.03", "status": "inactive"},
}
# A later extract for all of East Kalimantan (64): everyone active again, C included.
PROVINCE = {
    A: {"region_code": "64.02", "status": "active"},
    B: {"region_code": "64.71.01", "status": "active"},
    C: {"region_code": "64.71.02", "status": "active"},
    E: {"region_code": "64.02", "status": "active"},
}


def import_extract(tmp_path, people: dict, name: str, region: str | None = None) -> int:
    rows = [member_row(person, paid_until="2022-07", **fields) for person, fields in people.items()]
    path = write_csv(tmp_path / name, rows, MEMBER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY, region_code=region))
    assert summary.rejected == 0, summary.errors_file
    return summary.snapshot


def build_national(tmp_path):
    import_list(tmp_path, "64.71", "non_asn", list_rows(
        (B, "64.71.01"), (C, "64.71.02"), (D, "64.71"), (E, "64.71.03"),
    ), "balikpapan.csv")  # fmt: skip
    import_list(tmp_path, "64.02", "non_asn", list_rows((A, "64.02.05")), "kukar.csv")
    snapshot = import_extract(tmp_path, NATIONAL, "national.csv")
    refresh.run(JULY)
    return snapshot


def numbers() -> dict:
    generation = CurrentGeneration.objects.get(as_of=JULY).generation
    members = dict(
        MemberCoverage.objects.filter(generation=generation).values_list(
            "region_code", "active_members"
        )
    )
    lists = {
        row.region_code: (row.listed, row.covered, row.lapsed, row.not_enrolled)
        for row in ListCoverage.objects.filter(generation=generation, category="non_asn")
    }
    return {"members": members, "lists": lists}


def rows_generation(refresh_id: int) -> int:
    """The generation of the rows in force after refresh `refresh_id`: its own after a full
    refresh, the one it changed after an incremental refresh."""
    return CurrentGeneration.objects.get(refresh_id=refresh_id).generation


def stored_rows(model, refresh_id: int) -> list[tuple]:
    """The rows in force after refresh `refresh_id` (while it is the month's refresh)."""
    fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "generation")]
    rows = model.objects.filter(generation=rows_generation(refresh_id))
    return sorted(rows.values_list(*fields))


def gap_files(generation: int) -> tuple[list, list[tuple]]:
    """The gap rows of a generation as `gaps.py` sees them: columns, types and rows."""
    source = gap_files_sql(refresh.gaps_dir(generation))
    if source is None:
        return [], []
    con = duckdb.connect()
    try:
        columns = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        rows = con.execute(f"SELECT * FROM {source}").fetchall()
    finally:
        con.close()
    return [column[:2] for column in columns], sorted(rows, key=repr)

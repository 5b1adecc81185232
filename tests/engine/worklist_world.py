"""The branch work list tests' world: Kukar (64.02) and Malinau (65.01) lists and two months
of membership extracts (December 2022, January 2023), refreshed for both months."""

from __future__ import annotations

import datetime

from pantau.engine import refresh
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.engine.ground_truth import import_list, list_rows, member_row, nik
from tests.ingest.files import MEMBER_HEADER, write_csv

DECEMBER = datetime.date(2022, 12, 1)
JANUARY = datetime.date(2023, 1, 1)

# Not enrolled, on Kukar's lists: P1 and P2 in Saliki village, P3 in Salok Palai
# (both Muara Badak district), P4 in Perian (Muara Muntai), P5 with no district given.
P1, P2, P3, P4, P5 = (nik(day, 10 + day) for day in range(1, 6))
COVERED = nik(6, 16)  # on the Kukar list, paid up
Q1 = nik(7, 17)  # not enrolled, on Malinau's list (North Kalimantan)
# Members (January 2023, grace one month: paid until December 2022 is covered).
M_PAID = nik(10, 20)  # apbd_regency, paid until December 2022: covered
M_REGENCY = nik(11, 21)  # apbd_regency, paid until November 2022: 2 months
M_VILLAGE = nik(12, 22)  # apbdes of Saliki, paid until June 2022: 7 months
M_EMPLOYER = nik(13, 23)  # employer, paid until December 2021: 13 months
M_SELF = nik(14, 24)  # self, paid until "2022-11-30" (a day form): 2 months
M_INACTIVE = nik(15, 25)  # inactive since January 2022: owes nothing, not listed
M_MALINAU = nik(16, 26)  # works in Malinau, apbd_regency 65.01, paid until October 2022

SALIKI, SALOK_PALAI = "64.02.05.2001", "64.02.05.2002"
PERIAN = "64.02.01.2001"


def members(as_of: datetime.date) -> list[dict]:
    kukar = {"region_code": "64.02.05", "payer_type": "apbd_regency", "payer_region": "64.02"}
    return [
        member_row(COVERED, paid_until=f"{as_of:%Y-%m}", status="active", **kukar),
        member_row(M_PAID, paid_until="2022-12", status="active", **kukar),
        member_row(M_REGENCY, paid_until="2022-11", status="active", **kukar),
        member_row(M_VILLAGE, paid_until="2022-06", status="active", region_code=SALIKI,
                   payer_type="apbdes", payer_region=SALIKI),
        member_row(M_EMPLOYER, paid_until="2021-12", status="active", region_code="64.02",
                   payer_type="employer", payer_region=""),
        member_row(M_SELF, paid_until="2022-11-30", status="active", region_code="64.02.05",
                   segment="BPU", payer_type="self", payer_region=""),
        member_row(M_INACTIVE, paid_until="2022-01", status="inactive", **kukar),
        member_row(M_MALINAU, paid_until="2022-10", status="active", region_code="65.01.01",
                   payer_type="apbd_regency", payer_region="65.01"),
    ]  # fmt: skip


def build_worklist_world(tmp_path) -> None:
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (P1, SALIKI), (P2, SALIKI), (P3, SALOK_PALAI), (P4, PERIAN), (P5, "64.02"),
        (COVERED, SALIKI),
    ), "kukar.csv")  # fmt: skip
    # P1 again on the village officials' list: one visit, listed once.
    import_list(tmp_path, "64.02", "village_official", list_rows((P1, SALIKI)), "vo.csv")
    import_list(tmp_path, "65.01", "non_asn", list_rows((Q1, "65.01.01.1001")), "malinau.csv")
    for month in (DECEMBER, JANUARY):
        path = write_csv(tmp_path / f"members-{month:%Y%m}.csv", members(month), MEMBER_HEADER)
        summary = import_file(ImportRequest(path=path, kind="members", as_of=month))
        assert summary.rejected == 0, summary.errors_file
        refresh.run(month)

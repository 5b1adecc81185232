"""The claims numbers from files imported for real (`pantau import claims`): the engine reads
what the import stored, a later file corrects an earlier one, and the flags follow the
membership extracts current at refresh time, not those of import time."""

from __future__ import annotations

import pytest

from pantau.engine import claims
from pantau.engine.claims import ClaimNumbers
from tests.ingest.claims_files import ANDI, RINA, SITI, claim, members
from tests.ingest.claims_files import claims as import_claims
from tests.ingest.files import write_csv

pytestmark = pytest.mark.usefixtures("own_data_directory")
SITI_MEMBER = {"nik": SITI, "birth_date": "1990-07-05", "sex": "P", "enrolled_on": "2021-01-10"}


def test_imported_claims_counted_and_flagged(db, own_data_directory, tmp_path):
    members(tmp_path, SITI_MEMBER)
    first = import_claims(write_csv(tmp_path / "first.csv", [
        claim(),  # JKM Rp42,000,000 to Siti's heirs, APBDes: as the rules expect
        claim(claim_no="JKM-2", nik=RINA, name="RINA", amount="40000000"),  # low, no member
        claim(claim_no="JHT-1", nik=ANDI, name="ANDI", program="JHT", event="old_age",
              amount="12000000", payer_type="self", payer_region="", region_code="64.71"),
    ]))  # fmt: skip
    assert (first.accepted, first.flagged) == (3, 2)
    summary = claims.refresh_claims()
    assert summary["counts"] == {"claims": 3, "flagged": 2, "rows": 6}
    assert claims.by_program("64") == {
        "JHT": ClaimNumbers(1, 12_000_000, 0, 0, 1),
        "JKM": ClaimNumbers(2, 82_000_000, 2, 82_000_000, 1),
    }
    assert claims.by_program("64.71")["JHT"].flagged == 1  # Andi is in no extract
    rows, total = claims.flagged_claims("64.02.05.2001")
    assert total == 1 and rows[0]["claim_no"] == "JKM-2"
    assert rows[0]["reasons"] == ["claim_amount_differs", "claim_not_member"]
    assert (rows[0]["amount"], rows[0]["expected_amount"]) == (40_000_000, 42_000_000)
    assert rows[0]["expected_basis"].startswith("PP 82/2019")

    # A second file corrects JKM-2; Rina and Andi join in a later extract.
    import_claims(write_csv(tmp_path / "second.csv", [
        claim(claim_no="JKM-2", nik=RINA, name="RINA", amount="42000000"),
    ]))  # fmt: skip
    members(tmp_path, SITI_MEMBER, {"nik": RINA, "birth_date": "1992-01-20", "sex": "P"},
            {"nik": ANDI, "birth_date": "1985-03-12", "sex": "L"})  # fmt: skip
    again = claims.refresh_claims()
    assert again["status"] == "created" and again["counts"]["flagged"] == 0
    assert claims.by_program("")["JKM"] == ClaimNumbers(2, 84_000_000, 2, 84_000_000, 0)
    assert claims.flagged_total("") == 0

"""`pantau demo` loads its claims through the real claims import, records the Balikpapan
handover of 5 July 2022 and computes the claims numbers; a second run changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.claims.models import Handover
from pantau.core.vocabulary import Kind
from pantau.engine import claims as numbers
from pantau.lake.models import Snapshot
from pantau.site.demo import claims as demo
from pantau.site.demo.world import demo_files_dir, load_demo_data, refresh_demo_coverage

pytestmark = pytest.mark.usefixtures("own_data_directory")

SCALE = 0.05  # small and quick: at least 3 persons per list


@pytest.fixture
def demo_world(db):
    loaded = load_demo_data(scale=SCALE, provinces=["64", "65"], processes=1)
    assert loaded and not loaded["refused"]
    assert refresh_demo_coverage(SCALE).status == "created"


def test_the_demo_claims_are_imported_handed_over_and_counted(demo_world):
    snapshot = Snapshot.objects.get(kind=Kind.CLAIMS)
    written = demo.write_claims_file(demo_files_dir())  # the same bytes again
    assert snapshot.rows == written.rows and snapshot.rejected == 0

    handover = Handover.objects.get()
    assert (handover.region_id, handover.held_on, handover.place) == (
        "64.71", date(2022, 7, 5), "Balikpapan",
    )  # fmt: skip
    assert handover.claim_numbers == written.story and len(written.story) == 4
    assert "Sekda Provinsi Kalimantan Timur" in handover.officials
    assert "Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan" in handover.officials

    assert numbers.computed_at() is not None
    assert numbers.flagged_total("") == 3
    flagged = numbers.flagged_claims("")[0]
    assert {row["claim_no"]: row["reasons"] for row in flagged} == {
        number: [code] for code, number in written.flagged.items()
    }
    # Every story claim is Pemda-funded JKM paid in June or July 2022 in East Kalimantan.
    jkm = numbers.by_program("64", date(2022, 6, 1), date(2022, 7, 1))["JKM"]
    assert jkm.pemda_funded_count >= len(written.story)
    assert jkm.pemda_funded_amount >= 42_000_000 * len(written.story)
    every = numbers.by_program("")
    assert sum(n.count for n in every.values()) == written.rows
    assert {"JKK", "JKM"} <= set(every)
    assert {code for code, _ in numbers.children("")} == {"64", "65"}
    assert demo.summary_line() == (
        f"Klaim demo / demo claims: {written.rows:,} klaim dibayar Jan 2021–Jul 2022, 3 "
        "ditandai (disengaja); penyerahan santunan di Balikpapan 5 Juli 2022: 4 klaim JKM"
    )


def test_without_claims_nothing_to_say(db):
    assert demo.summary_line() is None


def test_a_second_run_changes_nothing(demo_world):
    snapshots = list(Snapshot.objects.filter(kind=Kind.CLAIMS).values_list("pk", flat=True))
    assert demo.load_demo_claims(demo_files_dir()) is None
    refresh_demo_coverage(SCALE)
    assert list(Snapshot.objects.filter(kind=Kind.CLAIMS).values_list("pk", flat=True)) == (
        snapshots
    )
    assert Handover.objects.count() == 1
    # The handover is recorded once even when asked again.
    assert demo.record_demo_handover(["X"]) == Handover.objects.get().pk

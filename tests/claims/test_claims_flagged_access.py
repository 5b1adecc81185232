"""Who sees the flagged claims: the people of a region only for those `accounts.scope` lets
see them (a regency officer not another regency's, a viewer none: totals only), NIK masked
unless the role may see it, every page shown and every export audited first."""

from __future__ import annotations

import pytest

from pantau.audit.models import AuditEvent
from tests.claims.pages import table_rows
from tests.engine.claims_world import A, B, X

pytestmark = pytest.mark.usefixtures("claims_world")


def flagged(response) -> list[list[str]]:
    return table_rows(response.content, "flagged-claims")


def test_a_regency_officer_sees_its_own_flagged_claims_with_whole_niks(client_as):
    client = client_as("pemda", "64.02")
    response = client.get("/wilayah/64.02/klaim/")
    rows = flagged(response)
    assert [(row[0], row[1]) for row in rows] == [("K2", B), ("K5", A)]
    assert "Dibayar Rp3.000.000, seharusnya Rp2.500.000" in rows[1][7]
    assert "Kejadian sebelum terdaftar (1 Juni 2021)" in rows[0][7]
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )


def test_but_not_another_regencys_nor_the_province(client_as):
    client = client_as("pemda", "64.02")
    for url in ("/wilayah/64.71/klaim/", "/wilayah/64/klaim/", "/klaim/"):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200  # the totals are for everyone
        assert 'data-testid="flagged-hidden"' in page
        assert 'data-testid="flagged-claims"' not in page
        assert X not in page and A not in page and B not in page
        for fmt in ("xlsx", "csv"):
            assert client.get(f"{url}?format={fmt}&tabel=ditandai").status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="claims_flagged").exists()


def test_a_viewer_sees_totals_only(client_as):
    client = client_as("viewer", "64")
    response = client.get("/wilayah/64/klaim/")
    assert 'data-testid="flagged-hidden"' in response.content.decode()
    assert table_rows(response.content, "programs")[-1][0] == "Jumlah"
    assert client.get("/wilayah/64/klaim/?format=csv&tabel=ditandai").status_code == 403


def test_the_national_team_sees_every_flagged_claim_masked(client_as):
    response = client_as("national").get("/klaim/")
    rows = flagged(response)
    assert [row[0] for row in rows] == ["K3", "K2", "K5"]
    assert {row[1] for row in rows} == {X[:6] + "*" * 10, B[:6] + "*" * 10, A[:6] + "*" * 10}
    page = response.content.decode()
    assert A not in page and B not in page and X not in page


def test_a_bpjs_officer_of_the_province_sees_whole_niks(client_as):
    response = client_as("bpjs", "64").get("/wilayah/64/klaim/")
    assert [row[1] for row in flagged(response)] == [X, B, A]


def test_every_page_shown_is_audited(client_as):
    client = client_as("pemda", "64.02")
    client.get("/wilayah/64.02/klaim/?dari=2022-07")
    event = AuditEvent.objects.get(action="claims_flagged_view")
    assert (event.region_code, event.rows, event.username) == ("64.02", 2, "pemda-6402")
    assert "2022-07" in event.description and "lengkap" in event.description
    assert event.path == "/wilayah/64.02/klaim/?dari=2022-07"
    # Aggregates only (no flagged claims in June): nothing to record.
    client.get("/wilayah/64.02/klaim/?dari=2022-06&sampai=2022-06")
    assert AuditEvent.objects.filter(action="claims_flagged_view").count() == 1


def test_every_export_is_audited_and_masked_as_the_page(client_as):
    client = client_as("national")
    response = client.get("/klaim/?format=csv&tabel=ditandai")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert A not in text and A[:6] + "*" * 10 in text
    event = AuditEvent.objects.get(action="claims_flagged_export")
    assert (event.region_code, event.rows) == ("", 3)
    assert "disamarkan" in event.description
    xlsx = client.get("/klaim/?format=xlsx&tabel=ditandai")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert AuditEvent.objects.filter(action="claims_flagged_export").count() == 2


def test_the_totals_export_is_not_audited(client_as):
    client = client_as("viewer")
    assert client.get("/klaim/?format=xlsx").status_code == 200
    assert not AuditEvent.objects.filter(action__startswith="claims").exists()

"""The claims page of a region: totals by programme, per month (table and chart data), the
child regions to drill down to, the flagged count; the period chosen by `?dari=&sampai=`."""

from __future__ import annotations

import json
import re

import pytest

from tests.claims.pages import table_rows, visible

pytestmark = pytest.mark.usefixtures("claims_world")


def chart(content: bytes) -> dict:
    match = re.search(rb'<script id="claims-data" type="application/json">(.*?)</script>',
                      content, re.S)  # fmt: skip
    return json.loads(match.group(1))


def test_national_page_totals_by_programme(client_as):
    response = client_as("viewer").get("/klaim/")
    assert response.status_code == 200
    assert table_rows(response.content, "programs") == [
        ["JKK Jaminan Kecelakaan Kerja", "2", "Rp8.000.000", "1", "Rp3.000.000", "2"],
        ["JKM Jaminan Kematian", "2", "Rp84.000.000", "2", "Rp84.000.000", "0"],
        ["JHT Jaminan Hari Tua", "1", "Rp10.000.000", "0", "Rp0", "1"],
        ["Jumlah", "5", "Rp102.000.000", "3", "Rp87.000.000", "3"],
    ]
    assert table_rows(response.content, "months") == [
        ["Juni 2022", "1", "Rp42.000.000", "1", "Rp42.000.000", "0"],
        ["Juli 2022", "4", "Rp60.000.000", "2", "Rp45.000.000", "3"],
    ]
    assert [row[:2] for row in table_rows(response.content, "children")] == [
        ["64", "Kalimantan Timur"], ["65", "Kalimantan Utara"],
    ]  # fmt: skip
    text = visible(response.content)
    assert "Klaim dan santunan: Indonesia" in text
    assert re.search(r'data-kpi="flagged">3<', response.content.decode())


def test_a_province_drills_down_to_its_regencies(client_as):
    client = client_as("viewer")
    response = client.get("/wilayah/64/klaim/")
    assert table_rows(response.content, "children") == [
        ["64.02", "Kabupaten Kutai Kartanegara", "3", "Rp50.000.000", "2", "Rp45.000.000", "2"],
        ["64.71", "Kota Balikpapan", "1", "Rp10.000.000", "0", "Rp0", "1"],
    ]
    assert 'href="/wilayah/64.02/klaim/"' in response.content.decode()
    district = client.get("/wilayah/64.02.05/klaim/")
    assert table_rows(district.content, "children")[0][:3] == ["64.02.05.2001", "Saliki", "2"]


def test_the_period_keeps_both_months_and_the_links(client_as):
    client = client_as("viewer")
    response = client.get("/wilayah/64/klaim/?dari=2022-07&sampai=2022-07")
    assert table_rows(response.content, "programs")[-1] == [
        "Jumlah", "3", "Rp18.000.000", "1", "Rp3.000.000", "3",
    ]  # fmt: skip
    assert [row[0] for row in table_rows(response.content, "months")] == ["Juli 2022"]
    page = response.content.decode()
    assert 'href="/wilayah/64.02/klaim/?dari=2022-07&amp;sampai=2022-07"' in page
    assert '<option value="2022-07" selected>Juli 2022</option>' in page
    june = client.get("/wilayah/64/klaim/?dari=2022-06&sampai=2022-06")
    assert table_rows(june.content, "programs")[-1][:3] == ["Jumlah", "1", "Rp42.000.000"]
    # The wrong way round is read the right way round; nonsense is ignored.
    swapped = client.get("/wilayah/64/klaim/?dari=2022-07&sampai=2022-06")
    assert table_rows(swapped.content, "programs")[-1][:2] == ["Jumlah", "4"]
    nonsense = client.get("/wilayah/64/klaim/?dari=juli&sampai=2022-13")
    assert nonsense.status_code == 200
    assert table_rows(nonsense.content, "programs")[-1][:2] == ["Jumlah", "4"]


def test_the_chart_has_the_month_table_numbers_with_labels(client_as):
    response = client_as("viewer").get("/wilayah/64.02/klaim/")
    payload = chart(response.content)
    assert payload["months"] == ["2022-06", "2022-07"]
    assert payload["labels"] == ["Juni 2022", "Juli 2022"]
    assert {s["program"]: s["values"] for s in payload["series"]} == {
        "JKK": [0, 8_000_000],
        "JKM": [42_000_000, 0],
    }
    assert "dashboard/vendor/echarts" in response.content.decode()


def test_english(client_as):
    client = client_as("viewer")
    client.cookies["django_language"] = "en"
    response = client.get("/wilayah/64/klaim/", HTTP_ACCEPT_LANGUAGE="en")
    # Months in words in the user's language (the rest once the catalogue has h7.po).
    assert table_rows(response.content, "months")[0][0] == "June 2022"
    assert "2022-06" not in visible(response.content)


def test_undotted_codes_redirect_and_unknown_ones_are_404(client_as):
    client = client_as("viewer")
    moved = client.get("/wilayah/6402/klaim/?dari=2022-07")
    assert moved.status_code == 301 and moved["Location"] == "/wilayah/64.02/klaim/?dari=2022-07"
    assert client.get("/wilayah/99/klaim/").status_code == 404


def test_a_region_without_claims(client_as):
    response = client_as("viewer").get("/wilayah/11/klaim/")
    assert response.status_code == 200
    assert 'data-testid="no-claims"' in response.content.decode()


def test_sign_in_first(client):
    response = client.get("/klaim/")
    assert response.status_code == 302 and "next=/klaim/" in response["Location"]


def test_the_page_costs_a_fixed_number_of_queries(client_as, django_assert_max_num_queries):
    """Whatever the number of programmes, months, regions, flagged claims or handovers."""
    import datetime

    from pantau.claims.services import record_handover
    from tests.claims.files import JPEG, PNG

    for code in ("64.02", "64.02.05", "64.02.05.2001"):
        record_handover(None, code, datetime.date(2022, 7, 5), "Tenggarong", "Bupati",
                        files=[("a.jpg", JPEG), ("b.png", PNG)])  # fmt: skip
    client = client_as("pemda", "64.02")
    client.get("/wilayah/64/klaim/")  # warm the session
    with django_assert_max_num_queries(17):
        response = client.get("/wilayah/64.02/klaim/")
    assert len(table_rows(response.content, "handover-list")) == 3
    assert len(table_rows(response.content, "flagged-claims")) == 2
    with django_assert_max_num_queries(17):
        client.get("/klaim/")


def test_no_claims_numbers_yet(db, client_as):
    from pantau.engine.models import ClaimTotal, CurrentClaims

    CurrentClaims.objects.all().delete()
    ClaimTotal.objects.all().delete()
    response = client_as("viewer").get("/klaim/")
    assert 'data-testid="no-claims-numbers"' in response.content.decode()

"""The compare page reads its choice from the query string: codes dotted or not, "ID" for
Indonesia, ISO months; whatever it cannot read is left out with a message, never a 500."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from pantau.dashboard import compare, summary
from tests.dashboard.compare_world import publish_kalimantan

URL = reverse("dashboard:compare")
KALTIM_REGENCIES = ["64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11", "64.71",
                    "64.72", "64.74"]  # fmt: skip


@pytest.fixture
def months(db):
    publish_kalimantan()
    return summary.months()


def parse(query: str, months, user=None) -> compare.Choice:
    return compare.parse(QueryDict(query), months, user)


def test_codes_dotted_undotted_and_indonesia(months):
    choice = parse("wilayah=64&wilayah=6402&wilayah=id&wilayah=65,64", months)
    assert [place.key for place in choice.places] == ["64", "64.02", "ID", "65"]
    names = ["Kalimantan Timur", "Kabupaten Kutai Kartanegara", "Indonesia", "Kalimantan Utara"]
    assert [place.name for place in choice.places] == names
    assert choice.problems == []


def test_defaults_the_latest_month_and_a_year_before(months):
    choice = parse("wilayah=64", months)
    assert [month.key for month in choice.months] == ["2022-07", "2021-07"]
    assert choice.year_over_year
    assert [indicator.key for indicator in choice.indicators] == ["ucj", "list_coverage"]


def test_without_a_year_before_only_the_latest(db):
    from tests.dashboard.coverage_data import publish

    publish("2022-06", members={"64": (1, 2)})
    publish("2022-07", members={"64": (1, 2)})
    choice = parse("wilayah=64", summary.months())
    assert [month.key for month in choice.months] == ["2022-07"]
    assert choice.oldest is None and not choice.year_over_year


def test_chosen_months_newest_first_and_not_a_year_apart(months):
    choice = parse("wilayah=64&bulan=2021-07&bulan=2022-06", months)
    assert [month.key for month in choice.months] == ["2022-06", "2021-07"]
    assert not choice.year_over_year


def test_without_regions_a_users_region_and_the_one_above(months, make_user):
    assert [p.key for p in parse("", months, make_user("a", "pemda", "64.02")).places] == [
        "64.02", "64"]  # fmt: skip
    assert [p.key for p in parse("", months, make_user("b", "pemda", "64")).places] == [
        "64", "ID"]  # fmt: skip
    assert [p.key for p in parse("", months, make_user("c", "national")).places] == ["ID"]


def test_bad_codes_months_and_indicators_are_named(months):
    choice = parse(
        "wilayah=64&wilayah=abc&wilayah=99&bulan=2022-13&bulan=juli&bulan=2019-01&bulan=0000-07"
        "&bulan=%D9%A2%D9%A0%D9%A2%D9%A2-07"
        "&indikator=ucj&indikator=not_budgeted&indikator=<b>",
        months,
    )
    assert [place.key for place in choice.places] == ["64"]
    assert choice.problems == [
        "“abc” bukan kode wilayah Kemendagri.",
        "Kode wilayah 99 tidak ditemukan.",
        "Indikator “not_budgeted” tidak dikenal.",
        "Indikator “<b>” tidak dikenal.",
        "“2022-13” bukan bulan (tulis 2022-07).",
        "“juli” bukan bulan (tulis 2022-07).",
        "Belum ada angka untuk Januari 2019.",
        "“0000-07” bukan bulan (tulis 2022-07).",
        "“٢٠٢٢-07” bukan bulan (tulis 2022-07).",
    ]
    # Nothing readable left of the months: the defaults.
    assert [month.key for month in choice.months] == ["2022-07", "2021-07"]
    assert not choice.over_limit


def test_more_than_a_table_carries_is_cut_with_a_message(months):
    codes = "&".join(f"wilayah={code}" for code in [*KALTIM_REGENCIES, "65.01", "65", "64"])
    choice = parse(codes, months)
    assert len(choice.places) == compare.MAX_REGIONS == 12
    assert choice.over_limit
    assert choice.problems == [
        "Paling banyak 12 wilayah dibandingkan sekaligus; yang lain dilewati."
    ]
    assert "64" not in [place.key for place in choice.places]


def test_the_query_string_round_trips(months):
    choice = parse("wilayah=6402&wilayah=ID&bulan=2022-06&indikator=gap_cost&kategori=non_asn"
                   "&grafik=gap_cost", months)  # fmt: skip
    assert choice.query() == (
        "wilayah=64.02&wilayah=ID&indikator=gap_cost&bulan=2022-06&kategori=non_asn"
    )
    assert choice.query_without("ID") == (
        "wilayah=64.02&indikator=gap_cost&bulan=2022-06&kategori=non_asn"
    )
    again = parse(choice.query() + "&grafik=ucj", months)  # a chart not chosen: the first
    assert again.query() == choice.query() and again.chart.key == "gap_cost"
    assert parse("wilayah=64&kategori=semua", months).category == ""


def test_the_page_says_what_it_left_out(client_as, months):
    response = client_as("viewer").get(URL, {"wilayah": ["64", "xyz", "65"], "bulan": "2022-99"})
    assert response.status_code == 200
    problems = response.content.decode().split('data-testid="compare-problems"')[1][:600]
    assert "“xyz” bukan kode wilayah Kemendagri." in problems
    assert "“2022-99” bukan bulan" in problems
    assert response.content.decode().count('<tr data-code="') == 4  # 2 regions × 2 indicators


def test_a_download_of_too_much_is_refused_with_the_reason(client_as, months):
    codes = [*KALTIM_REGENCIES, "65", "64", "ID"]
    client = client_as("viewer")
    page = client.get(URL, {"wilayah": codes})
    assert page.status_code == 200 and "Paling banyak 12 wilayah" in page.content.decode()
    response = client.get(URL, {"wilayah": codes, "unduh": "xlsx"})
    assert response.status_code == 400
    assert "Paling banyak 12 wilayah" in response.content.decode()


def test_english(client_as, months):
    client = client_as("viewer")
    client.cookies["django_language"] = "en"
    response = client.get(URL, {"wilayah": ["64", "nope"]}, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "Compare regions" in text and "July 2022" in text
    assert "“nope” is not a Kemendagri region code." in text
    assert "Change over a year" in text


def test_signed_out_people_are_sent_to_sign_in(client, months):
    response = client.get(URL, {"wilayah": "64"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_garbage_gets_a_short_page(client_as, months):
    junk = ["x" * 5000, "\x00", "٣", *(f"bad{n}" for n in range(200))]
    response = client_as("viewer").get(
        URL, {"wilayah": junk, "bulan": junk, "indikator": junk, "kategori": "\x00"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert f"“{'x' * 23}…” bukan kode wilayah Kemendagri." in text
    assert text.count("bukan kode wilayah") <= compare.MAX_TOKENS
    assert len(text) < 100_000


@pytest.mark.parametrize(
    ("page_url", "compare_query"),
    [
        ("/wilayah/64.02/", "wilayah=64.02&amp;wilayah=64"),
        ("/wilayah/64/", "wilayah=64&amp;wilayah=ID"),
        ("/wilayah/", "wilayah=ID"),
    ],
)
def test_region_pages_link_here_with_the_region_and_the_one_above(
    client_as, months, page_url, compare_query
):
    html = client_as("viewer").get(page_url).content.decode()
    link = html.split('data-testid="compare-link"')[0].rsplit("<a ", 1)[1]
    assert f'href="/bandingkan/?{compare_query}"' in link

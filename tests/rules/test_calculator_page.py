"""The page "Kalkulator iuran & manfaat": any signed-in user, the same working as the CLI."""

from __future__ import annotations

from django.urls import reverse


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(reverse("rules:calculator"))
    assert response.status_code == 302


def test_a_viewer_computes_contributions_and_sees_the_working(client_as):
    client = client_as("viewer")
    response = client.get(reverse("rules:calculator"), {
        "jenis": "iuran", "segment": "pu", "month": "2022-07", "programs": ["jkk", "jkm"],
        "wage": "5000000", "risk_class": "1",
    })  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rp27.000" in page  # 0.24% + 0.30% of Rp5.000.000
    assert "PP 44/2015" in page


def test_jkm_tab(client_as):
    client = client_as("viewer")
    response = client.get(reverse("rules:calculator"), {
        "jenis": "jkm", "death_date": "2022-07-14", "membership_start": "2015-01-01",
        "children": "1",
    })  # fmt: skip
    assert "Rp42.000.000" in response.content.decode()


def test_a_refusal_is_shown_beside_its_field_in_the_users_language(client_as):
    client = client_as("viewer")
    params = {"jenis": "iuran", "segment": "pu", "month": "2022-07", "programs": ["jkk"],
              "risk_class": "1"}  # no wage  # fmt: skip
    page = client.get(reverse("rules:calculator"), params).content.decode()
    assert 'id="id_wage_error"' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("rules:calculator"), params).content.decode()
    assert "errorlist" in english
    assert english != page


def test_the_budget_tab_uses_the_category_default(client_as):
    client = client_as("pemda", "64.02")
    response = client.get(reverse("rules:calculator"), {
        "jenis": "anggaran", "category": "rt_rw", "persons": "100", "year": "2025", "months": "12",
    })  # fmt: skip
    assert "Rp20.160.000" in response.content.decode()  # 100 × Rp16.800 × 12


def test_the_wage_is_read_as_people_write_it(client_as):
    """The page and the CLI share one parser (tests/rules/test_money_input.py)."""
    client = client_as("viewer")
    params = {"jenis": "iuran", "segment": "pu", "month": "2022-07", "programs": ["jkk", "jkm"],
              "risk_class": "1", "wage": "Rp5.000.000,00"}  # fmt: skip
    assert "Rp27.000" in client.get(reverse("rules:calculator"), params).content.decode()
    params["wage"] = "5.000"  # thousands or decimals? refused beside the field
    page = client.get(reverse("rules:calculator"), params).content.decode()
    assert 'id="id_wage_error"' in page and "ambigu" in page


def test_months_and_days_read_as_words_and_benefits_are_named_in_english(client_as):
    client = client_as("viewer")
    params = {"jenis": "jkm", "death_date": "2022-07-14", "membership_start": "2015-01-01",
              "children": "1"}  # fmt: skip
    page = client.get(reverse("rules:calculator"), params).content.decode()
    working = page.split('class="working"')[1].split("</ol>")[0]
    assert "pada 14 Juli 2022" in working and "2022-07-14" not in working
    assert "<td>Santunan sekaligus</td>" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("rules:calculator"), params).content.decode()
    assert "<td>Lump-sum benefit</td>" in english and "<td>Funeral costs</td>" in english
    english_working = english.split('class="working"')[1].split("</ol>")[0]
    assert "on 14 July 2022" in english_working  # the working is English too (issue 16)
    assert "Juli" not in english_working and "2022-07-14" not in english_working

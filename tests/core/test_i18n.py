"""Bahasa Indonesia first, English on request; Indonesian dates and Rupiah."""

import datetime

from django.template import Context, Template
from django.utils import translation


def test_indonesian_by_default(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="id"' in html
    assert "Masuk ke Pantau" in html


def test_switch_to_english_and_back(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in html
    assert "Sign in to Pantau" in html
    client.post("/i18n/setlang/", {"language": "id", "next": "/accounts/login/"})
    assert "Masuk ke Pantau" in client.get("/accounts/login/").content.decode()


def test_region_pages_in_english(client_as):
    client = client_as("viewer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/wilayah/64.02/").content.decode()
    assert "Villages" in html or "Village" in html
    assert "Regency" in html


def render(template: str, **context) -> str:
    return Template(template).render(Context(context))


def test_dates_and_amounts_the_indonesian_way():
    day = datetime.date(2022, 7, 14)
    with translation.override("id"):
        assert render("{{ d|date }}", d=day) == "14 Juli 2022"
        assert render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=day) == "14/07/2022"
        assert render("{{ n|rupiah }}", n=42_000_000) == "Rp42.000.000"
        assert render("{{ n|count }}", n=83762) == "83.762"
    with translation.override("en"):
        assert render("{{ d|date }}", d=day) == "14 July 2022"
        assert render("{{ n|rupiah }}", n=42_000_000) == "Rp42,000,000"

"""The work list page `/cabang/<code>/`: scoped to the user's region, NIK masked unless
allowed, every view and export audited, months shown as words, a fixed number of queries."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from pantau.audit.models import AuditEvent
from tests.engine import worklist_world as w

KUKAR = "/cabang/64.02/"


@pytest.fixture
def world(built_worklist_world, db):
    pass


def test_a_branch_officer_sees_the_work_list_with_full_niks(client_as, world):
    client = client_as("bpjs", "64.02")
    response = client.get(KUKAR)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for person in (w.M_REGENCY, w.M_VILLAGE, w.M_EMPLOYER, w.M_SELF, w.P1, w.P4, w.P5):
        assert person in page
    assert w.M_PAID not in page and w.M_INACTIVE not in page and w.COVERED not in page
    # Words, not codes: payers, months, places.
    assert "APBDes" in page and "Pemberi kerja" in page and "Mandiri" in page
    assert "Juni 2022" in page and "Januari 2023" in page and "Desember 2022" in page
    # ISO months only in the selector's values and links, never shown.
    assert not re.search(r"\d{4}-\d{2}", re.sub(r'(value|href)="[^"]*"', "", page))
    assert "Muara Badak" in page and "Saliki" in page and "Muara Muntai" in page
    event = AuditEvent.objects.get(action="worklist_view")
    assert (event.region_code, event.rows, event.role) == ("64.02", 4 + 5, "bpjs")


def test_another_region_is_refused_and_viewers_see_nothing(client_as, world):
    assert client_as("bpjs", "65.01").get(KUKAR).status_code == 403
    assert client_as("pemda", "64.01").get(KUKAR).status_code == 403
    viewer = client_as("viewer")
    assert viewer.get(KUKAR).status_code == 403
    assert viewer.get(KUKAR, {"format": "xlsx"}).status_code == 403
    assert not AuditEvent.objects.exists()


def test_a_kaltara_branch_sees_nothing_of_kaltim(client_as, world):
    client = client_as("bpjs", "65")
    page = client.get("/cabang/65/").content.decode()
    assert w.M_MALINAU in page and w.Q1 in page
    assert w.M_REGENCY not in page and w.P1 not in page
    assert client.get(KUKAR).status_code == 403
    assert client.get("/cabang/64/", {"format": "csv"}).status_code == 403


def test_national_users_see_masked_niks(client_as, world):
    page = client_as("national").get(KUKAR).content.decode()
    assert w.M_VILLAGE not in page and w.P1 not in page
    assert w.M_VILLAGE[:6] + "**********" in page
    assert "NIK disamarkan" in page


def test_the_month_selector_sets_the_arrears(client_as, world):
    client = client_as("bpjs", "64.02")
    page = client.get(KUKAR, {"bulan": "2022-12"}).content.decode()
    # In December, paid until November is inside the grace month.
    assert w.M_REGENCY not in page and w.M_VILLAGE in page
    assert '<option value="2022-12" selected>Desember 2022</option>' in page
    latest = client.get(KUKAR, {"bulan": "2019-01"}).content.decode()  # no numbers: latest
    assert '<option value="2023-01" selected>Januari 2023</option>' in latest


def test_filters_by_payer_and_place(client_as, world):
    client = client_as("bpjs", "64.02")
    page = client.get(KUKAR, {"pembayar": "apbdes", "tempat": w.SALIKI}).content.decode()
    assert w.M_VILLAGE in page and w.M_EMPLOYER not in page
    assert w.P1 in page and w.P2 in page and w.P3 not in page and w.P5 not in page
    # A place outside the region is ignored, not an error.
    other = client.get(KUKAR, {"tempat": "65.01.01"}).content.decode()
    assert w.P5 in other


def test_xlsx_export_masks_niks_for_the_national_team_and_is_audited(client_as, world):
    response = client_as("national").get(KUKAR, {"format": "xlsx"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    lapsed = book.get_sheet_by_index(0).to_python()
    people = book.get_sheet_by_index(1).to_python()
    assert lapsed[0][0] == "NIK" and len(lapsed) == 1 + 4 and len(people) == 1 + 5
    niks = {row[0] for row in lapsed[1:] + people[1:]}
    assert niks and all(nik.endswith("**********") for nik in niks)
    assert {row[-1] for row in lapsed[1:]} == {2, 7, 13}
    event = AuditEvent.objects.get(action="worklist_export_xlsx")
    assert (event.region_code, event.rows) == ("64.02", 9)
    assert "disamarkan" in event.description


def test_csv_exports_each_list_with_full_niks_for_the_branch(client_as, world):
    client = client_as("bpjs", "64.02")
    response = client.get(KUKAR, {"format": "csv", "daftar": "belum", "tempat": "64.02.05"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "NIK" and [row[0] for row in rows[1:]] == [w.P1, w.P2, w.P3]
    assert rows[1][5] == "Saliki"
    lapsed = client.get(KUKAR, {"format": "csv", "daftar": "tunggakan"})
    lines = list(csv.reader(io.StringIO(lapsed.content.decode("utf-8-sig"))))
    assert {line[0]: line[-1] for line in lines[1:]}[w.M_EMPLOYER] == "13"
    assert {line[0]: line[-2] for line in lines[1:]}[w.M_EMPLOYER] == "Desember 2021"
    events = AuditEvent.objects.filter(action="worklist_export_csv").order_by("id")
    assert [(e.region_code, e.rows) for e in events] == [("64.02", 3), ("64.02", 4)]


def test_my_worklist_opens_the_officers_region(client_as, world):
    response = client_as("bpjs", "64.02").get("/kerja/")
    assert response.status_code == 302 and response["Location"] == KUKAR


def test_the_national_team_has_no_own_work_list(client_as, world):
    assert client_as("national").get("/kerja/").status_code == 404


def test_english_labels(client_as, world):
    client = client_as("bpjs", "64.02")
    page = client.get(KUKAR, headers={"accept-language": "en"}).content.decode()
    assert "Work list" in page and "June 2022" in page and "Employer" in page


def test_page_queries_do_not_grow_with_rows(client_as, world):
    client = client_as("national")
    client.get(KUKAR)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    # Kukar: 4 members in arrears, 5 people in 4 places; Kaltara: 1 and 1.
    assert queries(KUKAR) == queries("/cabang/65/") <= 12


def test_a_page_past_the_end_shows_the_last_page(client_as, world, monkeypatch):
    from pantau.engine.worklist import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client = client_as("bpjs", "64.02")
    page = client.get(KUKAR, {"hal": "9", "hal_tunggakan": "9"}).content.decode()
    assert w.P3 in page and w.P1 not in page  # the last of three pages holds P3 alone
    assert 'aria-current="page">3</a>' in page
    event = AuditEvent.objects.get(action="worklist_view")
    assert event.rows == 2 + 1  # the last page of each list: members 3-4, person 5


def test_the_gap_list_links_to_the_work_list(client_as, world):
    page = client_as("bpjs", "64.02").get("/wilayah/64.02/celah/").content.decode()
    assert f'href="{KUKAR}"' in page

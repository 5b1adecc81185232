"""The gap list page: scoped to the user's region, NIK masked unless allowed, audited."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from pantau.audit.models import AuditEvent
from tests.engine.ground_truth import B, C

pytestmark = pytest.mark.usefixtures("own_data_directory")

URL = "/wilayah/64.02/celah/"


def test_a_kukar_officer_sees_the_gap_list_with_full_niks(client_as, ground_truth):
    client = client_as("pemda", "64.02")
    page = client.get(URL, {"kategori": "non_asn"}).content.decode()
    assert B in page and C in page
    # Labels in the user's language, not codes; the name comes from the list.
    assert "Pegawai Non ASN" in page and "belum terdaftar" in page and "tidak aktif" in page
    assert ">lapsed<" not in page and ">non_asn<" not in page
    assert "Orang 02" in page  # B's name on the list
    assert AuditEvent.objects.filter(action="gaps_view", region_code="64.02").exists()


def test_outside_the_region_403_and_national_users_see_masked_niks(client_as, ground_truth):  # noqa: E501
    assert client_as("pemda", "64.01").get(URL).status_code == 403
    assert client_as("viewer").get(URL).status_code == 403
    national = client_as("national")
    page = national.get(URL, {"kategori": "non_asn"}).content.decode()
    assert B not in page
    assert B[:6] + "**********" in page


def test_xlsx_export_is_audited(client_as, ground_truth):
    client = client_as("pemda", "64.02")
    response = client.get(URL, {"kategori": "non_asn", "format": "xlsx"})
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0][0] == "NIK" and len(rows) == 1 + 3
    event = AuditEvent.objects.get(action="gaps_export_xlsx")
    assert (event.region_code, event.rows) == ("64.02", 3)


def test_page_queries_do_not_grow_with_rows(client_as, ground_truth, django_assert_max_num_queries):  # noqa: E501
    client = client_as("pemda", "64.02")
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL, {"kategori": "non_asn"})

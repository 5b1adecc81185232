"""The gap list's XLSX masks NIKs exactly as its page does: the national team never gets a
serial digit beside the birth date the export shows (docs/access.md)."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from tests.engine.ground_truth import B, C, D

pytestmark = pytest.mark.usefixtures("own_data_directory")


URL = "/wilayah/64.02/celah/"


def xlsx_rows(client) -> list[dict]:
    response = client.get(URL, {"kategori": "non_asn", "format": "xlsx"})
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    header, *body = rows.to_python()
    return [dict(zip(header, row, strict=True)) for row in body]


def test_national_users_get_masked_niks_in_the_xlsx(client_as, ground_truth):
    rows = xlsx_rows(client_as("national"))
    assert sorted(row["NIK"] for row in rows) == sorted(n[:6] + "*" * 10 for n in (B, C, D))
    assert all(row["Tanggal lahir"] for row in rows)  # the birth date is beside it
    content = repr(rows)
    assert not any(nik in content or nik[-4:] in content for nik in (B, C, D))


def test_officers_of_the_region_get_full_niks_in_the_xlsx(client_as, ground_truth):
    rows = xlsx_rows(client_as("pemda", "64.02"))
    assert sorted(row["NIK"] for row in rows) == sorted((B, C, D))

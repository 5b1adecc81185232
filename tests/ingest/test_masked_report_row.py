"""A rejected row shown with a masked NIK: the NIK is masked in every column that quotes it,
the longest quoted text first, and nothing else in the row changes (docs/access.md)."""

from __future__ import annotations

import pytest

from pantau.ingest.uploads import masked_row

NIK = "6402051203850001"
MASKED = "640205**********"
CUT = "640205150790000"  # Excel ate the last digit
HID = "*" * 15

# (row as the report holds it, the NIK of its `nik` column, the row shown)
CASES = [
    pytest.param(
        {"nik": f"'{CUT}", "kolom": "nik", "nilai": f"'{CUT}",
         "pesan": f"NIK {CUT} harus 16 digit", "message": f"NIK {CUT}: 16 digits"},
        CUT,
        {"nik": HID, "kolom": "nik", "nilai": f"'{HID}",
         "pesan": f"NIK {HID} harus 16 digit", "message": f"NIK {HID}: 16 digits"},
        id="a NIK Excel cut short, quoted everywhere",
    ),
    pytest.param(
        {"nik": NIK, "kolom": "nik", "nilai": f"'0{NIK}", "pesan": f"0{NIK} bukan NIK",
         "message": ""},
        NIK,
        {"nik": MASKED, "kolom": "nik", "nilai": "'" + "*" * 17, "pesan": "*" * 17 + " bukan NIK",
         "message": ""},
        id="the value held more than the NIK: masked whole, not around the NIK",
    ),
    pytest.param(
        {"nik": NIK, "kolom": "nik", "nilai": f"X{NIK}", "pesan": f"X{NIK} bukan angka"},
        NIK,
        {"nik": MASKED, "kolom": "nik", "nilai": "*" * 17, "pesan": "*" * 17 + " bukan angka"},
        id="a value with a stray letter: masked whole, the letter too",
    ),
    pytest.param(
        {"nik": NIK, "kolom": "nik", "nilai": NIK + "7", "pesan": f"{NIK}7 terlalu panjang"},
        NIK,
        {"nik": MASKED, "kolom": "nik", "nilai": "*" * 17, "pesan": "*" * 17 + " terlalu panjang"},
        id="a NIK with one digit too many",
    ),
    pytest.param(
        {"nik": NIK, "kolom": "tanggal_lahir", "nilai": "15-07-1990",
         "pesan": f"NIK {NIK}: tanggal 15-07-1990 salah", "message": "bad date 15-07-1990"},
        NIK,
        {"nik": MASKED, "kolom": "tanggal_lahir", "nilai": "15-07-1990",
         "pesan": f"NIK {MASKED}: tanggal 15-07-1990 salah", "message": "bad date 15-07-1990"},
        id="an error in another column keeps its value",
    ),
    pytest.param(
        {"nik": NIK, "kolom": "nik", "nilai": "", "pesan": f"NIK {NIK} ganda"},
        NIK,
        {"nik": MASKED, "kolom": "nik", "nilai": "", "pesan": f"NIK {MASKED} ganda"},
        id="a NIK-column error without a value",
    ),
    pytest.param(
        {"nik": "", "kolom": "nama", "nilai": "", "pesan": "nama kosong", "message": "name empty"},
        "",
        {"nik": "", "kolom": "nama", "nilai": "", "pesan": "nama kosong", "message": "name empty"},
        id="a row without a NIK",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("row", "nik", "shown"), CASES)
def test_masked_row(row, nik, shown):
    assert masked_row(row, nik) == shown

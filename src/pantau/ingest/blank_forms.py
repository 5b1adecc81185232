"""Blank forms to download: Indonesian headers (each an accepted alias of its column), one
example row, every column formatted as text (so a NIK can never become `6.40205E+15`), and
a sheet that says what each column takes."""

from __future__ import annotations

from pantau.core.spreadsheet import Column, Workbook, header, write_csv
from pantau.core.vocabulary import Kind
from pantau.ingest.formats import COLUMNS

# Canonical column → its header on the forms (an alias in formats.py: the forms import),
# in the forms' order.
HEADERS = {
    Kind.WORKERS: {
        "nik": "nik",
        "name": "nama",
        "birth_date": "tanggal_lahir",
        "sex": "jenis_kelamin",
        "region_code": "kode_wilayah",
        "district_name": "kecamatan",
        "village_name": "desa_kelurahan",
        "position": "jabatan",
        "monthly_income": "penghasilan_bulanan",
    },
    Kind.MEMBERS: {
        "nik": "nik",
        "name": "nama",
        "birth_date": "tanggal_lahir",
        "sex": "jenis_kelamin",
        "kpj": "no_kpj",
        "segment": "segmen",
        "programs": "program",
        "region_code": "kode_wilayah",
        "payer_type": "jenis_pembayar",
        "payer_region": "wilayah_pembayar",
        "wage": "upah",
        "enrolled_on": "tanggal_kepesertaan",
        "paid_until": "iuran_terakhir",
        "status": "status_kepesertaan",
    },
}

EXAMPLES = {
    Kind.WORKERS: {
        "nik": "6402054507900001",
        "name": "Siti Aminah",
        "birth_date": "1990-07-05",
        "sex": "P",
        "region_code": "64.02.05.2001",
        "position": "Staf Administrasi",
        "monthly_income": "3500000",
    },
    Kind.MEMBERS: {
        "nik": "6402054507900001",
        "name": "SITI AMINAH",
        "birth_date": "1990-07-05",
        "sex": "P",
        "kpj": "22010012345",
        "segment": "PU",
        "programs": "JKK,JKM,JHT",
        "region_code": "64.02",
        "payer_type": "apbd_regency",
        "payer_region": "64.02",
        "wage": "3500000",
        "enrolled_on": "2021-01-10",
        "paid_until": "2022-06",
        "status": "active",
    },
}

# The form's example names the place both ways (the code wins when both are filled).
FORM_EXAMPLES = {
    Kind.WORKERS: {
        **EXAMPLES[Kind.WORKERS],
        "district_name": "Muara Badak",
        "village_name": "Saliki",
    },  # fmt: skip
    Kind.MEMBERS: EXAMPLES[Kind.MEMBERS],
}

NOTES = {
    "nik": "16 angka / 16 digits",
    "birth_date": "YYYY-MM-DD atau DD/MM/YYYY",
    "sex": "L/P",
    "region_code": "kode Kemendagri, dengan atau tanpa titik",
    "district_name": "nama kecamatan di Pemda (bila kode wilayah kosong)",
    "village_name": "nama desa/kelurahan di kecamatan itu (bila kode wilayah kosong)",
    "monthly_income": "rupiah, bilangan bulat",
    "wage": "rupiah, bilangan bulat",
    "segment": "PU, BPU, JAKON, PMI",
    "programs": "JKK,JKM,JHT,JP,JKP",
    "payer_type": "apbd_province, apbd_regency, apbdes, employer, self, other",
    "paid_until": "YYYY-MM",
    "status": "active / inactive",
}

PLACE_NOTE = (
    "Tempat: isi kode wilayah, atau kecamatan dan desa/kelurahan; bila ketiganya tidak ada, "
    "semua orang ditempatkan di Pemda."
)


def _columns(kind: str) -> list[Column]:
    """The form's columns in the order of HEADERS (the place's columns side by side)."""
    return [
        Column(header(label), "text", lambda item, name=name: item.get(name), width=20)
        for name, label in HEADERS[kind].items()
    ]


def csv_form(kind: str) -> bytes:
    return write_csv(_columns(kind), [FORM_EXAMPLES[kind]])


def xlsx_form(kind: str) -> bytes:
    book = Workbook()
    book.table("Data", _columns(kind), [FORM_EXAMPLES[kind]], autofilter=False,
               text_columns=True)  # fmt: skip
    required = {c.name for c in COLUMNS[kind] if c.required}
    guide = [
        {"kolom": label, "wajib": "ya" if name in required else "tidak",
         "keterangan": NOTES.get(name, "")}
        for name, label in HEADERS[kind].items()
    ]  # fmt: skip
    if kind == Kind.WORKERS:
        guide.append({"kolom": "", "wajib": "", "keterangan": PLACE_NOTE})
    book.table(
        "Petunjuk",
        [Column(header(name), "text", lambda item, name=name: item[name], width=width)
         for name, width in (("kolom", 22), ("wajib", 8), ("keterangan", 70))],
        guide,
        autofilter=False,
    )  # fmt: skip
    return book.close()

"""Blank forms to download: Indonesian headers (each an accepted alias of its column), one
example row, every column formatted as text (so a NIK can never become `6.40205E+15`), and
a sheet that says what each column takes."""

from __future__ import annotations

from pantau.core.spreadsheet import Column, Workbook, header, write_csv
from pantau.core.vocabulary import CLAIM_EVENTS, Kind
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
    Kind.CLAIMS: {
        "claim_no": "no_klaim",
        "nik": "nik",
        "name": "nama",
        "program": "program",
        "event": "jenis_klaim",
        "event_date": "tanggal_kejadian",
        "paid_on": "tanggal_bayar",
        "amount": "jumlah_dibayar",
        "scholarship": "beasiswa",
        "wage": "upah",
        "region_code": "kode_wilayah",
        "payer_type": "jenis_pembayar",
        "payer_region": "wilayah_pembayar",
        "segment": "segmen",
        "branch": "kantor_cabang",
        "heir_relation": "hubungan_ahli_waris",
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
    # JKM for the heirs of a village head whose contributions the village budget paid:
    # Rp42,000,000 since PP 82/2019 (what `rules.claims` expects: no flag).
    Kind.CLAIMS: {
        "claim_no": "JKM-6402-2022-000123",
        "nik": "6402054507900001",
        "name": "SITI AMINAH",
        "program": "JKM",
        "event": "death",
        "event_date": "2022-06-14",
        "paid_on": "2022-07-05",
        "amount": "42000000",
        "scholarship": "",
        "wage": "3500000",
        "region_code": "64.02.05.2001",
        "payer_type": "apbdes",
        "payer_region": "64.02.05.2001",
        "segment": "PU",
        "branch": "Tenggarong",
        "heir_relation": "suami",
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
    Kind.CLAIMS: EXAMPLES[Kind.CLAIMS],
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

# What a column takes in a claims extract, where it differs from the notes above.
CLAIM_NOTES = {
    "name": "nama peserta",
    "claim_no": "unik di dalam berkas; berkas berikutnya dengan nomor klaim yang sama "
    "mengoreksi klaim itu",
    "program": "JKK, JKM, JHT, JP, JKP",
    "event": "death, accident, disability_total, disability_partial, occupational_disease, "
    "old_age, resignation, job_loss (pasangan yang sah dengan program: lihat di bawah)",
    "event_date": "YYYY-MM-DD atau DD/MM/YYYY; tanggal kejadian (meninggal, kecelakaan, …), "
    "tidak di masa depan",
    "paid_on": "YYYY-MM-DD atau DD/MM/YYYY; tanggal santunan dibayar, tidak di masa depan",
    "amount": "rupiah, bilangan bulat: seluruh santunan yang dibayar, tanpa beasiswa",
    "scholarship": "rupiah, bilangan bulat (beasiswa anak, bila ada)",
    "wage": "upah yang dilaporkan saat kejadian, rupiah; perlu untuk memeriksa santunan JKK",
    "region_code": "wilayah kerja: kode Kemendagri kabupaten/kota, kecamatan atau desa "
    "(bukan provinsi)",
    "payer_region": "wajib untuk apbd_province (provinsi), apbd_regency (kabupaten/kota) "
    "dan apbdes (desa)",
    "branch": "kantor cabang BPJS Ketenagakerjaan (opsional)",
    "heir_relation": "hubungan penerima dengan peserta, mis. istri, suami, anak (opsional)",
}


def claim_pairs_note() -> list[str]:
    """The events each programme pays (core.vocabulary.CLAIM_EVENTS), one line each."""
    return [f"{program}: {', '.join(events)}" for program, events in CLAIM_EVENTS.items()]


PLACE_NOTE = (
    "Tempat: isi kode wilayah, atau kecamatan dan desa/kelurahan; bila ketiganya tidak ada, "
    "semua orang ditempatkan di Pemda."
)


CLAIMS_NOTE = (
    "Setiap berkas klaim ditambahkan ke klaim yang sudah ada; jenis klaim yang dibayar "
    "setiap program:"
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
    notes = {**NOTES, **CLAIM_NOTES} if kind == Kind.CLAIMS else NOTES
    guide = [
        {"kolom": label, "wajib": "ya" if name in required else "tidak",
         "keterangan": notes.get(name, "")}
        for name, label in HEADERS[kind].items()
    ]  # fmt: skip
    if kind == Kind.WORKERS:
        guide.append({"kolom": "", "wajib": "", "keterangan": PLACE_NOTE})
    if kind == Kind.CLAIMS:
        guide.append({"kolom": "", "wajib": "", "keterangan": CLAIMS_NOTE})
        guide += [{"kolom": "", "wajib": "", "keterangan": line} for line in claim_pairs_note()]
    book.table(
        "Petunjuk",
        [Column(header(name), "text", lambda item, name=name: item[name], width=width)
         for name, width in (("kolom", 22), ("wajib", 8), ("keterangan", 70))],
        guide,
        autofilter=False,
    )  # fmt: skip
    return book.close()

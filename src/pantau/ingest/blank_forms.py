"""Blank forms to download: the canonical headers, one example row, and a NIK column that
Excel keeps as text (so it can never become `6.40205E+15`)."""

from __future__ import annotations

import csv
import io

from pantau.core.vocabulary import Kind
from pantau.ingest.formats import COLUMNS

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

NOTES = {
    "nik": "16 angka / 16 digits",
    "birth_date": "YYYY-MM-DD atau DD/MM/YYYY",
    "sex": "L/P",
    "region_code": "kode Kemendagri, dengan atau tanpa titik",
    "monthly_income": "rupiah, bilangan bulat",
    "wage": "rupiah, bilangan bulat",
    "segment": "PU, BPU, JAKON, PMI",
    "programs": "JKK,JKM,JHT,JP,JKP",
    "payer_type": "apbd_province, apbd_regency, apbdes, employer, self, other",
    "paid_until": "YYYY-MM",
    "status": "active / inactive",
}


def csv_form(kind: str) -> bytes:
    columns = [column.name for column in COLUMNS[kind]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerow([EXAMPLES[kind][name] for name in columns])
    # A BOM so that Excel opens the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_form(kind: str) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    text = workbook.add_format({"num_format": 49})  # 49: Excel's built-in "Text" format
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF6", "num_format": 49})
    sheet = workbook.add_worksheet("Data")
    guide = workbook.add_worksheet("Petunjuk")
    guide.write_row(0, 0, ["kolom", "wajib", "keterangan"], bold)
    for index, column in enumerate(COLUMNS[kind]):
        # Every column is text: NIKs, codes and months keep their digits and leading zeros.
        sheet.set_column(index, index, 20, text)
        sheet.write_string(0, index, column.name, bold)
        sheet.write_string(1, index, EXAMPLES[kind][column.name], text)
        guide.write_row(index + 1, 0, [column.name, "ya" if column.required else "tidak",
                                       NOTES.get(column.name, "")])  # fmt: skip
    sheet.freeze_panes(1, 0)
    guide.set_column(0, 0, 18)
    guide.set_column(2, 2, 60)
    workbook.close()
    return out.getvalue()

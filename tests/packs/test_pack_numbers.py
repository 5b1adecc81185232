"""The pack holds the true figures of the meeting's regions, in both files and both
languages, for the data month the meeting saw (not a later one)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from tests.packs.files import pdf_pages, sheets


def row(sheet: list[list], first: str) -> dict:
    header = sheet[0]
    [found] = [line for line in sheet[1:] if line[0] == first]
    return dict(zip(header, found, strict=True))


def test_the_true_figures_in_the_pdf_and_the_xlsx(make_pack):
    made = make_pack("id")
    assert made["as_of"] == "2022-07"  # August has numbers too, but after the meeting
    text = "\n".join(pdf_pages(Path(made["pdf"])))
    for expected in (
        "Monev Inpres 2/2021 Kaltim dan Kaltara", "5 Juli 2022", "Balikpapan",
        "Angka per Juli 2022", "Klaim dibayar Januari 2022 sampai Juli 2022",
        "67,0 %", "51,0 %", "2.128", "3.176",  # UCJ of Kaltim and Kaltara
        "Rp197.925.024", "63,9 %",  # Kaltim's Non ASN gap and list coverage
        "Rp42.000.000", "Rp8.000.000", "Rp3.000.000", "Rp10.000.000",
        "Anggarkan Non ASN", "30 Juni 2022", "Tetapkan Pergub", "31 Desember 2022",
        "Monev Kaltim triwulan I",  # the previous meeting, for the change
        "63,0 %",  # Kaltim's UCJ in March
    ):  # fmt: skip
        assert expected in text, expected
    assert "Kirim DPA" not in text  # done before the meeting
    assert "2.999" not in text  # August's members

    book = sheets(Path(made["xlsx"]))
    kaltim = row(book["Ringkasan"], "64")
    assert kaltim["Peserta aktif"] == 2128 and kaltim["Angkatan kerja"] == 3176
    assert kaltim["Cakupan UCJ"] == float(Fraction(2128, 3176))
    assert kaltim["Pemda belum menganggarkan"] == 1
    assert kaltim["Manfaat dibayar"] == 60_000_000  # 8 + 42 + 10 million
    assert kaltim["Manfaat bagi peserta yang iurannya dibayar Pemda"] == 45_000_000
    assert row(book["Ringkasan"], "65")["Cakupan UCJ"] == float(Fraction(303, 594))
    categories = [line for line in book["Kategori"][1:] if line[0] == "Kalimantan Timur"]
    non_asn = dict(zip(book["Kategori"][0], categories[0], strict=True))
    assert (non_asn["Terdaftar"], non_asn["Terlindungi"], non_asn["Belum terlindungi"]) == (
        202, 129, 73)  # fmt: skip
    assert non_asn["Iuran setahun mereka"] == 197_925_024
    assert (non_asn["Pemda"], non_asn["Belum menganggarkan"]) == (2, 1)
    kukar = row(book["Pemda"], "64.02")
    assert kukar["Belum menganggarkan"] == "Pegawai Non ASN"
    assert (kukar["Tindak lanjut terbuka"], kukar["Lewat tenggat"]) == (1, 1)
    actions = book["Tindak lanjut"]
    assert [line[1] for line in actions[1:]] == ["Anggarkan Non ASN", "Tetapkan Pergub"]
    assert [line[5] for line in actions[1:]] == ["ya", ""]  # overdue on the meeting's day
    # The change since the previous meeting of each province: Kaltara had none.
    assert [line[0] for line in book["Perubahan"][1:]] == ["Kalimantan Timur"]
    notes = dict((line[0], line[1]) for line in book["Catatan"])
    assert notes["Angka per"] == "Juli 2022"
    # Typed cells: counts and Rupiah are numbers, not text.
    assert all(
        isinstance(v, int | float) for v in (kaltim["Peserta aktif"], kukar["Iuran setahun mereka"])
    )


def test_the_english_pack(make_pack):
    made = make_pack("en")
    assert (
        Path(made["pdf"]).name
        == f"briefing-pack-{Path(made['pdf']).name.split('-')[2]}-2022-07-05.pdf"
    )
    text = "\n".join(pdf_pages(Path(made["pdf"])))
    for expected in ("5 July 2022", "Numbers as of July 2022", "67.0 %", "51.0 %",
                     "Rp42,000,000", "Rp197,925,024", "2,128", "30 June 2022"):  # fmt: skip
        assert expected in text, expected
    assert "Juli" not in text
    book = sheets(Path(made["xlsx"]))
    assert book["Ringkasan"][0][4] == "Active members"

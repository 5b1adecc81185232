"""Validation codes with their messages in Bahasa Indonesia and English.

Each rejected or warned row in an error report carries a code from here, the column,
the offending value and both messages. `{value}` is replaced by the value (for
duplicates: the row where the NIK first appeared).
"""

from __future__ import annotations

from pantau.core.messages import ERROR, WARNING

# code: (severity, Indonesian, English)
MESSAGES: dict[str, tuple[str, str, str]] = {
    "nik_missing": (ERROR, "NIK kosong.", "NIK is empty."),
    "nik_excel_mangled": (
        ERROR,
        "NIK rusak oleh format angka Excel ({value}): digit terakhir hilang. Format kolom NIK "
        "sebagai Teks lalu ketik ulang atau salin dari sumber aslinya.",
        "NIK destroyed by Excel's number format ({value}): its last digits are lost. Format "
        "the NIK column as Text and enter it again from the original source.",
    ),
    "nik_format": (
        ERROR,
        "NIK harus 16 angka (tertulis: {value}).",
        "A NIK must be 16 digits (found: {value}).",
    ),
    "nik_birth_date": (
        ERROR,
        "Tanggal lahir di dalam NIK tidak valid (digit 7-12).",
        "The birth date inside the NIK is not a real date (digits 7-12).",
    ),
    "nik_serial": (
        ERROR,
        "Nomor urut NIK 0000 tidak valid (digit 13-16).",
        "NIK serial 0000 is not valid (digits 13-16).",
    ),
    "nik_province": (
        ERROR,
        "Kode provinsi di NIK tidak dikenal ({value}).",
        "Unknown province code in the NIK ({value}).",
    ),
    "nik_birth_date_mismatch": (
        ERROR,
        "Tanggal lahir tidak sesuai dengan NIK ({value}).",
        "The birth date does not match the NIK ({value}).",
    ),
    "nik_sex_mismatch": (
        ERROR,
        "Jenis kelamin tidak sesuai dengan NIK (tanggal lahir perempuan ditambah 40).",
        "The sex does not match the NIK (women's birth day is increased by 40).",
    ),
    "nik_duplicate": (
        ERROR,
        "NIK ganda di berkas ini; sudah ada di baris {value}.",
        "Duplicate NIK in this file; first seen on row {value}.",
    ),
    "member_birth_date_differs": (
        WARNING,
        "Tanggal lahir di data BPJS ({value}) berbeda dengan tanggal lahir dalam NIK; baris "
        "diterima dan ditandai untuk diperiksa saat pencocokan.",
        "The birth date in the BPJS record ({value}) differs from the one in the NIK; the row "
        "is kept and flagged for review when lists are reconciled.",
    ),
    "nik_district_unknown": (
        WARNING,
        "Kode kecamatan di NIK ({value}) tidak ada di daftar Kemendagri 2025; NIK tetap "
        "memakai wilayah penerbitannya (pemekaran).",
        "The district part of the NIK ({value}) is not in the 2025 Kemendagri list; NIKs "
        "keep the region that issued them (region splits).",
    ),
    "nik_on_other_list": (
        WARNING,
        "NIK ini juga ada di daftar {value} Pemda yang sama untuk tahun yang sama.",
        "This NIK is also on the {value} list of the same Pemda for the same year.",
    ),
    "name_missing": (ERROR, "Nama kosong.", "Name is empty."),
    "too_long": (
        ERROR,
        "Isian terlalu panjang (lebih dari 200 karakter).",
        "Value too long (over 200 characters).",
    ),
    "formula": (
        ERROR,
        "Isian tampak seperti rumus spreadsheet ({value}); tidak disimpan demi keamanan.",
        "The value looks like a spreadsheet formula ({value}); refused for safety.",
    ),
    "birth_date_invalid": (
        ERROR,
        "Tanggal lahir tidak dikenali ({value}); gunakan YYYY-MM-DD atau DD/MM/YYYY.",
        "Unrecognised birth date ({value}); use YYYY-MM-DD or DD/MM/YYYY.",
    ),
    "sex_invalid": (
        ERROR,
        "Jenis kelamin harus L atau P ({value}).",
        "Sex must be L/P or M/F ({value}).",
    ),
    "region_missing": (
        ERROR,
        "Tempat kosong: isi kode wilayah (daftar pekerja: atau kecamatan, desa/kelurahan).",
        "No place: fill in the region code (worker lists: or the district, the village).",
    ),
    "place_missing": (
        WARNING,
        "Berkas tidak punya kolom kode wilayah, kecamatan atau desa/kelurahan: semua orang di "
        "berkas ini ditempatkan di Pemda {value}.",
        "The file has no region code, district or village column: everyone in it is placed "
        "at the Pemda {value}.",
    ),
    "district_unknown": (
        ERROR,
        "Kecamatan tidak dikenal di Pemda ini; tertulis → nama terdekat: {value}.",
        "Unknown district in this Pemda; as written → the closest names: {value}.",
    ),
    "district_ambiguous": (
        ERROR,
        "Nama kecamatan ini ada lebih dari satu di Pemda ini; tulis kode wilayahnya: {value}.",
        "More than one district of this Pemda has this name; give its region code: {value}.",
    ),
    "village_unknown": (
        ERROR,
        "Desa/kelurahan tidak dikenal (di kecamatan yang disebut, bila ada); tertulis → nama "
        "terdekat: {value}.",
        "Unknown village (inside the named district, if any); as written → the closest "
        "names: {value}.",
    ),
    "village_ambiguous": (
        ERROR,
        "Nama desa/kelurahan ini ada lebih dari satu; isi juga kecamatannya: {value}.",
        "More than one village has this name; add its district: {value}.",
    ),
    "region_unknown": (
        ERROR,
        "Kode wilayah tidak dikenal ({value}).",
        "Unknown region code ({value}).",
    ),
    "region_outside_pemda": (
        ERROR,
        "Kode wilayah {value} berada di luar Pemda pengunggah.",
        "Region {value} lies outside the uploading Pemda.",
    ),
    "region_outside_extract": (
        ERROR,
        "Kode wilayah {value} berada di luar wilayah cakupan data kepesertaan ini.",
        "Region {value} lies outside the region this membership extract covers.",
    ),
    "region_level": (
        ERROR,
        "Wilayah kerja harus paling sedikit tingkat kabupaten/kota ({value}).",
        "The work region must be at least a regency or city ({value}).",
    ),
    "amount_invalid": (
        ERROR,
        "Jumlah rupiah harus bilangan bulat ({value}).",
        "Rupiah amounts must be whole numbers ({value}).",
    ),
    "amount_negative": (
        ERROR,
        "Jumlah rupiah tidak boleh negatif ({value}).",
        "Rupiah amounts cannot be negative ({value}).",
    ),
    "segment_invalid": (
        ERROR,
        "Segmen harus PU, BPU, JAKON atau PMI ({value}).",
        "Segment must be PU, BPU, JAKON or PMI ({value}).",
    ),
    "programs_invalid": (
        ERROR,
        "Program harus dari JKK, JKM, JHT, JP, JKP ({value}).",
        "Programmes must be among JKK, JKM, JHT, JP, JKP ({value}).",
    ),
    "payer_type_invalid": (
        ERROR,
        "Jenis pembayar tidak dikenal ({value}).",
        "Unknown payer type ({value}).",
    ),
    "payer_region_missing": (
        ERROR,
        "Wilayah pembayar wajib untuk iuran APBD/APBDes.",
        "The payer region is required when APBD or APBDes pays.",
    ),
    "payer_region_invalid": (
        ERROR,
        "Wilayah pembayar tidak dikenal atau tingkatnya tidak sesuai jenis pembayar ({value}).",
        "The payer region is unknown or of the wrong level for the payer type ({value}).",
    ),
    "enrolled_on_invalid": (
        ERROR,
        "Tanggal kepesertaan tidak dikenali ({value}).",
        "Unrecognised enrolment date ({value}).",
    ),
    "paid_until_invalid": (
        ERROR,
        "Bulan iuran terakhir harus YYYY-MM ({value}).",
        "The last paid month must be YYYY-MM ({value}).",
    ),
    "status_invalid": (
        ERROR,
        "Status harus active/aktif atau inactive/tidak aktif ({value}).",
        "Status must be active or inactive ({value}).",
    ),
    # Claims extracts (`pantau.ingest.claims`).
    "claim_no_missing": (ERROR, "Nomor klaim kosong.", "The claim number is empty."),
    "claim_no_duplicate": (
        ERROR,
        "Nomor klaim ganda di berkas ini; sudah ada di baris {value}.",
        "Duplicate claim number in this file; first seen on row {value}.",
    ),
    "program_invalid": (
        ERROR,
        "Program harus salah satu dari JKK, JKM, JHT, JP, JKP ({value}).",
        "The programme must be one of JKK, JKM, JHT, JP, JKP ({value}).",
    ),
    "claim_event_invalid": (
        ERROR,
        "Jenis klaim tidak dikenal atau tidak dibayar oleh program ini ({value}).",
        "Unknown claim event, or one this programme does not pay for ({value}).",
    ),
    "event_date_invalid": (
        ERROR,
        "Tanggal kejadian kosong atau tidak dikenali ({value}); gunakan YYYY-MM-DD atau "
        "DD/MM/YYYY.",
        "The event date is empty or unrecognised ({value}); use YYYY-MM-DD or DD/MM/YYYY.",
    ),
    "event_date_future": (
        ERROR,
        "Tanggal kejadian di masa depan ({value}).",
        "The event date lies in the future ({value}).",
    ),
    "paid_on_invalid": (
        ERROR,
        "Tanggal bayar kosong atau tidak dikenali ({value}); gunakan YYYY-MM-DD atau DD/MM/YYYY.",
        "The payment date is empty or unrecognised ({value}); use YYYY-MM-DD or DD/MM/YYYY.",
    ),
    "paid_on_future": (
        ERROR,
        "Tanggal bayar di masa depan ({value}).",
        "The payment date lies in the future ({value}).",
    ),
    "amount_missing": (
        ERROR,
        "Jumlah dibayar kosong.",
        "The amount paid is empty.",
    ),
    "claim_region_outside": (
        ERROR,
        "Kode wilayah {value} berada di luar wilayah pengunggah.",
        "Region {value} lies outside the uploader's region.",
    ),
    "claim_amount_differs": (
        WARNING,
        "Jumlah dibayar berbeda dengan yang dihitung menurut peraturan pada tanggal kejadian "
        "(seharusnya {value}); baris diterima dan ditandai.",
        "The amount paid differs from what the regulation in force on the event date gives "
        "(expected {value}); the row is kept and flagged.",
    ),
    "claim_not_member": (
        WARNING,
        "NIK ini tidak ada di data kepesertaan mana pun; baris diterima dan ditandai.",
        "This NIK is in no membership extract; the row is kept and flagged.",
    ),
    "claim_before_enrolment": (
        WARNING,
        "Tanggal kejadian sebelum tanggal kepesertaan ({value}); baris diterima dan ditandai.",
        "The event date lies before the person's enrolment ({value}); the row is kept and flagged.",
    ),
}

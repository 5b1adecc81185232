"""The canonical file formats (docs/formats.md): columns, aliases, and finding the header.

Header matching ignores case, spaces, underscores and punctuation, and anything in
parentheses: "Tanggal Lahir", "TANGGAL_LAHIR" and "tanggal lahir (dd/mm/yyyy)" all
mean `birth_date`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pantau.core.vocabulary import Kind


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(normalize_header(alias) for alias in (self.name, *self.aliases))


WORKER_COLUMNS = (
    Column("nik", ("no_nik", "nomor_nik", "nomor_induk_kependudukan", "no_ktp"), required=True),
    Column("name", ("nama", "nama_lengkap", "nama_pegawai", "nama_pekerja"), required=True),
    Column("birth_date", ("tanggal_lahir", "tgl_lahir", "tgl_lhr")),
    Column("sex", ("jenis_kelamin", "jk", "l_p", "gender")),
    # The place: a Kemendagri code, or district and village names resolved inside the
    # Pemda (PLACE_NAME_COLUMNS, `pantau.ingest.places`), or nothing (everyone at the
    # Pemda, one warning for the file).
    Column("region_code", ("kode_wilayah", "kode_desa", "kode_kelurahan")),
    Column("position", ("jabatan",)),
    Column("monthly_income", ("penghasilan", "upah", "penghasilan_bulanan", "siltap", "gaji")),
)

# Worker lists may name the place instead of giving its code. Kept apart from
# WORKER_COLUMNS, the columns of the canonical file (the demo generator writes those).
PLACE_NAME_COLUMNS = (
    Column("district_name", ("kecamatan", "nama_kecamatan", "kec", "nama_kec")),
    Column(
        "village_name",
        (
            "desa_kelurahan",
            "desa",
            "kelurahan",
            "nama_desa",
            "nama_kelurahan",
            "nama_desa_kelurahan",
            "kelurahan_desa",
            "desa_kel",
            "kel_desa",
        ),
    ),  # fmt: skip
)

MEMBER_COLUMNS = (
    Column("nik", ("no_nik", "nomor_nik", "nomor_induk_kependudukan", "no_ktp"), required=True),
    Column("name", ("nama", "nama_lengkap", "nama_peserta")),
    Column("birth_date", ("tanggal_lahir", "tgl_lahir")),
    Column("sex", ("jenis_kelamin", "jk", "l_p", "gender")),
    Column("kpj", ("no_kpj", "nomor_kpj", "nomor_peserta")),
    Column("segment", ("segmen", "segmen_kepesertaan"), required=True),
    Column("programs", ("program", "program_jaminan"), required=True),
    Column("region_code", ("kode_wilayah", "wilayah_kerja", "kode_wilayah_kerja"), required=True),
    Column("payer_type", ("jenis_pembayar", "pembayar", "sumber_iuran"), required=True),
    Column("payer_region", ("wilayah_pembayar", "kode_wilayah_pembayar")),
    Column("wage", ("upah", "penghasilan", "upah_dilaporkan")),
    Column("enrolled_on", ("tanggal_kepesertaan", "tgl_kepesertaan", "tanggal_daftar")),
    Column("paid_until", ("iuran_terakhir", "bulan_iuran_terakhir", "lunas_sampai"), required=True),
    Column("status", ("status_kepesertaan", "status_peserta"), required=True),
)

# A BPJS claims extract: one benefit paid per row (`pantau.ingest.claims` checks it).
CLAIM_COLUMNS = (
    Column("claim_no", ("no_klaim", "nomor_klaim", "no_kasus", "nomor_kasus"), required=True),
    Column("nik", ("no_nik", "nomor_nik", "nomor_induk_kependudukan", "no_ktp"), required=True),
    Column("name", ("nama", "nama_lengkap", "nama_peserta", "nama_tenaga_kerja")),
    Column("program", ("program_jaminan", "jenis_program"), required=True),
    Column("event", ("jenis_klaim", "sebab_klaim", "penyebab_klaim", "kejadian"), required=True),
    Column("event_date", ("tanggal_kejadian", "tgl_kejadian", "tanggal_peristiwa"), required=True),
    Column(
        "paid_on",
        ("tanggal_bayar", "tanggal_pembayaran", "tgl_bayar", "tgl_pembayaran"),
        required=True,
    ),
    Column(
        "amount",
        ("jumlah", "nominal", "jumlah_dibayar", "jumlah_santunan", "nilai_klaim", "manfaat"),
        required=True,
    ),
    Column("scholarship", ("beasiswa", "manfaat_beasiswa")),
    Column("wage", ("upah", "upah_dilaporkan", "penghasilan")),
    Column(
        "region_code",
        ("kode_wilayah", "wilayah_kerja", "kode_wilayah_kerja", "kode_desa", "kode_kelurahan"),
        required=True,
    ),
    Column("payer_type", ("jenis_pembayar", "pembayar", "sumber_iuran"), required=True),
    Column("payer_region", ("wilayah_pembayar", "kode_wilayah_pembayar")),
    Column("segment", ("segmen", "segmen_kepesertaan"), required=True),
    Column("branch", ("kantor_cabang", "cabang", "kacab")),
    Column("heir_relation", ("hubungan_ahli_waris", "ahli_waris", "hubungan_penerima")),
)

COLUMNS = {
    Kind.WORKERS: WORKER_COLUMNS + PLACE_NAME_COLUMNS,
    Kind.MEMBERS: MEMBER_COLUMNS,
    Kind.CLAIMS: CLAIM_COLUMNS,
}

# The columns that say where a worker is; a worker list with none of them places everyone
# at its Pemda.
PLACE_COLUMNS = ("region_code", "district_name", "village_name")

# How far down a sheet the header row is looked for (title rows come first).
HEADER_SEARCH_ROWS = 30


def normalize_header(text: object) -> str:
    """`"Tanggal Lahir (dd/mm/yyyy)"` → `"tanggallahir"`."""
    text = re.sub(r"\(.*?\)", "", str(text or ""))
    return re.sub(r"[^0-9a-z]", "", text.lower())


@dataclass
class HeaderMatch:
    """Where the header is and what each file column means."""

    row_index: int  # 0-based index of the header row among the rows read
    mapping: dict[int, str]  # file column position → canonical name
    labels: list[str]  # the header cells as written
    ignored: list[str] = field(default_factory=list)  # header cells not used ("No", …)
    missing: list[str] = field(default_factory=list)  # required columns not found

    @property
    def canonical(self) -> dict[str, str]:
        """Canonical name → the header as written in the file, for showing the mapping."""
        return {name: self.labels[position] for position, name in self.mapping.items()}


def match_header(cells: Sequence[object], kind: str) -> tuple[dict[int, str], list[str]]:
    """Map header cells to canonical columns; the first cell that matches a column wins."""
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    taken: set[str] = set()
    for position, cell in enumerate(cells):
        key = normalize_header(cell)
        column = next(
            (c for c in COLUMNS[kind] if key and key in c.keys and c.name not in taken), None
        )
        if column is None:
            if key:
                ignored.append(str(cell).strip())
            continue
        mapping[position] = column.name
        taken.add(column.name)
    return mapping, ignored


def find_header(
    rows: Sequence[Sequence[object]], kind: str, header_row: int | None = None
) -> HeaderMatch:
    """The header among the first rows: the first row naming `nik` and another column
    (every kind has a `nik` column, claims extracts included).

    `header_row` (1-based, as people count rows) overrides the search.
    """
    candidates = (
        [header_row - 1] if header_row is not None else range(min(len(rows), HEADER_SEARCH_ROWS))
    )
    best: HeaderMatch | None = None
    for index in candidates:
        if index < 0 or index >= len(rows):
            continue
        mapping, ignored = match_header(rows[index], kind)
        if header_row is None and ("nik" not in mapping.values() or len(mapping) < 2):
            continue
        labels = [str(cell).strip() if cell is not None else "" for cell in rows[index]]
        found = HeaderMatch(index, mapping, labels, ignored)
        if best is None or len(mapping) > len(best.mapping):
            best = found
        if header_row is None:
            break
    if best is None:
        return HeaderMatch(-1, {}, [], [], [c.name for c in COLUMNS[kind] if c.required])
    present = set(best.mapping.values())
    best.missing = [c.name for c in COLUMNS[kind] if c.required and c.name not in present]
    return best

"""The synthetic data generator (`pantau generate`, pantau.site.demo.generate)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from pantau.core.vocabulary import Category, MemberStatus, PayerType, Segment
from pantau.ingest.formats import MEMBER_COLUMNS, WORKER_COLUMNS
from pantau.ingest.nik import NikError, looks_excel_mangled, parse_nik
from pantau.regions.codes import is_within
from pantau.regions.models import Region
from pantau.site.demo import generate
from pantau.site.demo.generate import MISTAKE_KINDS, generate_files

# Every test needs the regions, loaded once per session by tests/conftest.py.
pytestmark = pytest.mark.django_db

SCALE = 0.05
AS_OF = ["2021-12", "2022-07"]
# Rows whose NIK is still valid once cleaned.
CLEANABLE = {"nik_spaces", "nik_apostrophe"}
NIK_MISTAKES = {"nik_excel", "nik_15_digits", "duplicate_nik"}


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_setup, django_db_blocker):
    out = tmp_path_factory.mktemp("generated")
    with django_db_blocker.unblock():
        summary = generate_files(out, scale=SCALE, seed=1, year=2022, as_of=AS_OF)
        regions = dict(Region.objects.values_list("code", "level"))
    mistakes = {
        (row["file"], int(row["line"])): row["kind"] for row in read(out / "mistakes.csv")[1]
    }
    return out, summary, regions, mistakes


def worker_files(out: Path):
    """(pemda code, category, rows with their line numbers) for every worker list."""
    for path in sorted((out / "workers").glob("*.csv")):
        pemda, category, year = re.fullmatch(r"(\d+)_([a-z_]+)_(\d{4})", path.stem).groups()
        pemda = pemda if len(pemda) == 2 else f"{pemda[:2]}.{pemda[2:]}"
        header, rows = read(path)
        yield path, pemda, category, header, list(enumerate(rows, start=2))


def test_every_pemda_gets_the_lists_of_its_level(generated):
    out, summary, regions, _ = generated
    files = {(pemda, category) for _, pemda, category, _, _ in worker_files(out)}
    assert len(files) == summary["worker_files"]
    pemdas = [code for code, level in regions.items() if level in ("province", "regency", "city")]
    for pemda in pemdas:
        assert (pemda, Category.NON_ASN) in files
    regencies = [code for code in pemdas if regions[code] == "regency" and code != "31.01"]
    cities = [code for code in pemdas if regions[code] == "city"]
    assert all((code, Category.VILLAGE_OFFICIAL) in files for code in regencies)
    assert all((code, Category.RT_RW) in files for code in cities)
    vulnerable = [pemda for pemda, category in files if category == Category.VULNERABLE]
    assert len(vulnerable) == round(0.25 * len([c for c in pemdas if regions[c] != "province"]))
    assert all(regions[code] in ("regency", "city") for code in vulnerable)
    assert {path.name for path in (out / "members").iterdir()} == {
        f"members_{month}.csv" for month in AS_OF
    }


def test_headers_are_the_canonical_column_names(generated):
    out, *_ = generated
    for _, _, _, header, rows in worker_files(out):
        assert header == [column.name for column in WORKER_COLUMNS]
        assert len(rows) >= generate.MIN_ROWS
    for month in AS_OF:
        header, _ = read(out / "members" / f"members_{month}.csv")
        assert header == [column.name for column in MEMBER_COLUMNS]


def test_niks_without_a_planted_mistake_are_valid_and_issued_in_a_real_district(generated):
    out, _, regions, mistakes = generated
    checked = 0
    for path, pemda, _, _, rows in worker_files(out):
        for line, row in rows:
            kind = mistakes.get((f"workers/{path.name}", line))
            if kind in NIK_MISTAKES:
                continue
            info = parse_nik(row["nik"])
            assert regions.get(info.district_code) == "district", row
            # People keep the NIK of where it was issued, but within the same province.
            assert info.province_code == pemda[:2]
            assert row["sex"] == info.sex
            if kind is None:
                assert row["nik"] == info.nik
                assert row["birth_date"] == info.birth_date.isoformat()
            checked += 1
    assert checked > 1000


def test_region_codes_lie_inside_the_pemda_of_the_file(generated):
    out, _, regions, mistakes = generated
    for path, pemda, category, _, rows in worker_files(out):
        for line, row in rows:
            code = row["region_code"]
            if mistakes.get((f"workers/{path.name}", line)) == "unknown_region":
                assert code not in regions
                continue
            assert regions[code] in ("district", "village")
            assert is_within(code, pemda)
            if category == Category.VILLAGE_OFFICIAL:
                assert regions[code] == "village" and code[-4] == "2"


def test_planted_mistakes_are_the_ones_listed(generated):
    out, summary, regions, mistakes = generated
    rows_by_file = {path.name: dict(rows) for path, _, _, _, rows in worker_files(out)}
    for (file, line), kind in mistakes.items():
        assert kind in MISTAKE_KINDS
        rows = rows_by_file[Path(file).name]
        row = rows[line]
        if kind == "nik_excel":
            assert looks_excel_mangled(row["nik"])
            with pytest.raises(NikError, match="nik_excel_mangled"):
                parse_nik(row["nik"])
        elif kind == "nik_15_digits":
            assert re.fullmatch(r"[0-9]{15}", row["nik"])
        elif kind == "duplicate_nik":
            assert row["nik"] in {rows[earlier]["nik"] for earlier in range(2, line)}
        elif kind in CLEANABLE:
            assert row["nik"] != parse_nik(row["nik"]).nik
        elif kind == "date_dmy":
            assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", row["birth_date"])
        elif kind == "birth_date_mismatch":
            assert row["birth_date"] != parse_nik(row["nik"]).birth_date.isoformat()
        elif kind == "negative_income":
            assert int(row["monthly_income"]) < 0
    total = summary["worker_rows"]
    assert 0.01 * total < len(mistakes) < 0.035 * total
    assert set(Counter(mistakes.values())) == set(MISTAKE_KINDS)


def test_members_mix_listed_persons_and_workers_on_no_list(generated):
    out, _, regions, _ = generated
    listed = {}
    for _, pemda, category, _, rows in worker_files(out):
        for _, row in rows:
            listed.setdefault(row["nik"], (pemda, category))
    for month in AS_OF:
        _, members = read(out / "members" / f"members_{month}.csv")
        assert len({row["kpj"] for row in members}) == len(members)
        assert len({row["nik"] for row in members}) == len(members)
        on_lists = 0
        for row in members:
            parse_nik(row["nik"])
            assert row["segment"] in Segment.values
            assert row["payer_type"] in PayerType.values
            assert row["status"] in MemberStatus.values
            assert regions[row["region_code"]] in ("regency", "city", "district")
            assert row["enrolled_on"] < f"{month}-01"
            assert re.fullmatch(r"\d{4}-\d{2}", row["paid_until"])
            assert set(row["programs"].split(",")) <= {"JKK", "JKM", "JHT", "JP", "JKP"}
            if row["nik"] in listed:
                on_lists += 1
                pemda, category = listed[row["nik"]]
                if row["payer_type"] in (PayerType.APBD_REGENCY, PayerType.APBD_PROVINCE):
                    assert row["payer_region"] == pemda
                if row["payer_type"] == PayerType.APBDES:
                    assert category == Category.VILLAGE_OFFICIAL
                    assert is_within(row["payer_region"], pemda)
                    assert regions[row["payer_region"]] == "village"
                expected = (
                    Segment.PU
                    if category in (Category.NON_ASN, Category.VILLAGE_OFFICIAL)
                    else Segment.BPU
                )
                assert row["segment"] == expected
        assert 0.3 * len(listed) < on_lists < 0.8 * len(listed)
        # Small scales keep a minimum per list, so only a share of members is on no list.
        assert len(members) - on_lists > 0.3 * len(members)


def test_same_seed_same_bytes_other_seed_other_people(generated, tmp_path):
    out, first, *_ = generated
    again = generate_files(tmp_path / "again", scale=SCALE, seed=1, year=2022, as_of=AS_OF)
    other = generate_files(tmp_path / "other", scale=SCALE, seed=2, year=2022, as_of=AS_OF)
    assert digest(tmp_path / "again") == digest(out)
    assert {k: v for k, v in again.items() if k != "seconds"} == {
        k: v for k, v in first.items() if k != "seconds"
    }
    # Another seed draws other people (and another quarter of Pemda with vulnerable workers).
    different = digest(tmp_path / "other")
    assert (
        different["workers/6402_non_asn_2022.csv"] != digest(out)["workers/6402_non_asn_2022.csv"]
    )
    assert max(first["seconds"], again["seconds"], other["seconds"]) < 10


def test_command_prints_the_summary_as_json(tmp_path, capsys):
    call_command("generate", "--out", str(tmp_path), "--scale", "0.02", "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["member_files"] == 1
    assert (tmp_path / "members" / "members_2022-07.csv").exists()
    assert len(list((tmp_path / "workers").glob("*_2022.csv"))) == summary["worker_files"]


@pytest.mark.parametrize(
    "arguments",
    [["--scale", "0"], ["--scale", "-1"], ["--as-of", "2022-13"], ["--as-of", "juli"]],
)
def test_bad_arguments_are_usage_errors(tmp_path, arguments):
    with pytest.raises(UsageError) as raised:
        call_command("generate", "--out", str(tmp_path), *arguments)
    assert raised.value.returncode == 2


def test_an_empty_region_table_asks_for_setup(tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "_load_regions", generate._Regions)
    with pytest.raises(UsageError, match="pantau setup") as raised:
        call_command("generate", "--out", str(tmp_path))
    assert raised.value.returncode == 2

"""How `pantau import dir` shares a directory's worker lists into batches (`batches_of`): a
Pemda's lists always in one batch, however its code is written in the file names, in path
order; batches of about a hundred lists."""

from __future__ import annotations

from pantau.core.vocabulary import Kind
from pantau.ingest import directory
from pantau.ingest.types import ImportRequest


def _request(tmp_path, name: str, pemda: str) -> ImportRequest:
    path = tmp_path / name
    path.write_text("nik\n")
    return ImportRequest(path, Kind.WORKERS, pemda_code=pemda, category="non_asn", year=2022)


def test_a_pemdas_lists_share_a_batch_whatever_the_spelling(tmp_path, monkeypatch):
    monkeypatch.setattr(directory, "BATCH_FILES", 2)
    requests = [
        _request(tmp_path, "64.02_non_asn_2022.csv", "64.02"),
        _request(tmp_path, "6401_non_asn_2022.csv", "6401"),
        _request(tmp_path, "6401_rt_rw_2022.csv", "6401"),
        _request(tmp_path, "6402_non_asn_2022.csv", "6402"),
        _request(tmp_path, "6403_non_asn_2022.csv", "6403"),
    ]
    chunks = directory.batches_of(requests)
    names = [[request.path.name for request in chunk] for chunk in chunks]
    assert names == [
        ["64.02_non_asn_2022.csv", "6402_non_asn_2022.csv"],
        ["6401_non_asn_2022.csv", "6401_rt_rw_2022.csv"],
        ["6403_non_asn_2022.csv"],
    ]

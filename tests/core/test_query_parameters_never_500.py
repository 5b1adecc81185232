"""No crafted query parameter makes a server error: every page of every URL pattern, with
real codes and ids in its path, gets generated values (huge integers, Unicode digits, empty,
very long strings, NUL) for every parameter the views read, as each role. A parameter a
page cannot use is ignored (docs/dashboard.md, "Query parameters")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pantau
from pantau.budgets.models import Allocation
from pantau.ingest.models import ImportRun
from pantau.rules.forms import FORMS
from tests.dashboard.coverage_data import publish

# Every name a view reads from the query string (checked against the source below), and a
# few that Django's own views read.
PARAMETERS = (
    "kategori", "status", "format", "hal", "indikator", "unduh", "tabel", "bulan", "urut",
    "q", "tahun", "jenis", "page", "snapshot_page", "next", "language", "v", "wilayah",
    "grafik", "pembayar", "hal_tunggakan", "tempat", "daftar", "dari", "sampai",
    *sorted({name for form in FORMS.values() for name in form.base_fields}),
)  # fmt: skip
NASTY = ("", "²", "٣", "٢٠٢٥", "9223372036854775807", "-1", "0", "1e9", "\x00", "2025\x00",
         "x" * 5000, " 2025 ", "2025\n", "2031", "1999", "%", "../", "xlsx", "csv", "lapsed",
         "non_asn", "2022-07", "2022-13", "-peringkat", "riwayat", "iuran")  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
)
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=5)
ROLES = (("national", None), ("pemda", "64.02"), ("bpjs", "64"), ("viewer", None))
SKIPPED = ("admin/", "i18n/", "accounts/logout/")  # Django's own; logout is POST only


def patterns(resolvers=None, prefix=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


ROUTES = sorted(p for p in patterns() if not p.startswith(SKIPPED))


@pytest.fixture
def site(db, make_user):
    publish("2022-07", members={"": (10, 100), "64": (5, 10)},
            lists={("64", "non_asn"): (10, 5, 2, 3, 100)})  # fmt: skip
    users = [make_user(f"fuzz-{role}", role, region) for role, region in ROLES]
    run = ImportRun.objects.create(kind="workers", pemda_id="64.02", category="non_asn",
                                   year=2022, source_name="daftar.csv", user=users[1],
                                   status="failed", error="contoh / example")  # fmt: skip
    allocation = Allocation.objects.create(
        pemda_id="64.02", year=2022, category="non_asn", stage="murni", persons=1, amount=1,
        programs="JKK,JKM", source="form",
    )  # fmt: skip
    return users, {"code": "64.02", "province": "64", "pk": str(allocation.pk),
                   "uuid": str(run.pk), "kind": "workers", "fmt": "csv", "part": "acara",
                   "number": "1", "evidence": "1", "rest": "nothing-here"}  # fmt: skip


def url_of(route: str, values: dict) -> str:
    """The route with its path parameters filled with real codes and ids."""

    def fill(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        # A parameter no page had before (a new app's id): the first row's id.
        return values["uuid"] if converter == "uuid" else values.get(name, "1")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def test_no_query_parameter_makes_a_server_error(client, site):
    users, values = site
    urls = [url_of(route, values) for route in ROUTES]

    # One example per page at least (the first examples sweep the pages), then mixes.
    @settings(max_examples=len(urls) * 5, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])  # fmt: skip
    @given(url=st.sampled_from(urls), user=st.sampled_from(users), query=QUERIES)
    def check(url, user, query):
        client.force_login(user)
        response = client.get(url, query)
        assert response.status_code < 500, (url, user.role, query)

    check()


# The values of the reported server errors and their kin, in every parameter at once (and
# once more without the download switches, which return before the page is drawn).
SWEEP = ("²", "٣", "9223372036854775807", "\x00", "", "x" * 5000)


def test_each_reported_value_in_every_parameter_of_every_page(client, site):
    users, values = site
    client.force_login(users[0])  # national: every page but uploads and budget entry
    for value in SWEEP:
        everything = dict.fromkeys(PARAMETERS, value)
        pages = {k: v for k, v in everything.items() if k not in ("format", "unduh")}
        for route in ROUTES:
            url = url_of(route, values)
            for query in (everything, pages):
                assert client.get(url, query).status_code < 500, (url, value)


YEAR_PAGES = ("/anggaran/", "/wilayah/64/anggaran/", "/peringkat/", "/pemda/64.02/anggaran/",
              "/pemda/64.02/anggaran/baru/")  # fmt: skip


def test_the_reported_year_values_are_ignored(client, site):
    users, _values = site
    client.force_login(users[1])  # Kukar's officer: the budget entry page too
    for url in YEAR_PAGES:
        for value in ("²", "٣", "9223372036854775807", "\x00", "2031"):
            assert client.get(url, {"tahun": value}).status_code == 200, (url, value)


def test_every_parameter_a_view_reads_is_fuzzed():
    source = Path(pantau.__file__).parent
    read = set()
    for path in source.rglob("*.py"):
        read |= set(re.findall(r"request\.GET\.get\(\s*\"(\w+)\"", path.read_text()))
    assert read <= set(PARAMETERS), read - set(PARAMETERS)

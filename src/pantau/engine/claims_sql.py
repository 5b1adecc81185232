"""The claims indicators' SQL, shared by both engines (statements in `claims.sql`).

A refresh of the claims numbers reads two relations, which each engine registers its own way
(`backends/duckdb.py`, `backends/spark.py`): `claim_rows`, every current claims file's rows
with the file's snapshot id (one scan, as the lists are read), and `member_rows`, the NIK and
enrolment date of every current membership extract. Then the same statements run on both:

- `checked`: the claims in force (for each `claim_no`, the row of the newest file) with the
  three flags recomputed against the membership extracts current at refresh time: the
  amount differs from the `expected_amount` the import stored (`claim_amount_differs`); the
  NIK is in no current extract at all (`claim_not_member`); the event lies before the
  earliest `enrolled_on` of that NIK in them (`claim_before_enrolment`). The import stores
  only the amount flag: the other two depend on the extracts current at the time;
- `totals`: count, amount, Pemda-funded count and amount (payer type in `PEMDA_PAYERS`), and
  flagged claims per region at every level (rolled up from the work region), programme and
  month of payment;
- `flagged`: the flagged claims' person-level rows (`lake/claims/<generation>/flagged/`).
"""

from __future__ import annotations

from pathlib import Path

from pantau.core.vocabulary import PEMDA_PAYERS
from pantau.engine.reconcile import sql_sections
from pantau.lake import scan

STATEMENTS = sql_sections(Path(__file__).with_name("claims.sql").read_text(encoding="utf-8"))

# The columns a refresh reads from a claims file (docs/formats.md, the claims extract).
CLAIM_COLUMNS = ("claim_no", "nik", "name", "program", "event", "event_date", "paid_on", "amount",
                 "expected_amount", "expected_basis", "region_code", "payer_type",
                 "heir_relation", "source_row")  # fmt: skip
_PEMDA_PAYERS = ", ".join(scan.quoted(payer) for payer in PEMDA_PAYERS)
_FLAGS = f"""coalesce(c.expected_amount IS NOT NULL AND c.amount <> c.expected_amount, false)
        AS amount_differs,
    coalesce(c.payer_type IN ({_PEMDA_PAYERS}), false) AS pemda_funded"""
FLAGGED_SQL = STATEMENTS["flagged"]
# What the narrow `checked` table keeps of a claim, beside its flags (a million rows: the
# flagged claims' names and texts are read back from their files, `flagged`).
BASE = f"""c.snapshot, c.source_row, c.region_code, c.program, c.paid_on,
    CAST(date_trunc('month', c.paid_on) AS DATE) AS month,
    CAST(c.amount AS BIGINT) AS amount,
    {_FLAGS}"""


def checked_sql(files: int, extracts: int) -> str:
    """The claims in force of `files` claims files, checked against `extracts` membership
    extracts (`checked`). A NIK appears once in an extract (the import settles repeated
    NIKs), so with one extract its rows are joined as they are, without grouping them."""
    columns = ", ".join((*CLAIM_COLUMNS, "snapshot"))
    if files > 1:
        claims = STATEMENTS["in_force"].format(columns=columns)
    else:
        claims = f"SELECT {columns} FROM claim_rows"
    if extracts > 1:
        facts = STATEMENTS["member_facts"]
    else:
        facts = "SELECT nik, enrolled_on FROM member_rows"
    return STATEMENTS["checked"].format(base=BASE, claims=claims, member_facts=facts)


def _lookup_facts_sql(extracts: int) -> str:
    if extracts > 1:
        return STATEMENTS["lookup_facts"].format(extracts=int(extracts))
    # One file per claims file: a claim's row is there once, or not at all.
    return "SELECT snapshot, source_row, found, enrolled_on FROM lookups"


def checked_from_lookups_sql(files: int, extracts: int) -> str:
    """`checked` over the claims in force of `files` claims files, the membership flags from
    the pair files (`lookups`) of `extracts` extracts (`claims_lookup`)."""
    columns = ", ".join((*CLAIM_COLUMNS, "snapshot"))
    if files > 1:
        claims = STATEMENTS["in_force"].format(columns=columns)
    else:
        claims = f"SELECT {columns} FROM claim_rows"
    return STATEMENTS["checked_from_lookups"].format(
        base=BASE, claims=claims, facts=_lookup_facts_sql(extracts)
    )


def flagged_from_lookups_sql(extracts: int) -> str:
    """`flagged` of one claims file from the pair files of `extracts` extracts."""
    return STATEMENTS["flagged_from_lookups"].format(facts=_lookup_facts_sql(extracts))


def member_lookup_sql(extract: int) -> str:
    """The pair file of one claims file (`claim_rows`) and one extract (`member_rows`)."""
    return STATEMENTS["member_lookup"].format(extract=int(extract))


def deep_totals_sql(claims: list[tuple[int, str]], flagged_glob: str, within: str,
                    length: int, first: bool, last: bool) -> str:  # fmt: skip
    """`deep_totals` over a generation's claims files (`(snapshot, directory)`, oldest first):
    the claims in force whose work region is `within` or inside it, of code length `length`
    or more; `first`, `last`: `?` parameters for the months follow."""
    columns = ("claim_no", "region_code", "program", "paid_on", "amount", "payer_type")
    where = [f"(c.region_code = {scan.quoted(within)} "
             f"OR starts_with(c.region_code, {scan.quoted(within + '.')}))",
             f"length(c.region_code) >= {int(length)}"]  # fmt: skip
    if first:
        where.append("c.paid_on >= ?")
    if last:
        where.append("c.paid_on < ?")
    if len(claims) == 1:
        rows = claim_rows_sql(claims).replace(", ".join(CLAIM_COLUMNS), ", ".join(columns), 1)
    else:
        rows = STATEMENTS["in_force"].format(columns=", ".join(columns)).replace(
            "FROM claim_rows c", f"FROM ({claim_rows_sql(claims)}) c"
        )  # fmt: skip
    return STATEMENTS["deep_totals"].format(
        length=int(length), pemda_payers=_PEMDA_PAYERS, claims=rows,
        flagged=f"read_parquet({scan.quoted(flagged_glob)})", where=" AND ".join(where),
    )  # fmt: skip


MEASURES = ("count", "amount", "pemda_funded_count", "pemda_funded_amount", "flagged")
TOTALS_SQL = STATEMENTS["totals"].format(
    sums=", ".join(f"CAST(sum({m}) AS BIGINT) AS {m}" for m in MEASURES),
    columns=", ".join(f"CAST({m} AS BIGINT) AS {m}" for m in MEASURES),
)

# Totals of a region of these code lengths (district, village) are summed when asked from the
# generation's claims files (`deep_totals`); the others are in the database (docs/engine.md,
# "Claims").
DEEP_LENGTH = 8
TOTAL_COLUMNS = ("region_code", "parent_code", "program", "month", "count", "amount",
                 "pemda_funded_count", "pemda_funded_amount", "flagged")  # fmt: skip
# The reasons a claim is flagged, in the order pages list them, by the flag column of
# `flagged` that carries each.
REASONS = (
    ("amount_differs", "claim_amount_differs"),
    ("not_member", "claim_not_member"),
    ("before_enrolment", "claim_before_enrolment"),
)


# Bump when the files a claims generation writes change shape (its lineage then differs).
LAYOUT = 1


def claim_rows_sql(snapshots: list[tuple[int, str]]) -> str:
    """Every current claims file's rows with the file's snapshot id, in one scan."""
    if not snapshots:
        return STATEMENTS["no_claims"]
    if len(snapshots) == 1:  # the usual case: no file names to match
        (pk, directory), columns = snapshots[0], ", ".join(CLAIM_COLUMNS)
        glob = scan.quoted(f"{directory}/data/**/*.parquet")
        return (f"SELECT {columns}, CAST({int(pk)} AS BIGINT) AS snapshot "
                f"FROM read_parquet({glob}, hive_partitioning = true, "
                "hive_types = {'province_code': VARCHAR})")  # fmt: skip
    return scan.snapshots_sql(snapshots, CLAIM_COLUMNS)


def member_rows_sql(directories: list[str]) -> str:
    """NIK and enrolment date of every row of the given membership extracts."""
    if not directories:
        return STATEMENTS["no_members"]
    globs = ", ".join(scan.quoted(f"{directory}/data/**/*.parquet") for directory in directories)
    return (
        f"SELECT nik, enrolled_on FROM read_parquet([{globs}], hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    )


def national_counts(rows: list[tuple]) -> dict:
    """Claims and flagged claims in force, from the nation's total rows."""
    national = [row for row in rows if row[0] == ""]
    count, flagged = TOTAL_COLUMNS.index("count"), TOTAL_COLUMNS.index("flagged")
    return {"claims": sum(row[count] for row in national),
            "flagged": sum(row[flagged] for row in national)}  # fmt: skip

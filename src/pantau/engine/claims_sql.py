"""The claims indicators' SQL, shared by both engines (statements in `claims.sql`).

A refresh of the claims numbers reads two relations, which each engine registers its own way
(`backends/duckdb.py`, `backends/spark.py`): `claim_rows`, every current claims file's rows
with the file's snapshot id (one scan, as the lists are read), and `member_rows`, the NIK and
enrolment date of every current membership extract. Then the same statements run on both:

- `checked`: the claims in force (for each `claim_no`, the row of the newest file) with the
  three flags recomputed against the membership extracts current at refresh time: the
  amount differs from the `expected_amount` the import stored (`claim_amount_differs`); the
  NIK is in no current extract at all (`claim_not_member`); the event lies before the
  earliest `enrolled_on` of that NIK in them (`claim_before_enrolment`);
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
CHECKED_SQL = STATEMENTS["checked"].format(
    pemda_payers=", ".join(scan.quoted(payer) for payer in PEMDA_PAYERS)
)
TOTALS_SQL = STATEMENTS["totals"]
FLAGGED_SQL = STATEMENTS["flagged"]
COUNTS_SQL = STATEMENTS["counts"]
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

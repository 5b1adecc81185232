"""Checking a BPJS claims extract: the SQL of its one pass, and what needs every row first.

The same machinery as worker lists and membership extracts (`validation`): one DuckDB
statement reads `raw`, types and checks each row, and its rows are written as Parquet
partitioned by province (by pyarrow: `partitions`); then `settle` rejects repeated claim
numbers, rewriting the files only when a number repeats, and flags the claims against the
current membership extracts.

Values as people write them:
- `program`: upper-cased; "Jaminan Kematian" and the other full names are the codes.
- `event`: lower-cased, spaces and dashes as underscores, and these Indonesian words:

  | written (any case)                                     | event                |
  |--------------------------------------------------------|----------------------|
  | meninggal, meninggal_dunia, kematian, wafat, md         | death                |
  | kecelakaan, kecelakaan_kerja, kk, kecelakaan_kerja_ringan | accident           |
  | cacat_total, cacat_total_tetap, cacat_tetap_total       | disability_total     |
  | cacat_sebagian, cacat_sebagian_anatomis, cacat_sebagian_fungsi | disability_partial |
  | penyakit_akibat_kerja, pak                              | occupational_disease |
  | hari_tua, usia_pensiun, mencapai_usia_pensiun, pensiun  | old_age              |
  | berhenti_bekerja, mengundurkan_diri, resign; JHT: phk   | resignation          |
  | kehilangan_pekerjaan; other programmes: phk             | job_loss             |

  (`pemutusan_hubungan_kerja` is read as `phk`.)

  The event must be one its programme pays for (`core.vocabulary.CLAIM_EVENTS`), else
  `claim_event_invalid`.
- `event_date`, `paid_on`: dates as every import reads them (`parse_date`), not in the
  future; `amount`, `scholarship`, `wage`: whole Rupiah (`parse_amount`); `amount` is
  required.
- `region_code`: the work region, a regency, city, district or village (never a province
  alone), inside the uploader's region; `payer_type`, `payer_region` and `segment` as in
  the membership extract.

The expected amount comes from `rules.claims.claim_schedule()` (the law as rows, matched on
programme, event and event date: `expected_sql`): `expected_amount` = max(wage_factor × wage,
wage_part_min) + fixed (a wage-less rule: fixed), NULL when the claim cannot be checked (no
row for it, or a wage-based benefit without a wage): what `rules.claims.expected_claim` says.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pantau.core.vocabulary import CLAIM_EVENTS, PROGRAMS
from pantau.ingest.validation import (
    ISSUES_TYPE,
    NIK_ISSUE_COLUMN,
    NIK_ISSUE_VALUE,
    PARQUET_OPTIONS,
    PAYER_TYPE_SQL,
    REJECTED,
    SEGMENT_SQL,
    STORED_COLUMNS,
    Context,
    Rule,
    _amount_rules,
    _files,
    _issues_sql,
    _nik_code,
    _rule,
    _text_rules,
    among,
    nik_births_table,
    payer_rules,
    repeats,
    segment_rule,
)
from pantau.ingest.validation import open_checked as open_rows

# The flags a claim can carry (warnings: the row is accepted and counted).
FLAGS = ("claim_amount_differs", "claim_not_member", "claim_before_enrolment")

# Written event (normalised: lower case, words joined by "_") → event.
EVENT_WORDS = {
    "meninggal": "death", "meninggal_dunia": "death", "kematian": "death", "wafat": "death",
    "md": "death", "dead": "death",
    "kecelakaan": "accident", "kecelakaan_kerja": "accident", "kk": "accident",
    "kecelakaan_kerja_ringan": "accident", "work_accident": "accident",
    "cacat_total": "disability_total", "cacat_total_tetap": "disability_total",
    "cacat_tetap_total": "disability_total", "total_disability": "disability_total",
    "cacat_sebagian": "disability_partial", "cacat_sebagian_anatomis": "disability_partial",
    "cacat_sebagian_fungsi": "disability_partial", "partial_disability": "disability_partial",
    "penyakit_akibat_kerja": "occupational_disease", "pak": "occupational_disease",
    "hari_tua": "old_age", "usia_pensiun": "old_age", "mencapai_usia_pensiun": "old_age",
    "pensiun": "old_age", "retirement": "old_age",
    "berhenti_bekerja": "resignation", "mengundurkan_diri": "resignation",
    "resign": "resignation",
    "kehilangan_pekerjaan": "job_loss",
}  # fmt: skip

# Written programme (upper case, letters only) → programme.
PROGRAM_WORDS = {
    "JAMINANKECELAKAANKERJA": "JKK", "JAMINANKEMATIAN": "JKM", "JAMINANHARITUA": "JHT",
    "JAMINANPENSIUN": "JP", "JAMINANKEHILANGANPEKERJAAN": "JKP",
}  # fmt: skip


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def expected_sql() -> tuple[str, str]:
    """(expected amount, its basis) as SQL over a row's program, event, event_date, wage.

    `rules.claims.claim_schedule()` written as CASE expressions: the schedule has a few
    rows, and a join with date ranges on every row of the file cost a third of the
    checking pass.
    """
    from pantau.rules.claims import claim_schedule

    amounts, bases = [], []
    for row in claim_schedule():
        when = (
            f"program = {_literal(row.program)} AND event = {_literal(row.event)} "
            f"AND event_date >= DATE '{row.valid_from.isoformat()}'"
        )
        if row.valid_to is not None:
            when += f" AND event_date < DATE '{row.valid_to.isoformat()}'"
        if row.wage_factor:
            amount = (
                f"CASE WHEN wage > 0 THEN greatest({int(row.wage_factor)} * wage, "
                f"{int(row.wage_part_min)}) + {int(row.fixed)} END"
            )
        else:
            amount = f"{int(row.fixed)}"
        amounts.append(f"WHEN {when} THEN CAST({amount} AS BIGINT)")
        bases.append(f"WHEN {when} THEN {_literal(row.basis_id)}")
    if not amounts:
        return "NULL::BIGINT", "NULL::VARCHAR"
    return f"CASE {' '.join(amounts)} END", f"CASE {' '.join(bases)} END"


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in sorted(values))


def _map_sql(key: str, mapping: dict[str, str]) -> str:
    return "CASE " + " ".join(f"WHEN {key} = '{k}' THEN '{v}'" for k, v in mapping.items())


def build_claims_sql(context: Context, present: set[str]) -> str:
    """The SELECT that checks and types a claims extract's `raw` (see the module)."""
    today = context.day

    def col(name: str) -> str:
        return f'"{name}"' if name in present else "NULL::VARCHAR"

    def text(name: str) -> str:
        return f"nullif(trimmed({col(name)}), '') AS {name}"

    def raw(name: str) -> str:
        return f"nullif({col(name)}, '') AS {name}_raw"

    pre = [
        "_row",
        f"{col('nik')} AS nik_raw",
        f"clean_nik({col('nik')}) AS nik",
        f"exact_nik({col('nik')}) AS nik_exact",
        text("claim_no"),
        text("name"),
        raw("program"),
        raw("event"),
        raw("event_date"),
        raw("paid_on"),
        raw("amount"),
        raw("scholarship"),
        raw("wage"),
        f"nullif(trimmed({col('region_code')}), '') AS region_raw",
        raw("payer_type"),
        raw("payer_region"),
        raw("segment"),
        text("branch"),
        text("heir_relation"),
    ]
    event_key = "regexp_replace(regexp_replace(lower(trim(event_raw)), '[^a-z]+', '_', 'g'), '^_|_$', '', 'g')"  # noqa: E501
    program_key = "regexp_replace(upper(program_raw), '[^A-Z]', '', 'g')"
    event_list = sorted({event for pair in CLAIM_EVENTS.values() for event in pair})
    typed = [
        "*",
        """CASE WHEN nik_exact THEN true
                ELSE coalesce(length(nik) = 16 AND digits_only(nik), false) END AS nik_ok""",
        # No birth date or sex in a claims extract: the NIK rules that compare them skip.
        "NULL::DATE AS birth_date",
        "NULL::VARCHAR AS sex",
        "NULL::VARCHAR AS birth_date_raw",
        "NULL::VARCHAR AS sex_raw",
        f"""CASE WHEN {among("program_raw", PROGRAMS)} THEN program_raw
                 ELSE coalesce({_map_sql(program_key, PROGRAM_WORDS)} END,
                               upper(trim(program_raw))) END AS program""",
        # The written event as a key; `named` below turns it into the event.
        f"""CASE WHEN {among("event_raw", event_list)} THEN event_raw ELSE {event_key} END
                AS event_key""",
        "parse_date(event_date_raw) AS event_date",
        "parse_date(paid_on_raw) AS paid_on",
        "parse_amount(amount_raw) AS amount",
        "parse_amount(scholarship_raw) AS scholarship",
        "parse_amount(wage_raw) AS wage",
        "region_code(region_raw) AS region_code",
        PAYER_TYPE_SQL,
        "region_code(payer_region_raw) AS payer_region",
        SEGMENT_SQL,
    ]

    pre_names = [item.rsplit(" AS ", 1)[1] for item in pre[1:]]
    all_raw = " || '|' || ".join(
        f"coalesce({name}, '')" for name in pre_names if name not in ("nik", "nik_exact")
    )
    skip = f"""CASE WHEN nik IS NULL THEN (
        regexp_full_match({all_raw}, '[|\\s]*')
        OR regexp_matches(lower({all_raw}), '(^|\\|)\\s*(jumlah|total|grand total|sub ?total)'))
        ELSE false END"""

    # An event its programme pays for (an unknown programme: any known event, so that only
    # the programme is reported).
    event_paid = (
        "CASE program "
        + " ".join(f"WHEN '{p}' THEN {among('event', e)}" for p, e in CLAIM_EVENTS.items())
        + f" ELSE {among('event', event_list)} END"
    )
    day = f"DATE '{today.isoformat()}'"
    rules = [
        Rule("nik_code IS NOT NULL", "nik_code", NIK_ISSUE_COLUMN, NIK_ISSUE_VALUE),
        _rule("claim_no IS NULL", "claim_no_missing", "claim_no"),
        *_text_rules(["claim_no", "name", "branch", "heir_relation"]),
        _rule(f"program IS NULL OR NOT {among('program', PROGRAMS)}", "program_invalid", "program",
              "program_raw"),
        _rule(f"event IS NULL OR NOT ({event_paid})", "claim_event_invalid", "event",
              "event_raw"),
        _rule("event_date IS NULL", "event_date_invalid", "event_date", "event_date_raw"),
        _rule(f"event_date > {day}", "event_date_future", "event_date", "event_date_raw"),
        _rule("paid_on IS NULL", "paid_on_invalid", "paid_on", "paid_on_raw"),
        _rule(f"paid_on > {day}", "paid_on_future", "paid_on", "paid_on_raw"),
        _rule("blank(amount_raw)", "amount_missing", "amount"),
        *_amount_rules("amount"),
        *_amount_rules("scholarship"),
        *_amount_rules("wage"),
        segment_rule(),
        *payer_rules(),
    ]  # fmt: skip
    region_chain = [
        ("region_raw IS NULL", "region_missing", "NULL"),
        ("region_level IS NULL", "region_unknown", "region_raw"),
        ("region_level = 'province'", "region_level", "region_code"),
    ]
    if context.extract_region:
        region = context.extract_region
        region_chain.append(
            (f"NOT (region_code = '{region}' OR starts_with(region_code, '{region}.'))",
             "claim_region_outside", "region_code")
        )  # fmt: skip
    region_code_sql = (
        "CASE " + " ".join(f"WHEN {cond} THEN '{code}'" for cond, code, _ in region_chain) + " END"
    )
    region_value_sql = (
        "CASE region_issue "
        + " ".join(f"WHEN '{code}' THEN {value}" for _, code, value in region_chain)
        + " END"
    )
    rules.append(Rule("region_issue IS NOT NULL", "region_issue", "'region_code'",
                      region_value_sql))  # fmt: skip

    warnings = [
        _rule(
            "nik_ok AND NOT nik_district_known",
            "nik_district_unknown",
            "nik",
            "concat_ws('.', substr(nik, 1, 2), substr(nik, 3, 2), substr(nik, 5, 2))",
        ),
        _rule(
            "expected_amount IS NOT NULL AND amount IS NOT NULL AND amount <> expected_amount",
            "claim_amount_differs",
            "amount",
            # What the report shows: the amount as people read it, and its regulation.
            "'Rp' || replace(format('{:,}', expected_amount), ',', '.') "
            "|| coalesce(', ' || split_part(expected_basis, ':', 1), '')",
        ),
    ]
    nik_code_sql = _nik_code(today, context.provinces, birth_date_must_match=False)
    expected_amount, expected_basis = expected_sql()
    stored = STORED_COLUMNS["claims"]
    return f"""
    WITH pre AS (SELECT {", ".join(pre)} FROM raw),
    typed AS (SELECT {", ".join(typed)} FROM pre WHERE NOT ({skip})),
    named AS (
        SELECT * EXCLUDE (event_key),
            CASE WHEN {among("event_key", event_list)} THEN event_key
                 -- PHK: JHT paid out on leaving work; for JKP, the job loss it insures.
                 WHEN event_key IN ('phk', 'pemutusan_hubungan_kerja') THEN
                     CASE WHEN program = 'JHT' THEN 'resignation' ELSE 'job_loss' END
                 ELSE coalesce({_map_sql("event_key", EVENT_WORDS)} END, event_key) END
                AS event
        FROM typed
    ),
    -- The file's rows on the left, small tables on the right (see `validation.build_sql`).
    joined AS (
        SELECT t.*, nb.birth AS nik_birth, nb.sex AS nik_sex,
            nd.digits IS NOT NULL AS nik_district_known,
            r.level AS region_level, pr.level AS payer_level
        FROM named t
        LEFT JOIN {nik_births_table(today)} nb
            ON nb.ddmmyy = CASE WHEN t.nik_ok THEN substr(t.nik, 7, 6) END
        LEFT JOIN nik_districts nd ON nd.digits = CASE WHEN t.nik_ok THEN substr(t.nik, 1, 6) END
        LEFT JOIN regions r ON r.code = t.region_code
        LEFT JOIN regions pr ON pr.code = t.payer_region
    ),
    expected AS (SELECT *, {expected_amount} AS expected_amount FROM joined),
    coded AS (
        SELECT j.*,
            CASE WHEN expected_amount IS NOT NULL THEN {expected_basis} END AS expected_basis,
            {nik_code_sql} AS nik_code, {region_code_sql} AS region_issue
        FROM expected j
    ),
    checked AS (
        SELECT _row, {", ".join(stored)}, nik_raw,
            {_issues_sql(rules)} AS errors,
            {_issues_sql(warnings)} AS warnings
        FROM coded
    )
    SELECT {", ".join(stored)}, _row AS source_row, errors, warnings,
        CASE WHEN errors IS NOT NULL THEN nik_raw END AS nik_raw,
        CASE WHEN errors IS NOT NULL THEN '{REJECTED}' ELSE substr(region_code, 1, 2) END
            AS province_code
    FROM checked
    """


def _members_source(memberships: list[Path]) -> str:
    paths = ", ".join(f"'{path}/**/*.parquet'" for path in memberships)
    return (
        f"read_parquet([{paths}], hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    )


def settle(con, directory: Path, memberships: list[Path]) -> int:
    """Reject repeated claim numbers; find the claims' membership flags.

    Every later row of a `claim_no` seen before in the file is rejected
    (`claim_no_duplicate`, naming the first row; the files are rewritten only then): one
    person may have several claims, so NIKs may repeat.

    Then each accepted claim is flagged `claim_not_member` when its NIK is in none of
    `memberships` (the data directories of the current membership extracts), and
    `claim_before_enrolment` when its event date lies before the earliest enrolment date
    of that NIK there. Only `nik` and `enrolled_on` are read from the extracts, and the
    hash table is built on the claims (`_membership_sql`). These flags are kept in the
    TEMP table `claim_flags` for the report and the counts (`open_checked`), not written
    into the snapshot: they depend on the extracts current at the time, and the engine
    recomputes them at every refresh (the stored `warnings` hold the row's own:
    `nik_district_unknown`, `claim_amount_differs`). Returns the rows rejected.
    """
    rejected = _mark_duplicates(con, directory)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE claim_flags AS
        SELECT source_row AS flagged_row, list_filter([
            CASE WHEN NOT member THEN issue('claim_not_member', 'nik', NULL) END,
            CASE WHEN event_date < enrolled_on
                 THEN issue('claim_before_enrolment', 'event_date', enrolled_on) END
            ], lambda x: x IS NOT NULL) AS flags
        FROM ({_membership_sql(directory, memberships)})
        WHERE NOT member OR event_date < enrolled_on"""
    )
    return rejected


def _membership_sql(directory: Path, memberships: list[Path]) -> str:
    """Each accepted claim's `source_row`, `event_date`, whether its NIK is a `member` and
    its earliest `enrolled_on` in `memberships`.

    One join, the extracts' rows on the left: the claims are the side DuckDB builds its
    hash table on (the optimizer that would swap them is off, `importer`), so a national
    extract of millions only probes it; the RIGHT join keeps the claims no extract has.
    """
    accepted = f"SELECT source_row, nik, event_date FROM {_files(directory)} WHERE errors IS NULL"
    claims = f"({accepted}) c"
    if not memberships:
        return f"""SELECT source_row, event_date, false AS member, NULL::DATE AS enrolled_on
            FROM {claims}"""
    joined = f"""FROM (SELECT nik AS member_nik, enrolled_on FROM {_members_source(memberships)}) m
        RIGHT JOIN {claims} ON m.member_nik = c.nik"""
    if len(memberships) == 1:
        # A NIK is in an extract once (`validation.mark_duplicates`): a row per claim.
        return f"""SELECT c.source_row, c.event_date, m.member_nik IS NOT NULL AS member,
            m.enrolled_on {joined}"""
    return f"""SELECT c.source_row, any_value(c.event_date) AS event_date,
        bool_or(m.member_nik IS NOT NULL) AS member, min(m.enrolled_on) AS enrolled_on
        {joined} GROUP BY c.source_row"""


def _mark_duplicates(con, directory: Path) -> int:
    """Reject every later row of a repeated claim number (see `settle`)."""
    files = _files(directory)
    if not repeats(con, files, "claim_no"):
        return 0
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE duplicate_claims AS
        SELECT claim_no AS dup_claim, min(source_row) AS first_row FROM {files}
        WHERE claim_no IS NOT NULL GROUP BY claim_no HAVING count(*) > 1"""
    )
    late = "d.first_row IS NOT NULL AND t.source_row > d.first_row"
    rejected = con.execute(
        f"""SELECT count(*) FROM {files} t
        JOIN duplicate_claims d ON d.dup_claim = t.claim_no WHERE {late}"""
    ).fetchall()[0][0]
    if not rejected:
        return 0
    # A duplicate keeps its other errors.
    marked = f"""
        SELECT t.* EXCLUDE (errors, nik_raw, province_code),
            CASE WHEN NOT late THEN t.errors
                 WHEN t.errors IS NULL
                     THEN to_json([issue('claim_no_duplicate', 'claim_no', first_row)])
                 ELSE to_json(list_append(from_json(t.errors, {ISSUES_TYPE}),
                                          issue('claim_no_duplicate', 'claim_no', first_row)))
                 END AS errors,
            CASE WHEN late THEN coalesce(t.nik_raw, t.nik) ELSE t.nik_raw END AS nik_raw,
            CASE WHEN late THEN '{REJECTED}' ELSE t.province_code END AS province_code
        FROM (SELECT t.*, d.first_row, coalesce({late}, false) AS late
              FROM {files} t LEFT JOIN duplicate_claims d ON d.dup_claim = t.claim_no) t
    """
    columns = ", ".join(STORED_COLUMNS["claims"])
    ordered = f"""SELECT {columns}, source_row, errors, warnings, nik_raw, province_code
        FROM ({marked})"""
    rewritten = directory.with_name(directory.name + ".dedup")
    con.execute(
        f"COPY ({ordered}) TO '{rewritten}' ({PARQUET_OPTIONS}, PARTITION_BY (province_code))"
    )
    shutil.rmtree(directory)
    rewritten.rename(directory)
    return int(rejected)


# The rows of a claims extract with their membership flags among the warnings: what
# `open_checked` and `people_regions` read.
ROWS_VIEW = "claim_rows"


def open_checked(con, directory: Path) -> None:
    """`validation.open_checked` over the claims with their membership flags (`settle`)."""
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW {ROWS_VIEW} AS
        SELECT t.* EXCLUDE (warnings),
            CASE WHEN f.flags IS NULL THEN t.warnings
                 ELSE to_json(list_concat(coalesce(from_json(t.warnings, {ISSUES_TYPE}), []),
                                          f.flags)) END AS warnings
        FROM {_files(directory)} t LEFT JOIN claim_flags f ON f.flagged_row = t.source_row"""
    )
    open_rows(con, directory, source=ROWS_VIEW)


# Accepted rows of the view `checked` (`validation.open_checked`) with a flag, as a SQL
# aggregate.
FLAGGED_COUNT_SQL = (
    "count(*) FILTER (NOT rejected AND len(list_filter(warnings, lambda w: w.code IN ("
    + _quoted(FLAGS)
    + "))) > 0)"
)


__all__ = [
    "FLAGGED_COUNT_SQL", "FLAGS", "ROWS_VIEW", "build_claims_sql", "expected_sql", "open_checked",
    "settle",
]  # fmt: skip

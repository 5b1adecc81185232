"""Row-level validation as one DuckDB SQL pass over the table `raw`.

Vectorised SQL instead of a Python loop per row: ten million rows must validate in
seconds (issue 3's benchmark). `pantau.ingest.nik` is the same NIK rule in Python,
for single values and for the tests that hold the two to the same answers.

Output (`write`): Parquet files partitioned by province, the lake's layout, holding the
typed columns, `source_row`, and `errors` and `warnings` (NULL when there are none, else
a JSON list of `{code, col, value}` with codes from `pantau.ingest.messages`). Rejected
rows (any error) go to the partition `province_code=rejected`, which the pipeline turns
into the error report and then deletes. One pass reads, checks and writes; duplicates
need every row seen first, so `mark_duplicates` settles them afterwards.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pantau.core.vocabulary import Kind, PayerType, Segment
from pantau.ingest import partitions
from pantau.ingest.formats import PLACE_COLUMNS
from pantau.ingest.places import PLACE_ISSUES, placed_sql


def among(expr: str, values) -> str:
    """Whether `expr` is one of `values` (false for NULL), as a CASE: DuckDB turns an IN of
    five or more constants, and list_contains(), into a join against the list, which cost
    a quarter of the checking pass."""
    cases = " ".join(f"WHEN '{value}' THEN true" for value in values)
    return f"CASE {expr} {cases} ELSE false END" if cases else "false"


# Bump when a rule changes: every snapshot records the version that checked it.
RULES_VERSION = "2025.1"

MAX_TEXT = 200
REJECTED = "rejected"  # the partition that holds rejected rows until the report is written
# The JSON shape of the `errors` and `warnings` columns, for from_json().
ISSUES_TYPE = """'[{"code": "VARCHAR", "col": "VARCHAR", "value": "VARCHAR"}]'"""


@dataclass(frozen=True)
class Context:
    kind: str
    pemda_code: str | None = None  # workers: region codes must lie inside it
    extract_region: str = ""  # members: region codes must lie inside it ("": anywhere)
    today: date | None = None  # NIK century: YY above this year's YY means 19YY
    other_lists: bool = False  # a table `other_niks(nik, category)` is registered
    provinces: tuple[str, ...] = ()  # the known province codes (from the region table)
    # Many worker lists in one statement (`pantau.ingest.batch`): `raw` has `_file` (the
    # list's number, kept in the output) and `_pemda` (its Pemda, instead of pemda_code).
    batch: bool = False

    @property
    def day(self) -> date:
        return self.today or date.today()


# The macros the checking statement uses: static SQL, kept beside this module.
MACROS = (Path(__file__).with_name("validation.sql")).read_text(encoding="utf-8")


def nik_births_table(today: date) -> str:
    """The name of the table `create_nik_births` makes for `today` (see `build_sql`)."""
    return f"nik_births_{today:%Y%m%d}"


def create_nik_births(con, today: date) -> str:
    """Every valid `DDMMYY` of a NIK (women's day + 40) with its birth date and sex.

    A NIK's year has two digits: above this year's two digits it is 19YY, else 20YY;
    dates after today are not births. Joining this table of 73,000 rows is cheaper than
    computing the date from the digits row by row. It is made once per process and day
    (the pipeline's shared database), not in every import's query, which a thousand small
    lists would each pay (docs/benchmarks.md, "Why the code is shaped so"). Returns the
    table's name.
    """
    first = date(1900 + today.year % 100 + 1, 1, 1)
    name = nik_births_table(today)
    con.execute(f"""
    CREATE TABLE IF NOT EXISTS {name} AS
    WITH nik_days AS (
        SELECT CAST(range AS DATE) AS d
        FROM range(DATE '{first.isoformat()}', DATE '{today.isoformat()}' + INTERVAL 1 DAY,
                   INTERVAL 1 DAY)
    )
    SELECT strftime(d, '%d%m%y') AS ddmmyy, d AS birth, 'M' AS sex FROM nik_days
    UNION ALL
    SELECT lpad(CAST(day(d) + 40 AS VARCHAR), 2, '0') || strftime(d, '%m%y'), d, 'F'
    FROM nik_days""")
    return name


def _nik_code(today: date, provinces, birth_date_must_match: bool = True) -> str:
    """The first NIK problem, in the order people should fix them (one per row).

    A membership extract's birth date comes from BPJS's records, which a Pemda cannot
    correct: there a birth date that differs from the NIK's is a warning
    (`member_birth_date_differs`), kept so the reconciliation can flag the person.
    """
    birth_date = (
        "WHEN birth_date IS NOT NULL AND birth_date <> nik_birth THEN 'nik_birth_date_mismatch'"
        if birth_date_must_match
        else ""
    )
    # Most NIKs are well formed: the regular expressions run only on the others.
    return f"""CASE
        WHEN nik IS NULL THEN 'nik_missing'
        WHEN NOT nik_ok THEN
            CASE WHEN excel_mangled(nik_raw) THEN 'nik_excel_mangled' ELSE 'nik_format' END
        WHEN NOT {among("substr(nik, 1, 2)", provinces)} THEN 'nik_province'
        WHEN nik_birth IS NULL THEN 'nik_birth_date'
        WHEN substr(nik, 13, 4) = '0000' THEN 'nik_serial'
        {birth_date}
        WHEN sex IS NOT NULL AND sex <> nik_sex THEN 'nik_sex_mismatch'
    END"""


NIK_ISSUE_COLUMN = """CASE nik_code WHEN 'nik_birth_date_mismatch' THEN 'birth_date'
    WHEN 'nik_sex_mismatch' THEN 'sex' ELSE 'nik' END"""
NIK_ISSUE_VALUE = """CASE nik_code WHEN 'nik_missing' THEN NULL
    WHEN 'nik_province' THEN substr(nik, 1, 2)
    WHEN 'nik_birth_date_mismatch' THEN birth_date_raw WHEN 'nik_sex_mismatch' THEN sex_raw
    ELSE nik_raw END"""


@dataclass(frozen=True)
class Rule:
    """One check: when `condition` holds, the row gets issue (code, column, value)."""

    condition: str
    code: str  # a SQL expression (usually a quoted literal)
    column: str  # a SQL expression
    value: str  # a SQL expression


def _rule(condition: str, code: str, column: str, value: str = "NULL") -> Rule:
    return Rule(condition, f"'{code}'", f"'{column}'", value)


def other_categories_sql(column: str = "category") -> str:
    """The other lists a NIK is on, one text in a fixed order (the warning's value)."""
    return f"string_agg(DISTINCT {column}, ', ' ORDER BY {column})"


def _issues_sql(rules: list[Rule]) -> str:
    """A list of issues as JSON text, built only for rows that have one; NULL for the others.

    Text, not a list of structs: DuckDB's partitioned writer spends two CPU-seconds per
    ten million rows on nested columns even when they are NULL (docs/benchmarks.md).
    """
    if not rules:
        return "NULL"
    # In a WHEN, NULL counts as false: no coalesce needed around each condition.
    any_issue = " OR ".join(f"({rule.condition})" for rule in rules)
    items = ", ".join(
        f"CASE WHEN {rule.condition} THEN issue({rule.code}, {rule.column}, {rule.value}) END"
        for rule in rules
    )
    return (
        f"CASE WHEN {any_issue} THEN to_json(list_filter([{items}], lambda e: e IS NOT NULL)) END"
    )


def _text_rules(columns: list[str]) -> list[Rule]:
    rules = []
    for column in columns:
        # strlen (bytes) is stored with the string; length (characters) reads it.
        rules.append(_rule(f"CASE WHEN strlen({column}) > {MAX_TEXT} "
                           f"THEN length({column}) > {MAX_TEXT} END", "too_long", column,
                           f"left({column}, 40) || '…'"))  # fmt: skip
        rules.append(_rule(f"formula_like({column})", "formula", column, column))
    return rules


def _amount_rules(column: str) -> list[Rule]:
    raw = f"{column}_raw"
    return [
        _rule(
            f"CASE WHEN {column} IS NULL THEN NOT blank({raw}) END", "amount_invalid", column, raw
        ),
        _rule(f"{column} < 0", "amount_negative", column, raw),
    ]


def _date_rule(column: str, code: str) -> Rule:
    raw = f"{column}_raw"
    return _rule(f"CASE WHEN {column} IS NULL THEN NOT blank({raw}) END", code, column, raw)


# The segment and payer columns as membership and claims extracts type them.
SEGMENT_SQL = """CASE WHEN segment_raw IN ('PU', 'BPU', 'JAKON', 'PMI') THEN segment_raw
        ELSE CASE upper(replace(segment_raw, ' ', ''))
        WHEN 'PENERIMAUPAH' THEN 'PU' WHEN 'BUKANPENERIMAUPAH' THEN 'BPU'
        WHEN 'JASAKONSTRUKSI' THEN 'JAKON' WHEN 'PEKERJAMIGRAN' THEN 'PMI'
        WHEN 'PEKERJAMIGRANINDONESIA' THEN 'PMI'
        ELSE upper(trim(segment_raw)) END END AS segment"""
PAYER_TYPE_SQL = f"""CASE WHEN {among("payer_type_raw", PayerType.values)}
        THEN payer_type_raw
        ELSE lower(replace(trim(payer_type_raw), ' ', '_')) END AS payer_type"""


def segment_rule() -> Rule:
    segments = ", ".join(f"'{s}'" for s in Segment.values)
    return _rule(
        f"segment IS NULL OR segment NOT IN ({segments})", "segment_invalid", "segment",
        "segment_raw",
    )  # fmt: skip


def payer_rules() -> list[Rule]:
    """The payer type must be known; an APBD or APBDes payer names its region, of the
    payer's level (`payer_level`: the level of `payer_region`, joined from `regions`)."""
    return [
        _rule(f"payer_type IS NULL OR NOT {among('payer_type', PayerType.values)}",
              "payer_type_invalid",
              "payer_type", "payer_type_raw"),
        _rule("payer_type IN ('apbd_province', 'apbd_regency', 'apbdes') "
              "AND payer_region_raw IS NULL", "payer_region_missing", "payer_region"),
        _rule("""payer_region_raw IS NOT NULL AND (payer_level IS NULL
              OR (payer_type = 'apbd_province' AND payer_level <> 'province')
              OR (payer_type = 'apbd_regency' AND payer_level NOT IN ('regency', 'city'))
              OR (payer_type = 'apbdes' AND payer_level <> 'village'))""",
              "payer_region_invalid", "payer_region", "payer_region_raw"),
    ]  # fmt: skip


def build_sql(context: Context, present: set[str]) -> str:
    """The SELECT that checks and types `raw`, for the columns the file has."""
    today = context.day
    members = context.kind == Kind.MEMBERS

    def col(name: str) -> str:
        return f'"{name}"' if name in present else "NULL::VARCHAR"

    # A worker list that names no place puts everyone at its Pemda (one warning for the
    # file: `importer`); one naming districts or villages resolves them (`places`).
    unplaced = not members and not present.intersection(PLACE_COLUMNS)
    named = not members and bool(present.intersection(("district_name", "village_name")))
    pemda = "_pemda" if context.batch else f"'{context.pemda_code or ''}'"
    region_text = pemda if unplaced else col("region_code")
    carried = ["_row", "_file", "_pemda"] if context.batch else ["_row"]

    # Stage 1: the text. Only stored free text is trimmed here; every parser below takes
    # a cheap exact path first and trims only when that fails (trimming every column was
    # most of the remaining validation time).
    pre = [
        *carried,
        f"{col('nik')} AS nik_raw",
        f"clean_nik({col('nik')}) AS nik",
        # The same expression as inside clean_nik: DuckDB computes it once for both.
        f"exact_nik({col('nik')}) AS nik_exact",
        f"nullif(trimmed({col('name')}), '') AS name",
        f"nullif({col('birth_date')}, '') AS birth_date_raw",
        f"nullif({col('sex')}, '') AS sex_raw",
        f"nullif(trimmed({region_text}), '') AS region_raw",
    ]
    if named:
        pre += [
            f"nullif(trimmed({col('district_name')}), '') AS district_raw",
            f"nullif(trimmed({col('village_name')}), '') AS village_raw",
        ]
    # Stage 2: typed values.
    typed = [
        "*",
        """CASE WHEN nik_exact THEN true
                ELSE coalesce(length(nik) = 16 AND digits_only(nik), false) END AS nik_ok""",
        "parse_date(birth_date_raw) AS birth_date",
        "parse_sex(sex_raw) AS sex",
        "region_code(region_raw) AS region_code",
    ]
    if named:
        typed += [
            "place_key(district_raw) AS district_key",
            "place_key(village_raw) AS village_key",
        ]
    text_columns = ["name"]
    if not members:
        pre += [
            f"nullif(trimmed({col('position')}), '') AS position",
            f"nullif({col('monthly_income')}, '') AS monthly_income_raw",
        ]
        typed.append("parse_amount(monthly_income_raw) AS monthly_income")
        text_columns.append("position")
        kept = ["nik", "name", "birth_date", "sex", "region_code", "position", "monthly_income"]
    else:
        pre += [
            f"nullif(trimmed({col('kpj')}), '') AS kpj",
            f"nullif({col('segment')}, '') AS segment_raw",
            f"nullif({col('programs')}, '') AS programs_raw",
            f"nullif({col('payer_type')}, '') AS payer_type_raw",
            f"nullif({col('payer_region')}, '') AS payer_region_raw",
            f"nullif({col('wage')}, '') AS wage_raw",
            f"nullif({col('enrolled_on')}, '') AS enrolled_on_raw",
            f"nullif({col('paid_until')}, '') AS paid_until_raw",
            f"nullif({col('status')}, '') AS status_raw",
        ]
        typed += [
            SEGMENT_SQL,
            # Stored as one comma-separated string ("JKK,JKM,JHT"): cheap to check and
            # to test with contains() in the engine.
            r"""CASE WHEN programs_raw IN ('JKK,JKM', 'JKK,JKM,JHT', 'JKK,JKM,JHT,JP')
                     THEN programs_raw
                     WHEN NOT regexp_matches(programs_raw, '[ ;|/]') THEN upper(programs_raw)
                     ELSE regexp_replace(upper(trim(programs_raw)), '\s*[,;|/]\s*|\s+', ',', 'g')
                     END AS programs""",
            PAYER_TYPE_SQL,
            "region_code(payer_region_raw) AS payer_region",
            "parse_amount(wage_raw) AS wage",
            "parse_date(enrolled_on_raw) AS enrolled_on",
            "parse_month(paid_until_raw) AS paid_until",
            """CASE WHEN status_raw IN ('active', 'inactive') THEN status_raw
                    ELSE CASE lower(replace(status_raw, ' ', ''))
                    WHEN 'active' THEN 'active' WHEN 'aktif' THEN 'active'
                    WHEN 'inactive' THEN 'inactive' WHEN 'nonaktif' THEN 'inactive'
                    WHEN 'non-aktif' THEN 'inactive' WHEN 'tidakaktif' THEN 'inactive'
                    END END AS status""",
        ]
        text_columns.append("kpj")
        kept = [
            "nik", "name", "birth_date", "sex", "kpj", "segment", "programs", "region_code",
            "payer_type", "payer_region", "wage", "enrolled_on", "paid_until", "status",
        ]  # fmt: skip

    # The text of the whole row, from `pre`'s raw columns (not the typed aliases).
    pre_names = [item.rsplit(" AS ", 1)[1] for item in pre[len(carried) :]]
    not_text = ("nik", "nik_exact", "region_raw") if unplaced else ("nik", "nik_exact")
    all_raw = " || '|' || ".join(
        f"coalesce({name}, '')" for name in pre_names if name not in not_text
    )
    # Blank rows and a totals row ("JUMLAH", "TOTAL") are skipped, not rejected. Only
    # rows without a NIK are looked at, so the costly test runs on almost nothing.
    skip = f"""CASE WHEN nik IS NULL THEN (
        regexp_full_match({all_raw}, '[|\\s]*')
        OR regexp_matches(lower({all_raw}), '(^|\\|)\\s*(jumlah|total|grand total|sub ?total)'))
        ELSE false END"""

    rules = [Rule("nik_code IS NOT NULL", "nik_code", NIK_ISSUE_COLUMN, NIK_ISSUE_VALUE)]
    if not members:
        rules.append(_rule("name IS NULL", "name_missing", "name"))
    rules += _text_rules(text_columns)
    rules.append(_date_rule("birth_date", "birth_date_invalid"))
    rules.append(_rule("sex IS NULL AND sex_raw IS NOT NULL", "sex_invalid", "sex", "sex_raw"))
    if named:
        region_chain = [
            ("region_raw IS NULL AND district_key IS NULL AND village_key IS NULL",
             "region_missing", "NULL"),
            *((f"place_issue = '{code}'", code, "place_value") for code in PLACE_ISSUES),
        ]  # fmt: skip
    else:
        region_chain = [("region_raw IS NULL", "region_missing", "NULL")]
    region_chain.append(("region_level IS NULL", "region_unknown", "region_raw"))
    if not members:
        region_chain.append(
            (
                f"NOT (region_code = {pemda} OR starts_with(region_code, {pemda} || '.'))",
                "region_outside_pemda",
                "region_code",
            )  # fmt: skip
        )
        rules += _amount_rules("monthly_income")
    else:
        region_chain.append(("region_level = 'province'", "region_level", "region_code"))
        if context.extract_region:
            region = context.extract_region
            region_chain.append(
                (
                    f"NOT (region_code = '{region}' OR starts_with(region_code, '{region}.'))",
                    "region_outside_extract",
                    "region_code",
                )  # fmt: skip
            )
        rules += [
            segment_rule(),
            _rule("NOT programs_valid(programs)", "programs_invalid", "programs",
                  "programs_raw"),
            *payer_rules(),
            *_amount_rules("wage"),
            _date_rule("enrolled_on", "enrolled_on_invalid"),
            _rule("paid_until IS NULL", "paid_until_invalid", "paid_until", "paid_until_raw"),
            _rule("status IS NULL", "status_invalid", "status", "status_raw"),
        ]  # fmt: skip
    region_code_sql = (
        "CASE " + " ".join(f"WHEN {cond} THEN '{code}'" for cond, code, _ in region_chain) + " END"
    )
    nik_code_sql = _nik_code(today, context.provinces, birth_date_must_match=not members)
    region_value_sql = (
        "CASE region_issue "
        + " ".join(f"WHEN '{code}' THEN {value}" for _, code, value in region_chain)
        + " END"
    )
    region_column_sql = (
        "CASE region_issue "
        + " ".join(f"WHEN '{code}' THEN '{column}'" for code, column in PLACE_ISSUES.items())
        + " ELSE 'region_code' END"
    )
    rules.append(Rule("region_issue IS NOT NULL", "region_issue", region_column_sql,
                      region_value_sql))  # fmt: skip

    warnings = [
        _rule(
            "nik_ok AND NOT nik_district_known",
            "nik_district_unknown",
            "nik",
            "concat_ws('.', substr(nik, 1, 2), substr(nik, 3, 2), substr(nik, 5, 2))",
        )  # fmt: skip
    ]
    if members:
        warnings.append(
            _rule("nik_code IS NULL AND birth_date <> nik_birth", "member_birth_date_differs",
                  "birth_date", "birth_date_raw")
        )  # fmt: skip
    if context.other_lists:
        warnings.append(
            _rule("other_categories IS NOT NULL", "nik_on_other_list", "nik", "other_categories")
        )
        other_join = f"""LEFT JOIN (SELECT nik AS other_nik, {other_categories_sql()}
                                   AS other_categories FROM other_niks GROUP BY nik) o
                        ON o.other_nik = t.nik"""
    else:
        other_join = ", (SELECT NULL::VARCHAR AS other_categories) o"

    payer_join = "LEFT JOIN regions pr ON pr.code = t.payer_region" if members else ""
    payer_level = "pr.level AS payer_level," if members else ""
    return f"""
    WITH pre AS (
        SELECT {", ".join(pre)} FROM raw
    ),
    typed AS (SELECT {", ".join(typed)} FROM pre WHERE NOT ({skip})),
    placed AS ({placed_sql("typed") if named else "SELECT * FROM typed"}),
    -- The file's rows stay on the left: the optimizer that would reorder joins is off
    -- (importer._new_database), so every hash table is built on a small table.
    joined AS (
        SELECT t.*, nb.birth AS nik_birth, nb.sex AS nik_sex,
            nd.digits IS NOT NULL AS nik_district_known,
            r.level AS region_level, {payer_level}
            o.other_categories
        FROM placed t
        LEFT JOIN {nik_births_table(today)} nb
            ON nb.ddmmyy = CASE WHEN t.nik_ok THEN substr(t.nik, 7, 6) END
        LEFT JOIN nik_districts nd ON nd.digits = CASE WHEN t.nik_ok THEN substr(t.nik, 1, 6) END
        LEFT JOIN regions r ON r.code = t.region_code
        {payer_join}
        {other_join}
    ),
    coded AS (
        SELECT j.*, {nik_code_sql} AS nik_code, {region_code_sql} AS region_issue
        FROM joined j
    ),
    checked AS (
        SELECT {", ".join(carried[:2])}, {", ".join(kept)}, nik_raw, region_code,
            {NIK_NUMBER_SQL} AS nik_number,
            {_issues_sql(rules)} AS errors,
            {_issues_sql(warnings)} AS warnings
        FROM coded
    )
    SELECT {"_file, " if context.batch else ""}{", ".join(STORED_COLUMNS[context.kind])},
        _row AS source_row, errors, warnings,
        CASE WHEN errors IS NOT NULL THEN nik_raw END AS nik_raw,
        CASE WHEN errors IS NOT NULL THEN '{REJECTED}' ELSE substr(region_code, 1, 2) END
            AS province_code
    FROM checked
    """


# The columns `to_json` makes: JSON in the Parquet files, as DuckDB's COPY writes them.
JSON_COLUMNS = ("errors", "warnings")

# Snappy, not zstd: 3% faster on the 10-million-row import and faster to read back
# for the engine; files are about a third larger. Dictionaries only for columns with
# few distinct values (segment, status, region codes): trying them on NIKs and names
# cost a tenth of the write (docs/benchmarks.md).
PARQUET_OPTIONS = (
    "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880, "
    "DICTIONARY_SIZE_LIMIT 1000, STRING_DICTIONARY_PAGE_SIZE_LIMIT 16384"
)


def write(con, sql: str, directory: Path, small: bool = False) -> None:
    """Write the checking statement `sql` (`build_sql`, `claims.build_claims_sql`) into
    `directory`, partitioned by province; it needs `regions(code, level)`,
    `nik_districts`, the MACROS and `create_nik_births` for the context's day
    (`importer.connect` has them).

    A larger file is written by pyarrow from the statement's Arrow batches
    (`partitions.write`), not by DuckDB's partitioned COPY, which copies every row once
    more: a fifth less time for a 10-million-row membership import, half the peak memory of
    a million-claim import (docs/benchmarks.md, "Ingest" and "Claims import"). A `small`
    file (`importer.SMALL_FILE_BYTES`) is written by the COPY: one statement, where the
    Arrow stream and pyarrow's writers cost an upload of a small list about 15 ms more.
    """
    if small:
        con.execute(
            f"COPY ({sql}) TO '{directory}' ({PARQUET_OPTIONS}, PARTITION_BY (province_code))"
        )
    else:
        partitions.write(con, sql, directory, JSON_COLUMNS)


def _files(directory: Path) -> str:
    return (
        f"read_parquet('{directory}/**/*.parquet', hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    )


# A row `t` whose NIK an earlier row of its file has (`d`: the first row of each repeated
# NIK, joined). Inside the JSON text a value's quotes are escaped, so `"code":"nik` is only
# ever a key and its code.
LATE_DUPLICATE = """d.first_row IS NOT NULL AND t.source_row > d.first_row
    AND NOT coalesce(contains(t.errors, '"code":"nik'), false)"""
# Such a row (`late`) rejected, naming the first row; the others as they were.
DUPLICATE_MARKS = f"""CASE WHEN NOT late THEN t.errors
         WHEN t.errors IS NULL THEN to_json([issue('nik_duplicate', 'nik', first_row)])
         ELSE to_json(list_append(from_json(t.errors, {ISSUES_TYPE}),
                                  issue('nik_duplicate', 'nik', first_row))) END
        AS errors,
    CASE WHEN late THEN coalesce(t.nik_raw, t.nik) ELSE t.nik_raw END AS nik_raw,
    CASE WHEN late THEN '{REJECTED}' ELSE t.province_code END AS province_code"""


def repeats(con, files: str, column: str) -> int:
    """How many rows of `files` repeat an earlier row's `column` (NULL repeats nothing).
    Counting is cheaper than grouping, and most files repeat nothing."""
    return con.execute(
        f"SELECT count(*) - count(DISTINCT {column}) FROM {files} WHERE {column} IS NOT NULL"
    ).fetchall()[0][0]


def mark_duplicates(con, directory: Path) -> int:
    """Reject every later row of a NIK that appears more than once, naming the first row.

    The first row is the lowest line whatever else is wrong with it. A row that already
    has a NIK problem keeps that one (people fix one NIK problem at a time). Files are
    rewritten only when there are duplicates. Returns the number of rows rejected.
    """
    # By the NIK's number (`nik_number`, stored beside the text), not the 16-character
    # strings, whose hash table outgrew the import's memory (11.3 s for a 60-million-row
    # extract, docs/benchmarks.md, "National extracts"). Only a well-formed NIK has a number,
    # and equal numbers are equal NIKs. A NIK that is not 16 digits has a problem of its
    # own, which its row keeps instead of a duplicate mark (`LATE_DUPLICATE`), and no
    # well-formed NIK equals it, so it is the first row of no other either. Counting first:
    # most files repeat no NIK.
    files = _files(directory)
    if not repeats(con, files, "nik_number"):
        return 0
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE duplicate_niks AS
        SELECT nik_number AS dup_number, min(source_row) AS first_row FROM {files}
        WHERE nik_number IS NOT NULL GROUP BY nik_number HAVING count(*) > 1"""
    )
    marked = f"""
        SELECT t.* EXCLUDE (errors, nik_raw, province_code, dup_number, first_row, late),
            {DUPLICATE_MARKS}
        FROM (SELECT t.*, d.*, {LATE_DUPLICATE} AS late FROM {files} t
              LEFT JOIN duplicate_niks d ON d.dup_number = t.nik_number) t
    """
    rewritten = directory.with_name(directory.name + ".dedup")
    rejected = con.execute(
        f"""SELECT count(*) FROM {files} t
        JOIN duplicate_niks d ON d.dup_number = t.nik_number WHERE {LATE_DUPLICATE}"""
    ).fetchall()[0][0]
    con.execute(
        f"COPY ({marked}) TO '{rewritten}' ({PARQUET_OPTIONS}, PARTITION_BY (province_code))"
    )
    shutil.rmtree(directory)
    rewritten.rename(directory)
    return rejected


def open_checked(
    con,
    directory: Path,
    file_warning: tuple[str, str, str] | None = None,
    source: str | None = None,
    keys: str = "",
) -> None:
    """The view `checked` over what `write` wrote: one row per data row of the file.

    `file_warning` (code, column, value) is said once for the whole file, on its first
    row, so the report and the warning count hold it once however many rows it concerns.
    `source` reads the rows from a view of them instead (claims: with their membership
    flags, `claims.open_checked`). `keys` are columns to keep first (a batch's `_file, `).
    """
    rows = source or _files(directory)
    warnings = f"coalesce(from_json(warnings, {ISSUES_TYPE}), [])"
    if file_warning is not None:
        code, column, value = (text.replace("'", "''") for text in file_warning)
        first = f"(SELECT min(source_row) FROM {_files(directory)})"
        warnings = f"""CASE WHEN source_row = {first}
            THEN list_prepend(issue('{code}', '{column}', '{value}'), {warnings})
            ELSE {warnings} END"""
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW checked AS
        SELECT {keys}source_row AS _row, coalesce(nik_raw, nik) AS nik_raw, name,
            coalesce(from_json(errors, {ISSUES_TYPE}), []) AS errors,
            {warnings} AS warnings,
            province_code = '{REJECTED}' AS rejected, province_code
        FROM {rows}"""
    )


# A well-formed NIK (16 digits) as a number: one-to-one, so the reconciliation joins lists
# and extracts on it, an integer, instead of on the text (`lake.Snapshot.nik_numbers`,
# docs/benchmarks.md, "NIKs joined as numbers"). NULL for a NIK that is not 16 digits: such
# a row is rejected and never read by the engine.
NIK_NUMBER_SQL = "CASE WHEN nik_ok THEN CAST(nik AS BIGINT) END"

# The columns each snapshot stores, in order (the province is the partition).
STORED_COLUMNS = {
    Kind.WORKERS: (
        "nik", "name", "birth_date", "sex", "region_code", "position", "monthly_income",
        "nik_number",
    ),
    Kind.MEMBERS: (
        "nik", "name", "birth_date", "sex", "kpj", "segment", "programs", "region_code",
        "payer_type", "payer_region", "wage", "enrolled_on", "paid_until", "status", "nik_number",
    ),
    Kind.CLAIMS: (
        "claim_no", "nik", "name", "program", "event", "event_date", "paid_on", "amount",
        "scholarship", "wage", "region_code", "payer_type", "payer_region", "segment", "branch",
        "heir_relation", "expected_amount", "expected_basis",
    ),
}  # fmt: skip

"""Row-level validation as one DuckDB SQL pass over the table `raw`.

Vectorised SQL instead of a Python loop per row: ten million rows must validate in
seconds (issue 3's benchmark). `pantau.ingest.nik` is the same NIK rule in Python,
for single values and for the tests that hold the two to the same answers.

Output: the table `checked` with typed columns, a list of `errors` (the row is
rejected when it has any) and a list of `warnings`, each item `{code, col, value}`
with a code from `pantau.ingest.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pantau.ingest.choices import Kind, PayerType, Segment

# Bump when a rule changes: every snapshot records the version that checked it.
RULES_VERSION = "2025.1"

MAX_TEXT = 200


@dataclass(frozen=True)
class Context:
    kind: str
    pemda_code: str | None = None  # workers: region codes must lie inside it
    today: date | None = None  # NIK century: YY above this year's YY means 19YY
    other_lists: bool = False  # a table `other_niks(nik, category)` is registered
    provinces: tuple[str, ...] = ()  # the known province codes (from the region table)

    @property
    def province_list(self) -> str:
        return ", ".join(f"'{code}'" for code in self.provinces) or "''"


# Most values are already clean, so each macro tries a cheap test first and keeps the
# costly normalisation for the rest. Measured per million rows on this machine:
# `translate` 1.0 s, a simple regular expression 0.2 s, `trim` 0.12 s (docs/benchmarks.md).
MACROS = r"""
CREATE OR REPLACE MACRO blank(x) AS x IS NULL OR trim(x) = '';
CREATE OR REPLACE MACRO digits_only(x) AS regexp_full_match(x, '[0-9]+');
CREATE OR REPLACE MACRO issue(c, col, v) AS {'code': c, 'col': col, 'value': CAST(v AS VARCHAR)};
CREATE OR REPLACE MACRO clean_nik(x) AS CASE
    WHEN length(x) = 16 AND digits_only(x) THEN x
    ELSE nullif(regexp_replace(regexp_replace(trim(x), '^''', ''), '[\s.]', '', 'g'), '') END;
CREATE OR REPLACE MACRO excel_mangled(x) AS
    regexp_full_match(trim(x), '[0-9][.,]?[0-9]*[eE][+]?[0-9]+')
    OR regexp_full_match(trim(x), '[0-9]{12,17}[.,]0+');
CREATE OR REPLACE MACRO parse_date(x) AS coalesce(
    try_strptime(x, '%Y-%m-%d')::DATE,
    try_strptime(x, '%d/%m/%Y')::DATE,
    try_strptime(x, '%d-%m-%Y')::DATE,
    try_strptime(x, '%Y-%m-%d %H:%M:%S')::DATE,
    try_strptime(x, '%Y-%m-%dT%H:%M:%S')::DATE,
    CASE WHEN length(x) BETWEEN 4 AND 5 AND digits_only(x)
         THEN DATE '1899-12-30' + CAST(x AS INTEGER) END,
    CASE WHEN x <> trim(x) THEN coalesce(
        try_strptime(trim(x), '%Y-%m-%d')::DATE,
        try_strptime(trim(x), '%d/%m/%Y')::DATE,
        try_strptime(trim(x), '%d-%m-%Y')::DATE) END);
CREATE OR REPLACE MACRO parse_month(x) AS coalesce(
    try_strptime(x, '%Y-%m')::DATE,
    date_trunc('month', try_strptime(x, '%Y-%m-%d'))::DATE,
    try_strptime(x, '%m/%Y')::DATE,
    CASE WHEN x <> trim(x) THEN try_strptime(trim(x), '%Y-%m')::DATE END);
CREATE OR REPLACE MACRO amount_text(x) AS regexp_replace(upper(trim(x)), '^RP\.?\s*', '');
CREATE OR REPLACE MACRO parse_amount_slow(t) AS TRY_CAST(
    CASE WHEN regexp_full_match(t, '-?[0-9]{1,3}(\.[0-9]{3})+') THEN replace(t, '.', '')
         WHEN regexp_full_match(t, '-?[0-9]{1,3}(,[0-9]{3})+') THEN replace(t, ',', '')
         WHEN regexp_full_match(t, '-?[0-9]+[.,]0+') THEN regexp_replace(t, '[.,]0+$', '')
         WHEN regexp_full_match(t, '-?[0-9]+') THEN t END AS BIGINT);
CREATE OR REPLACE MACRO parse_amount(x) AS CASE
    WHEN length(x) < 18 AND digits_only(x) THEN CAST(x AS BIGINT)
    WHEN length(x) < 18 AND left(x, 1) = '-' AND digits_only(substr(x, 2)) THEN CAST(x AS BIGINT)
    ELSE parse_amount_slow(amount_text(x)) END;
CREATE OR REPLACE MACRO parse_sex(x) AS CASE
    WHEN upper(trim(x)) IN ('L', 'M', 'LAKI-LAKI', 'LAKI LAKI', 'LAKI', 'PRIA', 'MALE') THEN 'M'
    WHEN upper(trim(x)) IN ('P', 'F', 'PEREMPUAN', 'WANITA', 'FEMALE') THEN 'F' END;
CREATE OR REPLACE MACRO region_code_trimmed(x) AS CASE
    WHEN length(x) IN (2, 4, 6, 10) AND digits_only(x)
         THEN concat_ws('.', substr(x, 1, 2), nullif(substr(x, 3, 2), ''),
                        nullif(substr(x, 5, 2), ''), nullif(substr(x, 7, 4), ''))
    ELSE x END;
CREATE OR REPLACE MACRO region_code(x) AS CASE
    WHEN length(x) IN (2, 4, 6, 10) AND digits_only(x)
         THEN concat_ws('.', substr(x, 1, 2), nullif(substr(x, 3, 2), ''),
                        nullif(substr(x, 5, 2), ''), nullif(substr(x, 7, 4), ''))
    WHEN x <> trim(x) THEN region_code_trimmed(trim(x))
    ELSE x END;
CREATE OR REPLACE MACRO formula_like(x) AS left(x, 1) IN ('=', '+', '-', '@');
CREATE OR REPLACE MACRO programs_valid(p) AS coalesce(
    p IN ('JKK,JKM', 'JKK,JKM,JHT', 'JKK,JKM,JHT,JP')
    OR replace(replace(replace(replace(replace(
        p || ',', 'JKK,', ''), 'JKM,', ''), 'JHT,', ''), 'JKP,', ''), 'JP,', '') = '', false);
"""


def _nik_parts(today: date) -> str:
    """Typed NIK parts: district, birth date (day + 40 for women), sex."""
    century_pivot = today.year % 100
    return f"""
        CASE WHEN nik_ok THEN concat_ws('.', substr(nik, 1, 2), substr(nik, 3, 2),
                                        substr(nik, 5, 2)) END AS nik_district,
        CASE WHEN nik_ok THEN try(make_date(
            CASE WHEN CAST(substr(nik, 11, 2) AS INTEGER) > {century_pivot}
                 THEN 1900 ELSE 2000 END + CAST(substr(nik, 11, 2) AS INTEGER),
            CAST(substr(nik, 9, 2) AS INTEGER),
            CAST(substr(nik, 7, 2) AS INTEGER)
                - CASE WHEN CAST(substr(nik, 7, 2) AS INTEGER) > 40 THEN 40 ELSE 0 END))
            END AS nik_birth,
        CASE WHEN nik_ok THEN
            CASE WHEN CAST(substr(nik, 7, 2) AS INTEGER) > 40 THEN 'F' ELSE 'M' END END AS nik_sex
    """


def _nik_code(today: date, provinces: str) -> str:
    """The first NIK problem, in the order people should fix them (one per row)."""
    # Most NIKs are well formed: the regular expressions run only on the others.
    return f"""CASE
        WHEN nik IS NULL THEN 'nik_missing'
        WHEN NOT nik_ok THEN
            CASE WHEN excel_mangled(nik_raw) THEN 'nik_excel_mangled' ELSE 'nik_format' END
        WHEN substr(nik, 1, 2) NOT IN ({provinces}) THEN 'nik_province'
        WHEN nik_birth IS NULL OR nik_birth > DATE '{today.isoformat()}' THEN 'nik_birth_date'
        WHEN substr(nik, 13, 4) = '0000' THEN 'nik_serial'
        WHEN birth_date IS NOT NULL AND birth_date <> nik_birth THEN 'nik_birth_date_mismatch'
        WHEN sex IS NOT NULL AND sex <> nik_sex THEN 'nik_sex_mismatch'
        WHEN dup_first IS NOT NULL THEN 'nik_duplicate'
    END"""


NIK_ISSUE_COLUMN = """CASE nik_code WHEN 'nik_birth_date_mismatch' THEN 'birth_date'
    WHEN 'nik_sex_mismatch' THEN 'sex' ELSE 'nik' END"""
NIK_ISSUE_VALUE = """CASE nik_code WHEN 'nik_missing' THEN NULL
    WHEN 'nik_province' THEN substr(nik, 1, 2)
    WHEN 'nik_birth_date_mismatch' THEN birth_date_raw WHEN 'nik_sex_mismatch' THEN sex_raw
    WHEN 'nik_duplicate' THEN CAST(dup_first AS VARCHAR) ELSE nik_raw END"""


@dataclass(frozen=True)
class Rule:
    """One check: when `condition` holds, the row gets issue (code, column, value)."""

    condition: str
    code: str  # a SQL expression (usually a quoted literal)
    column: str  # a SQL expression
    value: str  # a SQL expression


def _rule(condition: str, code: str, column: str, value: str = "NULL") -> Rule:
    return Rule(condition, f"'{code}'", f"'{column}'", value)


def _issues_sql(rules: list[Rule]) -> str:
    """A list of issues, built only for rows that have one (most rows have none)."""
    if not rules:
        return "[]"
    any_issue = " OR ".join(f"coalesce({rule.condition}, false)" for rule in rules)
    items = ", ".join(
        f"CASE WHEN {rule.condition} THEN issue({rule.code}, {rule.column}, {rule.value}) END"
        for rule in rules
    )
    return f"CASE WHEN {any_issue} THEN list_filter([{items}], lambda e: e IS NOT NULL) ELSE [] END"


def _text_rules(columns: list[str]) -> list[Rule]:
    rules = []
    for column in columns:
        rules.append(_rule(f"length({column}) > {MAX_TEXT}", "too_long", column,
                           f"left({column}, 40) || '…'"))  # fmt: skip
        rules.append(_rule(f"formula_like({column})", "formula", column, column))
    return rules


def _amount_rules(column: str) -> list[Rule]:
    raw = f"{column}_raw"
    return [
        _rule(f"{column} IS NULL AND NOT blank({raw})", "amount_invalid", column, raw),
        _rule(f"{column} < 0", "amount_negative", column, raw),
    ]


def _date_rule(column: str, code: str) -> Rule:
    raw = f"{column}_raw"
    return _rule(f"{column} IS NULL AND NOT blank({raw})", code, column, raw)


def build_sql(context: Context, present: set[str]) -> str:
    """The SELECT that checks and types `raw`, for the columns the file has."""
    today = context.today or date.today()
    members = context.kind == Kind.MEMBERS

    def col(name: str) -> str:
        return f'"{name}"' if name in present else "NULL::VARCHAR"

    # Stage 1: the text. Only stored free text is trimmed here; every parser below takes
    # a cheap exact path first and trims only when that fails (trim cost 0.1 s per
    # million rows per column, most of the remaining validation time).
    pre = [
        "_row",
        f"{col('nik')} AS nik_raw",
        f"clean_nik({col('nik')}) AS nik",
        f"nullif(trim({col('name')}), '') AS name",
        f"nullif({col('birth_date')}, '') AS birth_date_raw",
        f"nullif({col('sex')}, '') AS sex_raw",
        f"nullif(trim({col('region_code')}), '') AS region_raw",
    ]
    # Stage 2: typed values.
    typed = [
        "*",
        "length(nik) = 16 AND digits_only(nik) AS nik_ok",
        "parse_date(birth_date_raw) AS birth_date",
        "parse_sex(sex_raw) AS sex",
        "region_code(region_raw) AS region_code",
    ]
    text_columns = ["name"]
    if not members:
        pre += [
            f"nullif(trim({col('position')}), '') AS position",
            f"nullif({col('monthly_income')}, '') AS monthly_income_raw",
        ]
        typed.append("parse_amount(monthly_income_raw) AS monthly_income")
        text_columns.append("position")
        kept = ["nik", "name", "birth_date", "sex", "region_code", "position", "monthly_income"]
    else:
        pre += [
            f"nullif(trim({col('kpj')}), '') AS kpj",
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
            """CASE WHEN segment_raw IN ('PU', 'BPU', 'JAKON', 'PMI') THEN segment_raw
                    ELSE CASE upper(replace(segment_raw, ' ', ''))
                    WHEN 'PENERIMAUPAH' THEN 'PU' WHEN 'BUKANPENERIMAUPAH' THEN 'BPU'
                    WHEN 'JASAKONSTRUKSI' THEN 'JAKON' WHEN 'PEKERJAMIGRAN' THEN 'PMI'
                    WHEN 'PEKERJAMIGRANINDONESIA' THEN 'PMI'
                    ELSE upper(trim(segment_raw)) END END AS segment""",
            # Stored as one comma-separated string ("JKK,JKM,JHT"): cheap to check and
            # to test with contains() in the engine.
            r"""CASE WHEN programs_raw IN ('JKK,JKM', 'JKK,JKM,JHT', 'JKK,JKM,JHT,JP')
                     THEN programs_raw
                     WHEN NOT regexp_matches(programs_raw, '[ ;|/]') THEN upper(programs_raw)
                     ELSE regexp_replace(upper(trim(programs_raw)), '\s*[,;|/]\s*|\s+', ',', 'g')
                     END AS programs""",
            f"""CASE WHEN payer_type_raw IN ({", ".join(f"'{p}'" for p in PayerType.values)})
                     THEN payer_type_raw
                     ELSE lower(replace(trim(payer_type_raw), ' ', '_')) END AS payer_type""",
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
    pre_names = [item.rsplit(" AS ", 1)[1] for item in pre[1:]]
    all_raw = " || '|' || ".join(f"coalesce({name}, '')" for name in pre_names if name != "nik")
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
    region_chain = [
        ("region_raw IS NULL", "region_missing", "NULL"),
        ("region_level IS NULL", "region_unknown", "region_raw"),
    ]
    if not members:
        pemda = context.pemda_code or ""
        region_chain.append(
            (
                f"NOT (region_code = '{pemda}' OR starts_with(region_code, '{pemda}.'))",
                "region_outside_pemda",
                "region_code",
            )  # fmt: skip
        )
        rules += _amount_rules("monthly_income")
    else:
        region_chain.append(("region_level = 'province'", "region_level", "region_code"))
        segments = ", ".join(f"'{s}'" for s in Segment.values)
        payers = ", ".join(f"'{p}'" for p in PayerType.values)
        rules += [
            _rule(f"segment IS NULL OR segment NOT IN ({segments})", "segment_invalid",
                  "segment", "segment_raw"),
            _rule("NOT programs_valid(programs)", "programs_invalid", "programs",
                  "programs_raw"),
            _rule(f"payer_type IS NULL OR payer_type NOT IN ({payers})", "payer_type_invalid",
                  "payer_type", "payer_type_raw"),
            _rule("payer_type IN ('apbd_province', 'apbd_regency', 'apbdes') "
                  "AND payer_region_raw IS NULL", "payer_region_missing", "payer_region"),
            _rule("""payer_region_raw IS NOT NULL AND (payer_level IS NULL
                  OR (payer_type = 'apbd_province' AND payer_level <> 'province')
                  OR (payer_type = 'apbd_regency' AND payer_level NOT IN ('regency', 'city'))
                  OR (payer_type = 'apbdes' AND payer_level <> 'village'))""",
                  "payer_region_invalid", "payer_region", "payer_region_raw"),
            *_amount_rules("wage"),
            _date_rule("enrolled_on", "enrolled_on_invalid"),
            _rule("paid_until IS NULL", "paid_until_invalid", "paid_until", "paid_until_raw"),
            _rule("status IS NULL", "status_invalid", "status", "status_raw"),
        ]  # fmt: skip
    region_code_sql = (
        "CASE " + " ".join(f"WHEN {cond} THEN '{code}'" for cond, code, _ in region_chain) + " END"
    )
    nik_code_sql = _nik_code(today, context.province_list)
    region_value_sql = (
        "CASE region_issue "
        + " ".join(f"WHEN '{code}' THEN {value}" for _, code, value in region_chain)
        + " END"
    )
    rules.append(Rule("region_issue IS NOT NULL", "region_issue", "'region_code'",
                      region_value_sql))  # fmt: skip

    warnings = [
        _rule(
            "nik_district IS NOT NULL AND nik_district_known IS NULL",
            "nik_district_unknown",
            "nik",
            "nik_district",
        )  # fmt: skip
    ]
    if context.other_lists:
        warnings.append(
            _rule("other_categories IS NOT NULL", "nik_on_other_list", "nik", "other_categories")
        )
        other_join = """LEFT JOIN (SELECT nik AS other_nik, string_agg(DISTINCT category, ', ')
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
    -- From `raw`, not `typed`: a second reference to `typed` would materialise it.
    dups AS (
        SELECT nik AS dup_nik, min(_row) AS dup_first FROM typed
        WHERE nik IS NOT NULL GROUP BY nik HAVING count(*) > 1
    ),
    joined AS (
        SELECT t.*, {_nik_parts(today)},
            r.level AS region_level, {payer_level}
            CASE WHEN t._row > d.dup_first THEN d.dup_first END AS dup_first,
            o.other_categories
        FROM typed t
        LEFT JOIN regions r ON r.code = t.region_code
        {payer_join}
        LEFT JOIN dups d ON d.dup_nik = t.nik
        {other_join}
    ),
    coded AS (
        SELECT j.*, dk.code AS nik_district_known, {nik_code_sql} AS nik_code,
            {region_code_sql} AS region_issue
        FROM joined j LEFT JOIN regions dk ON dk.code = j.nik_district
    )
    SELECT _row, {", ".join(kept)}, nik_raw, substr(region_code, 1, 2) AS province_code,
        {_issues_sql(rules)} AS errors,
        {_issues_sql(warnings)} AS warnings
    FROM coded
    """


def skipped_rows_sql() -> str:
    return "SELECT (SELECT count(*) FROM raw) - (SELECT count(*) FROM checked)"


def run(con, context: Context, present: set[str], scratch: Path | None = None) -> None:
    """Create `checked` from `raw` (needs `regions(code, level)` and the MACROS).

    With a `scratch` directory the result streams into a Parquet file and `checked` is a
    view over it, as `raw` is for large files (see `readers._csv_fast`).
    """
    query = build_sql(context, present)
    if scratch is None:
        con.execute(f"CREATE OR REPLACE TEMP TABLE checked AS {query}")
        return
    stream = scratch / "checked.parquet"
    con.execute(
        f"COPY ({query}) TO '{stream}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)"
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW checked AS SELECT * FROM read_parquet('{stream}')")


# The columns each snapshot stores, in order (the province is the partition).
STORED_COLUMNS = {
    Kind.WORKERS: ("nik", "name", "birth_date", "sex", "region_code", "position", "monthly_income"),
    Kind.MEMBERS: (
        "nik", "name", "birth_date", "sex", "kpj", "segment", "programs", "region_code",
        "payer_type", "payer_region", "wage", "enrolled_on", "paid_until", "status",
    ),
}  # fmt: skip

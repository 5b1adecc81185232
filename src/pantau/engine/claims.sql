-- The claims indicators' statements (`claims_sql.STATEMENTS`), in DuckDB's dialect; the Spark
-- engine runs the same text, translated by sqlglot (`backends/spark.py`), as for reconcile.sql.
-- Inputs: `claim_rows` (every current claims file's rows, each with its snapshot id) and
-- `member_rows` (nik, enrolled_on of every current membership extract).

-- name: no_claims
-- No claims file: the columns of `claim_rows`, no row.
SELECT NULL::VARCHAR AS claim_no, NULL::VARCHAR AS nik, NULL::VARCHAR AS name,
    NULL::VARCHAR AS program, NULL::VARCHAR AS event, NULL::DATE AS event_date,
    NULL::DATE AS paid_on, NULL::BIGINT AS amount, NULL::BIGINT AS expected_amount,
    NULL::VARCHAR AS expected_basis, NULL::VARCHAR AS region_code, NULL::VARCHAR AS payer_type,
    NULL::VARCHAR AS heir_relation, NULL::BIGINT AS source_row, NULL::BIGINT AS snapshot
WHERE false

-- name: no_members
-- No membership extract with accepted rows: the columns of `member_rows`, no row.
SELECT NULL::VARCHAR AS nik, NULL::DATE AS enrolled_on WHERE false

-- name: checked
-- One row per claim in force (the newest file's row of each claim_no), with its flags
-- recomputed against the membership extracts current now ({pemda_payers}: the payer types
-- a Pemda's budget pays).
WITH ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY claim_no ORDER BY snapshot DESC) AS pick
    FROM claim_rows c
),
member_facts AS (
    SELECT nik, min(enrolled_on) AS enrolled_on FROM member_rows GROUP BY nik
)
SELECT c.claim_no, c.nik, c.name, c.program, c.event, c.event_date, c.paid_on,
    CAST(c.amount AS BIGINT) AS amount, CAST(c.expected_amount AS BIGINT) AS expected_amount,
    c.expected_basis, c.region_code, c.payer_type, c.heir_relation,
    coalesce(c.expected_amount IS NOT NULL AND c.amount <> c.expected_amount, false)
        AS amount_differs,
    m.nik IS NULL AS not_member,
    coalesce(c.event_date < m.enrolled_on, false) AS before_enrolment,
    m.enrolled_on,
    coalesce(c.payer_type IN ({pemda_payers}), false) AS pemda_funded
FROM ranked c
LEFT JOIN member_facts m ON m.nik = c.nik
WHERE c.pick = 1

-- name: totals
-- Over `checked`: per work region, programme and month of payment, then spread to every
-- region above the work region (nation '', province, regency/city, district, village).
-- `parent_code` is the region one level up ('' for a province, NULL for Indonesia).
WITH by_region AS (
    SELECT region_code, program,
        make_date(year(paid_on), month(paid_on), 1) AS month,
        count(*) AS n,
        sum(amount) AS amount,
        count(*) FILTER (pemda_funded) AS pemda_n,
        coalesce(sum(amount) FILTER (pemda_funded), 0) AS pemda_amount,
        count(*) FILTER (amount_differs OR not_member OR before_enrolment) AS flagged
    FROM checked
    GROUP BY region_code, program, make_date(year(paid_on), month(paid_on), 1)
)
SELECT place AS region_code,
    CASE length(place) WHEN 2 THEN '' WHEN 5 THEN substr(place, 1, 2)
        WHEN 8 THEN substr(place, 1, 5) WHEN 13 THEN substr(place, 1, 8) END AS parent_code,
    program, month,
    CAST(sum(n) AS BIGINT) AS count, CAST(sum(amount) AS BIGINT) AS amount,
    CAST(sum(pemda_n) AS BIGINT) AS pemda_funded_count,
    CAST(sum(pemda_amount) AS BIGINT) AS pemda_funded_amount,
    CAST(sum(flagged) AS BIGINT) AS flagged
FROM by_region b,
    UNNEST([
        '', substr(b.region_code, 1, 2),
        CASE WHEN length(b.region_code) >= 5 THEN substr(b.region_code, 1, 5) END,
        CASE WHEN length(b.region_code) >= 8 THEN substr(b.region_code, 1, 8) END,
        CASE WHEN length(b.region_code) >= 13 THEN substr(b.region_code, 1, 13) END
    ]) AS t(place)
WHERE place IS NOT NULL
GROUP BY place, program, month

-- name: flagged
-- Over `checked`: the person-level rows of the flagged claims, for the claims page.
SELECT claim_no, nik, name, program, event, event_date, paid_on, amount, expected_amount,
    expected_basis, region_code, payer_type, heir_relation, amount_differs, not_member,
    before_enrolment, enrolled_on
FROM checked
WHERE amount_differs OR not_member OR before_enrolment

-- name: counts
-- Over `checked`: the national totals of one computation.
SELECT count(*), count(*) FILTER (amount_differs OR not_member OR before_enrolment)
FROM checked

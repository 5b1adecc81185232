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

-- name: in_force
-- The claims in force: for each claim_no, the row of the newest file ({columns}: the columns
-- read). With one file, `claim_rows` as it is (a file's claim numbers are unique).
SELECT {columns} FROM (
    SELECT c.*, row_number() OVER (PARTITION BY claim_no ORDER BY snapshot DESC) AS pick
    FROM claim_rows c
) r
WHERE pick = 1

-- name: member_facts
-- Over `member_rows` of several extracts: each NIK with its earliest enrolment, for the
-- claims' NIKs only (the hash table built on them; the extracts' rows only probe it).
SELECT m.nik, min(m.enrolled_on) AS enrolled_on
FROM member_rows m
JOIN (SELECT DISTINCT nik FROM claims) n ON n.nik = m.nik
GROUP BY m.nik

-- name: checked
-- One narrow row per claim in force ({claims}) with its flags recomputed against the
-- membership extracts current now: a NIK in none of them, an event before the earliest
-- enrolment there ({member_facts}: NIK and earliest enrolment; {base}: the claim's file and
-- row, work region, programme, payment, the amount flag and whether a Pemda paid).
WITH claims AS ({claims}),
member_facts AS ({member_facts})
SELECT {base},
    m.nik IS NULL AS not_member,
    coalesce(c.event_date < m.enrolled_on, false) AS before_enrolment,
    m.enrolled_on
FROM claims c
LEFT JOIN member_facts m ON m.nik = c.nik

-- name: member_lookup
-- One claims file's rows (`claim_rows`) against one membership extract (`member_rows`), kept
-- as a file per pair (`claims_lookup`): the claims that could be flagged, whatever the other
-- extracts hold (the amount differs, the NIK is not in this extract, or the event lies before
-- the enrolment in it), with what this extract says of the NIK. A claim not kept is found in
-- this extract, enrolled no later than its event, with the expected amount: it is flagged by
-- no extract set that includes this one. The amount is compared before the join: the hash
-- table on the claims then carries one flag instead of two amounts (0.29 s against 0.46 s at
-- a million claims and ten million members).
SELECT c.snapshot, CAST({extract} AS BIGINT) AS extract, c.source_row,
    m.nik IS NOT NULL AS found, m.enrolled_on
FROM (
    SELECT snapshot, source_row, nik, event_date,
        coalesce(expected_amount IS NOT NULL AND amount <> expected_amount, false)
            AS amount_differs
    FROM claim_rows
) c
LEFT JOIN member_rows m ON m.nik = c.nik
WHERE m.nik IS NULL OR c.event_date < m.enrolled_on OR c.amount_differs

-- name: lookup_facts
-- Over `lookups` (the pair files of the claims in force against {extracts} extracts): the
-- claims kept in every extract's file, with whether any extract has the NIK and its earliest
-- enrolment there. Those are the only claims the membership can flag, and every claim whose
-- amount differs is among them; any other claim is found in some extract, enrolled no later
-- than its event.
SELECT snapshot, source_row, bool_or(found) AS found, min(enrolled_on) AS enrolled_on
FROM lookups
GROUP BY snapshot, source_row
HAVING count(DISTINCT extract) = {extracts}

-- name: checked_from_lookups
-- As `checked`, the membership flags taken from the pair files' facts ({facts}) instead of
-- a join with the extracts' rows. `enrolled_on` is left NULL on a claim no membership flag
-- concerns and whose amount is as expected: only flagged claims' rows show it.
WITH claims AS ({claims}),
facts AS ({facts})
SELECT {base},
    coalesce(NOT f.found, false) AS not_member,
    coalesce(c.event_date < f.enrolled_on, false) AS before_enrolment,
    f.enrolled_on
FROM claims c
LEFT JOIN facts f ON f.snapshot = c.snapshot AND f.source_row = c.source_row

-- name: flagged_from_lookups
-- As `flagged`, when the pair files give the flags and one claims file is in force: a claim
-- the facts ({facts}) name is flagged (kept in every extract's file: its amount differs, or
-- no extract has its NIK, or its event precedes every enrolment there) and a flagged claim is
-- among them, so the claims file is read once, joined to the small facts.
WITH facts AS ({facts})
SELECT c.claim_no, c.nik, c.name, c.program, c.event, c.event_date, c.paid_on,
    CAST(c.amount AS BIGINT) AS amount, CAST(c.expected_amount AS BIGINT) AS expected_amount,
    c.expected_basis, c.region_code, c.payer_type, c.heir_relation,
    coalesce(c.expected_amount IS NOT NULL AND c.amount <> c.expected_amount, false)
        AS amount_differs,
    coalesce(NOT f.found, false) AS not_member,
    coalesce(c.event_date < f.enrolled_on, false) AS before_enrolment,
    f.enrolled_on
FROM claim_rows c
JOIN facts f ON f.snapshot = c.snapshot AND f.source_row = c.source_row

-- name: totals
-- Over `checked`: the nation's, provinces' and regencies' (or cities') totals per programme
-- and month of payment, each level summing the one below. `parent_code` is the region one
-- level up ('' for a province, NULL for Indonesia). Districts and villages: `deep`.
WITH regencies AS (
    SELECT substr(region_code, 1, 5) AS region_code, program, month,
        count(*) AS count, CAST(sum(amount) AS BIGINT) AS amount,
        count(*) FILTER (pemda_funded) AS pemda_funded_count,
        CAST(coalesce(sum(amount) FILTER (pemda_funded), 0) AS BIGINT) AS pemda_funded_amount,
        count(*) FILTER (amount_differs OR not_member OR before_enrolment) AS flagged
    FROM checked
    GROUP BY substr(region_code, 1, 5), program, month
),
provinces AS (
    SELECT substr(region_code, 1, 2) AS region_code, program, month, {sums}
    FROM regencies GROUP BY substr(region_code, 1, 2), program, month
)
SELECT region_code, substr(region_code, 1, 2) AS parent_code, program, month, {columns}
FROM regencies
UNION ALL
SELECT region_code, '' AS parent_code, program, month, {columns} FROM provinces
UNION ALL
SELECT '' AS region_code, CAST(NULL AS VARCHAR) AS parent_code, program, month, {sums}
FROM provinces GROUP BY program, month

-- name: flagged
-- The person-level rows of the flagged claims, for the claims page: `checked` names each
-- claim by its file and row, the file gives the rest.
SELECT c.claim_no, c.nik, c.name, c.program, c.event, c.event_date, c.paid_on,
    CAST(c.amount AS BIGINT) AS amount, CAST(c.expected_amount AS BIGINT) AS expected_amount,
    c.expected_basis, c.region_code, c.payer_type, c.heir_relation, f.amount_differs,
    f.not_member, f.before_enrolment, f.enrolled_on
FROM claim_rows c
JOIN checked f ON f.snapshot = c.snapshot AND f.source_row = c.source_row
WHERE f.amount_differs OR f.not_member OR f.before_enrolment

-- name: deep_totals
-- The totals of a district or village, or of a regency's districts or a district's villages
-- (`claims.py`), summed when a page asks from the claims files of the generation in force
-- ({claims}: their rows in force in the region, {flagged}: the generation's flagged claims;
-- {length}: the code length of the regions returned).
SELECT substr(c.region_code, 1, {length}) AS code, c.program,
    CAST(date_trunc('month', c.paid_on) AS DATE) AS month, count(*),
    CAST(sum(c.amount) AS BIGINT),
    count(*) FILTER (c.payer_type IN ({pemda_payers})),
    CAST(coalesce(sum(c.amount) FILTER (c.payer_type IN ({pemda_payers})), 0) AS BIGINT),
    count(f.claim_no)
FROM ({claims}) c
LEFT JOIN {flagged} f ON f.claim_no = c.claim_no
WHERE {where}
GROUP BY ALL

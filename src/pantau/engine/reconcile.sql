-- The reconciliation's statements (`reconcile.STATEMENTS`), in DuckDB's dialect; the Spark
-- engine runs the same text, translated by sqlglot (`backends/spark.py`).
-- Each statement starts at its `-- name: <name>` line and runs to the next one. Comment lines
-- are for the reader and are left out of the statements. A `{field}` is filled in by
-- `reconcile.py` (str.format): projections built from its lists of measures and columns,
-- and the values of one refresh.

-- name: no_lists
-- No list in force: the columns of `listed`, no row.
SELECT NULL::VARCHAR AS nik, NULL::BIGINT AS source_row, NULL::VARCHAR AS name,
    NULL::DATE AS birth_date, NULL::VARCHAR AS region_code,
    NULL::BIGINT AS monthly_income, NULL::BIGINT AS snapshot WHERE false

-- name: no_members
-- No extract with accepted rows: the columns of `members`, no row.
SELECT NULL::VARCHAR AS nik, NULL::DATE AS birth_date, NULL::VARCHAR AS status,
    NULL::DATE AS paid_until, NULL::VARCHAR AS payer_type,
    NULL::VARCHAR AS payer_region, NULL::VARCHAR AS region_code,
    NULL::VARCHAR AS segment, NULL::VARCHAR AS province_code WHERE false

-- name: reconciled
-- One row per listed person (`reconcile.reconciled_sql`): {cost_wage}, the income on a PU
-- category's list; {covered_from}, the first month a payment still covers; {key}, the
-- column the person is found by: `nik_number` (the NIK as a number) or `nik` (its text);
-- {members}, the membership rows (`members`, or those of the partitions that matter).
SELECT l.source_row, l.region_code, l.snapshot, CAST({cost_wage} AS BIGINT) AS cost_wage,
    CASE WHEN m.{key} IS NULL THEN 'not_enrolled'
         WHEN m.status = 'active' AND m.paid_until >= DATE '{covered_from}' THEN 'covered'
         ELSE 'lapsed' END AS status,
    m.status AS member_status, m.paid_until, m.payer_type, m.payer_region,
    coalesce(m.{key} IS NOT NULL AND l.birth_date IS NOT NULL AND m.birth_date IS NOT NULL
             AND l.birth_date <> m.birth_date, false) AS birth_date_mismatch
FROM listed l
LEFT JOIN {members} m ON m.{key} = l.{key}

-- name: matched_provinces
-- The province partitions holding the membership row of a listed person ({key} as in
-- `reconciled`): a refresh of an upload's few lists then joins them with those partitions
-- alone (`backends/duckdb.py`).
SELECT DISTINCT province_code FROM members WHERE {key} IN (SELECT {key} FROM listed)

-- name: by_region
-- Over `reconciled`: the list's counts by the person's own work place, grouped by the list's
-- id and the place alone; the list's Pemda, level and category are joined to the groups
-- after (grouping 10 million rows by those three text columns too cost a fifth more:
-- docs/benchmarks.md, "Gap rows in buckets").
SELECT c.snapshot, meta.category, meta.pemda, meta.pemda_level, c.region_code, c.listed,
    c.covered, c.lapsed, c.not_enrolled, c.gap_cost_annual, c.gap_wage_missing,
    c.birth_date_mismatch, c.paid_by_other
FROM (
    SELECT r.snapshot, r.region_code,
        count(*) AS listed,
        count(*) FILTER (status = 'covered') AS covered,
        count(*) FILTER (status = 'lapsed') AS lapsed,
        count(*) FILTER (status = 'not_enrolled') AS not_enrolled,
        coalesce(sum(gap_cost) FILTER (status <> 'covered'), 0) AS gap_cost_annual,
        count(*) FILTER (status <> 'covered' AND gap_cost IS NULL) AS gap_wage_missing,
        count(*) FILTER (birth_date_mismatch) AS birth_date_mismatch,
        count(*) FILTER (status = 'covered' AND coalesce(payer_region, '') <> meta.pemda)
            AS paid_by_other
    FROM reconciled r
    JOIN list_meta meta ON meta.snapshot = r.snapshot
    LEFT JOIN gap_costs g
        ON g.category = meta.category AND g.wage IS NOT DISTINCT FROM r.cost_wage
    GROUP BY r.snapshot, r.region_code
) c
JOIN list_meta meta ON meta.snapshot = c.snapshot

-- name: spread
-- Over `by_region`: each count spread to the places it counts in ({sums}: the list
-- measures' sums).
SELECT b.snapshot, place AS region_code, b.category, {sums}
FROM by_region b,
    UNNEST([
        b.pemda,
        CASE WHEN b.pemda_level <> 'province' THEN substr(b.pemda, 1, 2) END,
        '',
        CASE WHEN b.pemda_level <> 'province' AND length(b.region_code) >= 8
             THEN substr(b.region_code, 1, 8) END,
        CASE WHEN b.pemda_level <> 'province' AND length(b.region_code) >= 13
             THEN substr(b.region_code, 1, 13) END
    ]) AS t(place)
WHERE place IS NOT NULL
GROUP BY b.snapshot, place, b.category

-- name: combine_lists
-- Over `list_partials`: each region's rows per category, and one row summing them ('');
-- {sums} and {unnamed_sums}: the list measures' sums, named and not. In the order of the
-- table's index: rows stored in key order append to its B-trees instead of landing all
-- over them (docs/benchmarks.md, "Storing region rows in key order").
WITH by_category AS (
    SELECT region_code, category, {sums}
    FROM list_partials GROUP BY region_code, category
)
SELECT * FROM by_category
UNION ALL
SELECT region_code, '' AS category, {unnamed_sums}
FROM by_category GROUP BY region_code
ORDER BY region_code, category

-- name: member_partials
-- Active members per partition and region (`reconcile.member_partials_sql`): {only}, the
-- partitions' condition; {segments} and {payers}, a sum per segment and per payer type.
WITH by_region AS (
    SELECT province_code, region_code, segment, payer_type, count(*) AS n
    FROM members WHERE status = 'active'{only}
    GROUP BY province_code, region_code, segment, payer_type
)
SELECT province_code, place AS region_code, CAST(sum(n) AS BIGINT) AS active_members,
    {segments}, {payers}
FROM by_region b,
    UNNEST([
        '', substr(b.region_code, 1, 2),
        CASE WHEN length(b.region_code) >= 5 THEN substr(b.region_code, 1, 5) END,
        CASE WHEN length(b.region_code) >= 8 THEN substr(b.region_code, 1, 8) END,
        CASE WHEN length(b.region_code) >= 13 THEN substr(b.region_code, 1, 13) END
    ]) AS t(place)
WHERE place IS NOT NULL
GROUP BY province_code, place

-- name: combine_members
-- Over `member_partials` ({sums}: the member measures' sums), in the index's order.
SELECT region_code, {sums} FROM member_partials GROUP BY region_code ORDER BY region_code

-- name: gap_pairs
-- The (category, wage) pairs whose gap cost the refresh must price.
SELECT DISTINCT meta.category, r.cost_wage
FROM reconciled r JOIN list_meta meta ON meta.snapshot = r.snapshot
WHERE r.status <> 'covered'

-- name: counts
-- The national totals of one refresh's lists (`reconcile.COUNT_NAMES`).
SELECT count(*), count(*) FILTER (status = 'covered'),
    count(*) FILTER (status = 'lapsed'), count(*) FILTER (status = 'not_enrolled')
FROM reconciled

-- name: gaps
-- The gap rows ({columns}: `reconcile.GAP_COLUMNS` but the cost, from `reconciled`), each
-- with its list, of one type whichever engine wrote it.
SELECT {columns}, g.gap_cost, CAST(r.snapshot AS BIGINT) AS snapshot
FROM reconciled r
JOIN list_meta meta ON meta.snapshot = r.snapshot
LEFT JOIN gap_costs g ON g.category = meta.category AND g.wage IS NOT DISTINCT FROM r.cost_wage
WHERE r.status <> 'covered'

-- The SQL macros every import's checking statement uses (`validation.MACROS`).
-- No IN of five constants or more: DuckDB makes it a join (`validation.among`).
-- Most values are already clean, so each macro tries a cheap test first and keeps the
-- costly normalisation for the rest (the costs: docs/benchmarks.md, "Why the code is shaped so").
CREATE OR REPLACE MACRO blank(x) AS x IS NULL OR trim(x) = '';
CREATE OR REPLACE MACRO trimmed(x) AS
    CASE WHEN prefix(x, ' ') OR suffix(x, ' ') THEN trim(x) ELSE x END;
CREATE OR REPLACE MACRO digits_only(x) AS regexp_full_match(x, '[0-9]+');
CREATE OR REPLACE MACRO issue(c, col, v) AS {'code': c, 'col': col, 'value': CAST(v AS VARCHAR)};
CREATE OR REPLACE MACRO exact_nik(x) AS strlen(x) = 16 AND digits_only(x);
CREATE OR REPLACE MACRO clean_nik(x) AS CASE
    WHEN exact_nik(x) THEN x
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
    WHEN x = 'L' OR x = 'M' THEN 'M' WHEN x = 'P' OR x = 'F' THEN 'F'
    ELSE CASE upper(trim(x))
        WHEN 'L' THEN 'M' WHEN 'M' THEN 'M' WHEN 'LAKI-LAKI' THEN 'M' WHEN 'LAKI LAKI' THEN 'M'
        WHEN 'LAKI' THEN 'M' WHEN 'PRIA' THEN 'M' WHEN 'MALE' THEN 'M'
        WHEN 'P' THEN 'F' WHEN 'F' THEN 'F' WHEN 'PEREMPUAN' THEN 'F' WHEN 'WANITA' THEN 'F'
        WHEN 'FEMALE' THEN 'F' END END;
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
-- = + - @ as the first character: ascii() reads one code point, left() copies a string.
CREATE OR REPLACE MACRO formula_like(x) AS ascii(x) IN (61, 43, 45, 64);
CREATE OR REPLACE MACRO programs_valid(p) AS CASE
    WHEN p IN ('JKK,JKM', 'JKK,JKM,JHT', 'JKK,JKM,JHT,JP') THEN true
    ELSE coalesce(replace(replace(replace(replace(replace(
        p || ',', 'JKK,', ''), 'JKM,', ''), 'JHT,', ''), 'JKP,', ''), 'JP,', '') = '', false)
    END;
-- A district or village name as it is compared (pantau.ingest.places): lower case, without
-- a "Kec."/"Kecamatan"/"Kel."/"Kelurahan"/"Desa" prefix, letters and digits only, so
-- "Kec. Sanga-Sanga" and "SANGA SANGA" are both 'sangasanga'.
CREATE OR REPLACE MACRO place_key(x) AS nullif(regexp_replace(
    regexp_replace(lower(trim(x)), '^(kecamatan|kelurahan|desa|kec|kel|ds)(\.|\s)+', ''),
    '[^a-z0-9]+', '', 'g'), '');
-- The three names of `choices` (a list of {key, name}) closest to the key `k`.
CREATE OR REPLACE MACRO closest_places(choices, k) AS array_to_string(list_transform(
    list_slice(list_reverse_sort(list_transform(coalesce(choices, []),
        lambda c: {'score': jaro_winkler_similarity(c.key, k), 'name': c.name})), 1, 3),
    lambda c: c.name), ', ');

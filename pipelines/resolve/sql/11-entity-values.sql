-- Field merging. Every candidate value of every entity, in long form, ranked
-- by the per-field source precedence; the best-ranked one is chosen.
CREATE OR REPLACE TABLE er_precedence AS
SELECT field, source_id, rank
FROM read_json($precedence_file, format = 'newline_delimited', columns = {field: 'VARCHAR', source_id: 'VARCHAR', rank: 'INTEGER'});

CREATE OR REPLACE TABLE er_entity_listings AS
SELECT c.cluster, c.anchor, n.*
FROM er_clusters AS c
JOIN normalized_listings AS n USING (listing_id)
WHERE c.cluster IS NOT NULL;

CREATE OR REPLACE TABLE er_field_candidates AS
WITH long AS (
    SELECT cluster, listing_id, source_id, source_key, 'name' AS field, name AS value, 0 AS penalty FROM er_entity_listings
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'year', CAST(year AS VARCHAR), 0 FROM er_entity_listings WHERE year IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'sample_count', CAST(sample_count AS VARCHAR) || ' ' || sample_unit, 0 FROM er_entity_listings WHERE sample_count IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'license', license_spdx, 0 FROM er_entity_listings WHERE license_spdx <> 'unknown'
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'access', access, CASE WHEN access_basis = 'stated' THEN 0 ELSE 1000 END FROM er_entity_listings WHERE access <> 'unknown'
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'homepage_url', homepage_url, 0 FROM er_entity_listings WHERE homepage_url IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'doi', doi, 0 FROM er_entity_listings WHERE doi IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'has_labels', CAST(has_labels AS VARCHAR), 0 FROM er_entity_listings WHERE has_labels IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'description', description, 0 FROM er_entity_listings WHERE description IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'paper_url', paper_url, 0 FROM er_entity_listings WHERE paper_url IS NOT NULL
    UNION ALL SELECT cluster, listing_id, source_id, source_key, 'download_url', download_url, 0 FROM er_entity_listings WHERE download_url IS NOT NULL
)
SELECT
    long.*,
    coalesce(p.rank, 500) + long.penalty AS rank,
    row_number() OVER (PARTITION BY long.cluster, long.field ORDER BY coalesce(p.rank, 500) + long.penalty, long.source_id, long.source_key) = 1 AS chosen
FROM long
LEFT JOIN er_precedence AS p ON p.field = long.field AND p.source_id = long.source_id;

-- The display name: the most common spelling (by folded form) wins; precedence breaks ties.
CREATE OR REPLACE TABLE er_entity_names AS
WITH spelled AS (
    SELECT cluster, fold_name(value) AS f, count(*) AS n, min(rank) AS best
    FROM er_field_candidates WHERE field = 'name'
    GROUP BY cluster, fold_name(value)
),
top AS (
    SELECT cluster, f, row_number() OVER (PARTITION BY cluster ORDER BY n DESC, best, f) AS rk FROM spelled
)
SELECT c.cluster, arg_min(c.value, (c.rank, c.source_id, c.source_key)) AS name
FROM er_field_candidates AS c
JOIN top AS t ON t.cluster = c.cluster AND t.f = fold_name(c.value) AND t.rk = 1
WHERE c.field = 'name'
GROUP BY c.cluster;

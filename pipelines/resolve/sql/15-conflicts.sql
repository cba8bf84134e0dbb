-- Conflicting values are kept with their sources and counted, never overwritten
-- silently. Sample counts within 5% of each other are treated as agreeing
-- ("2.7k" and 2,743). An entity of one listing has nothing to disagree on, so
-- only entities of several listings are looked at.
CREATE OR REPLACE TABLE conflicts AS
WITH multi AS (
    SELECT l.*, e.l_year, e.l_sample_count, e.l_license, e.l_access
    FROM er_entity_listings AS l
    JOIN er_entity_chosen AS e USING (cluster)
    WHERE e.listing_count > 1
),
candidates AS (
    SELECT cluster, 'year' AS field, CAST(year AS VARCHAR) AS value, source_id, source_key,
           listing_id = l_year AS chosen
    FROM multi WHERE year IS NOT NULL
    UNION ALL
    SELECT cluster, 'sample_count', CAST(sample_count AS VARCHAR) || ' ' || sample_unit, source_id, source_key,
           listing_id = l_sample_count
    FROM multi WHERE sample_count IS NOT NULL
    UNION ALL
    SELECT cluster, 'license', license_spdx, source_id, source_key,
           listing_id = l_license
    FROM multi WHERE license_spdx <> 'unknown'
    UNION ALL
    SELECT cluster, 'access', access, source_id, source_key,
           listing_id = l_access
    FROM multi WHERE access <> 'unknown'
),
disputed AS (
    -- (by cluster: one cluster is one dataset id, joined below for the disputed values only)
    SELECT cluster, field
    FROM candidates
    GROUP BY cluster, field
    HAVING count(DISTINCT value) > 1
       AND (field <> 'sample_count'
            OR max(TRY_CAST(split_part(value, ' ', 1) AS DOUBLE)) > 1.05 * min(TRY_CAST(split_part(value, ' ', 1) AS DOUBLE)))
)
SELECT i.dataset_id, c.field, c.value, c.source_id, c.source_key, c.chosen
FROM candidates AS c
JOIN disputed AS d USING (cluster, field)
JOIN entity_ids AS i USING (cluster);

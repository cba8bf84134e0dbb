-- Conflicting values are kept with their sources and counted, never overwritten
-- silently. Sample counts within 5% of each other are treated as agreeing
-- ("2.7k" and 2,743).
CREATE OR REPLACE TABLE conflicts AS
WITH fields AS (
    SELECT c.*, i.dataset_id
    FROM er_field_candidates AS c
    JOIN entity_ids AS i USING (cluster)
    WHERE c.field IN ('year', 'sample_count', 'license', 'access')
),
disputed AS (
    SELECT dataset_id, field
    FROM fields
    GROUP BY dataset_id, field
    HAVING count(DISTINCT value) > 1
       AND (field <> 'sample_count'
            OR max(TRY_CAST(split_part(value, ' ', 1) AS DOUBLE)) > 1.05 * min(TRY_CAST(split_part(value, ' ', 1) AS DOUBLE)))
)
SELECT f.dataset_id, f.field, f.value, f.source_id, f.source_key, f.chosen
FROM fields AS f
JOIN disputed AS d USING (dataset_id, field);

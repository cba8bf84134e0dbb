-- Fusion groups (Imaging-X's metadata-driven fusion, made concrete): datasets
-- that share modality, anatomy and task and could be merged into one larger
-- training corpus. Three levels, each pointing to its parent:
--   1 modality × task
--   2 modality × region × task            (region-aware: "lung" and "chest" meet at chest)
--   3 modality × anatomy × task × dimensionality
-- Group ids are built from the key itself, so they are stable across releases.
CREATE OR REPLACE TABLE fusion_keys AS
WITH m AS (
    SELECT dataset_id, unnest(modalities) AS modality, tasks, regions, anatomy, dimensionality FROM datasets
),
mt AS (
    SELECT dataset_id, modality, unnest(tasks) AS task, regions, anatomy, dimensionality FROM m
),
level1 AS (
    SELECT DISTINCT 1 AS level, dataset_id, modality, NULL AS region, NULL AS anatomy, task, NULL AS dimensionality FROM mt
),
level2 AS (
    SELECT DISTINCT 2 AS level, dataset_id, modality, unnest(regions) AS region, NULL AS anatomy, task, NULL AS dimensionality FROM mt
),
mta AS (
    SELECT dataset_id, modality, task, unnest(anatomy) AS anatomy, dimensionality FROM mt
),
level3 AS (
    SELECT DISTINCT 3 AS level, x.dataset_id, x.modality, v.region, x.anatomy, x.task, unnest(x.dimensionality) AS dimensionality
    FROM mta AS x
    JOIN vocab_terms AS v ON v.vocabulary = 'anatomy' AND v.slug = x.anatomy
),
keyed AS (
    SELECT *,
        'fg' || level || '-' || modality || coalesce('-' || region, '') || coalesce('-' || anatomy, '') || '-' || task
            || coalesce('-' || dimensionality, '') AS group_id,
        CASE level
            WHEN 1 THEN NULL
            WHEN 2 THEN 'fg1-' || modality || '-' || task
            ELSE 'fg2-' || modality || '-' || region || '-' || task
        END AS parent_group_id
    FROM (SELECT * FROM level1 UNION ALL SELECT * FROM level2 UNION ALL SELECT * FROM level3)
)
SELECT group_id, parent_group_id, level, modality, region, anatomy, task, dimensionality, dataset_id
FROM keyed;

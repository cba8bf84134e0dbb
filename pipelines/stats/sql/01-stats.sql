-- Catalog statistics in one long table: datasets and samples by each facet,
-- the modality × anatomy and modality × task cross-tabs, the gap list and the
-- source-overlap matrix. `stat` says which; dim_a/value_a (and dim_b/value_b for
-- cross-tabs) say what was counted.
CREATE OR REPLACE MACRO samples_of(n, unit, wanted) AS
    sum(n) FILTER (WHERE unit = wanted);

CREATE OR REPLACE TABLE stats AS
WITH facets AS (
    SELECT dataset_id, sample_count, sample_unit, 'modality' AS dim, unnest(modalities) AS value FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'anatomy', unnest(anatomy) FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'region', unnest(regions) FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'task', unnest(tasks) FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'dimensionality', unnest(dimensionality) FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'year', coalesce(CAST(year AS VARCHAR), 'unknown') FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'access', access FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'license', license FROM datasets
    UNION ALL SELECT dataset_id, sample_count, sample_unit, 'source', unnest(list_transform(sources, s -> s.source_id)) FROM datasets
),
by_facet AS (
    SELECT 'by-' || dim AS stat, dim AS dim_a, value AS value_a, NULL AS dim_b, NULL AS value_b,
        count(*) AS datasets,
        samples_of(sample_count, sample_unit, 'images') AS samples_images, samples_of(sample_count, sample_unit, 'volumes') AS samples_volumes, samples_of(sample_count, sample_unit, 'videos') AS samples_videos,
        samples_of(sample_count, sample_unit, 'cases') AS samples_cases, samples_of(sample_count, sample_unit, 'subjects') AS samples_subjects, samples_of(sample_count, sample_unit, 'slides') AS samples_slides,
        samples_of(sample_count, sample_unit, 'unknown') AS samples_unknown_unit
    -- One row per (dataset, facet value) after DISTINCT (a dataset's samples are its own), so count(*) counts datasets.
    FROM (SELECT DISTINCT * FROM facets)
    GROUP BY dim, value
),
pairs AS (
    SELECT dataset_id, sample_count, sample_unit, modality, 'anatomy' AS dim, unnest(anatomy) AS other
    FROM (SELECT *, unnest(modalities) AS modality FROM datasets)
    UNION ALL
    SELECT dataset_id, sample_count, sample_unit, modality, 'task', unnest(tasks)
    FROM (SELECT *, unnest(modalities) AS modality FROM datasets)
    UNION ALL
    SELECT dataset_id, sample_count, sample_unit, modality, 'region', unnest(regions)
    FROM (SELECT *, unnest(modalities) AS modality FROM datasets)
),
crosstab AS (
    SELECT 'modality-x-' || dim AS stat, 'modality' AS dim_a, modality AS value_a, dim AS dim_b, other AS value_b,
        count(*) AS datasets,
        samples_of(sample_count, sample_unit, 'images') AS samples_images, samples_of(sample_count, sample_unit, 'volumes') AS samples_volumes,
        samples_of(sample_count, sample_unit, 'videos') AS samples_videos, samples_of(sample_count, sample_unit, 'cases') AS samples_cases,
        samples_of(sample_count, sample_unit, 'subjects') AS samples_subjects, samples_of(sample_count, sample_unit, 'slides') AS samples_slides,
        samples_of(sample_count, sample_unit, 'unknown') AS samples_unknown_unit
    FROM (SELECT DISTINCT * FROM pairs)
    GROUP BY dim, modality, other
),
gaps AS (
    -- Every modality × region combination (and modality × anatomy term) held by zero or one dataset.
    SELECT 'gap-modality-x-region' AS stat, 'modality' AS dim_a, m.slug AS value_a, 'region' AS dim_b, r.slug AS value_b,
        coalesce(c.datasets, 0) AS datasets,
        c.samples_images, c.samples_volumes, c.samples_videos, c.samples_cases, c.samples_subjects, c.samples_slides, c.samples_unknown_unit
    FROM vocab_modalities AS m
    CROSS JOIN vocab_regions AS r
    LEFT JOIN crosstab AS c ON c.stat = 'modality-x-region' AND c.value_a = m.slug AND c.value_b = r.slug
    WHERE coalesce(c.datasets, 0) <= 1
    UNION ALL
    SELECT 'gap-modality-x-anatomy', 'modality', m.slug, 'anatomy', a.slug,
        coalesce(c.datasets, 0),
        c.samples_images, c.samples_volumes, c.samples_videos, c.samples_cases, c.samples_subjects, c.samples_slides, c.samples_unknown_unit
    FROM vocab_modalities AS m
    CROSS JOIN vocab_anatomy AS a
    LEFT JOIN crosstab AS c ON c.stat = 'modality-x-anatomy' AND c.value_a = m.slug AND c.value_b = a.slug
    WHERE coalesce(c.datasets, 0) <= 1
),
per_source AS (
    SELECT DISTINCT dataset_id, unnest(list_transform(sources, s -> s.source_id)) AS source_id FROM datasets
),
overlap AS (
    -- How many entities each pair of sources shares (the diagonal: how many a source lists at all); per_source
    -- holds each (dataset, source) once, so each dataset joins once per pair of its sources.
    SELECT 'source-overlap' AS stat, 'source' AS dim_a, a.source_id AS value_a, 'source' AS dim_b, b.source_id AS value_b,
        count(*) AS datasets,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM per_source AS a JOIN per_source AS b USING (dataset_id)
    GROUP BY a.source_id, b.source_id
),
only_one AS (
    -- Entities that only one source contributes.
    SELECT 'source-unique' AS stat, 'source' AS dim_a, source_id AS value_a, NULL, NULL, count(*) AS datasets,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM per_source
    WHERE dataset_id IN (SELECT dataset_id FROM per_source GROUP BY dataset_id HAVING count(*) = 1)
    GROUP BY source_id
),
totals AS (
    SELECT 'total' AS stat, NULL AS dim_a, NULL AS value_a, NULL AS dim_b, NULL AS value_b, count(*) AS datasets,
        samples_of(sample_count, sample_unit, 'images') AS samples_images, samples_of(sample_count, sample_unit, 'volumes') AS samples_volumes,
        samples_of(sample_count, sample_unit, 'videos') AS samples_videos, samples_of(sample_count, sample_unit, 'cases') AS samples_cases,
        samples_of(sample_count, sample_unit, 'subjects') AS samples_subjects, samples_of(sample_count, sample_unit, 'slides') AS samples_slides,
        samples_of(sample_count, sample_unit, 'unknown') AS samples_unknown_unit
    FROM datasets
)
SELECT
    stat,
    dim_a,
    value_a,
    dim_b,
    value_b,
    CAST(datasets AS BIGINT) AS datasets,
    CAST(samples_images AS BIGINT) AS samples_images,
    CAST(samples_volumes AS BIGINT) AS samples_volumes,
    CAST(samples_videos AS BIGINT) AS samples_videos,
    CAST(samples_cases AS BIGINT) AS samples_cases,
    CAST(samples_subjects AS BIGINT) AS samples_subjects,
    CAST(samples_slides AS BIGINT) AS samples_slides,
    CAST(samples_unknown_unit AS BIGINT) AS samples_unknown_unit
FROM (
    SELECT * FROM totals
    UNION ALL SELECT * FROM by_facet
    UNION ALL SELECT * FROM crosstab
    UNION ALL SELECT * FROM gaps
    UNION ALL SELECT * FROM overlap
    UNION ALL SELECT * FROM only_one
);

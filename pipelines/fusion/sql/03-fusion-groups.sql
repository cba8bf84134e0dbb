-- One row per fusion group: its key, parent, members, samples per unit, year
-- span, access mix, license verdict, the open-and-redistributable subset, and
-- label status.
CREATE OR REPLACE TABLE fusion_groups AS
WITH joined AS (
    SELECT f.*, d.sample_count, d.sample_unit, d.year, d.license_commercial, d.license_derivatives, d.license_share_alike, d.has_labels
    FROM fusion_members AS f
    JOIN datasets AS d USING (dataset_id)
)
SELECT
    j.group_id,
    any_value(j.level) AS level,
    any_value(g.modality) AS modality,
    any_value(g.region) AS region,
    any_value(g.anatomy) AS anatomy,
    any_value(g.task) AS task,
    any_value(g.dimensionality) AS dimensionality,
    any_value(g.parent_group_id) AS parent_group_id,
    CAST(count(*) AS INTEGER) AS member_count,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'images') AS BIGINT) AS samples_images,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'volumes') AS BIGINT) AS samples_volumes,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'videos') AS BIGINT) AS samples_videos,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'cases') AS BIGINT) AS samples_cases,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'subjects') AS BIGINT) AS samples_subjects,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'slides') AS BIGINT) AS samples_slides,
    CAST(sum(j.sample_count) FILTER (WHERE j.sample_unit = 'unknown') AS BIGINT) AS samples_unknown_unit,
    min(j.year) AS year_min,
    max(j.year) AS year_max,
    CAST(count(*) FILTER (WHERE j.access = 'open') AS INTEGER) AS access_open,
    CAST(count(*) FILTER (WHERE j.access = 'registration') AS INTEGER) AS access_registration,
    CAST(count(*) FILTER (WHERE j.access = 'application') AS INTEGER) AS access_application,
    CAST(count(*) FILTER (WHERE j.access = 'restricted') AS INTEGER) AS access_restricted,
    CAST(count(*) FILTER (WHERE j.access = 'unknown') AS INTEGER) AS access_unknown,
    -- License verdict from the members' SPDX ids and their clauses.
    bool_and(j.license_commercial IS TRUE) AS commercial_use_allowed,
    bool_and(j.license_derivatives IS TRUE) AS derivatives_redistributable,
    CAST(count(*) FILTER (WHERE j.license_commercial IS FALSE) AS INTEGER) AS noncommercial_members,
    CAST(count(*) FILTER (WHERE j.license_derivatives IS FALSE) AS INTEGER) AS noderivatives_members,
    CAST(count(*) FILTER (WHERE j.license_share_alike IS TRUE) AS INTEGER) AS sharealike_members,
    CAST(count(*) FILTER (WHERE j.license = 'unknown') AS INTEGER) AS license_unknown_members,
    CASE
        WHEN bool_and(j.license_commercial IS TRUE) AND bool_and(j.license_derivatives IS TRUE) THEN
            CASE WHEN bool_or(j.license_share_alike IS TRUE) THEN 'commercial use and redistribution allowed, share-alike applies'
                 ELSE 'commercial use and redistribution allowed' END
        WHEN count(*) FILTER (WHERE j.license_commercial IS NULL OR j.license_derivatives IS NULL) = count(*) THEN 'unknown: no member states usable terms'
        WHEN count(*) FILTER (WHERE j.license_commercial IS NULL OR j.license_derivatives IS NULL) > 0 THEN 'incomplete: some members have unknown terms'
        WHEN bool_or(j.license_derivatives IS FALSE) THEN 'restricted: some members forbid redistributing derivatives'
        ELSE 'non-commercial use only'
    END AS license_verdict,
    CAST(count(*) FILTER (WHERE j.open_redistributable) AS INTEGER) AS open_redistributable_members,
    CAST(sum(j.sample_count) FILTER (WHERE j.open_redistributable) AS BIGINT) AS open_redistributable_samples,
    CAST(count(*) FILTER (WHERE j.labelled_for_task) AS INTEGER) AS labelled_members,
    CAST(count(*) FILTER (WHERE j.has_labels IS FALSE) AS INTEGER) AS unlabelled_members,
    CAST(count(*) FILTER (WHERE j.has_labels IS NULL) AS INTEGER) AS label_unknown_members
FROM joined AS j
JOIN (
    SELECT DISTINCT group_id, modality, region, anatomy, task, dimensionality, parent_group_id FROM fusion_keys
) AS g USING (group_id)
GROUP BY j.group_id;

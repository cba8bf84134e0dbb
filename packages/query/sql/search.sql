-- Faceted search over datasets. Modality, task and family must match; anatomy,
-- dimensionality, access and labels may be relaxed, and each relaxation is
-- given as a reason. Strict matches come first; then open before restricted,
-- labelled before not, larger before smaller, newer before older. strict_total and
-- near_total count every match, before the LIMIT cuts the list.
WITH checks AS (
    SELECT
        d.*,
        ($modality IS NULL OR list_contains(d.modalities, $modality)) AS modality_ok,
        ($task IS NULL OR list_contains(d.tasks, $task)) AS task_ok,
        -- A dataset with no family is not in the one asked for (NULL would let it through the NOT below).
        ($family IS NULL OR coalesce(lower(d.family) = lower($family) OR lower(d.family_id) = lower($family), false)) AS family_ok,
        CASE
            WHEN $anatomy IS NULL AND $region IS NULL THEN 'ok'
            WHEN $anatomy IS NOT NULL AND list_contains(d.anatomy, $anatomy) THEN 'ok'
            WHEN $anatomy IS NULL AND list_contains(d.regions, $region) THEN 'ok'
            WHEN $anatomy IS NOT NULL AND list_contains(d.regions, $region) THEN 'same-region'
            WHEN len(d.anatomy) = 0 THEN 'unstated'
            ELSE 'no'
        END AS anatomy_state,
        CASE
            WHEN $dim IS NULL OR list_contains(d.dimensionality, $dim) THEN 'ok'
            WHEN len(d.dimensionality) = 0 THEN 'unstated'
            ELSE 'no'
        END AS dim_state,
        CASE
            WHEN $access IS NULL THEN 'ok'
            WHEN d.access = 'unknown' THEN 'unstated'
            WHEN list_position(['open', 'registration', 'application', 'restricted'], d.access)
                 <= list_position(['open', 'registration', 'application', 'restricted'], $access) THEN 'ok'
            ELSE 'no'
        END AS access_state,
        CASE
            WHEN $labelled IS NULL THEN 'ok'
            WHEN d.has_labels = $labelled THEN 'ok'
            WHEN d.has_labels IS NULL THEN 'unstated'
            ELSE 'no'
        END AS label_state
    FROM datasets AS d
),
judged AS (
    SELECT
        *,
        CASE
            WHEN NOT (modality_ok AND task_ok AND family_ok) THEN NULL
            WHEN anatomy_state = 'ok' AND dim_state = 'ok' AND access_state = 'ok' AND label_state = 'ok' THEN 'strict'
            WHEN 'no' IN (anatomy_state, dim_state, access_state, label_state) THEN NULL
            ELSE 'near'
        END AS match,
        list_filter([
            CASE anatomy_state
                -- Only the dataset's terms in that region: its other organs are not why it is near.
                WHEN 'same-region' THEN 'anatomy ' || array_to_string(
                    coalesce(nullif(list_filter(anatomy, a -> list_contains(string_split($region_terms, ','), a)), []), anatomy), ', '
                ) || ' is in the same region (' || $region || ') as ' || $anatomy
                WHEN 'unstated' THEN 'anatomy not stated'
            END,
            CASE dim_state WHEN 'unstated' THEN 'dimensionality not stated' END,
            CASE access_state WHEN 'unstated' THEN 'access not stated' END,
            CASE label_state WHEN 'unstated' THEN 'labels not stated' END
        ], x -> x IS NOT NULL) AS reasons
    FROM checks
)
SELECT
    match, reasons, dataset_id, name, family, year, modalities, anatomy, regions, tasks, dimensionality,
    sample_count, sample_unit, has_labels, access, license, homepage_url, source_count,
    count(*) FILTER (WHERE match = 'strict') OVER () AS strict_total,
    count(*) FILTER (WHERE match = 'near') OVER () AS near_total
FROM judged
WHERE match IS NOT NULL
ORDER BY
    match = 'strict' DESC,
    list_position(['open', 'registration', 'application', 'restricted', 'unknown'], access),
    -- Labelled, then labels not stated, then unlabelled (a CASE on has_labels WHEN NULL would never match).
    CASE WHEN has_labels THEN 0 WHEN has_labels IS NULL THEN 1 ELSE 2 END,
    sample_count DESC NULLS LAST,
    year DESC NULLS LAST,
    name,
    dataset_id
LIMIT $limit;

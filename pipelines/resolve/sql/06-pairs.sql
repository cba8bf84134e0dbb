-- Score each candidate pair. Vetoes come first (different editions, disjoint
-- modalities or regions, a differing qualifier such as CT/MRI or JPG), then a
-- pair matches on an exact name, a family's single edition, a specific shared
-- URL or DOI with a similar name, a near-identical name, or an acronym that
-- agrees on modality and anatomy.
CREATE OR REPLACE TABLE er_pairs AS
WITH f AS (
    SELECT
        c.*,
        la.edition AS ed_a, lb.edition AS ed_b, la.edition_kind AS kind_a, lb.edition_kind AS kind_b,
        la.base_key AS base_a, lb.base_key AS base_b, la.core_base_key AS core_a, lb.core_base_key AS core_b,
        jaro_winkler_similarity(la.core_base_key, lb.core_base_key) AS jw,
        len(la.modalities) > 0 AND len(lb.modalities) > 0 AND len(list_intersect(la.modalities, lb.modalities)) = 0 AS modality_conflict,
        len(list_intersect(la.modalities, lb.modalities)) > 0 AS modality_agree,
        len(la.regions) > 0 AND len(lb.regions) > 0 AND len(list_intersect(la.regions, lb.regions)) = 0 AS region_conflict,
        len(list_intersect(la.regions, lb.regions)) > 0 AS region_agree,
        la.numbers <> lb.numbers AS numbers_differ,
        -- A typo changes a long word; a different short word ("MEN" vs "MET", "LGG" vs "GBM") is a different dataset.
        len(list_filter(
            list_concat(tokens_not_in(la.tokens, lb.base_key), tokens_not_in(lb.tokens, la.base_key)),
            t -> length(t) <= 4
        )) > 0 AS short_word_differs,
        len(list_filter(
            list_concat(tokens_not_in(la.tokens, lb.base_key), tokens_not_in(lb.tokens, la.base_key)),
            t -> list_contains(qualifier_words(), t)
        )) > 0 AS qualifier_differs,
        la.generic OR lb.generic AS generic,
        la.acronym_kind IS DISTINCT FROM lb.acronym_kind AS acronym_cross,
        (la.edition IS NULL) <> (lb.edition IS NULL) AS one_edition_missing,
        coalesce(la.edition_kind, '') = 'multi' OR coalesce(lb.edition_kind, '') = 'multi' AS multi,
        coalesce(la.edition_kind, '') = 'multi' AND coalesce(lb.edition_kind, '') = 'multi' AS both_multi,
        la.edition IS NOT NULL AND lb.edition IS NOT NULL AND la.edition <> lb.edition AS edition_conflict,
        coalesce(CASE WHEN la.edition IS NULL THEN lb.edition_kind ELSE la.edition_kind END, '') = 'year'
            AND fe.year_editions = 1 AND fe.sequel_editions = 0 AS single_year_family
    FROM er_candidates AS c
    JOIN er_listings AS la ON la.listing_id = c.a
    JOIN er_listings AS lb ON lb.listing_id = c.b
    LEFT JOIN er_family_editions AS fe ON fe.base_key = CASE WHEN la.edition IS NULL THEN la.base_key ELSE lb.base_key END
),
d AS (
    SELECT
        *,
        (url_eq OR doi_eq) AS shared_link,
        (core_eq OR core_a = core_b OR jw >= 0.8
            OR (length(core_a) >= 3 AND length(core_b) >= 3 AND (contains(core_a, core_b) OR contains(core_b, core_a)))
            OR (acronym_eq AND acronym_cross)) AS names_related,
        CASE
            WHEN edition_conflict THEN 'veto: different editions'
            WHEN multi AND NOT both_multi THEN 'veto: a multi-edition listing names the family'
            WHEN generic AND NOT (url_eq OR doi_eq) THEN 'veto: a generic name needs a shared link'
            -- One source's wrong modality must not split a dataset listed under the same name everywhere;
            -- the same name with both modality and anatomy disjoint is two datasets (ADAM: brain MRI vs fundus).
            WHEN (name_eq OR core_eq) AND modality_conflict AND region_conflict THEN 'veto: same name, different modality and anatomy'
            WHEN NOT (name_eq OR core_eq) AND modality_conflict THEN 'veto: no modality in common'
            WHEN NOT (name_eq OR core_eq OR doi_eq) AND region_conflict THEN 'veto: no anatomical region in common'
        END AS veto
    FROM f
)
SELECT
    a, b, name_eq, core_eq, url_eq, doi_eq, base_eq, prefix_eq, acronym_eq, jw,
    CASE
        WHEN veto IS NOT NULL THEN veto
        WHEN (name_eq OR core_eq) AND NOT one_edition_missing THEN 'match: same name'
        WHEN base_eq AND one_edition_missing AND single_year_family AND NOT qualifier_differs THEN 'match: the family''s only edition'
        WHEN shared_link AND names_related AND NOT qualifier_differs AND NOT numbers_differ THEN 'match: shared link and related name'
        WHEN prefix_eq AND jw >= 0.95 AND least(length(core_a), length(core_b)) >= 6 AND NOT one_edition_missing
             AND modality_agree AND NOT qualifier_differs AND NOT numbers_differ AND NOT short_word_differs THEN 'match: near-identical name'
        WHEN acronym_eq AND acronym_cross AND modality_agree AND region_agree AND NOT one_edition_missing THEN 'match: acronym of the long name'
        ELSE 'no match'
    END AS decision
FROM d;

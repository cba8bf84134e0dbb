-- Every name a listing goes by: as shown, the part before a bracket or colon, the long name after a short
-- name and a colon, and a bracketed short name ("Liver Tumor Segmentation (LiTS)" → "LiTS").
CREATE OR REPLACE TABLE er_variants AS
WITH raw_variants AS (
    -- A trailing bracket (trailing dots allowed): "CBIS-DDSM (Curated Breast Imaging Subset of DDSM)", "Liver Tumor Segmentation (LiTS)".
    -- Not when the bracket names a part ("RadImageNet (Subset: CT)", "GAMMA (Task1, CFP)", "ICIAR 2018 (WSI)"): the part is not the whole.
    SELECT listing_id, trim(regexp_extract(name, '^([^(\[]+)[(\[][^)\]]*[)\]][\s.]*$', 1)) AS variant, 'before-bracket' AS kind FROM er_listings
    WHERE NOT regexp_matches(regexp_extract(name, '[(\[]([^)\]]*)[)\]][\s.]*$', 1), '(?i)\b(subset|task|part|track|phase|split|cohort)\b|^(ct|mri?|us|pet|x-?ray|2d|3d|wsi|microscopy|histopathology|fundus|oct|cfp|dermoscopy|endoscopy|ultrasound|video)$')
    -- The bracket itself, only when it reads as a short name (one word with capitals or digits: "LiTS", "NLST"), not context ("ISLES 2022").
    UNION ALL
    SELECT listing_id, trim(regexp_extract(name, '[(\[]([A-Za-z0-9._-]+)[)\]][\s.]*$', 1)), 'in-bracket'
    FROM er_listings
    WHERE regexp_matches(regexp_extract(name, '[(\[]([A-Za-z0-9._-]+)[)\]][\s.]*$', 1), '[A-Z].*[A-Z0-9]|[0-9]')
    UNION ALL
    SELECT listing_id, trim(regexp_extract(name, '^([^:]+):\s+\S', 1)), 'before-colon' FROM er_listings
    -- After a one-word short name and a colon, the long name: "VFuR: Ventricular Function Registration Collection".
    UNION ALL
    SELECT listing_id, trim(regexp_extract(name, '^[A-Za-z0-9._-]{2,16}:\s+(\S.*)$', 1)), 'after-colon' FROM er_listings
    WHERE regexp_matches(name, '^[A-Za-z0-9._-]{2,16}:\s+\S')
),
folded AS MATERIALIZED (
    SELECT DISTINCT listing_id, kind, fold_name(variant) AS g
    FROM raw_variants
    WHERE variant IS NOT NULL AND variant <> ''
),
analysed AS MATERIALIZED (
    -- Materialised steps: each macro result is computed once per variant, not once per use.
    SELECT listing_id, kind, f, edition_of(f) AS own_edition, strip_edition(f) AS stripped
    FROM (SELECT DISTINCT listing_id, kind, edition_form(g) AS f FROM folded)
),
keyed AS (
    SELECT
        a.listing_id,
        a.kind,
        a.f,
        coalesce(a.own_edition, l.edition) AS edition,
        canon_compact(a.stripped) AS stripped_key,
        canon_compact(core_of(a.stripped)) AS stripped_core_key,
        a.stripped
    FROM analysed AS a
    JOIN er_listings AS l USING (listing_id)
    UNION ALL
    -- The name as shown was analysed with the listing (01-er-listings.sql): its keys are its base's.
    SELECT listing_id, 'name', f, edition, base_key, core_base_key, base FROM er_listings
)
SELECT
    listing_id,
    kind,
    f,
    edition,
    -- Edition-normalised compact key: "BraTS 2021" = "BraTS21" = "BRATS2021" → brats#2021.
    stripped_key || '#' || coalesce(edition, '') AS name_key,
    stripped_core_key || '#' || coalesce(edition, '') AS core_key,
    -- A name of descriptive words only ("Lung Image Database Consortium") has a core that identifies nothing;
    -- a publisher word still tells "NIH Chest X-ray" from any chest X-ray set.
    edition IS NOT NULL OR NOT all_generic(list_filter(string_split(stripped, ' '), t -> t <> '')) AS core_specific
FROM keyed
-- A variant must still name something: at least 3 letters/digits, and not just a year or a vocabulary word.
WHERE length(replace(f, ' ', '')) >= 3
  AND NOT regexp_matches(f, '^[0-9 ]+$')
  AND NOT is_qualifier(f)
  AND (kind = 'name' OR length(f) <= 60);

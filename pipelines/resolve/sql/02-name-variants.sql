-- Every name a listing goes by: as shown, the part before a bracket or colon,
-- and a bracketed short name ("Liver Tumor Segmentation (LiTS)" → "LiTS").
CREATE OR REPLACE TABLE er_variants AS
WITH raw_variants AS (
    SELECT listing_id, name AS variant, 'name' AS kind FROM er_listings
    UNION ALL
    SELECT listing_id, trim(regexp_extract(name, '^([^(\[]+)[(\[]', 1)), 'before-bracket' FROM er_listings
    UNION ALL
    SELECT listing_id, trim(regexp_extract(name, '[(\[]([^)\]]+)[)\]]', 1)), 'in-bracket' FROM er_listings
    UNION ALL
    SELECT listing_id, trim(regexp_extract(name, '^([^:]+):\s+\S', 1)), 'before-colon' FROM er_listings
),
analysed AS (
    SELECT DISTINCT listing_id, kind, fold_name(variant) AS f
    FROM raw_variants
    WHERE variant IS NOT NULL AND variant <> ''
)
SELECT
    a.listing_id,
    a.kind,
    a.f,
    coalesce(edition_of(a.f), l.edition) AS edition,
    -- Edition-normalised compact key: "BraTS 2021" = "BraTS21" = "BRATS2021" → brats#2021.
    replace(strip_edition(a.f), ' ', '') || '#' || coalesce(edition_of(a.f), l.edition, '') AS name_key,
    replace(core_of(strip_edition(a.f)), ' ', '') || '#' || coalesce(edition_of(a.f), l.edition, '') AS core_key
FROM analysed AS a
JOIN er_listings AS l USING (listing_id)
-- A variant must still name something: at least 3 letters/digits, and not just a year or a vocabulary word.
WHERE length(replace(a.f, ' ', '')) >= 3
  AND NOT regexp_matches(a.f, '^[0-9 ]+$')
  AND NOT list_contains(qualifier_words(), a.f)
  AND (a.kind = 'name' OR length(a.f) <= 60);

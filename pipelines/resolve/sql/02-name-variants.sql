-- Every name a listing goes by (er_name_variants, analysed once per distinct name in 01): as shown, the part
-- before a bracket or colon, the long name after a short name and a colon, and a bracketed short name
-- ("Liver Tumor Segmentation (LiTS)" → "LiTS"). A variant's own edition overrides the listing's.
CREATE OR REPLACE TABLE er_variants AS
SELECT
    listing_id,
    kind,
    -- Edition-normalised compact key: "BraTS 2021" = "BraTS21" = "BRATS2021" → brats#2021.
    stripped_key || '#' || coalesce(edition, '') AS name_key,
    stripped_core_key || '#' || coalesce(edition, '') AS core_key,
    -- A name of descriptive words only ("Lung Image Database Consortium") has a core that identifies nothing;
    -- a publisher word still tells "NIH Chest X-ray" from any chest X-ray set.
    edition IS NOT NULL OR NOT stripped_generic AS core_specific
FROM (
    SELECT l.listing_id, v.kind, coalesce(v.own_edition, l.edition) AS edition, v.stripped_key, v.stripped_core_key, v.stripped_generic
    FROM er_listings AS l
    JOIN er_name_variants AS v USING (name)
);

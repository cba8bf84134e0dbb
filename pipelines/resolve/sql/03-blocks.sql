-- Blocking: listings are compared only when they share a key. Keys are exact
-- (name, core name, URL, DOI, family base), or coarse (name prefix, acronym)
-- with a cap on block size, so the work stays near-linear in the listings.
CREATE OR REPLACE TABLE er_blocks AS
WITH url_spread AS (
    -- A URL shared by many different names is a portal (kaggle.com, a TCIA landing page), not a dataset.
    SELECT homepage_url AS key, count(DISTINCT base_key) AS names FROM er_listings WHERE homepage_url IS NOT NULL GROUP BY 1
),
doi_spread AS (
    SELECT doi AS key, count(DISTINCT base_key) AS names FROM er_listings WHERE doi IS NOT NULL GROUP BY 1
),
keyed AS (
    SELECT DISTINCT 'name' AS block, name_key AS key, listing_id FROM er_variants
    UNION
    SELECT DISTINCT 'core', core_key, listing_id FROM er_variants WHERE length(split_part(core_key, '#', 1)) >= 3
    UNION
    SELECT 'url', l.homepage_url, l.listing_id FROM er_listings AS l JOIN url_spread AS u ON u.key = l.homepage_url WHERE u.names <= $hub_names
    UNION
    SELECT 'doi', l.doi, l.listing_id FROM er_listings AS l JOIN doi_spread AS d ON d.key = l.doi WHERE d.names <= $hub_names
    UNION
    SELECT 'base', base_key, listing_id FROM er_listings WHERE length(base_key) >= 3
    UNION
    SELECT 'prefix', left(core_base_key, 4) || ':' || coalesce(edition, ''), listing_id FROM er_listings WHERE length(core_base_key) >= 6
    UNION
    SELECT 'acronym', acronym, listing_id FROM er_listings WHERE acronym IS NOT NULL
),
sized AS (
    SELECT *, count(*) OVER (PARTITION BY block, key) AS block_size FROM keyed
)
SELECT block, key, listing_id
FROM sized
WHERE block_size >= 2
  AND block_size <= CASE WHEN block IN ('prefix', 'acronym') THEN $coarse_block_cap ELSE $exact_block_cap END;

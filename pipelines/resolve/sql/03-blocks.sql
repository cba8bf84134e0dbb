-- Blocking: listings are compared only when they share a key. Keys are exact
-- (name, core name, resource, DOI, family base), or coarse (name prefix,
-- acronym) with a cap on block size, so the work stays near-linear.
CREATE OR REPLACE TABLE er_blocks AS
WITH resource_rows AS (
    SELECT listing_id, base_key, edition, unnest(resources) AS key FROM er_listings
),
resource_spread AS (
    -- A link shared by many different names or editions is a portal (kaggle.com, a challenge series' home), not a dataset;
    -- so is a web page named by a year (".../endovis/challenges/2023": every sub-challenge of that year).
    SELECT key,
        CASE WHEN starts_with(key, 'url:') AND regexp_matches(key, '/(19|20)[0-9]{2}/?$') THEN 1000000
             ELSE count(DISTINCT base_key || '#' || coalesce(edition, '')) END AS names
    FROM resource_rows GROUP BY key
),
keyed AS (
    -- Each branch gives each (block, key, listing, is_alias) once, and branches of one block never give the same
    -- row (kept in mind where one block has two branches), so the rows are distinct without a UNION's dedup.
    SELECT DISTINCT 'name' AS block, name_key AS key, listing_id, kind <> 'name' AS is_alias FROM er_variants
    UNION ALL
    SELECT DISTINCT 'core', core_key, listing_id, kind <> 'name' FROM er_variants WHERE length(split_part(core_key, '#', 1)) >= 3 AND core_specific
    UNION ALL
    SELECT 'link', r.key, r.listing_id, false FROM resource_rows AS r JOIN resource_spread AS u USING (key) WHERE u.names <= $hub_names
    UNION ALL
    -- A portal still groups its own datasets ("MSD06-Lung" / "MSD Lung Tumours" under medicaldecathlon.com); pairs
    -- under one are compared on their words (06-pairs.sql); a portal with more listings than the hub cap is left out.
    SELECT 'hub', r.key, r.listing_id, false FROM resource_rows AS r JOIN resource_spread AS u USING (key) WHERE u.names > $hub_names
    UNION ALL
    SELECT 'words', word_set_key, listing_id, false FROM er_listings WHERE length(word_set_key) >= 8 AND contains(word_set_key, ' ')
    UNION ALL
    -- Four or more words and one more: "Duke Breast Cancer Screening DBT" / "Breast-Cancer-Screening-DBT".
    SELECT 'words+1', word_set_key, listing_id, false FROM er_listings WHERE len(words) >= 4
    UNION ALL
    SELECT 'words+1', array_to_string(list_sort(list_filter(sorted_words, (w, i) -> i <> j)), ' ') || '#' || coalesce(edition, ''), listing_id, false
    FROM (SELECT listing_id, edition, sorted_words, unnest(range(1, len(sorted_words) + 1)) AS j FROM er_listings WHERE len(sorted_words) >= 5)
    UNION ALL
    -- A page named in a link against the last words of a name (is_alias marks the link side).
    SELECT 'page', url_slug, listing_id, true FROM er_listings WHERE length(url_slug) >= 8 AND regexp_matches(url_slug, '[0-9]')
    UNION ALL
    -- (only the tails some link names: tails alone would pair every "… segmentation challenge")
    SELECT 'page', tail, listing_id, false FROM (SELECT unnest(list_distinct(name_tails)) AS tail, listing_id FROM er_listings)
    WHERE tail IN (SELECT url_slug FROM er_listings WHERE length(url_slug) >= 8 AND regexp_matches(url_slug, '[0-9]'))
    UNION ALL
    -- A sub-challenge named alone and under its series and year ("PitVis" / "EndoVis23-PitVis").
    SELECT 'tail', last_word, listing_id, false FROM er_listings WHERE length(last_word) >= 5
    UNION ALL
    SELECT 'tail', base_key, listing_id, false FROM er_listings WHERE edition IS NULL AND len(tokens) = 1 AND length(base_key) >= 5
    UNION ALL
    -- (the base and its core are often one key: once)
    SELECT 'base', unnest(list_filter(list_distinct([base_key, core_base_key]), k -> length(k) >= 3)), listing_id, false FROM er_listings
    UNION ALL
    SELECT 'prefix', left(core_base_key, 4) || ':' || coalesce(edition, ''), listing_id, false FROM er_listings WHERE length(core_base_key) >= 6
    UNION ALL
    -- (three letters are enough to meet: an acronym match also needs a shared link or year, 06-pairs.sql)
    SELECT 'acronym', unnest(acronyms), listing_id, false FROM er_listings
),
sized AS (
    SELECT *, count(*) OVER (PARTITION BY block, key) AS block_size FROM keyed
)
SELECT block, key, listing_id, is_alias
FROM sized
WHERE block_size >= 2
  AND block_size <= CASE WHEN block IN ('prefix', 'acronym', 'words+1') THEN $coarse_block_cap WHEN block = 'hub' THEN $hub_block_cap ELSE $exact_block_cap END;

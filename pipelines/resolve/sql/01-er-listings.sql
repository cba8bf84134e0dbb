-- The listings, each with its name's analysis and what its links and stated content add.
CREATE OR REPLACE TABLE er_listings AS
WITH linked AS MATERIALIZED (
    SELECT
        n.listing_id, n.source_id, n.source_key, n.name, n.modalities, n.anatomy, n.regions, n.year,
        coalesce(t.distinct_listings, false) AS distinct_source,
        resource_key(n.homepage_url) AS url_key,
        -- What the listing's links point at: its URL's resource, and its DOI (as a doi: key, like doi.org URLs).
        list_distinct(list_filter([url_key, CASE WHEN n.doi IS NOT NULL THEN 'doi:' || lower(n.doi) END], x -> x IS NOT NULL)) AS resources,
        -- The page a plain web link names ("…/Rabbani_IOVS_2014_dataset.htm" → rabbaniiovs2014).
        CASE WHEN starts_with(coalesce(url_key, ''), 'url:') THEN nullif(array_to_string(list_filter(
            string_split(fold_name(regexp_extract(n.homepage_url, '/([^/?#]+?)(?:\.[a-z]{2,5})?(?:[?#].*)?$', 1)), ' '),
            t -> t <> '' AND t NOT IN ('dataset', 'datasets', 'data', 'index', 'home', 'download', 'downloads', 'main', 'page')), ''), '') END AS url_slug
    FROM normalized_listings AS n
    LEFT JOIN source_traits AS t USING (source_id)
    WHERE NOT n.non_imaging
),
-- An undated listing whose record link (a versioned Zenodo/figshare/Mendeley record or a repository accession; not a
-- web page, a challenge site or a paper DOI, which may serve every edition) is shared only with listings of one edition
-- of the same name is that edition: "TotalSegmentator" linking zenodo 10047292 is "TotalSegmentator v2".
-- Only record links are read, so only the listings holding one take their name's analysis here.
keyed AS MATERIALIZED (
    SELECT r.listing_id, a.base_key, a.edition, a.edition_kind, r.key
    FROM (SELECT listing_id, name, unnest(resources) AS key FROM linked) AS r
    JOIN er_names AS a USING (name)
    WHERE split_part(r.key, ':', 1) IN ('zenodo', 'figshare', 'mendeley', 'openneuro', 'synapse', 'physionet', 'tianchi', 'kaggle')
),
dated AS (
    SELECT key, base_key, count(DISTINCT edition) AS editions, min(edition) AS edition, min(edition_kind) AS edition_kind
    FROM keyed
    WHERE edition IS NOT NULL AND edition_kind IN ('year', 'sequel')
    GROUP BY key, base_key
),
from_link AS (
    SELECT u.listing_id, min(d.edition) AS edition, min(d.edition_kind) AS edition_kind
    FROM keyed AS u
    JOIN dated AS d ON d.key = u.key AND d.base_key = u.base_key
    WHERE u.edition IS NULL AND u.edition_kind IS NULL AND d.editions = 1
    GROUP BY u.listing_id
    HAVING count(DISTINCT d.edition) = 1
),
-- The qualifier words a listing's stated content implies ("ct", "abdomen" for a listing of abdominal CT only;
-- see stated_content), found by a join on content, once per combination of stated modalities, regions and organs.
vocabulary AS (
    SELECT word, qualifier_content(word) AS content
    FROM (SELECT DISTINCT unnest(generic_words()) AS word)
    WHERE qualifier_content(word) IS NOT NULL
),
implied AS (
    SELECT s.modalities, s.regions, s.anatomy, list(v.word ORDER BY v.word) AS implied_words
    FROM (
        SELECT modalities, regions, anatomy, unnest(stated_content(modalities, regions, anatomy)) AS content
        FROM (SELECT DISTINCT modalities, regions, anatomy FROM linked)
    ) AS s
    JOIN vocabulary AS v USING (content)
    GROUP BY s.modalities, s.regions, s.anatomy
)
SELECT
    l.* EXCLUDE (anatomy, url_key),
    a.* EXCLUDE (name, edition, edition_kind, accession_like, name_variant, base_generic),
    coalesce(fl.edition, a.edition) AS edition,
    coalesce(fl.edition_kind, a.edition_kind) AS edition_kind,
    -- A name that is only the accession in its own link ("ds000030" for openneuro.org/datasets/ds000030) says nothing about the dataset.
    a.accession_like AND list_contains(list_transform(l.resources, r -> split_part(r, ':', 2)), lower(l.name)) AS name_is_id,
    coalesce(i.implied_words, []) AS implied_words
FROM linked AS l
JOIN er_names AS a USING (name)
LEFT JOIN from_link AS fl USING (listing_id)
LEFT JOIN implied AS i ON i.modalities = l.modalities AND i.regions = l.regions AND i.anatomy = l.anatomy;

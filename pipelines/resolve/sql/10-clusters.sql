-- From components to entities. A component holding two editions is split by
-- edition (chained links never merge BraTS 2020 into 2021). Listings that name
-- a whole family (no edition, or several) and did not join one edition are
-- family-level: linked to the family, not to any one dataset.
CREATE OR REPLACE TABLE er_clusters AS
WITH c AS (
    SELECT l.listing_id, l.source_id, l.source_key, l.edition, l.edition_kind, l.base_key, k.component
    FROM er_listings AS l
    JOIN er_component AS k USING (listing_id)
),
spread AS (
    SELECT component, count(DISTINCT edition) AS editions, count(*) FILTER (WHERE edition IS NOT NULL) AS with_edition
    FROM c
    GROUP BY component
),
placed AS (
    SELECT
        c.*,
        s.editions,
        fe.year_editions + fe.sequel_editions AS family_editions,
        CASE
            WHEN s.editions >= 2 AND c.edition IS NULL THEN true
            WHEN s.with_edition = 0 AND c.edition_kind = 'multi' THEN true
            -- Undated where the family has two or more years ("BraTS" beside BraTS 2020 and 2021) names the family, and so
            -- beside sequels numbered from 1 ("OASIS" beside OASIS-1, -2, -3); beside later sequels only it is the
            -- unnumbered first version ("CC-Radiomics-Phantom" beside -2 and -3).
            WHEN s.with_edition = 0 AND (coalesce(fe.year_editions, 0) >= 2 OR (fe.sequel_editions >= 2 AND fe.numbered_from_one)) THEN true
            ELSE false
        END AS family_level
    FROM c
    JOIN spread AS s USING (component)
    LEFT JOIN er_family_editions AS fe ON fe.base_key = c.base_key
)
SELECT
    listing_id,
    source_id,
    source_key,
    family_level,
    base_key,
    -- (entity merging reads the edition and base here, so the analysed listings can go before it)
    edition,
    -- A cluster is a component, or one edition of a component of several: numbered by its smallest listing id (an
    -- integer, so that merging, ids and outputs group and join on it cheaply; it names nothing outside resolution).
    CASE WHEN family_level THEN NULL ELSE min(listing_id) OVER w END AS cluster,
    -- A stable, order-free anchor per cluster: its smallest source reference.
    CASE WHEN family_level THEN NULL ELSE min(source_id || ':' || source_key) OVER w END AS anchor
FROM placed
WINDOW w AS (PARTITION BY component, CASE WHEN editions >= 2 THEN edition END);

-- The resolution's outputs, keyed by dataset id: entities, the listing map,
-- families, id history and per-value provenance. Conflicts follow in 13.
CREATE OR REPLACE TABLE entity_ids AS
SELECT cluster, dataset_id, false AS is_new FROM er_carried_ids
UNION ALL
-- New ids keep 6 hex digits unless they collide (13-id-collisions.sql): then ids.ts lengthened them.
SELECT f.cluster, coalesce(l.dataset_id, short_id(f.slug, f.hash)) AS dataset_id, true AS is_new
FROM er_fresh_ids AS f
LEFT JOIN read_json($new_ids_file, format = 'newline_delimited', columns = {cluster: 'INTEGER', dataset_id: 'VARCHAR'}) AS l USING (cluster);

CREATE OR REPLACE TABLE families AS
WITH members AS (
    SELECT e.base_key, i.dataset_id, e.name, e.edition
    FROM er_entities AS e JOIN entity_ids AS i USING (cluster)
    WHERE e.base_key IN (SELECT base_key FROM er_family_editions WHERE year_editions + sequel_editions >= 1 OR multi_listings > 0)
),
family_listings AS (
    SELECT base_key, count(*) AS family_level_listings FROM er_clusters WHERE family_level GROUP BY base_key
),
display AS (
    -- The family's name: its members' names with the edition taken off, most common spelling first.
    SELECT base_key, name, row_number() OVER (PARTITION BY base_key ORDER BY n DESC, name) AS rk
    FROM (
        SELECT base_key, trim(regexp_replace(regexp_replace(name, '[ _-]*((19|20)?[0-9]{2}([/ ,&-]+(19|20)?[0-9]{2})*|[vV][0-9]+|I{2,3}|IV)$', ''), '\s+', ' ', 'g')) AS name, count(*) AS n
        FROM (SELECT base_key, name FROM members UNION ALL SELECT c.base_key, n.name FROM er_clusters c JOIN normalized_listings n USING (listing_id) WHERE c.family_level)
        GROUP BY ALL
    )
    WHERE name <> ''
),
keys AS (
    SELECT base_key FROM members UNION SELECT base_key FROM family_listings
)
SELECT
    k.base_key AS family_key,
    d.name,
    list_sort(list(m.dataset_id) FILTER (WHERE m.dataset_id IS NOT NULL)) AS dataset_ids,
    list_sort(list_distinct(list(m.edition) FILTER (WHERE m.edition IS NOT NULL))) AS editions,
    coalesce(any_value(fl.family_level_listings), 0) AS family_level_listings
FROM keys AS k
LEFT JOIN members AS m USING (base_key)
LEFT JOIN family_listings AS fl USING (base_key)
LEFT JOIN display AS d ON d.base_key = k.base_key AND d.rk = 1
GROUP BY k.base_key, d.name
-- A family is worth naming when it has several members, or listings that name the family itself.
HAVING count(m.dataset_id) >= 2 OR coalesce(any_value(fl.family_level_listings), 0) > 0;

CREATE OR REPLACE TABLE family_ids AS
SELECT
    family_key,
    trim(regexp_replace(lower(strip_accents(coalesce(name, family_key))), '[^a-z0-9]+', '-', 'g'), '-') || '-' || left(sha256(family_key), 6) AS family_id
FROM families;

CREATE OR REPLACE TABLE datasets AS
SELECT
    i.dataset_id,
    e.name,
    e.aliases,
    f.name AS family,
    fi.family_id,
    e.edition,
    e.year,
    e.modalities,
    e.anatomy,
    e.regions,
    e.tasks,
    e.dimensionality,
    CAST(e.sample_count AS BIGINT) AS sample_count,
    e.sample_unit,
    e.has_labels,
    e.diseases,
    e.access,
    e.license,
    e.license_raw,
    e.license_commercial,
    e.license_derivatives,
    e.license_share_alike,
    e.homepage_url,
    e.download_url,
    e.paper_url,
    e.doi,
    e.description,
    e.sources,
    CAST(e.source_count AS INTEGER) AS source_count,
    CAST(e.listing_count AS INTEGER) AS listing_count,
    e.cluster
FROM er_entities AS e
JOIN entity_ids AS i USING (cluster)
LEFT JOIN families AS f ON f.family_key = e.base_key
LEFT JOIN family_ids AS fi ON fi.family_key = e.base_key;

-- Every listing and where it went: a dataset, a family (family-level listings), or out of scope.
CREATE OR REPLACE TABLE listing_map AS
SELECT
    n.listing_id,
    n.source_id,
    n.source_key,
    i.dataset_id,
    fi.family_id,
    CASE
        WHEN n.non_imaging THEN 'out of scope: non-imaging modalities only'
        WHEN c.family_level THEN 'family-level: names the whole family, not one edition'
        ELSE NULL
    END AS resolution_note
FROM normalized_listings AS n
LEFT JOIN er_clusters AS c USING (listing_id)
LEFT JOIN entity_ids AS i ON i.cluster = c.cluster
LEFT JOIN family_ids AS fi ON fi.family_key = c.base_key;

-- Which source supplied each canonical value: the chosen scalar values, and every source of each list term.
CREATE OR REPLACE TABLE provenance AS
SELECT i.dataset_id, c.field, c.value, c.source_id, c.source_key
FROM er_chosen_values AS c
JOIN entity_ids AS i USING (cluster)
UNION ALL
SELECT i.dataset_id, t.field, t.value, t.source_id, t.source_key
FROM (
    SELECT cluster, source_id, source_key, 'modalities' AS field, unnest(modalities) AS value FROM er_entity_listings
    UNION ALL SELECT cluster, source_id, source_key, 'anatomy', unnest(anatomy) FROM er_entity_listings
    UNION ALL SELECT cluster, source_id, source_key, 'tasks', unnest(tasks) FROM er_entity_listings
    UNION ALL SELECT cluster, source_id, source_key, 'dimensionality', unnest(dimensionality) FROM er_entity_listings
    UNION ALL SELECT cluster, source_id, source_key, 'diseases', unnest(diseases) FROM er_entity_listings
) AS t
JOIN entity_ids AS i USING (cluster);

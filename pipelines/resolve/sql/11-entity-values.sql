-- Field merging. For every entity and scalar field, the value of the best-ranked
-- listing wins: the per-field source precedence (precedence.json; 500 for a source
-- a field does not list; access a license's terms set 1000 below stated access,
-- access inferred from a URL's host 2000 below), then source id, then source key.
-- listing_id is dense and ordered by (source_id, source_key) (normalize 01-listings.sql), so (rank, source_id,
-- source_key) orders exactly as (rank, listing_id), packed into one BIGINT key
-- per listing and field: the winner is a plain min() in one GROUP BY, not a
-- window over a long table of every candidate value (millions of rows, most of
-- them in single-listing entities that have nothing to choose).
CREATE OR REPLACE TABLE er_precedence AS
SELECT field, source_id, rank
FROM read_json($precedence_file, format = 'newline_delimited', columns = {field: 'VARCHAR', source_id: 'VARCHAR', rank: 'INTEGER'});

-- The listings of each entity with only the columns merging reads, their edition and family
-- base, and per scalar field their ranking key k_<field> (NULL where the listing has no value).
CREATE OR REPLACE TABLE er_entity_listings AS
WITH ranks AS (
    SELECT
        source_id,
        min(rank) FILTER (WHERE field = 'name') AS r_name,
        min(rank) FILTER (WHERE field = 'year') AS r_year,
        min(rank) FILTER (WHERE field = 'sample_count') AS r_sample_count,
        min(rank) FILTER (WHERE field = 'license') AS r_license,
        min(rank) FILTER (WHERE field = 'access') AS r_access,
        min(rank) FILTER (WHERE field = 'homepage_url') AS r_homepage_url,
        min(rank) FILTER (WHERE field = 'doi') AS r_doi,
        min(rank) FILTER (WHERE field = 'has_labels') AS r_has_labels,
        min(rank) FILTER (WHERE field = 'description') AS r_description,
        min(rank) FILTER (WHERE field = 'paper_url') AS r_paper_url,
        min(rank) FILTER (WHERE field = 'download_url') AS r_download_url
    FROM er_precedence
    GROUP BY source_id
)
SELECT
    c.cluster, c.anchor, n.listing_id, n.source_id, n.source_key, n.name,
    n.modalities, n.anatomy, n.regions, n.tasks, n.dimensionality, n.diseases,
    n.year, n.sample_count, n.sample_unit, n.license_spdx, n.license_raw, n.license_commercial, n.license_derivatives, n.license_share_alike,
    n.access, n.homepage_url, n.doi, n.has_labels, n.description, n.paper_url, n.download_url,
    c.edition, c.base_key,
    CAST(coalesce(r.r_name, 500) AS BIGINT) * 4294967296 + n.listing_id AS k_name,
    CASE WHEN n.year IS NOT NULL THEN CAST(coalesce(r.r_year, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_year,
    CASE WHEN n.sample_count IS NOT NULL THEN CAST(coalesce(r.r_sample_count, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_sample_count,
    CASE WHEN n.license_spdx <> 'unknown' THEN CAST(coalesce(r.r_license, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_license,
    CASE WHEN n.access <> 'unknown' THEN CAST(coalesce(r.r_access, 500) + CASE n.access_basis WHEN 'stated' THEN 0 WHEN 'license' THEN 1000 ELSE 2000 END AS BIGINT) * 4294967296 + n.listing_id END AS k_access,
    CASE WHEN n.homepage_url IS NOT NULL THEN CAST(coalesce(r.r_homepage_url, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_homepage_url,
    CASE WHEN n.doi IS NOT NULL THEN CAST(coalesce(r.r_doi, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_doi,
    CASE WHEN n.has_labels IS NOT NULL THEN CAST(coalesce(r.r_has_labels, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_has_labels,
    CASE WHEN n.description IS NOT NULL THEN CAST(coalesce(r.r_description, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_description,
    CASE WHEN n.paper_url IS NOT NULL THEN CAST(coalesce(r.r_paper_url, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_paper_url,
    CASE WHEN n.download_url IS NOT NULL THEN CAST(coalesce(r.r_download_url, 500) AS BIGINT) * 4294967296 + n.listing_id END AS k_download_url
FROM er_clusters AS c
JOIN normalized_listings AS n USING (listing_id)
LEFT JOIN ranks AS r ON r.source_id = n.source_id
WHERE c.cluster IS NOT NULL;

-- Each entity's lists (unions), and per scalar field the winning listing (l_<field>, NULL when
-- no listing of the entity has the field) and, where the entity shows it, its value. Keys are
-- unique per listing, so every arg_min over one key reads the same, winning listing.
-- The entities are merged in four parts (by a hash of the cluster), so the aggregate's states,
-- lists and strings that cannot spill to disk, take a quarter of the memory at a time.
CREATE OR REPLACE MACRO entity_chosen(parts, part) AS TABLE
    SELECT
        cluster,
        min(anchor) AS anchor,
        list_sort(list_distinct(flatten(list(modalities)))) AS modalities,
        list_sort(list_distinct(flatten(list(anatomy)))) AS anatomy,
        list_sort(list_distinct(flatten(list(regions)))) AS regions,
        list_sort(list_distinct(flatten(list(tasks)))) AS tasks,
        list_sort(list_distinct(flatten(list(dimensionality)))) AS dimensionality,
        list_sort(list_distinct(flatten(list(diseases)))) AS diseases,
        list_sort(list_distinct(list(name))) AS names,
        list_sort(list(struct_pack(source_id := source_id, source_key := source_key))) AS sources,
        count(DISTINCT source_id) AS source_count,
        count(*) AS listing_count,
        -- After the edition split an entity holds at most one edition; its family base comes from an edition-bearing listing.
        max(edition) AS edition,
        arg_min(base_key, (edition IS NULL, base_key)) AS base_key,
        CAST(min(k_name) % 4294967296 AS INTEGER) AS l_name,
        CAST(min(k_year) % 4294967296 AS INTEGER) AS l_year,
        CAST(min(k_sample_count) % 4294967296 AS INTEGER) AS l_sample_count,
        CAST(min(k_license) % 4294967296 AS INTEGER) AS l_license,
        CAST(min(k_access) % 4294967296 AS INTEGER) AS l_access,
        CAST(min(k_homepage_url) % 4294967296 AS INTEGER) AS l_homepage_url,
        CAST(min(k_doi) % 4294967296 AS INTEGER) AS l_doi,
        CAST(min(k_has_labels) % 4294967296 AS INTEGER) AS l_has_labels,
        CAST(min(k_description) % 4294967296 AS INTEGER) AS l_description,
        CAST(min(k_paper_url) % 4294967296 AS INTEGER) AS l_paper_url,
        CAST(min(k_download_url) % 4294967296 AS INTEGER) AS l_download_url,
        arg_min(year, k_year) AS year,
        arg_min(sample_count, k_sample_count) AS sample_count,
        arg_min(sample_unit, k_sample_count) AS sample_unit,
        arg_min(has_labels, k_has_labels) AS has_labels,
        arg_min(access, k_access) AS access,
        arg_min(license_spdx, k_license) AS license,
        arg_min(homepage_url, k_homepage_url) AS homepage_url,
        arg_min(doi, k_doi) AS doi,
        arg_min(paper_url, k_paper_url) AS paper_url,
        arg_min(download_url, k_download_url) AS download_url,
        arg_min(description, k_description) AS description
    FROM er_entity_listings
    WHERE hash(cluster) % parts = part
    GROUP BY cluster;

CREATE OR REPLACE TABLE er_entity_chosen AS FROM entity_chosen(4, 0);
INSERT INTO er_entity_chosen FROM entity_chosen(4, 1);
INSERT INTO er_entity_chosen FROM entity_chosen(4, 2);
INSERT INTO er_entity_chosen FROM entity_chosen(4, 3);

-- The display name: the most common spelling (by folded form) wins; precedence breaks ties,
-- then the folded form; within the winning spelling, the best-ranked listing's name.
-- An entity of one listing has one spelling: its name is that listing's.
CREATE OR REPLACE TABLE er_entity_names AS
WITH spelled AS (
    SELECT
        cluster,
        fold_name(name) AS f,
        count(*) AS n,
        min(k_name // 4294967296) AS best,
        arg_min(name, k_name) AS name
    FROM er_entity_listings
    WHERE cluster IN (SELECT cluster FROM er_entity_chosen WHERE listing_count > 1)
    GROUP BY cluster, fold_name(name)
)
SELECT cluster, arg_min(struct_pack(name := name), (-n, best, f)).name AS name
FROM spelled
GROUP BY cluster
UNION ALL
SELECT e.cluster, x.name
FROM er_entity_chosen AS e
JOIN er_entity_listings AS x ON x.listing_id = e.l_name
WHERE e.listing_count = 1;

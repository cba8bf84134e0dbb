-- One row per entity (still keyed by cluster; dataset ids are assigned next).
CREATE OR REPLACE TABLE er_entities AS
SELECT
    e.cluster,
    e.anchor,
    n.name,
    list_filter(e.names, x -> x <> n.name) AS aliases,
    e.edition,
    e.base_key,
    coalesce(e.year, CASE WHEN regexp_matches(coalesce(e.edition, ''), '^[0-9]{4}$') THEN CAST(e.edition AS INTEGER) END) AS year,
    e.modalities, e.anatomy, e.regions, e.tasks, e.dimensionality, e.diseases,
    e.sample_count,
    coalesce(e.sample_unit, 'unknown') AS sample_unit,
    e.has_labels,
    coalesce(e.access, 'unknown') AS access,
    coalesce(e.license, 'unknown') AS license,
    lic.license_raw,
    lic.license_commercial,
    lic.license_derivatives,
    lic.license_share_alike,
    e.homepage_url,
    e.doi,
    e.paper_url,
    e.download_url,
    e.description,
    e.sources,
    e.source_count,
    e.listing_count
FROM er_entity_chosen AS e
JOIN er_entity_names AS n USING (cluster)
LEFT JOIN er_entity_listings AS lic ON lic.listing_id = e.l_license;

-- The chosen value of each entity's scalar fields with its source, in long form and as text
-- (years and counts as text, a count with its unit): what provenance records.
CREATE OR REPLACE VIEW er_chosen_values AS
WITH chosen AS (
    UNPIVOT (SELECT cluster, l_name AS name, l_year AS year, l_sample_count AS sample_count, l_license AS license, l_access AS access, l_homepage_url AS homepage_url, l_doi AS doi, l_has_labels AS has_labels, l_description AS description, l_paper_url AS paper_url, l_download_url AS download_url FROM er_entity_chosen)
    ON name, year, sample_count, license, access, homepage_url, doi, has_labels, description, paper_url, download_url
    INTO NAME field VALUE listing_id
)
SELECT
    c.cluster,
    c.field,
    CASE c.field
        WHEN 'name' THEN x.name
        WHEN 'year' THEN CAST(x.year AS VARCHAR)
        WHEN 'sample_count' THEN CAST(x.sample_count AS VARCHAR) || ' ' || x.sample_unit
        WHEN 'license' THEN x.license_spdx
        WHEN 'access' THEN x.access
        WHEN 'homepage_url' THEN x.homepage_url
        WHEN 'doi' THEN x.doi
        WHEN 'has_labels' THEN CAST(x.has_labels AS VARCHAR)
        WHEN 'description' THEN x.description
        WHEN 'paper_url' THEN x.paper_url
        WHEN 'download_url' THEN x.download_url
    END AS value,
    x.source_id,
    x.source_key
FROM chosen AS c
JOIN er_entity_listings AS x USING (listing_id);

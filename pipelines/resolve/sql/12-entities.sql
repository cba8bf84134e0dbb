-- One row per entity (still keyed by cluster; dataset ids are assigned next).
CREATE OR REPLACE TABLE er_entities AS
WITH lists AS (
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
        count(*) AS listing_count
    FROM er_entity_listings
    GROUP BY cluster
),
editions AS (
    -- After the edition split a cluster holds at most one edition; its family base comes from an edition-bearing listing.
    SELECT c.cluster, max(l.edition) AS edition, arg_min(l.base_key, (l.edition IS NULL, l.base_key)) AS base_key
    FROM er_clusters AS c
    JOIN er_listings AS l USING (listing_id)
    WHERE c.cluster IS NOT NULL
    GROUP BY c.cluster
),
chosen AS (
    SELECT cluster, field, value, listing_id FROM er_field_candidates WHERE chosen
)
SELECT
    l.cluster,
    l.anchor,
    n.name,
    list_filter(l.names, x -> x <> n.name) AS aliases,
    e.edition,
    e.base_key,
    coalesce(
        TRY_CAST((SELECT value FROM chosen c WHERE c.cluster = l.cluster AND c.field = 'year') AS INTEGER),
        CASE WHEN regexp_matches(coalesce(e.edition, ''), '^[0-9]{4}$') THEN CAST(e.edition AS INTEGER) END
    ) AS year,
    l.modalities, l.anatomy, l.regions, l.tasks, l.dimensionality, l.diseases,
    sc.sample_count,
    coalesce(sc.sample_unit, 'unknown') AS sample_unit,
    coalesce(lab.has_labels, NULL) AS has_labels,
    coalesce(acc.access, 'unknown') AS access,
    coalesce(lic.license_spdx, 'unknown') AS license,
    lic.license_raw,
    lic.license_commercial,
    lic.license_derivatives,
    lic.license_share_alike,
    url.homepage_url,
    doi.doi,
    paper.paper_url,
    dl.download_url,
    descr.description,
    l.sources,
    l.source_count,
    l.listing_count
FROM lists AS l
JOIN er_entity_names AS n USING (cluster)
JOIN editions AS e USING (cluster)
LEFT JOIN (SELECT c.cluster, x.sample_count, x.sample_unit FROM chosen c JOIN normalized_listings x USING (listing_id) WHERE c.field = 'sample_count') AS sc USING (cluster)
LEFT JOIN (SELECT c.cluster, x.has_labels FROM chosen c JOIN normalized_listings x USING (listing_id) WHERE c.field = 'has_labels') AS lab USING (cluster)
LEFT JOIN (SELECT c.cluster, x.access FROM chosen c JOIN normalized_listings x USING (listing_id) WHERE c.field = 'access') AS acc USING (cluster)
LEFT JOIN (SELECT c.cluster, x.license_spdx, x.license_raw, x.license_commercial, x.license_derivatives, x.license_share_alike
           FROM chosen c JOIN normalized_listings x USING (listing_id) WHERE c.field = 'license') AS lic USING (cluster)
LEFT JOIN (SELECT cluster, value AS homepage_url FROM chosen WHERE field = 'homepage_url') AS url USING (cluster)
LEFT JOIN (SELECT cluster, value AS doi FROM chosen WHERE field = 'doi') AS doi USING (cluster)
LEFT JOIN (SELECT cluster, value AS paper_url FROM chosen WHERE field = 'paper_url') AS paper USING (cluster)
LEFT JOIN (SELECT cluster, value AS download_url FROM chosen WHERE field = 'download_url') AS dl USING (cluster)
LEFT JOIN (SELECT cluster, value AS description FROM chosen WHERE field = 'description') AS descr USING (cluster);

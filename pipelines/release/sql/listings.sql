-- listings.parquet: every listing that passed validation, where it went, its normalised values and its raw fields.
SELECT
    l.source_id,
    l.source_key,
    l.name AS source_name,
    m.dataset_id,
    m.family_id,
    m.resolution_note,
    l.url,
    n.modalities, n.anatomy, n.regions, n.tasks, n.dimensionality,
    n.sample_count, n.sample_unit, n.year, n.license_spdx AS license, n.access, n.access_basis, n.has_labels, n.doi,
    l.fetched_at,
    l.snapshot_sha256,
    l.raw
FROM listings AS l
JOIN listing_map AS m USING (listing_id)
JOIN normalized_listings AS n USING (listing_id)
-- listing_id is numbered in (source_id, source_key) order (normalise 01-listings.sql), and source keys are unique per source.
ORDER BY l.listing_id

-- datasets.parquet: one row per dataset entity.
SELECT
    dataset_id, name, aliases, family, family_id, edition, year,
    modalities, anatomy, regions, tasks, dimensionality,
    sample_count, sample_unit, has_labels, diseases,
    access, license, license_raw,
    license_commercial AS license_allows_commercial,
    license_derivatives AS license_allows_derivatives,
    license_share_alike,
    homepage_url, download_url, paper_url, doi, description,
    sources, source_count, listing_count
FROM datasets
ORDER BY dataset_id

-- Every staged listing, one row each. listing_id is dense and ordered by
-- (source_id, source_key), so it is the same on every run with the same input.
-- The raw fields are kept with their keys in order, as the release writes them.
-- normalize.ts moves this table to a Parquet file in the work directory, read through the view `listings`:
-- after normalising, only the release reads the raw fields, and they would hold memory resolution needs.
CREATE OR REPLACE TABLE staged_listings AS
SELECT
    CAST(row_number() OVER (ORDER BY source_id, source_key) AS INTEGER) AS listing_id,
    source_id,
    source_key,
    name,
    url,
    map_from_entries(list_sort(map_entries(raw))) AS raw,
    fetched_at,
    snapshot_sha256
FROM read_json(
    $listing_files,
    format = 'newline_delimited',
    columns = {
        source_id: 'VARCHAR',
        source_key: 'VARCHAR',
        name: 'VARCHAR',
        url: 'VARCHAR',
        raw: 'MAP(VARCHAR, VARCHAR)',
        fetched_at: 'VARCHAR',
        snapshot_sha256: 'VARCHAR'
    }
);

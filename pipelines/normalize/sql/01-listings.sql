-- Every staged listing, one row each. listing_id is dense and ordered by
-- (source_id, source_key), so it is the same on every run with the same input.
-- The raw fields are kept with their keys in order, as the release writes them.
-- normalize.ts moves this table to a Parquet file in the work directory, read through the view `listings`:
-- after normalising, only the release reads the raw fields, and they would hold memory resolution needs.
-- The ids are numbered over the keys alone and joined back: a window ordering the whole rows (their raw fields)
-- costs three times as much at 1M listings. Source keys are unique per source (source-kit rejects a repeated
-- key as it collects); normalize.ts checks that no key came twice.
CREATE OR REPLACE TABLE staged_listings AS
WITH staged AS MATERIALIZED (
    SELECT * FROM read_json(
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
)),
ids AS (
    SELECT source_id, source_key, CAST(row_number() OVER (ORDER BY source_id, source_key) AS INTEGER) AS listing_id
    FROM staged
)
SELECT
    i.listing_id,
    s.source_id,
    s.source_key,
    s.name,
    s.url,
    map_from_entries(list_sort(map_entries(s.raw))) AS raw,
    s.fetched_at,
    s.snapshot_sha256
FROM staged AS s
JOIN ids AS i ON i.source_id IS NOT DISTINCT FROM s.source_id AND i.source_key IS NOT DISTINCT FROM s.source_key;

-- Every staged listing, one row each. listing_id is dense and ordered by
-- (source_id, source_key), so it is the same on every run with the same input.
CREATE OR REPLACE TABLE listings AS
SELECT
    CAST(row_number() OVER (ORDER BY source_id, source_key) AS INTEGER) AS listing_id,
    source_id,
    source_key,
    name,
    url,
    raw,
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

-- Records a source rejected while parsing (kept with their reason, never dropped).
CREATE OR REPLACE TABLE record_rejects AS
SELECT source_id, record, field, reason, raw
FROM read_json(
    $reject_files,
    format = 'newline_delimited',
    columns = {source_id: 'VARCHAR', record: 'VARCHAR', field: 'VARCHAR', reason: 'VARCHAR', raw: 'VARCHAR'}
);

-- Which raw field carries which role, per source (from each source's fieldMap).
-- A row with field NULL is a source-wide default value for the role.
CREATE OR REPLACE TABLE field_map AS
SELECT source_id, role, field, priority, default_value
FROM read_json(
    $field_map_file,
    format = 'newline_delimited',
    columns = {source_id: 'VARCHAR', role: 'VARCHAR', field: 'VARCHAR', priority: 'INTEGER', default_value: 'VARCHAR'}
);

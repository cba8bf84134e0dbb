-- What each distinct (role, raw value) means, computed once per distinct value by the vocabularies.
CREATE OR REPLACE TABLE value_map AS
SELECT *
FROM read_json(
    $value_map_file,
    format = 'newline_delimited',
    columns = {
        role: 'VARCHAR', value: 'VARCHAR', terms: 'VARCHAR[]', regions: 'VARCHAR[]', excluded: 'VARCHAR[]',
        count: 'BIGINT', unit: 'VARCHAR', approximate: 'BOOLEAN', lower_bound: 'BOOLEAN', year: 'INTEGER',
        spdx: 'VARCHAR', license_key: 'VARCHAR', commercial: 'BOOLEAN', derivatives: 'BOOLEAN', share_alike: 'BOOLEAN',
        access: 'VARCHAR', bool: 'BOOLEAN', text: 'VARCHAR', doi: 'VARCHAR', issue: 'VARCHAR'
    }
);

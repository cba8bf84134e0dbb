-- What each distinct (role, raw value) means, computed once per distinct value by the vocabularies.
-- The files leave out null fields and empty lists (map-value.ts: compactJson); lists come back as [].
CREATE OR REPLACE TABLE value_map AS
SELECT
    role, value, coalesce(terms, []) AS terms, coalesce(regions, []) AS regions, coalesce(excluded, []) AS excluded,
    count, unit, approximate, lower_bound, year, spdx, license_key, commercial, derivatives, share_alike,
    access, bool, text, doi, issue
FROM read_json(
    $value_map_files,
    format = 'newline_delimited',
    columns = {
        role: 'VARCHAR', value: 'VARCHAR', terms: 'VARCHAR[]', regions: 'VARCHAR[]', excluded: 'VARCHAR[]',
        count: 'BIGINT', unit: 'VARCHAR', approximate: 'BOOLEAN', lower_bound: 'BOOLEAN', year: 'INTEGER',
        spdx: 'VARCHAR', license_key: 'VARCHAR', commercial: 'BOOLEAN', derivatives: 'BOOLEAN', share_alike: 'BOOLEAN',
        access: 'VARCHAR', bool: 'BOOLEAN', text: 'VARCHAR', doi: 'VARCHAR', issue: 'VARCHAR'
    }
);

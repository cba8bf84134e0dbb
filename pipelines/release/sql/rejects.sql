-- rejects.parquet: what failed validation, and why. kind = 'record' (the whole record was not listed) or
-- 'value' (the listing is kept; one field's value could not be read).
SELECT 'record' AS kind, source_id, record, field, reason, raw AS value FROM record_rejects
UNION ALL
SELECT 'value' AS kind, source_id, source_key AS record, field, reason, value FROM value_issues
ORDER BY kind, source_id, record, field, reason, value

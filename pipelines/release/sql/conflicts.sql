-- conflicts.parquet: values sources disagree on, each with its source; `chosen` marks the value the catalog kept.
SELECT dataset_id, field, value, source_id, source_key, chosen
FROM conflicts
ORDER BY dataset_id, field, source_id, source_key, value

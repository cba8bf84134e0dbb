-- provenance.parquet: which source supplied each canonical value.
SELECT dataset_id, field, value, source_id, source_key
FROM provenance
ORDER BY dataset_id, field, value, source_id, source_key

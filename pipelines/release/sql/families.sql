-- families.parquet: editions of one dataset under one name (BraTS → BraTS 2012…2024).
SELECT i.family_id, f.name, f.family_key, f.editions, f.dataset_ids, CAST(f.family_level_listings AS INTEGER) AS family_level_listings
FROM families AS f
JOIN family_ids AS i USING (family_key)
ORDER BY i.family_id

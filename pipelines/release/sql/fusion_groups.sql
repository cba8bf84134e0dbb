-- fusion_groups.parquet: datasets that could be merged into one training corpus, at three levels.
SELECT * FROM fusion_groups ORDER BY group_id

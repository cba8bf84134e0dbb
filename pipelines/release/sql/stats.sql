-- stats.parquet: catalog statistics in long form (see docs/release-format.md for each `stat`).
SELECT *
FROM stats
ORDER BY stat, dim_a NULLS FIRST, value_a NULLS FIRST, dim_b NULLS FIRST, value_b NULLS FIRST

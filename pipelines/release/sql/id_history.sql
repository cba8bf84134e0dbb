-- id_history.parquet: every id event so far (merged, split, retired) with successors; carried from release to release.
SELECT dataset_id, event, successors, release
FROM id_history
ORDER BY release, dataset_id, event

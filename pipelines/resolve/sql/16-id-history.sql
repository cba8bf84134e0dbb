-- What happened to the previous release's ids in this build: merged into other entities (every current id
-- that took some of its listings), split (it stays, some of its listings moved to other entities), or retired
-- (no listing left). Ids of older releases only (er_prev_map.latest false) get no event: they had theirs.
CREATE OR REPLACE TABLE id_events AS
WITH owner AS (
    SELECT *, row_number() OVER (PARTITION BY prev_id ORDER BY votes DESC, anchor) AS owner_rank FROM er_id_votes
),
current_ids AS (
    SELECT cluster, dataset_id FROM entity_ids
),
previous_ids AS (
    SELECT DISTINCT dataset_id FROM er_prev_map WHERE latest
),
taken AS (
    SELECT o.prev_id, o.owner_rank, c.dataset_id
    FROM owner AS o JOIN current_ids AS c USING (cluster)
    WHERE o.prev_id IN (SELECT dataset_id FROM previous_ids)
)
SELECT prev_id AS dataset_id, 'merged' AS event, list_sort(list(DISTINCT dataset_id)) AS successors
FROM taken
WHERE prev_id NOT IN (SELECT dataset_id FROM current_ids)
GROUP BY prev_id
UNION ALL
SELECT prev_id, 'split', list_sort(list(DISTINCT dataset_id))
FROM taken
WHERE owner_rank > 1 AND dataset_id <> prev_id AND prev_id IN (SELECT dataset_id FROM current_ids)
GROUP BY prev_id
UNION ALL
SELECT DISTINCT p.dataset_id, 'retired', CAST([] AS VARCHAR[])
FROM er_prev_map AS p
WHERE p.latest
  AND p.dataset_id NOT IN (SELECT prev_id FROM er_id_votes)
  AND p.dataset_id NOT IN (SELECT dataset_id FROM current_ids)
ORDER BY 1, 2;

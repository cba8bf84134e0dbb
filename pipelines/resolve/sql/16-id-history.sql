-- What happened to previous ids in this build: merged into another entity,
-- split (some listings moved to new entities), or retired (no listing left).
CREATE OR REPLACE TABLE id_events AS
WITH owner AS (
    SELECT *, row_number() OVER (PARTITION BY prev_id ORDER BY votes DESC, anchor) AS owner_rank FROM er_id_votes
),
current_ids AS (
    SELECT cluster, dataset_id FROM entity_ids
)
SELECT o.prev_id AS dataset_id, 'merged' AS event, list_sort(list(DISTINCT c.dataset_id)) AS successors
FROM owner AS o JOIN current_ids AS c USING (cluster)
WHERE o.owner_rank = 1 AND c.dataset_id <> o.prev_id
GROUP BY o.prev_id
UNION ALL
SELECT o.prev_id, 'split', list_sort(list(DISTINCT c.dataset_id))
FROM owner AS o JOIN current_ids AS c USING (cluster)
WHERE o.owner_rank > 1 AND c.dataset_id <> o.prev_id AND o.prev_id IN (SELECT dataset_id FROM current_ids)
GROUP BY o.prev_id
UNION ALL
SELECT DISTINCT p.dataset_id, 'retired', CAST([] AS VARCHAR[])
FROM er_prev_map AS p
WHERE p.dataset_id NOT IN (SELECT prev_id FROM er_id_votes)
  AND p.dataset_id NOT IN (SELECT dataset_id FROM current_ids)
ORDER BY 1, 2;

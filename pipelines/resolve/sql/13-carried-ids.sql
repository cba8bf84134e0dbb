-- Stable ids. The previous release's listing→id map votes: each previous id
-- goes to the entity holding most of its listings (ties: smallest anchor), and
-- an entity keeps the previous id with most votes. Order of input never matters.
-- A listing the previous release lacks votes with the id an older release gave it (latest = false): a dataset
-- whose listings come back gets its id back.
CREATE OR REPLACE TABLE er_prev_map AS
SELECT source_id, source_key, dataset_id, coalesce(latest, true) AS latest
FROM read_json($prev_map_file, format = 'newline_delimited', columns = {source_id: 'VARCHAR', source_key: 'VARCHAR', dataset_id: 'VARCHAR', latest: 'BOOLEAN'})
WHERE dataset_id IS NOT NULL;

CREATE OR REPLACE TABLE er_id_votes AS
SELECT c.cluster, c.anchor, p.dataset_id AS prev_id, count(*) AS votes
FROM er_clusters AS c
JOIN er_prev_map AS p USING (source_id, source_key)
WHERE c.cluster IS NOT NULL
GROUP BY c.cluster, c.anchor, p.dataset_id;

CREATE OR REPLACE TABLE er_carried_ids AS
WITH owner AS (
    SELECT *, row_number() OVER (PARTITION BY prev_id ORDER BY votes DESC, anchor) AS owner_rank FROM er_id_votes
),
kept AS (
    SELECT *, row_number() OVER (PARTITION BY cluster ORDER BY votes DESC, prev_id) AS keep_rank FROM owner WHERE owner_rank = 1
)
SELECT cluster, prev_id AS dataset_id FROM kept WHERE keep_rank = 1;

-- The slugs ids.ts wrote for names beyond ASCII, then the new ids that collide at 6 hex digits: with another new
-- id, a carried id or an id used before. Only these are lengthened (ids.ts), in anchor order; every other new id
-- keeps its 6 digits, as in a pass over all of them, since ids of different hash lengths never coincide.
UPDATE er_fresh_ids AS f SET slug = s.slug FROM er_fresh_slugs AS s WHERE s.cluster = f.cluster;

CREATE OR REPLACE TABLE er_id_collisions AS
WITH short_ids AS (
    SELECT cluster, anchor, slug, hash, short_id(slug, hash) AS id FROM er_fresh_ids
),
taken AS (
    SELECT dataset_id AS id FROM er_carried_ids
    UNION
    SELECT id FROM er_used_ids
)
SELECT cluster, anchor, slug, hash
FROM short_ids
QUALIFY count(*) OVER (PARTITION BY id) > 1 OR id IN (SELECT id FROM taken);

-- Ids a colliding one must not take: those carried or used before, and the 6-digit ids of the new ids that do not
-- collide; only those of the colliding slugs (an id is its slug, a hyphen and hex digits).
CREATE OR REPLACE TABLE er_id_taken AS
SELECT id
FROM (
    SELECT dataset_id AS id FROM er_carried_ids
    UNION
    SELECT id FROM er_used_ids
    UNION
    SELECT short_id(slug, hash) FROM er_fresh_ids WHERE cluster NOT IN (SELECT cluster FROM er_id_collisions)
)
WHERE regexp_replace(id, '-[0-9a-f]+$', '') IN (SELECT slug FROM er_id_collisions);

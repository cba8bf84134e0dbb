-- New ids, for the entities no previous id carries (13-carried-ids.sql): the slug of the entity's name and the
-- first 6 hex digits of the sha256 of its anchor (ids.ts), both computed here for the whole lot. ids.ts slugs the
-- names that are not all ASCII (er_fresh_slugs, then 13-id-collisions.sql) and lengthens the hash of the few ids
-- that collide, in anchor order, as it would for all of them.
CREATE OR REPLACE TABLE er_used_ids AS
SELECT id
FROM read_json($used_ids_file, format = 'newline_delimited', columns = {id: 'VARCHAR'});

CREATE OR REPLACE TABLE er_fresh_ids AS
SELECT
    e.cluster,
    e.anchor,
    e.name,
    sha256(e.anchor) AS hash,
    -- NULL: a name beyond ASCII, slugged in TypeScript (Unicode compatibility decomposition).
    CASE WHEN NOT regexp_matches(e.name, '[^\x00-\x7F]') THEN ascii_slug(e.name) END AS slug
FROM er_entities AS e
ANTI JOIN er_carried_ids AS k USING (cluster);

CREATE OR REPLACE TABLE er_fresh_slugs (cluster INTEGER, slug VARCHAR);

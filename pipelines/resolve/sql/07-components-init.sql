-- Connected components over the match edges (resolve.ts: components). Name-based
-- matches are strong; link-, typo- and acronym-based matches are weak and give
-- way when a component would join listings that must stay apart
-- (08-component-repair.sql).
CREATE OR REPLACE TABLE er_match_edges AS
SELECT a, b, decision IN ('match: same name', 'match: same short or long name', 'match: the family''s only edition') AS strong
FROM er_pairs
WHERE decision LIKE 'match:%';

-- The edges the components are taken over, one row per undirected edge (a < b, as in er_pairs).
CREATE OR REPLACE TABLE er_edges AS
SELECT a AS x, b AS y FROM er_match_edges;

-- Connected components over the match edges, by repeated min-label propagation
-- (07-components-step.sql). Name-based matches are strong; link-, typo- and
-- acronym-based matches are weak and give way when a component would join
-- listings that must stay apart (08-component-repair.sql).
CREATE OR REPLACE TABLE er_match_edges AS
SELECT a, b, decision IN ('match: same name', 'match: same short or long name', 'match: the family''s only edition') AS strong
FROM er_pairs
WHERE decision LIKE 'match:%';

CREATE OR REPLACE TABLE er_edges AS
SELECT a AS x, b AS y FROM er_match_edges
UNION ALL
SELECT b AS x, a AS y FROM er_match_edges;

CREATE OR REPLACE TABLE er_component AS
SELECT listing_id, listing_id AS component FROM er_listings;

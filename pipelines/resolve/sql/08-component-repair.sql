-- Components that join a cannot-link pair are rebuilt: strong edges first,
-- then each weak edge only if it joins no two strong groups that must stay apart.
CREATE OR REPLACE TABLE er_conflicted AS
SELECT DISTINCT ca.component
FROM er_pairs AS p
JOIN er_component AS ca ON ca.listing_id = p.a
JOIN er_component AS cb ON cb.listing_id = p.b
WHERE p.cannot_link AND ca.component = cb.component;

CREATE OR REPLACE TABLE er_first_pass AS SELECT * FROM er_component;

-- Strong edges everywhere; weak edges only outside the conflicted components (one row per undirected edge).
CREATE OR REPLACE TABLE er_edges AS
SELECT e.a AS x, e.b AS y
FROM er_match_edges AS e JOIN er_first_pass AS c ON c.listing_id = e.a
WHERE e.strong OR c.component NOT IN (SELECT component FROM er_conflicted);

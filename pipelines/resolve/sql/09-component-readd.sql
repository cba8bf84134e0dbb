-- Re-add the weak edges of conflicted components that join no two groups that must stay apart.
CREATE OR REPLACE TABLE er_apart AS
SELECT DISTINCT least(ca.component, cb.component) AS g1, greatest(ca.component, cb.component) AS g2
FROM er_pairs AS p
JOIN er_component AS ca ON ca.listing_id = p.a
JOIN er_component AS cb ON cb.listing_id = p.b
WHERE p.cannot_link AND ca.component <> cb.component;

CREATE OR REPLACE TABLE er_readded AS
SELECT e.a, e.b
FROM er_match_edges AS e
JOIN er_first_pass AS f ON f.listing_id = e.a
JOIN er_component AS ca ON ca.listing_id = e.a
JOIN er_component AS cb ON cb.listing_id = e.b
WHERE NOT e.strong
  AND f.component IN (SELECT component FROM er_conflicted)
  AND ca.component <> cb.component
  AND (least(ca.component, cb.component), greatest(ca.component, cb.component)) NOT IN (SELECT (g1, g2) FROM er_apart);

INSERT INTO er_edges SELECT a AS x, b AS y FROM er_readded;

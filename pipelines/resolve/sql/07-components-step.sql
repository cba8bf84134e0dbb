-- One propagation step: every listing takes the smallest label among itself and its neighbours.
CREATE OR REPLACE TABLE er_component_next AS
SELECT c.listing_id, least(c.component, coalesce(min(n.component), c.component)) AS component
FROM er_component AS c
LEFT JOIN er_edges AS e ON e.x = c.listing_id
LEFT JOIN er_component AS n ON n.listing_id = e.y
GROUP BY c.listing_id, c.component;

-- One propagation step: every listing takes the smallest label among itself and its neighbours,
-- then the label of that label (pointer jumping), so long chains settle in a few steps.
CREATE OR REPLACE TABLE er_component_next AS
WITH hop AS (
    SELECT c.listing_id, least(c.component, coalesce(min(n.component), c.component)) AS component
    FROM er_component AS c
    LEFT JOIN er_edges AS e ON e.x = c.listing_id
    LEFT JOIN er_component AS n ON n.listing_id = e.y
    GROUP BY c.listing_id, c.component
)
SELECT h.listing_id, least(h.component, coalesce(j.component, h.component)) AS component
FROM hop AS h
LEFT JOIN hop AS j ON j.listing_id = h.component;

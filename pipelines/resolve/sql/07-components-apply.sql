-- Every listing's component: the smallest listing id connected to it through
-- er_edges, as union-find computed it into er_component_links (resolve.ts).
-- Most listings have no edge at all and are their own component; only the
-- listings that joined another are in er_component_links.
CREATE OR REPLACE TABLE er_component AS
SELECT l.listing_id, coalesce(k.component, l.listing_id) AS component
FROM er_listings AS l
LEFT JOIN er_component_links AS k USING (listing_id);

DROP TABLE er_component_links;

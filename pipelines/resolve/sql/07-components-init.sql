-- Connected components over the match edges, by repeated min-label propagation (see 07-components-step.sql).
CREATE OR REPLACE TABLE er_edges AS
SELECT a AS x, b AS y FROM er_pairs WHERE decision LIKE 'match:%'
UNION ALL
SELECT b AS x, a AS y FROM er_pairs WHERE decision LIKE 'match:%';

CREATE OR REPLACE TABLE er_component AS
SELECT listing_id, listing_id AS component FROM er_listings;

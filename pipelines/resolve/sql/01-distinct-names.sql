-- The distinct names of imaging listings, each analysed once (src/names/analyse.ts) into er_names (01-er-names.sql).
SELECT DISTINCT name FROM normalized_listings WHERE NOT non_imaging AND name IS NOT NULL

-- Candidate pairs: two listings sharing at least one block, with which blocks they share.
CREATE OR REPLACE TABLE er_candidates AS
SELECT
    a.listing_id AS a,
    b.listing_id AS b,
    bool_or(a.block = 'name' AND NOT a.is_alias AND NOT b.is_alias) AS name_eq,
    bool_or(a.block IN ('name', 'core') AND (a.is_alias OR b.is_alias)) AS alias_eq,
    bool_or(a.block = 'core' AND NOT a.is_alias AND NOT b.is_alias) AS core_eq,
    bool_or(a.block = 'link' AND NOT starts_with(a.key, 'doi:')) AS url_eq,
    bool_or(a.block = 'link' AND starts_with(a.key, 'doi:')) AS doi_eq,
    bool_or(a.block = 'hub') AS hub_eq,
    bool_or(a.block = 'tail') AS tail_eq,
    bool_or(a.block = 'words') AS words_eq,
    bool_or(a.block = 'words+1') AS words_plus_one,
    bool_or(a.block = 'page' AND a.is_alias <> b.is_alias) AS page_eq,
    bool_or(a.block = 'base') AS base_eq,
    bool_or(a.block = 'prefix') AS prefix_eq,
    bool_or(a.block = 'acronym') AS acronym_eq
FROM er_blocks AS a
JOIN er_blocks AS b ON a.block = b.block AND a.key = b.key AND a.listing_id < b.listing_id
GROUP BY a.listing_id, b.listing_id;

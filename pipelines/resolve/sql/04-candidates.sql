-- Candidate pairs: two listings sharing at least one block, with which blocks they share. The kinds of block a
-- pair shares are gathered as bits of one integer (one bit_or per pair, not a bool_or per kind: at 1M listings,
-- 7.3M joined rows into 3.9M pairs), then read back as one flag per kind.
CREATE OR REPLACE TABLE er_candidates AS
WITH shared AS (
    SELECT
        a.listing_id AS a,
        b.listing_id AS b,
        bit_or(
              CASE WHEN a.block = 'name' AND NOT a.is_alias AND NOT b.is_alias THEN 1 ELSE 0 END
            | CASE WHEN a.block IN ('name', 'core') AND (a.is_alias OR b.is_alias) THEN 2 ELSE 0 END
            | CASE WHEN a.block = 'core' AND NOT a.is_alias AND NOT b.is_alias THEN 4 ELSE 0 END
            | CASE WHEN a.block = 'link' AND NOT starts_with(a.key, 'doi:') THEN 8 ELSE 0 END
            | CASE WHEN a.block = 'link' AND starts_with(a.key, 'doi:') THEN 16 ELSE 0 END
            | CASE WHEN a.block = 'hub' THEN 32 ELSE 0 END
            | CASE WHEN a.block = 'tail' THEN 64 ELSE 0 END
            | CASE WHEN a.block = 'words' THEN 128 ELSE 0 END
            | CASE WHEN a.block = 'words+1' THEN 256 ELSE 0 END
            | CASE WHEN a.block = 'page' AND a.is_alias <> b.is_alias THEN 512 ELSE 0 END
            | CASE WHEN a.block = 'base' THEN 1024 ELSE 0 END
            | CASE WHEN a.block = 'prefix' THEN 2048 ELSE 0 END
            | CASE WHEN a.block = 'acronym' THEN 4096 ELSE 0 END
        ) AS kinds
    FROM er_blocks AS a
    JOIN er_blocks AS b ON a.block = b.block AND a.key = b.key AND a.listing_id < b.listing_id
    GROUP BY a.listing_id, b.listing_id
)
SELECT
    a,
    b,
    kinds & 1 <> 0 AS name_eq,
    kinds & 2 <> 0 AS alias_eq,
    kinds & 4 <> 0 AS core_eq,
    kinds & 8 <> 0 AS url_eq,
    kinds & 16 <> 0 AS doi_eq,
    kinds & 32 <> 0 AS hub_eq,
    kinds & 64 <> 0 AS tail_eq,
    kinds & 128 <> 0 AS words_eq,
    kinds & 256 <> 0 AS words_plus_one,
    kinds & 512 <> 0 AS page_eq,
    kinds & 1024 <> 0 AS base_eq,
    kinds & 2048 <> 0 AS prefix_eq,
    kinds & 4096 <> 0 AS acronym_eq
FROM shared;

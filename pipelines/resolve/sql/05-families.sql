-- How many editions each family base has: an edition-less name may stand for
-- the one edition only when the family has exactly one, and it is a year.
CREATE OR REPLACE TABLE er_family_editions AS
SELECT
    base_key,
    count(DISTINCT edition) FILTER (WHERE edition_kind = 'year') AS year_editions,
    count(DISTINCT edition) FILTER (WHERE edition_kind = 'sequel') AS sequel_editions,
    -- A family numbered from 1 ("OASIS-1", "-2", "-3"): its undated name is the family, not a first version.
    bool_or(edition = 'v1') AS numbered_from_one,
    count(*) FILTER (WHERE edition_kind = 'multi') AS multi_listings
FROM er_listings
GROUP BY base_key;

-- The same by the core of the base ("HumBrain Challenge" and "HumBrain 2013" are one family), for scoring pairs.
CREATE OR REPLACE TABLE er_core_family_editions AS
SELECT
    core_base_key,
    count(DISTINCT edition) FILTER (WHERE edition_kind = 'year') AS year_editions,
    count(DISTINCT edition) FILTER (WHERE edition_kind = 'sequel') AS sequel_editions
FROM er_listings
WHERE length(core_base_key) >= 3
GROUP BY core_base_key;

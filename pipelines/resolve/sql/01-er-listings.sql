-- The listings that take part in resolution (imaging only), with their name analysed.
CREATE OR REPLACE TABLE er_listings AS
WITH named AS (
    SELECT
        listing_id, source_id, source_key, name, homepage_url, doi, modalities, anatomy, regions, year, has_labels,
        fold_name(name) AS f
    FROM normalized_listings
    WHERE NOT non_imaging
)
SELECT
    *,
    edition_kind_of(f) AS edition_kind,
    edition_of(f) AS edition,
    strip_edition(f) AS base,
    replace(strip_edition(f), ' ', '') AS base_key,
    replace(core_of(strip_edition(f)), ' ', '') AS core_base_key,
    list_filter(string_split(strip_edition(f), ' '), t -> regexp_matches(t, '^[0-9]+$')) AS numbers,
    list_filter(string_split(strip_edition(f), ' '), t -> t <> '') AS tokens,
    edition_of(f) IS NULL
        AND edition_kind_of(f) IS NULL
        AND len(list_filter(string_split(strip_edition(f), ' '), t -> t <> '' AND NOT list_contains(generic_words(), t))) = 0 AS generic,
    CASE
        -- A short name written as an acronym ("LiTS", "CHAOS"): its capitals.
        WHEN NOT contains(trim(regexp_replace(name, '[0-9 ._-]+$', '')), ' ')
             AND length(regexp_replace(name, '[^A-Z]', '', 'g')) >= 3
             AND length(name) <= 14
            THEN lower(regexp_replace(name, '[^A-Z]', '', 'g'))
        -- A long name: the initials of its words.
        WHEN len(string_split(core_of(strip_edition(f)), ' ')) >= 3
            THEN list_aggregate(list_transform(string_split(core_of(strip_edition(f)), ' '), t -> t[1]), 'string_agg', '')
    END AS acronym,
    CASE
        WHEN NOT contains(trim(regexp_replace(name, '[0-9 ._-]+$', '')), ' ')
             AND length(regexp_replace(name, '[^A-Z]', '', 'g')) >= 3
             AND length(name) <= 14 THEN 'short'
        WHEN len(string_split(core_of(strip_edition(f)), ' ')) >= 3 THEN 'long'
    END AS acronym_kind
FROM named;

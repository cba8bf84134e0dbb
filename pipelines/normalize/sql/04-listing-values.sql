-- One raw value per (listing, role): the first non-empty mapped field wins;
-- a source default fills in only where no field gave a value.
CREATE OR REPLACE TABLE listing_values AS
WITH fields AS (
    -- How many fields a source maps to the role: with one (nearly always), its value is the listing's, no choice to make.
    SELECT *, count(*) OVER (PARTITION BY source_id, role) AS choices
    FROM field_map
    WHERE field IS NOT NULL
),
candidates AS (
    SELECT l.listing_id, f.role, f.priority, f.choices, NULLIF(trim(l.raw[f.field]), '') AS value
    FROM listings AS l
    JOIN fields AS f ON f.source_id = l.source_id
),
picked AS (
    SELECT listing_id, role, value
    FROM candidates
    WHERE choices = 1 AND value IS NOT NULL
    UNION ALL
    SELECT listing_id, role, arg_min(value, priority) AS value
    FROM candidates
    WHERE choices > 1 AND value IS NOT NULL
    GROUP BY listing_id, role
),
defaults AS (
    SELECT l.listing_id, f.role, f.default_value AS value
    FROM listings AS l
    JOIN field_map AS f ON f.source_id = l.source_id AND f.field IS NULL
)
SELECT listing_id, role, value, false AS is_default FROM picked
UNION ALL
SELECT d.listing_id, d.role, d.value, true AS is_default
FROM defaults AS d
ANTI JOIN picked AS p ON p.listing_id = d.listing_id AND p.role = d.role
UNION ALL
SELECT listing_id, 'url' AS role, url AS value, false AS is_default
FROM listings
WHERE url IS NOT NULL;

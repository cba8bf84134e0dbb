-- A --family value: does it name a family (by name or family_id, any case), and if not, which families is it
-- near (within a third of its length in edits once case, accents and punctuation are gone, or their start)?
-- Exact names come first; at most five rows.
WITH families AS (
    SELECT DISTINCT family, family_id, regexp_replace(lower(strip_accents(family)), '[^a-z0-9]+', '', 'g') AS k
    FROM datasets
    WHERE family IS NOT NULL
),
wanted AS (
    SELECT regexp_replace(lower(strip_accents($family)), '[^a-z0-9]+', '', 'g') AS k
),
scored AS (
    SELECT
        f.family,
        lower(f.family) = lower($family) OR lower(f.family_id) = lower($family) AS exact,
        levenshtein(f.k, w.k) AS edits,
        length(w.k) >= 3 AND starts_with(f.k, w.k) AS prefix,
        length(w.k) AS wanted_length
    FROM families AS f, wanted AS w
)
SELECT family, exact
FROM scored
WHERE exact OR edits <= greatest(1, wanted_length // 3) OR prefix
ORDER BY exact DESC, edits, family
LIMIT 5;

-- The listings that take part in resolution (imaging only), with their name analysed.
-- Each step is materialised: the name macros expand their argument wherever it appears, so every expensive
-- value (the folded name, its edition form, the base, the link key) is computed once, as a column.
-- Filler words misspelt by one edit ("CHALLNEGE", "DATASEET") read as the filler word, so the core of a name is found.
CREATE OR REPLACE TABLE er_word_fixes AS
WITH fillers AS (
    SELECT unnest(['challenge', 'dataset', 'datasets', 'database', 'collection', 'benchmark', 'archive', 'initiative', 'consortium']) AS filler
),
words AS (
    SELECT DISTINCT unnest(string_split(fold_name(name), ' ')) AS word FROM normalized_listings WHERE NOT non_imaging
)
SELECT w.word, min(f.filler) AS fix
FROM words AS w
JOIN fillers AS f ON left(w.word, 1) = left(f.filler, 1) AND length(f.filler) BETWEEN length(w.word) - 1 AND length(w.word) + 1
WHERE length(w.word) >= 6 AND NOT regexp_matches(w.word, '[0-9]') AND w.word NOT IN (SELECT filler FROM fillers)
  AND damerau_levenshtein(w.word, f.filler) = 1
GROUP BY w.word
HAVING count(*) = 1;

-- Each distinct name is analysed once (names repeat across sources), in narrow steps that carry only the name and
-- its analysis; the listings take it by a join below.
CREATE OR REPLACE TABLE er_names AS
WITH folded0 AS MATERIALIZED (
    SELECT name, fold_name(name) AS folded
    FROM (SELECT DISTINCT name FROM normalized_listings WHERE NOT non_imaging)
),
refolded AS MATERIALIZED (
    -- Only names holding a misspelt filler word are rebuilt, word by word in order.
    SELECT u.name, array_to_string(list(coalesce(x.fix, u.word) ORDER BY u.pos), ' ') AS folded
    FROM (
        SELECT name, unnest(string_split(folded, ' ')) AS word, generate_subscripts(string_split(folded, ' '), 1) AS pos
        FROM folded0
        WHERE name IN (SELECT name FROM (SELECT name, unnest(string_split(folded, ' ')) AS word FROM folded0) WHERE word IN (SELECT word FROM er_word_fixes))
    ) AS u
    LEFT JOIN er_word_fixes AS x USING (word)
    GROUP BY u.name
),
named AS MATERIALIZED (
    SELECT f.name, coalesce(r.folded, f.folded) AS folded
    FROM folded0 AS f
    LEFT JOIN refolded AS r USING (name)
),
-- Each name's edition marks, once (see edition_kind_from), and its core's when the name has none: an edition hidden
-- by publisher and filler words ("CaPG-v2 Study", "The ChurtEye16 Dataset") is read from the core (edition_form).
marked AS MATERIALIZED (
    SELECT name, folded, multi_edition(folded) AS multi, year4_of(folded) AS y4, year2_of(folded) AS y2,
        coalesce(sequel_of(folded), sequel_before_colon_or_bracket(name)) AS sequel
    FROM named
),
cored AS MATERIALIZED (
    SELECT name, folded, core, multi_edition(core) AS multi, year4_of(core) AS y4, year2_of(core) AS y2, sequel_of(core) AS sequel
    FROM (SELECT name, folded, core_of(folded) AS core FROM marked WHERE edition_kind_from(multi, y4, y2, sequel) IS NULL)
),
formed AS (
    SELECT name, folded AS f, multi, y4, y2, sequel FROM marked WHERE edition_kind_from(multi, y4, y2, sequel) IS NOT NULL
    UNION ALL
    SELECT name, CASE WHEN edition_kind_from(multi, y4, y2, sequel) IS NOT NULL THEN core ELSE folded END, multi, y4, y2, sequel FROM cored
),
analysed AS MATERIALIZED (
    SELECT name, f, edition_kind, edition_from(multi, y4, y2, sequel) AS edition, strip_edition_of(f, edition_kind, y4) AS base
    FROM (SELECT *, edition_kind_from(multi, y4, y2, sequel) AS edition_kind FROM formed)
),
worded AS MATERIALIZED (
    SELECT
        *,
        list_transform(list_filter(string_split(base, ' '), t -> t <> ''), t -> canon_token(t)) AS tokens,
        -- The words that say what the dataset is, for comparing names under one portal link.
        content_words(base) AS words,
        -- A short name written as an acronym ("LiTS", "CHAOS", "LIDC-IDRI" → "lidc"), and its capitals.
        NOT contains(trim(regexp_replace(name, '[0-9 ._-]+$', '')), ' ') AND length(caps) >= 3 AND length(name) <= 14 AS short_form,
        lower(caps) AS capitals,
        -- The words of a long name that count for its initials.
        list_filter(string_split(base, ' '), t -> t <> '' AND t NOT IN ('the', 'a', 'an', 'of', 'and', 'for', 'in', 'on', 'from', 'with', 'to')) AS initial_words,
        part_words(base) AS parts
    FROM (SELECT *, regexp_replace(name, '[^A-Z]+', '', 'g') AS caps FROM analysed)
),
-- (A column named in the same SELECT is computed again where it is read, so values read twice come from a step before.)
sorted AS MATERIALIZED (
    SELECT
        *,
        -- The words in one order, plurals folded, with the edition: "PROSTATEx-Seg-Zones" = "PROSTATEx Zone Segmentations".
        list_sort(list_distinct(list_transform(words, t -> CASE WHEN length(t) > 4 AND t[-1] = 's' AND t[-2] <> 's' THEN t[:-2] ELSE t END))) AS sorted_words
    FROM worded
)
SELECT
    name, f, edition_kind, edition, base, tokens, words,
    canon_compact(base) AS base_key,
    canon_compact(core_of(base)) AS core_base_key,
    -- Every digit run of the name without its edition: "Task 3" vs "Task4", "RICORD-1A" vs "1B", "ToothFairy2" vs "3".
    numbers_of(base) AS numbers,
    -- The last word of a dated name of two ("EndoVis23-PitVis" → pitvis): a sub-challenge's own name under its series.
    CASE WHEN len(tokens) = 2 AND edition IS NOT NULL THEN tokens[-1] END AS last_word,
    -- The name's last two to four words ("SinaFarsiu-010-Rabbani_IOVS_2014" → rabbaniiovs2014): one listing may name
    -- the page another links (url_slug below).
    list_filter(list_transform([2, 3, 4], k -> CASE WHEN len(string_split(f, ' ')) > k
        THEN array_to_string(string_split(f, ' ')[-k:], '') END), x -> x IS NOT NULL AND length(x) >= 8) AS name_tails,
    -- Numbers that only count something ("COVID19-CT-1000"): standalone, three digits or more, none glued to a word
    -- (a glued or short number is a version or part: "REFUGE2", "HAM10000", "2D").
    NOT regexp_matches(base, '[a-z][0-9]|[0-9][a-z]|(^|[^0-9])[0-9]{1,2}([^0-9]|$)') AS numbers_are_counts,
    parts,
    sorted_words,
    array_to_string(sorted_words, ' ') || '#' || coalesce(edition, '') AS word_set_key,
    -- A name made only of descriptive words ("Chest X-ray", "COVID-19 Chest X-ray DB") identifies nothing by itself.
    edition IS NULL AND edition_kind IS NULL
        AND all_generic(tokens)
        -- (words counted once: "COVID_CT_COVID-CT" is the two words of "COVID-CT")
        AND (len(list_distinct(tokens)) >= 3 OR len(list_intersect(tokens, ['images', 'image', 'dataset', 'data', 'database', 'db', 'scans', 'set', 'collection', 'imaging'])) > 0)
        AS generic,
    CASE WHEN short_form THEN 'short' WHEN len(initial_words) >= 3 THEN 'long' END AS acronym_kind,
    list_distinct(list_filter([
        CASE WHEN short_form THEN capitals END,
        CASE WHEN short_form AND contains(name, '-') THEN lower(regexp_replace(split_part(name, '-', 1), '[^A-Za-z]', '', 'g')) END,
        CASE WHEN len(initial_words) >= 3 THEN list_aggregate(list_transform(initial_words, t -> t[1]), 'string_agg', '') END
    ], x -> x IS NOT NULL AND length(x) >= 3)) AS acronyms,
    -- Values the pair rules (06-pairs.sql) read for every candidate pair, computed once here: the words run together
    -- (for "contained in the other name" tests), and the qualifier and modality words of the name.
    array_to_string(tokens, '') AS tokens_compact,
    array_to_string(words, '') AS words_compact,
    list_filter(tokens, t -> is_qualifier(t)) AS qualifier_tokens,
    list_filter(tokens, t -> starts_with(coalesce(qualifier_content(t), ''), 'm:')) AS modality_tokens,
    array_to_string(parts, '') AS parts_compact
FROM sorted;

-- Words that only describe (disease, "images", ...), or misspell such a word by one edit ("Penumonia"): they never
-- name a part of a collection. Misspellings are looked for among words of the same first letter and length ±1.
CREATE OR REPLACE TABLE er_descriptive_words AS
WITH descriptive AS (
    SELECT DISTINCT unnest(list_filter(descriptive_words(), t -> NOT is_qualifier(t))) AS word
),
words AS (
    SELECT DISTINCT unnest(parts) AS word FROM er_names
)
SELECT word FROM descriptive
UNION
SELECT w.word
FROM words AS w
JOIN descriptive AS d ON left(d.word, 1) = left(w.word, 1) AND length(d.word) BETWEEN length(w.word) - 1 AND length(w.word) + 1
WHERE length(w.word) >= 6 AND length(d.word) >= 6 AND damerau_levenshtein(w.word, d.word) = 1;

-- The listings, each with its name's analysis and what its links and stated content add.
CREATE OR REPLACE TABLE er_listings AS
WITH linked AS MATERIALIZED (
    SELECT
        n.listing_id, n.source_id, n.source_key, n.name, n.homepage_url, n.doi, n.modalities, n.anatomy, n.regions, n.year, n.has_labels,
        coalesce(t.distinct_listings, false) AS distinct_source,
        a.base_key AS name_base_key, a.edition AS name_edition, a.edition_kind AS name_edition_kind,
        resource_key(n.homepage_url) AS url_key,
        -- What the listing's links point at: its URL's resource, and its DOI (as a doi: key, like doi.org URLs).
        list_distinct(list_filter([url_key, CASE WHEN n.doi IS NOT NULL THEN 'doi:' || lower(n.doi) END], x -> x IS NOT NULL)) AS resources
    FROM normalized_listings AS n
    LEFT JOIN source_traits AS t USING (source_id)
    JOIN er_names AS a USING (name)
    WHERE NOT n.non_imaging
),
-- An undated listing whose record link (a versioned Zenodo/figshare/Mendeley record or a repository accession; not a
-- web page, a challenge site or a paper DOI, which may serve every edition) is shared only with listings of one edition
-- of the same name is that edition: "TotalSegmentator" linking zenodo 10047292 is "TotalSegmentator v2".
keyed AS MATERIALIZED (
    SELECT listing_id, name_base_key AS base_key, name_edition AS edition, name_edition_kind AS edition_kind, unnest(resources) AS key
    FROM linked
),
dated AS (
    SELECT key, base_key, count(DISTINCT edition) AS editions, min(edition) AS edition, min(edition_kind) AS edition_kind
    FROM keyed
    WHERE edition IS NOT NULL AND edition_kind IN ('year', 'sequel')
    GROUP BY key, base_key
),
from_link AS (
    SELECT u.listing_id, min(d.edition) AS edition, min(d.edition_kind) AS edition_kind
    FROM keyed AS u
    JOIN dated AS d ON d.key = u.key AND d.base_key = u.base_key
    WHERE u.edition IS NULL AND u.edition_kind IS NULL AND d.editions = 1
      AND split_part(u.key, ':', 1) IN ('zenodo', 'figshare', 'mendeley', 'openneuro', 'synapse', 'physionet', 'tianchi', 'kaggle')
    GROUP BY u.listing_id
    HAVING count(DISTINCT d.edition) = 1
),
-- The words of each name that can name a part (not descriptive ones).
part_names AS (
    SELECT p.name, list(p.word) AS part_names
    FROM (SELECT name, unnest(parts) AS word FROM er_names) AS p
    ANTI JOIN er_descriptive_words AS d USING (word)
    GROUP BY p.name
),
-- The qualifier words the listing's stated content implies ("ct", "abdomen" for a listing of abdominal CT only;
-- see stated_content), found by a join on content.
vocabulary AS (
    SELECT word, qualifier_content(word) AS content
    FROM (SELECT DISTINCT unnest(generic_words()) AS word)
    WHERE qualifier_content(word) IS NOT NULL
),
implied AS (
    SELECT s.listing_id, list(v.word ORDER BY v.word) AS implied_words
    FROM (SELECT listing_id, unnest(stated_content(modalities, regions, anatomy)) AS content FROM linked) AS s
    JOIN vocabulary AS v USING (content)
    GROUP BY s.listing_id
)
SELECT
    l.* EXCLUDE (name_base_key, name_edition, name_edition_kind),
    a.* EXCLUDE (name, edition, edition_kind),
    coalesce(fl.edition, a.edition) AS edition,
    coalesce(fl.edition_kind, a.edition_kind) AS edition_kind,
    fl.listing_id IS NOT NULL AS edition_from_link,
    -- The page a plain web link names ("…/Rabbani_IOVS_2014_dataset.htm" → rabbaniiovs2014).
    CASE WHEN starts_with(coalesce(l.url_key, ''), 'url:') THEN nullif(array_to_string(list_filter(
        string_split(fold_name(regexp_extract(l.homepage_url, '/([^/?#]+?)(?:\.[a-z]{2,5})?(?:[?#].*)?$', 1)), ' '),
        t -> t <> '' AND t NOT IN ('dataset', 'datasets', 'data', 'index', 'home', 'download', 'downloads', 'main', 'page')), ''), '') END AS url_slug,
    -- A name that is only the accession in its own link ("ds000030" for openneuro.org/datasets/ds000030) says nothing about the dataset.
    regexp_matches(lower(l.name), '^[a-z]{0,4}[0-9]{5,}$')
        AND list_contains(list_transform(l.resources, r -> split_part(r, ':', 2)), lower(l.name)) AS name_is_id,
    coalesce(p.part_names, []) AS part_names,
    coalesce(i.implied_words, []) AS implied_words
FROM linked AS l
JOIN er_names AS a USING (name)
LEFT JOIN from_link AS fl USING (listing_id)
LEFT JOIN part_names AS p USING (name)
LEFT JOIN implied AS i USING (listing_id);

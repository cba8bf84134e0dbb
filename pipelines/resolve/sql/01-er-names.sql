-- Each distinct name's analysis (src/names/analyse.ts, one row per name) and the names each goes by
-- (its variants), read back from the CSV files the analysis wrote (src/names/rows.ts: every string
-- quoted, so '' and NULL differ; lists as their words joined by one space).
CREATE OR REPLACE MACRO words_of(s) AS
    CASE WHEN s = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(s, ' ') END;

CREATE OR REPLACE TABLE er_names AS
SELECT
    name, edition_kind, edition,
    words_of(tokens) AS tokens,
    -- The words that say what the dataset is, for comparing names under one portal link.
    words_of(words) AS words,
    -- (the tokens are the base's words, qualifiers in one spelling: "BTCV Cervix" = "BTCV Cervical", "Kvasir-SEG" = "Kvasir Segmentation")
    replace(tokens, ' ', '') AS base_key,
    core_base_key,
    -- Every digit run of the name without its edition: "Task 3" vs "Task4", "RICORD-1A" vs "1B", "ToothFairy2" vs "3".
    words_of(numbers) AS numbers,
    -- The last word of a dated name of two ("EndoVis23-PitVis" → pitvis): a sub-challenge's own name under its series.
    last_word,
    -- The name's last two to four words run together ("SinaFarsiu-010-Rabbani_IOVS_2014" → rabbaniiovs2014): one
    -- listing may name the page another links (url_slug in 01-er-listings.sql).
    words_of(name_tails) AS name_tails,
    -- Numbers that only count something ("COVID19-CT-1000"), not a version or a part ("REFUGE2", "HAM10000").
    numbers_are_counts,
    words_of(parts) AS parts,
    -- (how many, read by the sibling veto before it reads the words: 06-pairs.sql)
    len(words_of(parts)) AS part_count,
    -- The words that can name a part of a collection: not descriptive, nor a misspelt descriptive word ("Penumonia").
    words_of(part_names) AS part_names,
    -- The content words in one order, plurals folded: "PROSTATEx-Seg-Zones" = "PROSTATEx Zone Segmentations".
    words_of(sorted_words) AS sorted_words,
    sorted_words || '#' || coalesce(edition, '') AS word_set_key,
    -- A name made only of descriptive words ("Chest X-ray", "COVID-19 Chest X-ray DB") identifies nothing by itself.
    generic,
    acronym_kind,
    words_of(acronyms) AS acronyms,
    -- Values the pair rules (06-pairs.sql) read for every candidate pair: the words run together (for "contained
    -- in the other name" tests), and the qualifier and modality words of the name.
    replace(tokens, ' ', '') AS tokens_compact,
    replace(words, ' ', '') AS words_compact,
    words_of(qualifier_tokens) AS qualifier_tokens,
    words_of(modality_tokens) AS modality_tokens,
    replace(parts, ' ', '') AS parts_compact,
    -- Letters and five digits or more, like a repository accession ("ds000030"): see name_is_id in 01-er-listings.sql.
    accession_like,
    -- (read by er_name_variants below)
    name_variant, base_generic
FROM read_csv($name_files, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false,
    columns = {
        'name': 'VARCHAR', 'edition_kind': 'VARCHAR', 'edition': 'VARCHAR',
        'tokens': 'VARCHAR', 'words': 'VARCHAR', 'core_base_key': 'VARCHAR', 'numbers': 'VARCHAR',
        'last_word': 'VARCHAR', 'name_tails': 'VARCHAR', 'numbers_are_counts': 'BOOLEAN', 'parts': 'VARCHAR',
        'part_names': 'VARCHAR', 'sorted_words': 'VARCHAR', 'generic': 'BOOLEAN', 'acronym_kind': 'VARCHAR', 'acronyms': 'VARCHAR',
        'qualifier_tokens': 'VARCHAR', 'modality_tokens': 'VARCHAR', 'accession_like': 'BOOLEAN',
        'name_variant': 'BOOLEAN', 'base_generic': 'BOOLEAN'
    });

-- Every name each listing name goes by, analysed: the name itself ('name', when it still names something:
-- at least 3 letters or digits, not just a number or a qualifier word), a trailing bracket's outside or
-- inside, the part before a colon, the long name after a short one (see Analyser.variants). Their own
-- edition, where they carry one, overrides the listing's (02-name-variants.sql).
CREATE OR REPLACE TABLE er_name_variants AS
SELECT name, 'name' AS kind, NULL AS own_edition, base_key AS stripped_key, core_base_key AS stripped_core_key, base_generic AS stripped_generic
FROM er_names
WHERE name_variant
UNION ALL
SELECT *
FROM read_csv($variant_files, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false,
    columns = {
        'name': 'VARCHAR', 'kind': 'VARCHAR', 'own_edition': 'VARCHAR',
        'stripped_key': 'VARCHAR', 'stripped_core_key': 'VARCHAR', 'stripped_generic': 'BOOLEAN'
    });

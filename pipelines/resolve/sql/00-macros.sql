-- Helpers shared by the resolution steps. The word lists (qualifier_words(), descriptive_words(), generic_words(),
-- qualifier_content(t)) are macros resolve.ts writes from words.json (src/names/words.ts); name analysis itself is
-- TypeScript (src/names/analyse.ts), run once per distinct name.

-- A name folded for comparison: lower case, accents stripped, each run of anything but a-z0-9 one space.
CREATE OR REPLACE MACRO fold_name(s) AS
    -- "COVID-19", "COVID19" and "SARS-CoV-2" name the disease, not an edition or a number of the dataset.
    trim(regexp_replace(regexp_replace(
        regexp_replace(lower(strip_accents(coalesce(s, ''))), '[^a-z0-9]+', ' ', 'g'),
        '(^| )(covid ?19|sars cov 2|sars cov2)( |$)', '\1covid\3', 'g'), ' +', ' ', 'g'));

-- Tokens of one name that the other name does not contain, not even inside a word ("nih chest x ray" vs "chestx ray" differ in nothing).
CREATE OR REPLACE MACRO tokens_not_in(tokens, other_compact) AS
    list_filter(tokens, t -> NOT contains(other_compact, t));

-- What a dataset URL points at, independent of how it is written: an OpenNeuro
-- accession, a Kaggle dataset or competition, a Synapse id, a Grand Challenge
-- site, a Zenodo/figshare/Mendeley record, a GitHub repository, a TCIA page or
-- collection, a PhysioNet project, a Dataverse DOI; otherwise the canonical URL.
CREATE OR REPLACE MACRO resource_key(u) AS
    CASE
        WHEN u IS NULL THEN NULL
        WHEN regexp_matches(u, '://(dx\.)?doi\.org/10\.[0-9]{4,9}/') THEN 'doi:' || lower(regexp_extract(u, '://(?:dx\.)?doi\.org/(10\.[0-9]{4,9}/[^?#]+)', 1))
        WHEN regexp_matches(u, 'tianchi\.aliyun\.com/dataset/') THEN 'tianchi:' || coalesce(nullif(regexp_extract(u, 'dataId=([0-9]+)', 1), ''), regexp_extract(u, '/dataset/([0-9]+)', 1))
        WHEN regexp_matches(u, 'openneuro\.org/datasets/ds[0-9]{6}') THEN 'openneuro:' || regexp_extract(u, 'openneuro\.org/datasets/(ds[0-9]{6})', 1)
        WHEN regexp_matches(u, 'syn[0-9]{5,}') THEN 'synapse:' || regexp_extract(u, '(syn[0-9]{5,})', 1)
        WHEN regexp_matches(u, 'kaggle\.com/(c|competitions)/[^/?#]+') THEN 'kaggle-c:' || lower(regexp_extract(u, 'kaggle\.com/(?:c|competitions)/([^/?#]+)', 1))
        WHEN regexp_matches(u, 'kaggle\.com/datasets/[^/?#]+/[^/?#]+') THEN 'kaggle:' || lower(regexp_extract(u, 'kaggle\.com/datasets/([^/?#]+/[^/?#]+)', 1))
        WHEN regexp_matches(u, '://(www\.)?kaggle\.com/[^/?#]+/[^/?#]+') AND NOT regexp_matches(u, 'kaggle\.com/(code|discussions|docs|datasets)/')
            THEN 'kaggle:' || lower(regexp_extract(u, 'kaggle\.com/([^/?#]+/[^/?#]+)', 1))
        WHEN regexp_matches(u, '://[a-z0-9-]+\.grand-challenge\.org') AND NOT regexp_matches(u, '://(www\.)?grand-challenge\.org')
            THEN 'gc:' || regexp_extract(u, '://([a-z0-9-]+)\.grand-challenge\.org', 1)
        WHEN regexp_matches(u, 'zenodo\.org/records?/[0-9]+') THEN 'zenodo:' || regexp_extract(u, 'zenodo\.org/records?/([0-9]+)', 1)
        WHEN regexp_matches(u, 'figshare\.com/articles/.*/[0-9]{5,}') THEN 'figshare:' || regexp_extract(u, '/([0-9]{5,})', 1)
        WHEN regexp_matches(u, 'data\.mendeley\.com/datasets/[a-z0-9]+') THEN 'mendeley:' || regexp_extract(u, 'data\.mendeley\.com/datasets/([a-z0-9]+)', 1)
        WHEN regexp_matches(u, '://github\.com/[^/?#]+/[^/?#]+') THEN 'github:' || lower(regexp_replace(regexp_extract(u, '://github\.com/([^/?#]+/[^/?#]+)', 1), '\.git$', ''))
        WHEN regexp_matches(u, 'pageId=[0-9]+') THEN 'tcia-page:' || regexp_extract(u, 'pageId=([0-9]+)', 1)
        WHEN regexp_matches(u, 'cancerimagingarchive\.net/collection/[^/?#]+') THEN 'tcia:' || lower(regexp_extract(u, 'cancerimagingarchive\.net/collection/([^/?#]+)', 1))
        WHEN regexp_matches(u, 'cancerimagingarchive\.net/display/Public/[^/?#]+') THEN 'tcia:' || lower(regexp_extract(u, 'display/Public/([^/?#]+)', 1))
        WHEN regexp_matches(u, 'physionet\.org/content/[^/?#]+') THEN 'physionet:' || regexp_extract(u, 'physionet\.org/content/([^/?#]+)', 1)
        WHEN regexp_matches(u, 'doi:10\.7910/DVN/[A-Za-z0-9]+') THEN 'doi:10.7910/dvn/' || lower(regexp_extract(u, 'doi:10\.7910/DVN/([A-Za-z0-9]+)', 1))
        WHEN regexp_matches(u, 'codalab[^/]*/competitions/[0-9]+') THEN 'codalab:' || regexp_extract(u, '/competitions/([0-9]+)', 1)
        ELSE 'url:' || regexp_replace(u, '^https?://(www\.)?', '')
    END;

-- What a listing's stated content says alone (its only modality, region or organ), as qualifier_content values:
-- a qualifier word with one of these adds nothing to the listing's name ("BTCV Abdomen" to a "BTCV" listed as
-- abdominal CT; but "CHAOS CT" adds to a CHAOS listed as CT and MR). 01-er-listings.sql turns them into words.
CREATE OR REPLACE MACRO stated_content(modalities, regions, anatomy) AS
    list_filter([
        CASE WHEN len(modalities) = 1 THEN 'm:' || modalities[1] END,
        CASE WHEN len(regions) = 1 THEN 'r:' || regions[1] END,
        CASE WHEN len(anatomy) = 1 THEN 'a:' || anatomy[1] END
    ], x -> x IS NOT NULL);

-- Words that are all modality qualifiers ("CT", "fMRI").
CREATE OR REPLACE MACRO modality_words_only(ws) AS
    len(ws) > 0 AND len(list_filter(ws, t -> starts_with(coalesce(qualifier_content(t), ''), 'm:'))) = len(ws);

-- A modality word naming a modality the other listing's stated modalities do not include.
CREATE OR REPLACE MACRO modality_word_against(t, modalities) AS
    starts_with(coalesce(qualifier_content(t), ''), 'm:') AND len(modalities) > 0 AND NOT list_contains(modalities, qualifier_content(t)[3:]);

-- Whether a word is a qualifier (qualifier_words()).
CREATE OR REPLACE MACRO is_qualifier(t) AS
    list_contains(qualifier_words(), t);

-- The slug of a name of ASCII characters only, as source-kit's slugify writes it for dataset ids (ids.ts): lower case,
-- each run of other characters one hyphen, none at either end, at most 40 characters and no hyphen left at the end,
-- 'dataset' when nothing is left. Names beyond ASCII are slugged in TypeScript (it decomposes Unicode first).
CREATE OR REPLACE MACRO ascii_slug(s) AS
    coalesce(nullif(rtrim(left(trim(regexp_replace(lower(s), '[^a-z0-9]+', '-', 'g'), '-'), 40), '-'), ''), 'dataset');

-- A new dataset id in its short form: the slug, a hyphen and the first 6 hex digits of the anchor's sha256
-- (SHORT_HASH in ids.ts, where the few ids that collide are lengthened by two digits at a time).
CREATE OR REPLACE MACRO short_id(slug, hash) AS
    slug || '-' || left(hash, 6);

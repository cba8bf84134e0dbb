-- Score each candidate pair. Vetoes come first (one source lists them apart,
-- different editions, a later version against an unnumbered name, a generic
-- name, a part against its whole, sibling parts, disjoint modalities or
-- regions), then the match rules in order: the same name, a family's single
-- edition, a shared specific link, names under one portal, a series form, the
-- same words, a linked page, an accession, one more word, a modality word, a
-- typo, and an acronym of the long name that shares a link or a year.
-- docs/architecture.md lists them with examples.
--
-- Pairs are scored in three passes, each computing only what its rules read (at 1M listings: 3.9M candidates):
--   1. two different editions: the first two vetoes alone (about a quarter of the candidates; er_pairs below);
--   2. the other pairs: the vetoes, then the two rules of the same name, which decide most matches (er_pair_early);
--   3. the pairs still undecided (about one in eight): the name comparisons of the other match rules (er_pairs).
-- Pass 2 keeps only narrow columns for pass 3, which joins the listings again for what it reads.
CREATE OR REPLACE TABLE er_pair_early AS
-- The listings' scalar values and stated content, for every pair; their word lists only for the pairs whose
-- vetoes read them (about one in six at 1M listings), joined again below.
WITH light AS MATERIALIZED (
    SELECT
        c.*,
        la.source_id = lb.source_id AND la.distinct_source AS same_distinct_source,
        (la.edition IS NULL) <> (lb.edition IS NULL) AS one_edition_missing,
        CASE WHEN la.edition IS NULL THEN lb.edition_kind ELSE la.edition_kind END AS present_kind,
        coalesce(la.edition_kind, '') = 'multi' OR coalesce(lb.edition_kind, '') = 'multi' AS multi,
        coalesce(la.edition_kind, '') = 'multi' AND coalesce(lb.edition_kind, '') = 'multi' AS both_multi,
        la.generic OR lb.generic AS generic,
        len(la.modalities) > 0 AND len(lb.modalities) > 0 AND len(list_intersect(la.modalities, lb.modalities)) = 0 AS modality_conflict,
        len(la.regions) > 0 AND len(lb.regions) > 0 AND len(list_intersect(la.regions, lb.regions)) = 0 AS region_conflict,
        la.modalities AS la_mods_all,
        lb.modalities AS lb_mods_all,
        la.source_id = lb.source_id AS same_source,
        CASE WHEN la.edition IS NULL THEN la.core_base_key ELSE lb.core_base_key END AS family_core,
        -- Content words of one name the other lacks (all_words in pass 3), as far as the vetoes read them: a part
        -- against the whole needs a listing of several modalities, a generic name a portal.
        len(la.modalities) >= 2 OR len(lb.modalities) >= 2 OR (c.hub_eq AND (la.generic OR lb.generic)) AS reads_words,
        -- Part words of one name the other lacks, read by the sibling veto: only for two different names of two part
        -- words or more each (siblings share one and differ in one).
        NOT (c.name_eq OR c.core_eq) AND la.part_count >= 2 AND lb.part_count >= 2 AS reads_parts
    FROM er_candidates AS c
    JOIN er_listings AS la ON la.listing_id = c.a
    JOIN er_listings AS lb ON lb.listing_id = c.b
    -- Two different editions are decided by the first two vetoes alone (pass 1, the last SELECT).
    WHERE NOT (la.edition IS NOT NULL AND lb.edition IS NOT NULL AND la.edition <> lb.edition)
),
f AS (
    SELECT
        l.*,
        CAST([] AS VARCHAR[]) AS all_words_a,
        CAST([] AS VARCHAR[]) AS all_words_b,
        CAST(NULL AS VARCHAR[]) AS la_implied,
        CAST(NULL AS VARCHAR[]) AS lb_implied,
        CAST(NULL AS VARCHAR[]) AS la_part_names,
        CAST(NULL AS VARCHAR[]) AS lb_part_names,
        CAST(NULL AS VARCHAR[]) AS parts_a,
        CAST(NULL AS VARCHAR[]) AS parts_b,
        CAST(NULL AS BOOLEAN) AS parts_overlap
    FROM light AS l
    WHERE NOT (l.reads_words OR l.reads_parts)
    UNION ALL
    SELECT
        l.*,
        CASE WHEN l.reads_words THEN tokens_not_in(la.words, lb.words_compact) ELSE [] END AS all_words_a,
        CASE WHEN l.reads_words THEN tokens_not_in(lb.words, la.words_compact) ELSE [] END AS all_words_b,
        la.implied_words AS la_implied,
        lb.implied_words AS lb_implied,
        la.part_names AS la_part_names,
        lb.part_names AS lb_part_names,
        CASE WHEN l.reads_parts THEN tokens_not_in(la.parts, lb.parts_compact) END AS parts_a,
        CASE WHEN l.reads_parts THEN tokens_not_in(lb.parts, la.parts_compact) END AS parts_b,
        CASE WHEN l.reads_parts THEN len(list_intersect(la.parts, lb.parts)) >= 1 END AS parts_overlap
    FROM light AS l
    JOIN er_listings AS la ON la.listing_id = l.a
    JOIN er_listings AS lb ON lb.listing_id = l.b
    WHERE l.reads_words OR l.reads_parts
),
g AS (
    SELECT
        f.* EXCLUDE (family_core, reads_words, reads_parts),
        -- Under a portal, the words of one name the other lacks but those the other's stated content implies (words_a
        -- in pass 3): a generic name is not vetoed there when neither name adds one.
        CASE WHEN hub_eq AND generic THEN list_filter(all_words_a, t -> NOT list_contains(lb_implied, t)) END AS words_a,
        CASE WHEN hub_eq AND generic THEN list_filter(all_words_b, t -> NOT list_contains(la_implied, t)) END AS words_b,
        url_eq OR doi_eq AS shared_link,
        -- Two parts of one collection ("PANDA_radboud" / "PANDA_karolinska"): one word each that differs more than a typo would.
        -- Compared on content words, so a task number glued to a word ("MSD06") is not a part name.
        coalesce(len(parts_a) = 1 AND len(parts_b) = 1 AND parts_overlap
            AND damerau_levenshtein(parts_a[1], parts_b[1]) > 2
            -- Descriptive or misspelt descriptive words ("Penumonia" / "Chest") never name a part.
            AND list_contains(la_part_names, parts_a[1]) AND list_contains(lb_part_names, parts_b[1]), false) AS siblings,
        coalesce(fe.year_editions + fe.sequel_editions, 0) >= 2 AS family_of_several,
        coalesce(present_kind, '') = 'year' AND fe.year_editions = 1 AND fe.sequel_editions = 0 AS single_year_family
    FROM f
    LEFT JOIN er_core_family_editions AS fe ON fe.core_base_key = f.family_core
),
d AS (
    SELECT
        *,
        CASE
            WHEN same_distinct_source THEN 'veto: the source lists them as two datasets'
            WHEN multi AND NOT both_multi THEN 'veto: a multi-edition listing names the family'
            WHEN one_edition_missing AND present_kind = 'sequel' THEN 'veto: an unnumbered name is not a later version'
            WHEN one_edition_missing AND family_of_several THEN 'veto: an undated name in a family of several editions names the family'
            WHEN generic AND NOT shared_link AND NOT (hub_eq AND len(words_a) = 0 AND len(words_b) = 0) THEN 'veto: a generic name needs a shared link'
            -- "CHAOS CT" against a "CHAOS" listed as CT and MR: the part against the whole.
            WHEN (modality_words_only(all_words_a) AND len(all_words_b) = 0 AND len(lb_mods_all) >= 2)
                 OR (modality_words_only(all_words_b) AND len(all_words_a) = 0 AND len(la_mods_all) >= 2) THEN 'veto: one of its parts against the whole'
            WHEN same_source AND region_conflict THEN 'veto: the source lists them under different anatomy'
            WHEN siblings AND NOT (name_eq OR core_eq) THEN 'veto: sibling parts of one collection'
            -- One source's wrong modality must not split a dataset listed under the same name everywhere;
            -- the same name with both modality and anatomy disjoint is two datasets (ADAM: brain MRI vs fundus).
            WHEN (name_eq OR core_eq) AND modality_conflict AND region_conflict THEN 'veto: same name, different modality and anatomy'
            WHEN NOT (name_eq OR core_eq) AND modality_conflict THEN 'veto: no modality in common'
            WHEN NOT (name_eq OR core_eq OR doi_eq) AND region_conflict THEN 'veto: no anatomical region in common'
        END AS veto
    FROM g
)
-- Pass 2: the vetoes and the rules of the same name, which read nothing more.
SELECT
    a, b,
    -- what pass 3 reads of this pass
    alias_eq, core_eq, url_eq, doi_eq, hub_eq, tail_eq, words_eq, words_plus_one, page_eq, base_eq, prefix_eq, acronym_eq,
    one_edition_missing, modality_conflict, region_conflict, shared_link, siblings, single_year_family,
    -- Pairs that must never end up in one entity, whatever links them through others.
    coalesce(veto, '') IN (
        'veto: the source lists them as two datasets', 'veto: same name, different modality and anatomy',
        'veto: the source lists them under different anatomy', 'veto: sibling parts of one collection',
        'veto: one of its parts against the whole'
    )
    -- Disjoint modalities keep two listings apart through any chain, unless they name one page or record.
    OR (coalesce(veto, '') = 'veto: no modality in common' AND NOT (url_eq OR doi_eq OR page_eq)) AS cannot_link,
    CASE
        WHEN veto IS NOT NULL THEN veto
        WHEN (name_eq OR core_eq) AND NOT one_edition_missing THEN 'match: same name'
        WHEN alias_eq AND NOT one_edition_missing THEN 'match: same short or long name'
    END AS decision
FROM d;

-- Every decision: pass 2's, pass 3's for the pairs pass 2 left undecided (with the name comparisons the other
-- match rules read), and pass 1's for two different editions.
CREATE OR REPLACE TABLE er_pairs AS
WITH h AS (
    SELECT
        e.*,
        -- Content words of one name the other lacks, all of them; computed only for the pairs whose rules read them
        -- (under a portal, sharing a prefix or four words, or with a listing of several modalities), [] otherwise.
        CASE WHEN e.hub_eq OR e.prefix_eq OR e.words_plus_one OR len(la.modalities) >= 2 OR len(lb.modalities) >= 2
             THEN tokens_not_in(la.words, lb.words_compact) ELSE [] END AS all_words_a,
        CASE WHEN e.hub_eq OR e.prefix_eq OR e.words_plus_one OR len(la.modalities) >= 2 OR len(lb.modalities) >= 2
             THEN tokens_not_in(lb.words, la.words_compact) ELSE [] END AS all_words_b,
        la.implied_words AS la_implied,
        lb.implied_words AS lb_implied,
        la.modalities AS la_mods_all,
        lb.modalities AS lb_mods_all,
        la.part_names AS la_part_names,
        lb.part_names AS lb_part_names,
        la.year IS NOT NULL AND lb.year IS NOT NULL AND la.year <> lb.year AS year_conflict,
        la.year IS NOT NULL AND la.year = lb.year AS year_agree,
        len(list_intersect(la.modalities, lb.modalities)) > 0 AS modality_agree,
        len(list_intersect(la.regions, lb.regions)) > 0 AS region_agree,
        la.numbers <> lb.numbers AS numbers_differ,
        -- The numbers differ, unless one name only adds a count the other leaves out ("COVID19-CT" / "COVID19-CT-1000").
        la.numbers <> lb.numbers AND NOT (len(la.numbers) = 0 AND lb.numbers_are_counts) AND NOT (len(lb.numbers) = 0 AND la.numbers_are_counts) AS numbers_conflict,
        -- Under a portal a number on one side only is the portal's own numbering ("MSD06-Lung" / "MSD Lung Tumours").
        len(la.numbers) > 0 AND len(lb.numbers) > 0 AND la.numbers <> lb.numbers AS numbers_both_differ,
        la.name_is_id OR lb.name_is_id AS name_is_id,
        -- One name is the other's last word, the other adding its series and year ("PitVis" / "EndoVis23-PitVis").
        (la.edition IS NULL AND la.base_key = lb.last_word) OR (lb.edition IS NULL AND lb.base_key = la.last_word) AS series_tail,
        la.words AS la_words,
        lb.words AS lb_words,
        -- Words of one name the other does not contain, even inside a word ("nih chest x ray" vs "chestx ray": none).
        tokens_not_in(la.tokens, lb.tokens_compact) AS extra_a,
        tokens_not_in(lb.tokens, la.tokens_compact) AS extra_b,
        -- Of those, how many are qualifiers, and whether one is a modality word the other's stated modalities lack.
        len(tokens_not_in(la.qualifier_tokens, lb.tokens_compact)) AS qualifiers_a,
        len(tokens_not_in(lb.qualifier_tokens, la.tokens_compact)) AS qualifiers_b,
        len(list_filter(tokens_not_in(la.modality_tokens, lb.tokens_compact), t -> modality_word_against(t, lb.modalities))) > 0 AS modality_word_a_against_b,
        len(list_filter(tokens_not_in(lb.modality_tokens, la.tokens_compact), t -> modality_word_against(t, la.modalities))) > 0 AS modality_word_b_against_a,
        la.modalities AS la_modalities,
        lb.modalities AS lb_modalities,
        la.base_key AS base_a,
        lb.base_key AS base_b,
        la.core_base_key AS core_a,
        lb.core_base_key AS core_b,
        -- Name similarity, read only by the rules of a shared prefix or a shared link (string distances are the
        -- costliest per-pair values, so the other pairs skip them).
        CASE WHEN e.prefix_eq OR e.url_eq OR e.doi_eq THEN jaro_winkler_similarity(la.core_base_key, lb.core_base_key) END AS jw,
        la.acronym_kind IS DISTINCT FROM lb.acronym_kind AS acronym_cross
    FROM er_pair_early AS e
    JOIN er_listings AS la ON la.listing_id = e.a
    JOIN er_listings AS lb ON lb.listing_id = e.b
    WHERE e.decision IS NULL
),
i AS (
    SELECT
        *,
        -- Content words of one name the other lacks, leaving out qualifiers the other's stated content implies
        -- (read under a portal and by the modality-word rule only).
        CASE WHEN hub_eq OR prefix_eq THEN list_filter(all_words_a, t -> NOT list_contains(lb_implied, t)) ELSE all_words_a END AS words_a,
        CASE WHEN hub_eq OR prefix_eq THEN list_filter(all_words_b, t -> NOT list_contains(la_implied, t)) ELSE all_words_b END AS words_b,
        len(extra_a) > 0 AND len(extra_b) > 0 AS both_extra,
        -- Siblings differ by a qualifier (CT/MR, JPG, abdomen/cervical, task words): either each name has a
        -- qualifier the other lacks, or one name adds one or two words of which one is a qualifier.
        -- Three or more added words are a description, not a qualifier ("COVID-19-20 Lung CT Lesion Segmentation Challenge").
        -- Or one name carries a modality word the other listing's stated modalities lack ("NLST" CT / "NLST 2D-Pathology").
        (qualifiers_a > 0 AND qualifiers_b > 0)
            OR modality_word_a_against_b
            OR modality_word_b_against_a
            OR (len(extra_a) BETWEEN 1 AND 2 AND len(extra_b) = 0 AND qualifiers_a > 0)
            OR (len(extra_b) BETWEEN 1 AND 2 AND len(extra_a) = 0 AND qualifiers_b > 0)
            AS qualifier_differs,
        -- A different short word on each side ("MEN" vs "MET", "1a" vs "1b") is a different dataset, not a typo.
        len(extra_a) = 1 AND len(extra_b) = 1 AND length(extra_a[1]) <= 4 AND length(extra_b[1]) <= 4 AS short_words_differ,
        -- Typos are counted on the whole name: publisher words (NIHCC) must not hide a different name.
        CASE WHEN prefix_eq AND jw >= 0.95 THEN damerau_levenshtein(base_a, base_b) END AS edit_distance
    FROM h
),
scored AS (
    SELECT
        *,
        (core_eq OR core_a = core_b OR len(extra_a) = 0 OR len(extra_b) = 0 OR (jw >= 0.9 AND NOT both_extra) OR (acronym_eq AND acronym_cross)) AS names_related
    FROM i
)
SELECT a, b, cannot_link, decision
FROM er_pair_early
WHERE decision IS NOT NULL
UNION ALL
SELECT
    a, b,
    -- (no veto in this pass)
    false AS cannot_link,
    CASE
        WHEN base_eq AND one_edition_missing AND single_year_family AND NOT qualifier_differs THEN 'match: the family''s only edition'
        WHEN shared_link AND names_related AND NOT qualifier_differs AND NOT numbers_conflict AND NOT short_words_differ THEN 'match: shared link and related name'
        -- Different names for one specific resource (not a portal: see the hub limit in 03-blocks.sql). Where both
        -- listings state content it must overlap; an undated name may stand for a dated one (sequels were vetoed above).
        WHEN shared_link AND NOT qualifier_differs AND NOT numbers_conflict AND NOT short_words_differ
             AND (modality_agree OR region_agree OR len(la_modalities) = 0 OR len(lb_modalities) = 0) THEN 'match: the same resource, and its content agrees'
        -- A typo: a couple of edits, on words both names have in place (not a word added to one side).
        WHEN prefix_eq AND jw >= 0.95 AND edit_distance <= 2 AND least(length(core_a), length(core_b)) >= 6 AND NOT one_edition_missing
             AND (len(extra_a) > 0) = (len(extra_b) > 0)
             AND modality_agree AND NOT qualifier_differs AND NOT numbers_differ AND NOT short_words_differ THEN 'match: near-identical name'
        -- Under one portal (a link many names share) the names must tell the same dataset: words added on one side
        -- only, none a qualifier the other's content does not imply, numbers that agree, a modality in common and no region apart.
        WHEN hub_eq AND NOT one_edition_missing AND NOT numbers_both_differ AND NOT short_words_differ AND NOT siblings
             AND modality_agree AND NOT region_conflict
             AND (len(words_a) = 0 OR len(words_b) = 0) AND len(words_a) + len(words_b) <= 2
             AND len(list_filter(list_concat(words_a, words_b), t -> is_qualifier(t))) = 0
             -- the added words only describe ("Tumours", "Cancer"), or extend a word of the other name ("BrainTumour"
             -- for "Brain"); a word that names something ("Full", "Quality Assessment") makes another dataset
             AND len(list_filter(words_a, t -> list_contains(la_part_names, t) AND NOT list_bool_or(list_transform(lb_words, w -> length(w) >= 4 AND starts_with(t, w))))) = 0
             AND len(list_filter(words_b, t -> list_contains(lb_part_names, t) AND NOT list_bool_or(list_transform(la_words, w -> length(w) >= 4 AND starts_with(t, w))))) = 0
            THEN 'match: one portal, names that differ only in words the content implies'
        -- A sub-challenge named alone and with its series and year ("PitVis" / "EndoVis23-PitVis").
        WHEN tail_eq AND series_tail AND one_edition_missing AND modality_agree AND NOT region_conflict AND NOT numbers_conflict
            THEN 'match: a name and the same name under its series and year'
        -- The same words in another order, plurals folded ("PROSTATEx-Seg-Zones" / "PROSTATEx Zone Segmentations").
        WHEN words_eq AND NOT one_edition_missing AND NOT numbers_conflict AND NOT modality_conflict THEN 'match: the same words in another order'
        -- One name is the page the other links ("SinaFarsiu-010-Rabbani_IOVS_2014" / a link to "Rabbani_IOVS_2014_dataset.htm").
        WHEN page_eq AND NOT modality_conflict AND NOT region_conflict THEN 'match: one name is the page the other links'
        -- A name that is only the identifier in the link both share ("ds000030").
        WHEN shared_link AND name_is_id AND NOT modality_conflict THEN 'match: a name that is only its link''s identifier'
        -- Four or more words in common and one more on one side, not a qualifier or a number, same modality.
        WHEN words_plus_one AND NOT one_edition_missing AND NOT numbers_differ AND NOT qualifier_differs AND modality_agree AND NOT region_conflict
             AND len(all_words_a) + len(all_words_b) = 1 THEN 'match: one more word on four or more in common'
        -- One name adds only a modality word: the one modality both listings state ("Narratives fMRI" / "Narratives", both MR
        -- only), or the other states none ("MedSeg COVID-19 CT" / "MedSeg Covid Dataset"); against several it is a part (vetoed).
        -- Years, where both state one, must agree: a subset released apart ("Kvasir" / "Kvasir-SEG") has its own.
        WHEN prefix_eq AND NOT one_edition_missing AND NOT numbers_conflict AND NOT year_conflict
             AND ((modality_words_only(all_words_a) AND len(all_words_b) = 0 AND (len(lb_mods_all) = 0 OR (len(words_a) = 0 AND la_mods_all = lb_mods_all)))
                  OR (modality_words_only(all_words_b) AND len(all_words_a) = 0 AND (len(la_mods_all) = 0 OR (len(words_b) = 0 AND la_mods_all = lb_mods_all))))
            THEN 'match: the same name and a modality word its content states'
        WHEN acronym_eq AND acronym_cross AND modality_agree AND region_agree AND NOT one_edition_missing AND (shared_link OR hub_eq OR year_agree) THEN 'match: acronym of the long name'
        ELSE 'no match'
    END AS decision
FROM scored
UNION ALL
SELECT
    c.a, c.b,
    true AS cannot_link,
    CASE WHEN la.source_id = lb.source_id AND la.distinct_source THEN 'veto: the source lists them as two datasets' ELSE 'veto: different editions' END AS decision
FROM er_candidates AS c
JOIN er_listings AS la ON la.listing_id = c.a
JOIN er_listings AS lb ON lb.listing_id = c.b
WHERE la.edition IS NOT NULL AND lb.edition IS NOT NULL AND la.edition <> lb.edition;

-- Name analysis helpers shared by the resolution steps.
CREATE OR REPLACE MACRO fold_name(s) AS
    -- "COVID-19", "COVID19" and "SARS-CoV-2" name the disease, not an edition or a number of the dataset.
    trim(regexp_replace(regexp_replace(
        regexp_replace(lower(strip_accents(coalesce(s, ''))), '[^a-z0-9]+', ' ', 'g'),
        '(^| )(covid ?19|sars cov 2|sars cov2)( |$)', '\1covid\3', 'g'), ' +', ' ', 'g'));

-- "kits19 21", "flare21 22 23", "brats 2012 2024": a name that covers several editions.
CREATE OR REPLACE MACRO multi_edition(f) AS
    regexp_matches(f, '(^|[a-z ])(19|20)?\d{2} (19|20)?\d{2}( (19|20)?\d{2})*$');

-- A release year written in full anywhere ("brats 2021", "isic2018").
CREATE OR REPLACE MACRO year4_of(f) AS
    nullif(regexp_extract(f, '(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)', 1), '');

-- A two-digit year at the end of a word or as the last word ("brats21", "flare 22"), or after a first word
-- of four letters or more with more words after it ("endovis18 rss", "kits19 challenge", "covid 20 lung"; not "msd10 colon").
CREATE OR REPLACE MACRO year2_of(f) AS
    coalesce(nullif(regexp_extract(f, '(?:[a-z]{2,}|^|[a-z] )([0-9]{2})$', 1), ''), nullif(regexp_extract(f, '^[a-z]{4,} ?([12][0-9]) [a-z]', 1), ''));

-- A sequel marker: "v2", "version 2", roman "ii".."x", or a lone last digit ("oasis 3", "prostatex 2").
CREATE OR REPLACE MACRO sequel_of(f) AS
    CASE
        WHEN regexp_matches(f, ' v ?[0-9]+$') THEN 'v' || regexp_extract(f, ' v ?([0-9]+)$', 1)
        WHEN regexp_matches(f, ' version [0-9]+$') THEN 'v' || regexp_extract(f, ' version ([0-9]+)$', 1)
        -- glued to a short name: "liagv3"
        WHEN regexp_matches(f, '(^| )[a-z]{3,}v[0-9]$') THEN 'v' || regexp_extract(f, 'v([0-9])$', 1)
        WHEN regexp_matches(f, ' (ii|iii|iv|vi|vii|viii|ix|x)$') THEN 'v' ||
            CASE regexp_extract(f, ' (ii|iii|iv|vi|vii|viii|ix|x)$', 1)
                WHEN 'ii' THEN '2' WHEN 'iii' THEN '3' WHEN 'iv' THEN '4' WHEN 'vi' THEN '6'
                WHEN 'vii' THEN '7' WHEN 'viii' THEN '8' WHEN 'ix' THEN '9' ELSE '10' END
        WHEN regexp_matches(f, '[a-z]{2,} [0-9]$') THEN 'v' || regexp_extract(f, ' ([0-9])$', 1)
        ELSE NULL
    END;

-- A sequel marker inside a name as shown, just before its colon or its bracketed part: "BerPAR v2: Bergen …",
-- "… Grading version 2 (CamPBG)" (not "Human V4 size …", where V4 is a brain area). fold_name drops the
-- punctuation this needs, so it reads the name itself; strip_edition_of removes it from the folded name.
CREATE OR REPLACE MACRO sequel_before_colon_or_bracket(name) AS
    CASE WHEN regexp_matches(lower(name), '[a-z0-9][ _-](v ?[0-9]+|version [0-9]+) ?[:(]')
        THEN 'v' || regexp_extract(lower(name), '[a-z0-9][ _-](?:v ?|version )([0-9]+) ?[:(]', 1) END;

CREATE OR REPLACE MACRO year2_to_4(yy) AS
    CASE WHEN CAST(yy AS INTEGER) <= 40 THEN '20' || yy ELSE '19' || yy END;

-- Words that name who published or hosted a dataset, not what it is.
CREATE OR REPLACE MACRO core_of(f) AS
    array_to_string(list_filter(string_split(f, ' '), t -> t <> '' AND t NOT IN ('the', 'a', 'an', 'of', 'and', 'for', 'dataset', 'datasets', 'database', 'data', 'set', 'challenge', 'grand',
         'benchmark', 'collection', 'archive', 'study', 'project', 'nih', 'nihcc', 'nci', 'tcia', 'miccai', 'isbi',
         'kaggle', 'open', 'public', 'cohort', 'images', 'image', 'imaging', 'trial', 'initiative', 'consortium')), ' ');

-- Words whose difference makes two close names different datasets: modality, format, anatomy and subset qualifiers.
CREATE OR REPLACE MACRO qualifier_words() AS
    ['ct', 'mr', 'mri', 'fmri', 'pet', 'us', 'xray', 'x', 'cxr', 'dx', 'cr', 'oct', 'octa', 'fundus', 'jpg', 'jpeg', 'png', 'dicom', 'nifti',
     'seg', 'det', 'cls', 'segmentation', 'detection', 'classification', 'lite', 'mini', 'subset', 'plus', 'extended', 'ext',
     'abdomen', 'abdominal', 'cervical', 'cervix', 'brain', 'chest', 'lung', 'liver', 'kidney', 'pancreas', 'prostate', 'breast',
     'heart', 'cardiac', 'spine', 'knee', 'hip', 'head', 'neck', 'pelvis', 'retina', 'skin', 'colon', 'polyp', 'polyps',
     'video', 'videos', '2d', '3d', '4d', 'capsule', 'instrument', 'instruments', 'pediatric', 'paediatric', 'adult',
     'train', 'test', 'validation', 'external', 'clinical', 'pathology', 'radiology', 'reports', 'report', 'vqa', 'text'];

-- A name's edition kind and edition (a 4-digit year, or v<n> for sequels; NULL for none or several) from its
-- edition marks. 01-er-listings.sql computes the marks once per name in a materialised step, so each regex runs once.
CREATE OR REPLACE MACRO edition_kind_from(multi, y4, y2, sequel) AS
    CASE WHEN multi THEN 'multi' WHEN y4 IS NOT NULL OR y2 IS NOT NULL THEN 'year' WHEN sequel IS NOT NULL THEN 'sequel' END;

CREATE OR REPLACE MACRO edition_from(multi, y4, y2, sequel) AS
    CASE WHEN multi THEN NULL WHEN y4 IS NOT NULL THEN y4 WHEN y2 IS NOT NULL THEN year2_to_4(y2) ELSE sequel END;

CREATE OR REPLACE MACRO edition_kind_of(f) AS
    edition_kind_from(multi_edition(f), year4_of(f), year2_of(f), sequel_of(f));

CREATE OR REPLACE MACRO edition_of(f) AS
    edition_from(multi_edition(f), year4_of(f), year2_of(f), sequel_of(f));

-- The form of a name its edition is read from: the name itself, or, when only publisher and filler words hide the
-- edition ("CaPG-v2 Study", "The ChurtEye16 Dataset"), its core.
CREATE OR REPLACE MACRO edition_form(f) AS
    CASE WHEN edition_kind_of(f) IS NULL AND edition_kind_of(core_of(f)) IS NOT NULL THEN core_of(f) ELSE f END;

-- The name without its edition (what the editions of one family share), given its edition kind and full year.
CREATE OR REPLACE MACRO strip_edition_of(f, kind, y4) AS
    trim(regexp_replace(
        CASE kind
            WHEN 'multi' THEN regexp_replace(f, '(19|20)?[0-9]{2}( (19|20)?[0-9]{2})+$', '')
            WHEN 'year' THEN
                CASE WHEN y4 IS NOT NULL THEN regexp_replace(f, '(19|20)[0-9]{2}', ' ', 'g')
                     WHEN regexp_matches(f, '[0-9]{2}$') THEN regexp_replace(f, '[0-9]{2}$', '')
                     ELSE regexp_replace(f, '^([a-z]{4,}) ?[12][0-9] ', '\1 ') END
            WHEN 'sequel' THEN CASE WHEN regexp_matches(f, ' (v ?[0-9]+|version [0-9]+)$') OR NOT regexp_matches(f, '(^| )[a-z]{3,}v[0-9]$')
                THEN regexp_replace(regexp_replace(f, ' (v ?[0-9]+|version [0-9]+|ii|iii|iv|vi|vii|viii|ix|x|[0-9])$', ''),
                    '([a-z0-9]) (v ?[0-9]+|version [0-9]+)( [a-z])', '\1\3')
                ELSE regexp_replace(f, 'v[0-9]$', '') END
            ELSE f
        END, ' +', ' ', 'g'));

-- The same, from the name alone.
CREATE OR REPLACE MACRO strip_edition(f) AS
    strip_edition_of(f, edition_kind_of(f), year4_of(f));

-- Words that describe any dataset (modality, anatomy, disease, "images"): a name made only of them ("Chest X-ray") identifies nothing.
-- (descriptive_words() holds the words beyond the qualifiers.)
CREATE OR REPLACE MACRO descriptive_words() AS
    ['x', 'ray', 'rays', 'xrays', 'images', 'image', 'imaging', 'scans', 'scan', 'dataset', 'data',
     'medical', 'covid', '19', 'pneumonia', 'ultrasound', 'mammography', 'mammograms', 'endoscopy', 'histopathology', 'microscopy',
     'dermoscopy', 'tumor', 'tumour', 'tumors', 'cancer', 'lesion', 'lesions', 'database', 'db', 'collection', 'radiograph',
     'radiographs', 'photos', 'slides', 'cell', 'cells', 'nuclei', 'multi', 'organ', 'organs', 'set', 'retinal', 'eye', 'lungs',
     'nodule', 'nodules', 'mris', 'cts', 'scans', 'disease', 'diseases', 'detection', 'classification', 'segmentation', 'sets',
     'thorax', 'thoracic', 'abdominal', 'whole', 'body', 'bone', 'bones', 'dental', 'teeth', 'oral', 'hand', 'knee', 'spine',
     'skin', 'melanoma', 'glaucoma', 'diabetic', 'retinopathy', 'alzheimer', 'stroke', 'covid19', 'sars', 'cov', '2',
     'trial', 'initiative', 'consortium', 'challenge', 'benchmark', 'archive', 'study', 'the', 'of', 'and', 'for', 'a', 'an', 'in'];

CREATE OR REPLACE MACRO generic_words() AS
    list_concat(qualifier_words(), descriptive_words());

-- Tokens of one name that the other name does not contain, not even inside a word ("nih chest x ray" vs "chestx ray" differ in nothing).
CREATE OR REPLACE MACRO tokens_not_in(tokens, other_compact) AS
    list_filter(tokens, t -> NOT contains(other_compact, t));

-- One spelling per qualifier, so "MR" and "MRI" (or "X-ray" and "xray") are not a difference.
CREATE OR REPLACE MACRO canon_token(t) AS
    CASE t
        WHEN 'mri' THEN 'mr' WHEN 'mris' THEN 'mr' WHEN 'xray' THEN 'x' WHEN 'xrays' THEN 'x' WHEN 'cxr' THEN 'x'
        WHEN 'cts' THEN 'ct' WHEN 'segmentation' THEN 'seg' WHEN 'segmentations' THEN 'seg' WHEN 'detection' THEN 'det' WHEN 'classification' THEN 'cls'
        WHEN 'cervix' THEN 'cervical' WHEN 'abdominal' THEN 'abdomen' WHEN 'cardiac' THEN 'heart' WHEN 'videos' THEN 'video'
        WHEN 'polyps' THEN 'polyp' WHEN 'instruments' THEN 'instrument' WHEN 'paediatric' THEN 'pediatric' WHEN 'jpeg' THEN 'jpg'
        WHEN 'tumours' THEN 'tumour' WHEN 'tumors' THEN 'tumour' WHEN 'tumor' THEN 'tumour'
        ELSE t
    END;

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

-- A compact key from folded words with qualifiers in one spelling: "BTCV Cervix" = "BTCV Cervical", "Kvasir-SEG" = "Kvasir Segmentation".
CREATE OR REPLACE MACRO canon_compact(f) AS
    array_to_string(list_transform(list_filter(string_split(f, ' '), t -> t <> ''), t -> canon_token(t)), '');

-- The digit runs of a name as numbers ("MSD06" and "Task 6" both carry 6), in order; "2D"/"3D" are dimensions, not numbers.
CREATE OR REPLACE MACRO numbers_of(f) AS
    list_transform(regexp_extract_all(regexp_replace(f, '(^|[^0-9])[234]d( |$)', '\1 \2', 'g'), '[0-9]+'), x -> coalesce(nullif(ltrim(x, '0'), ''), '0'));

-- "2D", "3D", "4D" as words that survive splitting letters from digits ("QUBIQ2021 3D CT" is not "QUBIQ2021_2D_CT").
CREATE OR REPLACE MACRO dims_as_words(f) AS
    regexp_replace(regexp_replace(regexp_replace(f, '(^| )2d( |$)', '\1dimtwo\2', 'g'), '(^| )3d( |$)', '\1dimthree\2', 'g'), '(^| )4d( |$)', '\1dimfour\2', 'g');

-- The words that say what a dataset is: publisher and filler words dropped, letters split from digits
-- ("MSD06-Lung" → msd, lung; "MSD Task 6 (Lung)" → msd, lung), digits dropped (they are compared as numbers).
CREATE OR REPLACE MACRO content_words(f) AS
    list_transform(list_filter(
        string_split(regexp_replace(regexp_replace(regexp_replace(dims_as_words(core_of(f)), 'chestx ?rays?', 'chest xray', 'g'),
            '([a-z])([0-9])', '\1 \2', 'g'), '([0-9])([a-z])', '\1 \2', 'g'), ' '),
        t -> t <> '' AND NOT regexp_matches(t, '^[0-9]+$') AND t NOT IN ('task', 'tasks', 'track', 'version', 'release')),
        t -> canon_token(t));

-- What a qualifier word says about content: a modality ('m:'), an anatomical region ('r:') or an organ ('a:').
CREATE OR REPLACE MACRO qualifier_content(t) AS
    CASE t
        WHEN 'ct' THEN 'm:ct' WHEN 'mr' THEN 'm:mr' WHEN 'pet' THEN 'm:pet' WHEN 'us' THEN 'm:ultrasound' WHEN 'x' THEN 'm:xray'
        WHEN 'dx' THEN 'm:xray' WHEN 'cr' THEN 'm:xray' WHEN 'oct' THEN 'm:oct' WHEN 'fundus' THEN 'm:fundus' WHEN 'fmri' THEN 'm:mr'
        WHEN 'pathology' THEN 'm:histopathology' WHEN 'histopathology' THEN 'm:histopathology' WHEN 'mammography' THEN 'm:mammography'
        WHEN 'abdomen' THEN 'r:abdomen' WHEN 'brain' THEN 'r:brain' WHEN 'chest' THEN 'r:chest' WHEN 'heart' THEN 'r:heart'
        WHEN 'breast' THEN 'r:breast' WHEN 'pelvis' THEN 'r:pelvis' WHEN 'skin' THEN 'r:skin' WHEN 'spine' THEN 'r:spine'
        WHEN 'lung' THEN 'a:lung' WHEN 'liver' THEN 'a:liver' WHEN 'kidney' THEN 'a:kidney' WHEN 'pancreas' THEN 'a:pancreas'
        WHEN 'prostate' THEN 'a:prostate' WHEN 'cervical' THEN 'a:cervix' WHEN 'retina' THEN 'a:retina' WHEN 'knee' THEN 'a:knee'
        WHEN 'colon' THEN 'a:colon'
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

-- The words of a name but filler, letters split from digits and digits dropped: what tells two parts of a collection apart.
CREATE OR REPLACE MACRO part_words(f) AS
    list_transform(list_filter(
        string_split(regexp_replace(regexp_replace(dims_as_words(f), '([a-z])([0-9])', '\1 \2', 'g'), '([0-9])([a-z])', '\1 \2', 'g'), ' '),
        t -> t <> '' AND NOT regexp_matches(t, '^[0-9]+$') AND t NOT IN ('the', 'a', 'an', 'of', 'and', 'for', 'in', 'dataset', 'datasets', 'data', 'set', 'database', 'challenge', 'trial', 'study',
             'images', 'image', 'task', 'tasks')),
        t -> canon_token(t));

-- Words that are all modality qualifiers ("CT", "fMRI").
CREATE OR REPLACE MACRO modality_words_only(ws) AS
    len(ws) > 0 AND len(list_filter(ws, t -> starts_with(coalesce(qualifier_content(t), ''), 'm:'))) = len(ws);

-- A modality word naming a modality the other listing's stated modalities do not include.
CREATE OR REPLACE MACRO modality_word_against(t, modalities) AS
    starts_with(coalesce(qualifier_content(t), ''), 'm:') AND len(modalities) > 0 AND NOT list_contains(modalities, qualifier_content(t)[3:]);


-- Membership tests over the lists above.
CREATE OR REPLACE MACRO is_qualifier(t) AS
    list_contains(qualifier_words(), t);

-- Whether every word of a list is generic (a qualifier or descriptive word; true for none): one regular expression
-- over the words joined, built from the lists (letters and digits only) and compiled once; at 1M names ten times
-- faster than testing the words one by one against the lists.
CREATE OR REPLACE MACRO all_generic(ws) AS
    regexp_full_match(array_to_string(ws, ' '), '((' || array_to_string(generic_words(), '|') || ')( |$))*');

-- The slug of a name of ASCII characters only, as source-kit's slugify writes it for dataset ids (ids.ts): lower case,
-- each run of other characters one hyphen, none at either end, at most 40 characters and no hyphen left at the end,
-- 'dataset' when nothing is left. Names beyond ASCII are slugged in TypeScript (it decomposes Unicode first).
CREATE OR REPLACE MACRO ascii_slug(s) AS
    coalesce(nullif(rtrim(left(trim(regexp_replace(lower(s), '[^a-z0-9]+', '-', 'g'), '-'), 40), '-'), ''), 'dataset');

-- A new dataset id in its short form: the slug, a hyphen and the first 6 hex digits of the anchor's sha256
-- (SHORT_HASH in ids.ts, where the few ids that collide are lengthened by two digits at a time).
CREATE OR REPLACE MACRO short_id(slug, hash) AS
    slug || '-' || left(hash, 6);

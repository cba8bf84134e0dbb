-- The controlled vocabularies as tables, so statistics can list combinations no dataset has yet.
CREATE OR REPLACE TABLE vocab_terms AS
SELECT *
FROM read_json($vocab_file, format = 'newline_delimited', columns = {
    vocabulary: 'VARCHAR', slug: 'VARCHAR', label: 'VARCHAR', region: 'VARCHAR', uberon: 'VARCHAR', dicom: 'VARCHAR'
});
CREATE OR REPLACE VIEW vocab_modalities AS SELECT slug FROM vocab_terms WHERE vocabulary = 'modality' AND slug <> 'other';
CREATE OR REPLACE VIEW vocab_regions AS SELECT slug FROM vocab_terms WHERE vocabulary = 'region' AND slug <> 'non-anatomical';
CREATE OR REPLACE VIEW vocab_anatomy AS SELECT slug FROM vocab_terms WHERE vocabulary = 'anatomy' AND region <> 'non-anatomical';

-- Group membership for keys shared by at least two datasets.
CREATE OR REPLACE TABLE fusion_members AS
WITH sized AS (
    SELECT *, count(*) OVER (PARTITION BY group_id) AS member_count FROM fusion_keys
)
SELECT
    s.group_id,
    s.dataset_id,
    s.level,
    -- Labelled for the group's task: the dataset states labels and lists the task (every member lists it).
    d.has_labels IS TRUE AS labelled_for_task,
    d.access,
    d.license,
    d.access = 'open' AND d.license_derivatives IS TRUE AS open_redistributable
FROM sized AS s
JOIN datasets AS d USING (dataset_id)
WHERE s.member_count >= 2;

-- fusion_members.parquet: which datasets belong to which fusion group.
SELECT group_id, dataset_id, level, labelled_for_task, access, license, open_redistributable
FROM fusion_members
ORDER BY group_id, dataset_id

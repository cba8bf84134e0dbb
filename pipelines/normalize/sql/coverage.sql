-- Vocabulary coverage: for each role, how many distinct raw values and how
-- many listing values map fully to terms. Source-wide defaults are not counted.
SELECT
    lv.role,
    count(DISTINCT lv.value) AS distinct_values,
    count(DISTINCT lv.value) FILTER (WHERE m.issue IS NULL) AS distinct_mapped,
    count(*) AS record_values,
    count(*) FILTER (WHERE m.issue IS NULL) AS record_mapped
FROM listing_values AS lv
JOIN value_map AS m ON m.role = lv.role AND m.value = lv.value
WHERE NOT lv.is_default AND lv.role IN ('modality', 'anatomy', 'task', 'dimensionality', 'license')
GROUP BY lv.role
ORDER BY lv.role;

-- Every raw value that did not map fully, with how many listings carry it and which sources.
SELECT lv.role, lv.value, any_value(m.issue) AS issue, count(*) AS listings, string_agg(DISTINCT l.source_id, ', ' ORDER BY l.source_id) AS sources
FROM listing_values AS lv
JOIN value_map AS m ON m.role = lv.role AND m.value = lv.value
JOIN listings AS l USING (listing_id)
WHERE NOT lv.is_default AND m.issue IS NOT NULL AND lv.role IN ('modality', 'anatomy', 'task', 'dimensionality', 'license')
GROUP BY lv.role, lv.value
ORDER BY lv.role, listings DESC, lv.value;

-- Values that could not be mapped: the record is kept, the value's problem is counted and reported.
CREATE OR REPLACE TABLE value_issues AS
SELECT l.source_id, l.source_key, lv.role AS field, lv.value, m.issue AS reason
FROM listing_values AS lv
JOIN value_map AS m ON m.role = lv.role AND m.value = lv.value
JOIN listings AS l USING (listing_id)
WHERE m.issue IS NOT NULL;

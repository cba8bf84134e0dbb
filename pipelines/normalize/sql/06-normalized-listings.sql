-- Each listing with its values in the controlled vocabularies.
CREATE OR REPLACE TABLE normalized_listings AS
WITH v AS (
    SELECT lv.listing_id, lv.is_default, m.*
    FROM listing_values AS lv
    JOIN value_map AS m ON m.role = lv.role AND m.value = lv.value
),
per_listing AS (
    SELECT
        listing_id,
        any_value(terms) FILTER (WHERE role = 'modality') AS modalities,
        any_value(excluded) FILTER (WHERE role = 'modality') AS modality_excluded,
        any_value(terms) FILTER (WHERE role = 'anatomy') AS anatomy,
        any_value(regions) FILTER (WHERE role = 'anatomy') AS regions,
        any_value(terms) FILTER (WHERE role = 'task') AS tasks,
        any_value(terms) FILTER (WHERE role = 'dimensionality') AS dimensionality,
        any_value(count) FILTER (WHERE role = 'samples') AS sample_count,
        any_value(unit) FILTER (WHERE role = 'samples') AS samples_unit,
        any_value(unit) FILTER (WHERE role = 'sample_unit') AS stated_unit,
        any_value(approximate) FILTER (WHERE role = 'samples') AS sample_approximate,
        any_value(year) FILTER (WHERE role = 'year') AS year,
        any_value(spdx) FILTER (WHERE role = 'license') AS license_spdx,
        any_value(value) FILTER (WHERE role = 'license') AS license_raw,
        any_value(license_key) FILTER (WHERE role = 'license') AS license_key,
        any_value(commercial) FILTER (WHERE role = 'license') AS license_commercial,
        any_value(derivatives) FILTER (WHERE role = 'license') AS license_derivatives,
        any_value(share_alike) FILTER (WHERE role = 'license') AS license_share_alike,
        any_value(access) FILTER (WHERE role = 'access') AS stated_access,
        any_value(access) FILTER (WHERE role = 'url') AS domain_access,
        any_value(bool) FILTER (WHERE role = 'has_labels') AS has_labels,
        any_value(terms) FILTER (WHERE role = 'diseases') AS diseases,
        coalesce(
            any_value(doi) FILTER (WHERE role = 'doi'),
            any_value(doi) FILTER (WHERE role = 'url'),
            any_value(doi) FILTER (WHERE role = 'paper_url')
        ) AS doi,
        any_value(text) FILTER (WHERE role = 'url') AS homepage_url,
        any_value(text) FILTER (WHERE role = 'paper_url') AS paper_url,
        any_value(text) FILTER (WHERE role = 'download_url') AS download_url,
        any_value(text) FILTER (WHERE role = 'description') AS description
    FROM v
    GROUP BY listing_id
)
SELECT
    l.listing_id,
    l.source_id,
    l.source_key,
    l.name,
    l.url,
    coalesce(p.modalities, []) AS modalities,
    coalesce(p.anatomy, []) AS anatomy,
    coalesce(p.regions, []) AS regions,
    coalesce(p.tasks, []) AS tasks,
    coalesce(p.dimensionality, []) AS dimensionality,
    p.sample_count,
    CASE
        WHEN p.sample_count IS NULL THEN 'unknown'
        WHEN coalesce(p.samples_unit, 'unknown') <> 'unknown' THEN p.samples_unit
        WHEN p.stated_unit IS NOT NULL AND p.stated_unit <> 'unknown' THEN p.stated_unit
        -- A count with no unit, of a dataset of one kind only: 2D → images, 3D → volumes, video → videos.
        WHEN p.dimensionality = ['2d'] THEN 'images'
        WHEN p.dimensionality = ['3d'] THEN 'volumes'
        WHEN p.dimensionality = ['video'] THEN 'videos'
        ELSE 'unknown'
    END AS sample_unit,
    coalesce(p.sample_approximate, false) AS sample_approximate,
    p.year,
    coalesce(p.license_spdx, 'unknown') AS license_spdx,
    p.license_raw,
    p.license_key,
    p.license_commercial,
    p.license_derivatives,
    p.license_share_alike,
    coalesce(nullif(p.stated_access, 'unknown'), p.domain_access, 'unknown') AS access,
    CASE
        WHEN p.stated_access IS NOT NULL AND p.stated_access <> 'unknown' THEN 'stated'
        WHEN p.domain_access IS NOT NULL AND p.domain_access <> 'unknown' THEN 'url-domain'
        ELSE 'none'
    END AS access_basis,
    p.has_labels,
    coalesce(p.diseases, []) AS diseases,
    p.doi,
    p.homepage_url,
    p.paper_url,
    p.download_url,
    p.description,
    -- Listings whose only modalities are non-imaging (EEG, ECG …) stay in listings but are out of scope for entities.
    (len(coalesce(p.modalities, [])) = 0 AND len(coalesce(p.modality_excluded, [])) > 0) AS non_imaging
FROM listings AS l
LEFT JOIN per_listing AS p USING (listing_id);

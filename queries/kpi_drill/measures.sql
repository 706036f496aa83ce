-- name: kpi_drill/measures
-- The households behind « Mesures en cours » and « Bilans de mesure en retard », as the reader's scope lets them see: one row per household and kind of measure active in $start..$end, with the same filters; review_overdue when one of them is still running on $end with its review overdue on $end.
WITH review_every AS (
    SELECT coalesce(
        (SELECT CAST(CAST(value AS VARCHAR) AS INTEGER) FROM setting
         WHERE key = 'measure_review_months'), 3) AS months
),
active AS (
    SELECT m.id, m.household_id, m.kind, m.start_on, m.end_on,
           coalesce(max(r.review_on), m.start_on) AS base_on
    FROM support_measure m
    LEFT JOIN measure_review r ON r.measure_id = m.id AND r.review_on <= $end
    WHERE m.start_on <= $end
      AND (m.end_on IS NULL OR m.end_on >= $start)
      AND ($measure_kind IS NULL OR m.kind = $measure_kind)
    GROUP BY m.id, m.household_id, m.kind, m.start_on, m.end_on
)
SELECT h.id AS household_id, h.file_number, h.head_name, a.kind, h.commune, h.referent,
       count(*) AS measures, min(a.start_on) AS first_start_on,
       bool_or((a.end_on IS NULL OR a.end_on >= $end)
               AND CAST(a.base_on + to_months(e.months) AS DATE) < $end) AS review_overdue
FROM active a
CROSS JOIN review_every e
JOIN household h ON h.id = a.household_id
WHERE ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
GROUP BY h.id, h.file_number, h.head_name, a.kind, h.commune, h.referent
ORDER BY h.file_number, a.kind

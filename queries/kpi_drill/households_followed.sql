-- name: kpi_drill/households_followed
-- The households behind « Ménages suivis » and the tiles counted on them (composition), as the reader's scope lets them see: active on at least one day of $start..$end per the dated status history, with the same filters.
WITH spans AS (
    SELECT household_id, event, occurred_on,
           lead(occurred_on) OVER (PARTITION BY household_id ORDER BY occurred_on, id) AS next_on
    FROM household_status_event
    WHERE occurred_on <= $end
),
followed AS (
    SELECT DISTINCT household_id
    FROM spans
    WHERE event IN ('ouverture', 'reouverture') AND (next_on IS NULL OR next_on >= $start)
)
SELECT h.id AS household_id, h.file_number, h.head_name, h.commune, h.request_type,
       h.family_type, h.prescriber, h.referent, h.status, h.opened_on
FROM household h
JOIN followed f ON f.household_id = h.id
WHERE ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY h.file_number

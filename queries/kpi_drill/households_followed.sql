-- name: kpi_drill/households_followed
-- The households behind « Ménages suivis » and the tiles counted on them (composition, « Personnes des ménages suivis »), as the reader's scope lets them see: active on at least one day of $start..$end per the periods of follow-up drawn from the dated status history (household_follow_span), with the same filters, and the persons of each on the last day it was followed in the period (members declared at the intake or who had joined by then, and not yet left).
WITH followed AS (
    SELECT household_id,
           CASE WHEN max(CASE WHEN to_on IS NULL OR to_on >= $end THEN 1 ELSE 0 END) = 1
                THEN $end ELSE max(to_on) END AS counted_on
    FROM household_follow_span
    WHERE from_on <= $end AND (to_on IS NULL OR to_on >= $start)
    GROUP BY household_id
)
SELECT h.id AS household_id, h.file_number, h.head_name, h.commune, h.request_type,
       h.family_type, h.prescriber, h.referent, h.status, h.opened_on,
       (SELECT count(*) FROM person p WHERE p.household_id = h.id
           AND (p.joined_on IS NULL OR p.joined_on <= f.counted_on)
           AND (p.left_on IS NULL OR p.left_on > f.counted_on)) AS persons
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

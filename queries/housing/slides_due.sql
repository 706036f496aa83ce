-- name: housing/slides_due
-- One page ($limit rows from $offset) of the baux glissants still running (not slid, no end_on) whose planned slide falls on or before $until, the overdue ones (planned before $today) included and flagged, with the dwelling and the household, earliest planned slide first; each row carries the total.
SELECT l.id AS lease_id, l.dwelling_id, d.address, d.commune, l.household_id,
       h.file_number, h.head_name, l.start_on, l.planned_slide_on,
       l.planned_slide_on < $today AS overdue, count(*) OVER () AS total
FROM lease l
JOIN dwelling d ON d.id = l.dwelling_id
LEFT JOIN household h ON h.id = l.household_id
WHERE l.kind = 'bail_glissant'
  AND l.slid_on IS NULL
  AND l.end_on IS NULL
  AND l.planned_slide_on IS NOT NULL
  AND l.planned_slide_on <= $until
ORDER BY l.planned_slide_on, l.id
LIMIT $limit OFFSET $offset

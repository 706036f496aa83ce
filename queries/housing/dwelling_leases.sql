-- name: housing/dwelling_leases
-- Every lease of one dwelling ($dwelling_id), the association's and the households', latest start first; end_on is the last day occupied, empty while the lease runs.
SELECT l.id, l.kind, l.household_id, h.file_number, l.start_on, l.end_on, l.end_reason,
       l.rent, l.planned_slide_on, l.slid_on, l.version
FROM lease l
LEFT JOIN household h ON h.id = l.household_id
WHERE l.dwelling_id = $dwelling_id
ORDER BY l.start_on DESC, l.id DESC

-- name: support/household_reviews
-- The reviews and renewals of one household's measures, newest first, with who recorded them.
-- One page: $limit rows from $offset (support/count_household_reviews counts them).
SELECT v.measure_id, 'bilan' AS event, v.review_on AS event_on, v.outcome AS detail,
       NULL::DATE AS new_end_on, coalesce(u.display_name, v.created_by) AS recorded_by,
       v.id AS record_id
FROM measure_review v
LEFT JOIN users u ON u.username = v.created_by
WHERE v.household_id = $household_id
UNION ALL
SELECT n.measure_id, 'renouvellement', n.renewed_on, NULL, n.new_end_on,
       coalesce(u.display_name, n.created_by), n.id
FROM measure_renewal n
LEFT JOIN users u ON u.username = n.created_by
WHERE n.household_id = $household_id
-- A total order, so that a page's rows never reappear on the next one.
ORDER BY event_on DESC, measure_id DESC, event, record_id DESC
LIMIT $limit OFFSET $offset

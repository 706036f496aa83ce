-- name: imports/household_leases_of
-- The household leases already in the app of some dwellings ($dwelling_ids) or of some households ($household_ids), with the household's file number and the dwelling's address: an import checks its leases against them in memory (the rules of housing/overlapping_leases and housing/household_lease_clash).
SELECT l.id, l.dwelling_id, l.household_id, h.file_number, l.start_on, l.end_on,
    d.address, d.commune
FROM lease l
JOIN dwelling d ON d.id = l.dwelling_id
LEFT JOIN household h ON h.id = l.household_id
WHERE l.household_id IS NOT NULL
  AND (l.dwelling_id IN (SELECT unnest(CAST($dwelling_ids AS BIGINT[])))
    OR l.household_id IN (SELECT unnest(CAST($household_ids AS BIGINT[]))))
ORDER BY l.start_on, l.id

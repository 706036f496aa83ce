-- name: housing/household_leases
-- The leases of one household ($household_id) in the association's dwellings, first one
-- first: its housing history through the association (the first start is the day it was
-- rehoused), with each dwelling's address and commune. end_on is the last day occupied.
SELECT l.id, l.kind, l.start_on, l.end_on, l.end_reason, l.slid_on,
       d.id AS dwelling_id, d.address, d.commune, d.typology
FROM lease l
JOIN dwelling d ON d.id = l.dwelling_id
WHERE l.household_id = $household_id
ORDER BY l.start_on, l.id

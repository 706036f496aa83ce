-- name: kpi_drill/households_rehoused
-- The households behind « Ménages relogés » and « Personnes relogées », as the reader's scope lets them see: each once, on its first rehousing in $start..$end (a household lease starting that does not continue another of its leases running the day before, or a measure ended « relogé »), with how, the same filters, and the persons of each on that day (members declared at the intake or who had joined by then, and not yet left).
-- with: rehoused = shared/rehoused_households
-- with: filtered = shared/filtered_households
SELECT h.id AS household_id, h.file_number, h.head_name, f.how, f.rehoused_on,
       h.commune, h.request_type, h.family_type, h.referent,
       (SELECT count(*) FROM person p WHERE p.household_id = h.id
           AND (p.joined_on IS NULL OR p.joined_on <= f.rehoused_on)
           AND (p.left_on IS NULL OR p.left_on > f.rehoused_on)) AS persons
FROM rehoused f
JOIN filtered h ON h.id = f.household_id
WHERE ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY f.rehoused_on DESC, h.file_number

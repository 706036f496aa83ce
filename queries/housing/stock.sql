-- name: housing/stock
-- The dwellings of the stock matching the filters ($programme, $status, $commune, $typology, $owner_id; NULL: any), with their owner's name, their state on $today (dwelling_state, migration 012: the filter $status reads it) and the household occupying each on $today (its household lease with start_on <= $today and end_on, the last day occupied, empty or >= $today), ordered by commune, address, id.
SELECT d.id, d.address, d.postal_code, d.commune, d.typology, d.surface, d.floor, d.rent,
       d.charges, d.energy_class, d.programme, dwelling_state(d.id, $today) AS state,
       d.entered_on, d.left_on,
       d.owner_id, o.name AS owner_name,
       cur.household_id AS occupant_id, h.file_number AS occupant_file_number,
       h.head_name AS occupant_name, cur.kind AS occupant_lease_kind,
       cur.start_on AS occupant_since
FROM dwelling d
JOIN owner o ON o.id = d.owner_id
LEFT JOIN lease cur ON cur.dwelling_id = d.id
    AND cur.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
    AND cur.start_on <= $today
    AND (cur.end_on IS NULL OR cur.end_on >= $today)
LEFT JOIN household h ON h.id = cur.household_id
WHERE ($programme IS NULL OR d.programme = $programme)
  AND ($status IS NULL OR dwelling_state(d.id, $today) = $status)
  AND ($commune IS NULL OR d.commune = $commune)
  AND ($typology IS NULL OR d.typology = $typology)
  AND ($owner_id IS NULL OR d.owner_id = $owner_id)
ORDER BY d.commune, d.address, d.id

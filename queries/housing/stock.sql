-- name: housing/stock
-- One page ($limit rows from $offset; $limit NULL: all) of the dwellings of the stock matching the filters ($programme, $status, $commune, $typology, $owner_id, $dwelling_id; NULL: any), with their owner's name, their state on $today (dwelling_state, migration 012: the filter $status reads it) and the household occupying each on $today (its household lease with start_on <= $today and end_on, the last day occupied, empty or >= $today), ordered by commune, address, id; each row carries the total of the matching dwellings.
-- The sort carries only ids and sort keys: the page's rows alone get their owner, state and occupant.
WITH found AS (
    SELECT d.id, d.commune, d.address
    FROM dwelling d
    WHERE ($programme IS NULL OR d.programme = $programme)
      AND ($commune IS NULL OR d.commune = $commune)
      AND ($typology IS NULL OR d.typology = $typology)
      AND ($owner_id IS NULL OR d.owner_id = $owner_id)
      AND ($dwelling_id IS NULL OR d.id = $dwelling_id)
      AND ($status IS NULL OR dwelling_state(d.id, $today) = $status)
),
page AS (
    SELECT id, commune, address
    FROM found
    ORDER BY commune, address, id
    LIMIT $limit OFFSET $offset
)
SELECT d.id, d.address, d.postal_code, d.commune, d.typology, d.surface, d.floor, d.rent,
       d.charges, d.energy_class, d.programme, dwelling_state(d.id, $today) AS state,
       d.entered_on, d.left_on,
       d.owner_id, o.name AS owner_name,
       cur.household_id AS occupant_id, h.file_number AS occupant_file_number,
       h.head_name AS occupant_name, cur.kind AS occupant_lease_kind,
       cur.start_on AS occupant_since,
       (SELECT count(*) FROM found) AS total
FROM page
JOIN dwelling d ON d.id = page.id
JOIN owner o ON o.id = d.owner_id
LEFT JOIN lease cur ON cur.dwelling_id = d.id
    AND cur.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
    AND cur.start_on <= $today
    AND (cur.end_on IS NULL OR cur.end_on >= $today)
LEFT JOIN household h ON h.id = cur.household_id
ORDER BY page.commune, page.address, page.id

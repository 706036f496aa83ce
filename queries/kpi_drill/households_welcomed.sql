-- name: kpi_drill/households_welcomed
-- The households behind « Ménages accueillis » and the tiles counted on them (« Personnes accueillies »), as the reader's scope lets them see: opened in $start..$end, with the same filters, and the persons of each on the day its file was opened (members declared at the intake or who had joined by then, and not yet left).
-- with: filtered = shared/filtered_households
SELECT h.id AS household_id, h.file_number, h.head_name, h.commune, h.request_type,
       h.prescriber, h.family_type, h.referent, h.opened_on,
       (SELECT count(*) FROM person p WHERE p.household_id = h.id
           AND (p.joined_on IS NULL OR p.joined_on <= h.opened_on)
           AND (p.left_on IS NULL OR p.left_on > h.opened_on)) AS persons
FROM filtered h
WHERE h.opened_on BETWEEN $start AND $end
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY h.opened_on DESC, h.file_number

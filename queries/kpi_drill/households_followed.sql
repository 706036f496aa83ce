-- name: kpi_drill/households_followed
-- The households behind « Ménages suivis » and the tiles counted on them (composition, « Personnes des ménages suivis »), as the reader's scope lets them see: active on at least one day of $start..$end per the periods of follow-up drawn from the dated status history (household_follow_span), with the same filters, and the persons of each on the last day it was followed in the period (members declared at the intake or who had joined by then, and not yet left).
-- with: followed = shared/followed_households
-- with: filtered = shared/filtered_households
SELECT h.id AS household_id, h.file_number, h.head_name, h.commune, h.request_type,
       h.family_type, h.prescriber, h.referent, h.status, h.opened_on,
       (SELECT count(*) FROM person p WHERE p.household_id = h.id
           AND (p.joined_on IS NULL OR p.joined_on <= f.counted_on)
           AND (p.left_on IS NULL OR p.left_on > f.counted_on)) AS persons
FROM filtered h
JOIN followed f ON f.household_id = h.id
WHERE ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY h.file_number

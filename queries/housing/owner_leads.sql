-- name: housing/owner_leads
-- The capture leads of one owner ($owner_id), newest stage move first: the address, the
-- stage reached and since when, the abandonment if any, the dwelling once converted.
SELECT id, address, commune, typology, stage, stage_on, abandoned_on, abandoned_reason,
       dwelling_id
FROM capture_lead
WHERE owner_id = $owner_id
ORDER BY stage_on DESC, id DESC

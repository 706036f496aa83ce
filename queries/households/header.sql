-- name: households/header
-- The general information of one household's file, with its referent's name.
SELECT h.id, h.file_number, h.status, h.referent, u.display_name AS referent_name,
       h.head_name, h.address, h.phone, h.email, h.postal_code, h.commune, h.family_type,
       h.housing_situation, h.prescriber, h.request_type, h.consent_on, h.anonymous,
       h.opened_on, h.last_contact_on, h.closed_on, h.close_reason, h.updated_at,
       h.updated_by, h.version
FROM household h
LEFT JOIN users u ON u.username = h.referent
WHERE h.id = $household_id

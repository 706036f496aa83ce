-- name: households/header
-- The general information of one household's file, with its referent's name, who last changed
-- it, and whether a lease makes it one of the association's tenants today (read rule).
SELECT h.id, h.file_number, h.status, h.referent, u.display_name AS referent_name,
       h.head_name, h.address, h.phone, h.email, h.postal_code, h.commune, h.family_type,
       h.housing_situation, h.prescriber, h.request_type, h.consent_on, h.anonymous,
       h.opened_on, lc.last_contact_on, h.closed_on, h.close_reason, h.updated_at,
       h.updated_by, coalesce(e.display_name, h.updated_by) AS updated_by_name, h.version,
       association_tenant(h.id, current_date) AS association_tenant
FROM household h
LEFT JOIN users u ON u.username = h.referent
LEFT JOIN users e ON e.username = h.updated_by
LEFT JOIN household_last_contact lc ON lc.household_id = h.id
WHERE h.id = $household_id

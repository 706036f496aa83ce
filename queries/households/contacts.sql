-- name: households/contacts
-- A page of the contacts of one household, newest first ($limit NULL: all of them); a private note only for its author ($viewer).
SELECT c.id, c.contact_on, c.channel, c.author, u.display_name AS author_name, c.summary,
       CASE WHEN c.author = $viewer THEN c.private_note END AS private_note  -- rules.can_read_private_note
FROM contact c
LEFT JOIN users u ON u.username = c.author
WHERE c.household_id = $household_id
ORDER BY c.contact_on DESC, c.id DESC
LIMIT $limit OFFSET $offset

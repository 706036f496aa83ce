-- name: housing/capture_assignees
-- Who may be in charge of a capture lead: the active accounts of rental management, by name.
SELECT username, display_name
FROM users
WHERE active AND list_contains(roles, 'gestion_locative')
ORDER BY display_name

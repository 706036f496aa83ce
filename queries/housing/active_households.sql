-- name: housing/active_households
-- The households whose file is active (status 'actif'), as the tenants a lease may be signed with: id, file number and head's name, ordered by file number.
SELECT h.id, h.file_number, h.head_name
FROM household h
WHERE h.status = 'actif'
ORDER BY h.file_number, h.id

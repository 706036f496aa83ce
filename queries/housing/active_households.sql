-- name: housing/active_households
-- The households whose file is active (status 'actif'), as the tenants a lease may be signed with, whose file number starts with $term or whose head's name holds every word of $term (accents and case aside; NULL: any): id, file number and head's name, ordered by file number, at most $limit.
SELECT h.id, h.file_number, h.head_name
FROM household h
WHERE h.status = 'actif'
  AND ($term IS NULL
       OR starts_with(h.file_number, trim($term))
       -- Every word, in any order, as plain text (no LIKE: « % » typed is a character).
       OR list_bool_and(list_transform(
              string_split_regex(trim(fold($term)), '\s+'),
              lambda w: contains(fold(h.head_name), w))))
ORDER BY h.file_number, h.id
LIMIT $limit

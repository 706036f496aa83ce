-- name: housing/owner_search
-- The owners (by name, then id) whose number is $term or whose name and commune hold every word of $term (accents and case aside; NULL: any), or owner $owner_id; at most $limit: id, name, kind, commune.
SELECT o.id, o.name, o.kind, o.commune
FROM owner o
WHERE o.id = $owner_id
   OR $term IS NULL
   OR CAST(o.id AS VARCHAR) = trim($term)
   -- Every word, in any order, as plain text (no LIKE: « % » typed is a character).
   OR list_bool_and(list_transform(
          string_split_regex(trim(fold($term)), '\s+'),
          lambda w: contains(fold(concat_ws(' ', o.name, o.commune)), w)))
ORDER BY o.id = $owner_id DESC NULLS LAST, o.name, o.id
LIMIT $limit

-- name: housing/owner_search
-- The owners (those of $kept first, then by name, then id) whose number is $term or whose name and commune hold every word of $term (accents and case aside; NULL: any), or whose id is in $kept; at most $limit: id, name, kind, commune, and whether the owner matches $term (a kept one may not).
SELECT id, name, kind, commune, matched
FROM (
    SELECT o.id, o.name, o.kind, o.commune, list_contains($kept, o.id) AS kept,
           $term IS NULL
           OR CAST(o.id AS VARCHAR) = trim($term)
           -- Every word, in any order, as plain text (no LIKE: « % » typed is a character).
           OR list_bool_and(list_transform(
                  string_split_regex(trim(fold($term)), '\s+'),
                  lambda w: contains(fold(concat_ws(' ', o.name, o.commune)), w))) AS matched
    FROM owner o
)
WHERE kept OR matched
ORDER BY kept DESC, name, id
LIMIT $limit

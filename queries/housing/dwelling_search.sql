-- name: housing/dwelling_search
-- The dwellings (those of $kept first, then by commune, address, id) whose number is $term or whose address, postal code and commune hold every word of $term (accents and case aside; NULL: any), or whose id is in $kept; at most $limit: id, address, commune, typology, and whether the dwelling matches $term (a kept one may not).
SELECT id, address, commune, typology, matched
FROM (
    SELECT d.id, d.address, d.commune, d.typology, list_contains($kept, d.id) AS kept,
           $term IS NULL
           OR CAST(d.id AS VARCHAR) = trim($term)
           -- Every word, in any order, as plain text (no LIKE: « % » typed is a character).
           OR list_bool_and(list_transform(
                  string_split_regex(trim(fold($term)), '\s+'),
                  lambda w: contains(fold(concat_ws(' ', d.address, d.postal_code, d.commune)), w))) AS matched
    FROM dwelling d
)
WHERE kept OR matched
ORDER BY kept DESC, commune, address, id
LIMIT $limit

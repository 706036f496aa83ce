-- name: console/saved_count
-- How many saved queries a person sees: their own and those others shared.
SELECT count(*) AS total
FROM saved_query AS q
WHERE q.owner = $username OR q.shared

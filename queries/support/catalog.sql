-- name: support/catalog
-- The entries of one list an admin extends (measure_kind or action_kind), in their order.
SELECT code, label, position, max_months, active
FROM support_catalog
WHERE list = $list
ORDER BY position, code

-- name: support/household_actions
-- The other actions recorded for one household, newest first, with their kind's label.
-- One page: $limit rows from $offset (support/count_household_actions counts them).
SELECT a.id, a.kind, coalesce(c.label, a.kind) AS kind_label, a.action_on, a.note,
       coalesce(u.display_name, a.created_by) AS recorded_by, a.version
FROM support_action a
LEFT JOIN support_catalog c ON c.list = 'action_kind' AND c.code = a.kind
LEFT JOIN users u ON u.username = a.created_by
WHERE a.household_id = $household_id
ORDER BY a.action_on DESC, a.id DESC
LIMIT $limit OFFSET $offset

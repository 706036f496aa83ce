-- name: support/list_mediations
-- The mediations of every readable household, one row each, listed when dated in the
-- period (mediation_on from $start to $end, both included). Optional filters (NULL: all):
-- $kind (counterpart), $status (outcome), $referent (the household's referent). Scope: the
-- read rule of db/rules.py (household_scope). Newest first;
-- one page of $limit rows from $offset, each with the whole list's count (total).
SELECT m.id, m.household_id, h.file_number, h.head_name, h.referent,
       u.display_name AS referent_name, m.counterpart, m.reason, m.mediation_on, m.outcome,
       count(*) OVER () AS total
FROM mediation m
JOIN household h ON h.id = m.household_id
LEFT JOIN users u ON u.username = h.referent
WHERE m.mediation_on BETWEEN $start AND $end
  AND ($kind IS NULL OR m.counterpart = $kind)
  AND ($status IS NULL OR m.outcome = $status)
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY m.mediation_on DESC, h.file_number, m.id DESC
LIMIT $limit OFFSET $offset

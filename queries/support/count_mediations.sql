-- name: support/count_mediations
-- How many rows support/list_mediations lists with the same filters and scope (its
-- pager's total): the same conditions, without the page's joins and order.
SELECT count(*) AS total
FROM mediation m
JOIN household h ON h.id = m.household_id
WHERE m.mediation_on BETWEEN $start AND $end
  AND ($kind IS NULL OR m.counterpart = $kind)
  AND ($status IS NULL OR m.outcome = $status)
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))

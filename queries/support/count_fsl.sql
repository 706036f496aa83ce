-- name: support/count_fsl
-- How many rows support/list_fsl lists with the same filters and scope (its pager's
-- total): the same conditions, without the page's joins and order.
SELECT count(*) AS total
FROM fsl_application a
JOIN household h ON h.id = a.household_id
WHERE coalesce(a.submitted_on, CAST(a.created_at AS DATE)) <= $end
  AND (a.decided_on IS NULL OR a.decided_on >= $start)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($status IS NULL OR a.status = $status)
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))

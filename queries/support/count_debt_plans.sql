-- name: support/count_debt_plans
-- How many rows support/list_debt_plans lists with the same filters and scope (its
-- pager's total): the same conditions, without the page's joins and order.
SELECT count(*) AS total
FROM debt_plan d
JOIN household h ON h.id = d.household_id
WHERE d.start_on <= $end
  AND CAST(d.start_on + to_months(d.months - 1) AS DATE) >= $start
  AND ($status IS NULL OR d.status = $status)
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))

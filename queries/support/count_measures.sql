-- name: support/count_measures
-- How many rows support/list_measures lists with the same filters and scope (its pager's
-- total): the same conditions, without the page's joins and order.
SELECT count(*) AS total
FROM support_measure m
JOIN household h ON h.id = m.household_id
WHERE m.start_on <= $end
  AND (m.end_on IS NULL OR m.end_on >= $start)
  AND ($kind IS NULL OR m.kind = $kind)
  AND ($status IS NULL
       OR ($status = 'en_cours' AND m.end_on IS NULL)
       OR ($status = 'terminee' AND m.end_on IS NOT NULL))
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))

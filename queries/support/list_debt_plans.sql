-- name: support/list_debt_plans
-- The debt plans of every readable household, listed when their instalments cover part of
-- the period (bounds included): first instalment on or before $end, last one on or after
-- $start. Optional filters (NULL: all): $status, $referent (the household's referent).
-- Scope: the read rule of db/rules.py (household_scope). Newest first;
-- one page of $limit rows from $offset, each with the whole list's count (total).
WITH plans AS (
    SELECT *, CAST(start_on + to_months(months - 1) AS DATE) AS last_instalment_on
    FROM debt_plan
)
SELECT d.id, d.household_id, h.file_number, h.head_name, h.referent,
       u.display_name AS referent_name, d.creditor, d.total_debt, d.instalment, d.months,
       d.start_on, d.last_instalment_on, d.status,
       count(*) OVER () AS total
FROM plans d
JOIN household h ON h.id = d.household_id
LEFT JOIN users u ON u.username = h.referent
WHERE d.start_on <= $end
  AND d.last_instalment_on >= $start
  AND ($status IS NULL OR d.status = $status)
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY d.start_on DESC, h.file_number, d.id DESC
LIMIT $limit OFFSET $offset

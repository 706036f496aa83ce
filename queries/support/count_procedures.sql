-- name: support/count_procedures
-- How many rows support/list_procedures lists with the same filters and scope (its
-- pager's total): the same conditions, without the page's joins and order.
WITH stages AS (
    SELECT procedure_id, stage,
           row_number() OVER (PARTITION BY procedure_id ORDER BY stage_on DESC, id DESC)
               AS rank,
           min(stage_on) OVER (PARTITION BY procedure_id) AS opened_on
    FROM eviction_stage
)
SELECT count(*) AS total
FROM eviction_procedure p
JOIN stages s ON s.procedure_id = p.id AND s.rank = 1
JOIN household h ON h.id = p.household_id
WHERE s.opened_on <= $end
  AND (p.closed_on IS NULL OR p.closed_on >= $start)
  AND ($kind IS NULL OR s.stage = $kind)
  AND ($status IS NULL
       OR ($status = 'en_cours' AND p.closed_on IS NULL)
       OR ($status = 'sans_expulsion' AND p.closed_on IS NOT NULL
           AND p.outcome IS DISTINCT FROM 'expulsion')
       OR ($status = 'expulsion' AND p.outcome = 'expulsion'))
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))

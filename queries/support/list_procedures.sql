-- name: support/list_procedures
-- The eviction procedures of every readable household with their last stage, listed when
-- the procedure was open at any time in the period (bounds included): first stage on or
-- before $end, and not closed or closed on or after $start. Optional filters (NULL: all):
-- $kind (last stage reached), $status ('en_cours': not closed; 'sans_expulsion': closed by
-- a way out; 'expulsion': ended by the eviction), $referent (the household's referent).
-- Scope: the read rule of db/rules.py (household_scope). Newest first;
-- one page of $limit rows from $offset, each with the whole list's count (total).
WITH stages AS (
    SELECT procedure_id, stage, stage_on, arrears,
           row_number() OVER (PARTITION BY procedure_id ORDER BY stage_on DESC, id DESC)
               AS rank,
           min(stage_on) OVER (PARTITION BY procedure_id) AS opened_on
    FROM eviction_stage
)
SELECT p.id, p.household_id, h.file_number, h.head_name, h.referent,
       u.display_name AS referent_name, p.landlord, s.opened_on, s.stage AS last_stage,
       s.stage_on AS last_stage_on, s.arrears AS last_arrears, p.closed_on, p.outcome,
       count(*) OVER () AS total
FROM eviction_procedure p
JOIN stages s ON s.procedure_id = p.id AND s.rank = 1
JOIN household h ON h.id = p.household_id
LEFT JOIN users u ON u.username = h.referent
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
ORDER BY s.opened_on DESC, h.file_number, p.id DESC
LIMIT $limit OFFSET $offset

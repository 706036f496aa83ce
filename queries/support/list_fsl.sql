-- name: support/list_fsl
-- The FSL applications of every readable household, listed when the application was
-- pending at any time in the period (bounds included): submitted (a draft: created) on or
-- before $end, and not decided or decided on or after $start. Optional filters (NULL: all):
-- $kind (kind of grant), $status, $referent (the household's referent). Scope: the read
-- rule of db/rules.py (household_scope). Newest first;
-- one page of $limit rows from $offset, each with the whole list's count (total).
SELECT a.id, a.household_id, h.file_number, h.head_name, h.referent,
       u.display_name AS referent_name, a.kind, a.form, a.status, a.amount_requested,
       a.amount_granted, a.submitted_on, a.decided_on, a.refusal_reason,
       count(*) OVER () AS total
FROM fsl_application a
JOIN household h ON h.id = a.household_id
LEFT JOIN users u ON u.username = h.referent
WHERE coalesce(a.submitted_on, CAST(a.created_at AS DATE)) <= $end
  AND (a.decided_on IS NULL OR a.decided_on >= $start)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($status IS NULL OR a.status = $status)
  AND ($referent IS NULL OR h.referent = $referent)
  -- The read rule of db/rules.py (household_scope), as SQL.
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY coalesce(a.submitted_on, CAST(a.created_at AS DATE)) DESC, h.file_number, a.id DESC
LIMIT $limit OFFSET $offset

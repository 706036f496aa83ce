-- name: support/list_measures
-- The support measures of every readable household, one row each, listed when the measure
-- ran at any time in the period (bounds included): started on or before $end, and not
-- ended or ended on or after $start. Optional filters (NULL: all): $kind (kind code),
-- $status ('en_cours': no end date; 'terminee': ended), $referent (the household's
-- referent). Scope: the read rule of db/rules.py (household_scope). Newest first;
-- one page of $limit rows from $offset, each with the whole list's count (total).
SELECT m.id, m.household_id, h.file_number, h.head_name, h.referent,
       u.display_name AS referent_name, m.kind, coalesce(c.label, m.kind) AS kind_label,
       m.prescriber, m.start_on, m.planned_end_on, m.end_on, m.end_reason,
       count(*) OVER () AS total
FROM support_measure m
JOIN household h ON h.id = m.household_id
LEFT JOIN users u ON u.username = h.referent
LEFT JOIN support_catalog c ON c.list = 'measure_kind' AND c.code = m.kind
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
ORDER BY m.start_on DESC, h.file_number, m.id DESC
LIMIT $limit OFFSET $offset

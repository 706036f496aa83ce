-- name: kpi_drill/fsl_grants
-- The grants behind « Aides FSL accordées » and « Montants FSL accordés », as the reader's scope lets them see: one row per application granted by a decision dated in $start..$end, whatever its submission date, with the amounts requested and granted, with the same filters.
SELECT h.id AS household_id, h.file_number, h.head_name, a.kind, h.commune, h.referent,
       a.id AS application_id, a.submitted_on, a.decided_on,
       CAST(a.amount_requested AS DOUBLE) AS requested,
       CAST(coalesce(a.amount_granted, 0) AS DOUBLE) AS granted
FROM fsl_application a
JOIN household h ON h.id = a.household_id
WHERE a.status = 'accordee'
  AND a.decided_on BETWEEN $start AND $end
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY a.decided_on, h.file_number, a.id

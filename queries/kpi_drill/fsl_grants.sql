-- name: kpi_drill/fsl_grants
-- The grants behind « Aides FSL accordées » and « Montants FSL accordés », as the reader's scope lets them see: one row per application granted by a decision dated in $start..$end, whatever its submission date, with the amounts requested and granted, with the same filters.
-- with: filtered = shared/filtered_households
SELECT h.id AS household_id, h.file_number, h.head_name, a.kind, h.commune, h.referent,
       a.id AS application_id, a.submitted_on, a.decided_on,
       CAST(a.amount_requested AS DOUBLE) AS requested,
       CAST(coalesce(a.amount_granted, 0) AS DOUBLE) AS granted
FROM fsl_application a
JOIN filtered h ON h.id = a.household_id
WHERE a.status = 'accordee'
  AND a.decided_on BETWEEN $start AND $end
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY a.decided_on, h.file_number, a.id

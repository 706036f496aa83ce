-- name: kpi_drill/fsl
-- The applications behind « Demandes FSL déposées », as the reader's scope lets them see: one row per application (not a draft) submitted in $start..$end, with its status on $end and the amount granted by then, with the same filters.
-- with: filtered = shared/filtered_households
SELECT h.id AS household_id, h.file_number, h.head_name, a.kind,
       CASE WHEN a.decided_on <= $end THEN a.status ELSE 'deposee' END AS status,
       h.commune, h.referent, a.id AS application_id, a.submitted_on,
       CASE WHEN a.decided_on <= $end THEN a.decided_on END AS decided_on,
       CAST(a.amount_requested AS DOUBLE) AS requested,
       CAST(CASE WHEN a.status = 'accordee' AND a.decided_on <= $end
                 THEN coalesce(a.amount_granted, 0) ELSE 0 END AS DOUBLE) AS granted
FROM fsl_application a
JOIN filtered h ON h.id = a.household_id
WHERE a.submitted_on BETWEEN $start AND $end
  AND a.status <> 'brouillon'
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY a.submitted_on, h.file_number, a.id

-- name: kpi/fsl_amounts
-- Montants FSL accordés : la somme des montants accordés par les décisions datées entre le premier et le dernier jour de la période, bornes comprises (demandes accordées, quelle que soit leur date de dépôt : les mêmes aides que « Aides FSL accordées »), par type d'aide, à côté du nombre d'aides et des montants que ces demandes avaient sollicités (0 pour une aide accordée sans montant saisi). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Montants FSL accordés
-- section: Accompagnement
-- order: 24
-- figure: sum granted
-- format: euros
-- chart: bar x=kind y=granted
-- columns: kind=Type d'aide, grants=Aides accordées, requested=Montant demandé, granted=Montant accordé
-- labels: kind=FSL_KIND
-- drill: kpi_drill/fsl_grants
-- with: filtered = shared/filtered_households
SELECT a.kind, count(*) AS grants,
       CAST(sum(coalesce(a.amount_requested, 0)) AS DOUBLE) AS requested,
       CAST(sum(coalesce(a.amount_granted, 0)) AS DOUBLE) AS granted
FROM fsl_application a
JOIN filtered h ON h.id = a.household_id
WHERE a.status = 'accordee'
  AND a.decided_on BETWEEN $start AND $end
GROUP BY a.kind
ORDER BY a.kind

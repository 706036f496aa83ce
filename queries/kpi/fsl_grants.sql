-- name: kpi/fsl_grants
-- Aides FSL accordées : les demandes accordées dont la date de décision est entre le premier et le dernier jour de la période, bornes comprises, quelle que soit leur date de dépôt (une demande déposée l'année précédente et accordée dans la période compte ; une demande déposée dans la période et pas encore accordée ne compte pas), par type d'aide, avec la somme des montants accordés (0 pour une aide accordée sans montant saisi). À lire à côté de « Demandes FSL déposées », qui compte les dépôts. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Aides FSL accordées
-- section: Accompagnement
-- order: 23
-- figure: sum grants
-- format: count
-- chart: bar x=kind y=grants
-- columns: kind=Type d'aide, grants=Aides accordées, granted=Montant accordé
-- labels: kind=FSL_KIND
-- drill: kpi_drill/fsl_grants
-- with: filtered = shared/filtered_households
SELECT a.kind, count(*) AS grants,
       CAST(sum(coalesce(a.amount_granted, 0)) AS DOUBLE) AS granted
FROM fsl_application a
JOIN filtered h ON h.id = a.household_id
WHERE a.status = 'accordee'
  AND a.decided_on BETWEEN $start AND $end
GROUP BY a.kind
ORDER BY a.kind

-- name: kpi/fsl_applications
-- Demandes FSL déposées : les demandes (hors brouillons) dont la date de dépôt est entre le premier et le dernier jour de la période, bornes comprises, quelle que soit la décision (accordée, refusée, ajournée ou à venir), par type d'aide et par statut au dernier jour de la période (la décision si elle est datée au plus tard ce jour, sinon « déposée »), avec la somme des montants demandés. Ce ne sont pas des aides obtenues : celles-ci sont comptées par « Aides FSL accordées », à la date de la décision. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Demandes FSL déposées
-- section: Accompagnement
-- order: 22
-- figure: sum applications
-- format: count
-- chart: bar x=kind y=applications color=status
-- columns: kind=Type d'aide, status=Statut, applications=Demandes, requested=Montant demandé
-- labels: kind=FSL_KIND, status=FSL_STATUS
-- drill: kpi_drill/fsl
-- with: filtered = shared/filtered_households
WITH submitted AS (
    SELECT a.kind, a.amount_requested,
           CASE WHEN a.decided_on <= $end THEN a.status ELSE 'deposee' END AS status
    FROM fsl_application a
    JOIN filtered h ON h.id = a.household_id
    WHERE a.submitted_on BETWEEN $start AND $end
      AND a.status <> 'brouillon'
)
SELECT kind, status, count(*) AS applications,
       CAST(sum(coalesce(amount_requested, 0)) AS DOUBLE) AS requested
FROM submitted
GROUP BY kind, status
ORDER BY kind, status

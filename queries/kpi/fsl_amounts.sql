-- name: kpi/fsl_amounts
-- Montants FSL : pour les demandes (hors brouillons) déposées entre le premier et le dernier jour de la période, bornes comprises, par type d'aide, la somme des montants demandés et celle des montants accordés par une décision datée au plus tard le dernier jour de la période (0 sans aide accordée). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Montants FSL accordés
-- section: Accompagnement
-- order: 50
-- figure: sum granted
-- format: euros
-- chart: bar x=kind y=granted
-- columns: kind=Type d'aide, requested=Montant demandé, granted=Montant accordé
-- labels: kind=FSL_KIND
-- drill: kpi_drill/fsl
SELECT a.kind,
       CAST(sum(a.amount_requested) AS DOUBLE) AS requested,
       CAST(sum(CASE WHEN a.status = 'accordee' AND a.decided_on <= $end
                     THEN coalesce(a.amount_granted, 0) ELSE 0 END) AS DOUBLE) AS granted
FROM fsl_application a
JOIN household h ON h.id = a.household_id
WHERE a.submitted_on BETWEEN $start AND $end
  AND a.status <> 'brouillon'
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
GROUP BY a.kind
ORDER BY a.kind

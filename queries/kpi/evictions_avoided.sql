-- name: kpi/evictions_avoided
-- Procédures closes sans expulsion : les procédures d'expulsion closes entre le premier et le dernier jour de la période, bornes comprises, avec une issue autre que l'expulsion (dette soldée, plan accepté, relogement, abandon), par issue. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Expulsions évitées
-- section: Accompagnement
-- order: 90
-- figure: sum procedures
-- format: count
-- chart: bar x=outcome y=procedures
-- columns: outcome=Issue, procedures=Procédures
-- labels: outcome=EVICTION_OUTCOME
-- drill: kpi_drill/procedures
SELECT p.outcome, count(*) AS procedures
FROM eviction_procedure p
JOIN household h ON h.id = p.household_id
WHERE p.closed_on BETWEEN $start AND $end
  AND p.outcome IS NOT NULL AND p.outcome <> 'expulsion'
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
GROUP BY p.outcome
ORDER BY p.outcome

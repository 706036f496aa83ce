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
-- with: filtered = shared/filtered_households
SELECT p.outcome, count(*) AS procedures
FROM eviction_procedure p
JOIN filtered h ON h.id = p.household_id
WHERE p.closed_on BETWEEN $start AND $end
  AND p.outcome IS NOT NULL AND p.outcome <> 'expulsion'
GROUP BY p.outcome
ORDER BY p.outcome

-- name: kpi/fsl_approval_rate
-- Taux d'accord FSL : parmi les demandes décidées entre le premier et le dernier jour de la période, bornes comprises (statut « accordée » ou « refusée », date de décision dans la période ; les ajournements ne comptent pas), la part des demandes accordées, par type d'aide, et la part sur tous les types (la même sur chaque ligne). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Taux d'accord FSL
-- section: Accompagnement
-- order: 25
-- figure: first overall_rate
-- format: percent
-- chart: bar x=kind y=rate
-- columns: kind=Type d'aide, decided=Demandes décidées, granted=Demandes accordées, rate=Taux d'accord, overall_rate=Taux d'accord (tous types)
-- labels: kind=FSL_KIND
-- with: filtered = shared/filtered_households
SELECT a.kind,
       count(*) AS decided,
       CAST(sum(CASE WHEN a.status = 'accordee' THEN 1 ELSE 0 END) AS BIGINT) AS granted,
       CAST(sum(CASE WHEN a.status = 'accordee' THEN 1 ELSE 0 END) AS DOUBLE)
           / nullif(count(*), 0) AS rate,
       CAST(sum(sum(CASE WHEN a.status = 'accordee' THEN 1 ELSE 0 END)) OVER () AS DOUBLE)
           / nullif(sum(count(*)) OVER (), 0) AS overall_rate
FROM fsl_application a
JOIN filtered h ON h.id = a.household_id
WHERE a.decided_on BETWEEN $start AND $end
  AND a.status IN ('accordee', 'refusee')
GROUP BY a.kind
ORDER BY a.kind

-- name: kpi/mediations
-- Médiations : les médiations datées entre le premier et le dernier jour de la période, bornes comprises, par interlocuteur et par résultat (celui enregistré). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Médiations
-- section: Accompagnement
-- order: 30
-- figure: sum mediations
-- format: count
-- chart: bar x=counterpart y=mediations color=outcome
-- columns: counterpart=Interlocuteur, outcome=Résultat, mediations=Médiations
-- labels: counterpart=MEDIATION_COUNTERPART, outcome=MEDIATION_OUTCOME
-- drill: kpi_drill/mediations
-- with: filtered = shared/filtered_households
SELECT md.counterpart, md.outcome, count(*) AS mediations
FROM mediation md
JOIN filtered h ON h.id = md.household_id
WHERE md.mediation_on BETWEEN $start AND $end
GROUP BY md.counterpart, md.outcome
ORDER BY md.counterpart, md.outcome

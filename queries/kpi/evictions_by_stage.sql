-- name: kpi/evictions_by_stage
-- Procédures d'expulsion par étape : les procédures ouvertes au moins un jour de la période (première étape datée au plus tard le dernier jour, et non close ou close au plus tôt le premier jour, bornes comprises), chacune à la dernière étape (dans l'ordre de la loi) datée au plus tard le dernier jour de la période. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Procédures d'expulsion par étape
-- section: Accompagnement
-- order: 80
-- figure: sum procedures
-- format: count
-- chart: bar x=stage y=procedures
-- columns: stage=Étape, position=Rang de l'étape, procedures=Procédures
-- labels: stage=EVICTION_STAGE
-- drill: kpi_drill/procedures
-- The stages in their legal order: db/catalog.py EVICTION_STAGE.
-- with: filtered = shared/filtered_households
WITH stage_order (stage, position) AS (
    VALUES ('commandement_payer', 1), ('signalement_ccapex', 2), ('assignation', 3),
           ('audience', 4), ('jugement', 5), ('commandement_quitter', 6),
           ('demande_concours', 7), ('concours_accorde', 8), ('expulsion', 9)
),
reached AS (
    SELECT s.procedure_id, max(o.position) AS position
    FROM eviction_stage s
    JOIN stage_order o ON o.stage = s.stage
    JOIN eviction_procedure p ON p.id = s.procedure_id
    JOIN filtered h ON h.id = p.household_id
    WHERE s.stage_on <= $end
      AND (p.closed_on IS NULL OR p.closed_on >= $start)
    GROUP BY s.procedure_id
)
SELECT o.stage, o.position, count(*) AS procedures
FROM reached r
JOIN stage_order o ON o.position = r.position
GROUP BY o.stage, o.position
ORDER BY o.position

-- name: kpi_drill/procedures
-- The procedures behind « Procédures d'expulsion par étape » and « Expulsions évitées », as the reader's scope lets them see: one row per procedure open on a day of $start..$end, with its last stage on $end, and its outcome when it closed by $end (so that an outcome other than expulsion picks those closed in the period without eviction), with the same filters.
-- with: filtered = shared/filtered_households
WITH stage_order (stage, position) AS (
    VALUES ('commandement_payer', 1), ('signalement_ccapex', 2), ('assignation', 3),
           ('audience', 4), ('jugement', 5), ('commandement_quitter', 6),
           ('demande_concours', 7), ('concours_accorde', 8), ('expulsion', 9)
),
reached AS (
    SELECT s.procedure_id, s.stage, s.stage_on, o.position,
           min(s.stage_on) OVER (PARTITION BY s.procedure_id) AS opened_on,
           row_number() OVER (
               PARTITION BY s.procedure_id ORDER BY o.position DESC, s.stage_on DESC, s.id DESC
           ) AS rank
    FROM eviction_stage s
    JOIN stage_order o ON o.stage = s.stage
    WHERE s.stage_on <= $end
)
SELECT h.id AS household_id, h.file_number, h.head_name, r.stage,
       CASE WHEN p.closed_on <= $end THEN p.outcome END AS outcome,
       h.commune, h.referent, p.id AS procedure_id, r.opened_on, r.stage_on,
       CASE WHEN p.closed_on <= $end THEN p.closed_on END AS closed_on
FROM reached r
JOIN eviction_procedure p ON p.id = r.procedure_id
JOIN filtered h ON h.id = p.household_id
WHERE r.rank = 1
  AND (p.closed_on IS NULL OR p.closed_on >= $start)
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY r.position, h.file_number, p.id

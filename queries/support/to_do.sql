-- name: support/to_do
-- What is due or overdue up to $today + $horizon_days in the active files of $referent
-- (NULL: every worker), soonest first: reviews ($review_months after the last review or
-- the start), measures reaching their planned end or their kind's maximum, the next step of
-- an open eviction procedure (db/support/lifecycle.py gives the same dates; an eviction
-- due in the winter truce is due on 1 April), FSL decisions awaited $fsl_wait_months
-- after submission (or after an adjournment), and debt plans at their last instalment still « en cours ».
-- $stages, $stage_labels: the eviction stages in their legal order, and their labels
-- (db/catalog.py, the one list). One page: $limit rows from $offset (NULL: all of them),
-- each row carrying the count of the whole list (`total`) and of its overdue items (`late`).
WITH files AS (
    SELECT id, file_number, head_name, referent
    FROM household
    WHERE status = 'actif' AND ($referent IS NULL OR referent = $referent)
),
limit_day AS (SELECT CAST($today + to_days($horizon_days) AS DATE) AS last_day),
measures AS (
    SELECT m.id, m.household_id, m.kind, m.start_on, m.planned_end_on,
           coalesce(c.label, m.kind) AS kind_label,
           CAST(m.start_on + to_months(c.max_months) AS DATE) AS latest_end_on,
           (SELECT max(v.review_on) FROM measure_review v WHERE v.measure_id = m.id)
               AS last_review_on
    FROM support_measure m
    JOIN files f ON f.id = m.household_id
    LEFT JOIN support_catalog c ON c.list = 'measure_kind' AND c.code = m.kind
    WHERE m.end_on IS NULL
),
last_stages AS (
    SELECT s.household_id, s.procedure_id, s.stage, s.stage_on,
           row_number() OVER (PARTITION BY s.procedure_id ORDER BY s.stage_on DESC, s.id DESC)
               AS rank
    FROM eviction_stage s
    JOIN eviction_procedure p ON p.id = s.procedure_id AND p.closed_on IS NULL
    JOIN files f ON f.id = s.household_id
),
steps AS (
    SELECT household_id, procedure_id,
           $stages[list_position($stages, stage) + 1] AS next_stage,
           $stage_labels[list_position($stages, stage) + 1] AS next_label,
           CASE stage
               WHEN 'commandement_payer' THEN CAST(stage_on + to_months(2) AS DATE)
               WHEN 'assignation' THEN CAST(stage_on + to_days(42) AS DATE)
               WHEN 'commandement_quitter' THEN CAST(stage_on + to_months(2) AS DATE)
               WHEN 'demande_concours' THEN CAST(stage_on + to_months(2) AS DATE)
               WHEN 'concours_accorde' THEN stage_on
           END AS due_on
    FROM last_stages
    WHERE rank = 1 AND stage <> 'expulsion'
),
items AS (
    SELECT household_id, 'bilan' AS item, 'support_measure' AS record, id AS record_id,
           'Bilan de la mesure ' || kind_label AS what,
           CAST(coalesce(last_review_on, start_on) + to_months($review_months) AS DATE)
               AS due_on
    FROM measures
    UNION ALL
    SELECT household_id,
           CASE WHEN latest_end_on <= planned_end_on THEN 'duree_max' ELSE 'fin_prevue' END,
           'support_measure', id,
           CASE WHEN latest_end_on <= planned_end_on
                THEN 'Mesure ' || kind_label || ' : durée maximale atteinte'
                ELSE 'Mesure ' || kind_label || ' : fin prévue, renouveler ou clore' END,
           least(planned_end_on, coalesce(latest_end_on, planned_end_on))
    FROM measures
    UNION ALL
    SELECT household_id, 'etape', 'eviction_procedure', procedure_id,
           'Procédure d''expulsion : ' || next_label,
           CASE WHEN next_stage = 'expulsion'
                     AND (month(due_on) >= 11 OR month(due_on) <= 3)
                THEN make_date(year(due_on) + CASE WHEN month(due_on) >= 11 THEN 1 ELSE 0 END, 4, 1)
                ELSE due_on END
    FROM steps
    WHERE due_on IS NOT NULL
    UNION ALL
    SELECT a.household_id, 'fsl', 'fsl_application', a.id,
           CASE WHEN a.status = 'ajournee'
                THEN 'Nouvelle décision FSL attendue (ajournée le '
                     || strftime(a.decided_on, '%d/%m/%Y') || ')'
                ELSE 'Décision FSL attendue (demande déposée le '
                     || strftime(a.submitted_on, '%d/%m/%Y') || ')' END,
           CAST(coalesce(a.decided_on, a.submitted_on) + to_months($fsl_wait_months) AS DATE)
    FROM fsl_application a
    JOIN files f ON f.id = a.household_id
    -- Adjourned: the commission answers again later; awaited from its first answer.
    WHERE a.status IN ('deposee', 'ajournee')
    UNION ALL
    SELECT d.household_id, 'plan', 'debt_plan', d.id,
           'Plan d''apurement (' || d.creditor || ') : dernière mensualité',
           CAST(d.start_on + to_months(d.months - 1) AS DATE)
    FROM debt_plan d
    JOIN files f ON f.id = d.household_id
    WHERE d.status = 'en_cours'
)
SELECT i.household_id, f.file_number, f.head_name, f.referent,
       coalesce(u.display_name, f.referent) AS referent_name,
       i.item, i.record, i.record_id, i.what, i.due_on, i.due_on < $today AS overdue,
       count(*) OVER () AS total, count(*) FILTER (WHERE i.due_on < $today) OVER () AS late
FROM items i
JOIN files f ON f.id = i.household_id
LEFT JOIN users u ON u.username = f.referent
WHERE i.due_on <= (SELECT last_day FROM limit_day)
ORDER BY i.due_on, f.file_number, i.item, i.record_id
LIMIT $limit OFFSET $offset

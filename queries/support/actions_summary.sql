-- name: support/actions_summary
-- « Actions et solutions trouvées » from $start to $end (both included): how many of each,
-- by the date of the fact: mediations by counterpart (mediation_on), debt plans put in
-- place (start_on), FSL applications by kind (submitted_on; drafts are not counted),
-- other actions by kind (action_on). Only the kinds met appear here; db/support/reports.py
-- lists every kind, with 0 for the others.
SELECT 'mediation' AS section, counterpart AS code, count(*) AS count
FROM mediation
WHERE mediation_on BETWEEN $start AND $end
GROUP BY counterpart
UNION ALL
SELECT 'debt_plan', 'plan', count(*)
FROM debt_plan
WHERE start_on BETWEEN $start AND $end
HAVING count(*) > 0
UNION ALL
SELECT 'fsl', kind, count(*)
FROM fsl_application
WHERE submitted_on BETWEEN $start AND $end AND status <> 'brouillon'
GROUP BY kind
UNION ALL
SELECT 'action', kind, count(*)
FROM support_action
WHERE action_on BETWEEN $start AND $end
GROUP BY kind

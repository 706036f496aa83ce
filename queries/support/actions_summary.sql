-- name: support/actions_summary
-- « Actions et solutions trouvées » from $start to $end (both included): how many of each,
-- by the date of the fact: mediations by counterpart (mediation_on), debt plans put in
-- place (start_on), FSL applications submitted by kind (submitted_on, whatever the
-- decision; drafts are not counted), FSL grants obtained by kind (decided_on of the
-- applications granted, whatever their submission date, with the amount granted), other
-- actions by kind (action_on). `amount` is the amount granted (grants only). Only the
-- kinds met appear here; db/support/reports.py lists every kind, with 0 for the others.
SELECT 'mediation' AS section, counterpart AS code, count(*) AS count,
       CAST(NULL AS DOUBLE) AS amount
FROM mediation
WHERE mediation_on BETWEEN $start AND $end
GROUP BY counterpart
UNION ALL
SELECT 'debt_plan', 'plan', count(*), NULL
FROM debt_plan
WHERE start_on BETWEEN $start AND $end
HAVING count(*) > 0
UNION ALL
SELECT 'fsl', kind, count(*), NULL
FROM fsl_application
WHERE submitted_on BETWEEN $start AND $end AND status <> 'brouillon'
GROUP BY kind
UNION ALL
SELECT 'fsl_grant', kind, count(*), CAST(sum(coalesce(amount_granted, 0)) AS DOUBLE)
FROM fsl_application
WHERE decided_on BETWEEN $start AND $end AND status = 'accordee'
GROUP BY kind
UNION ALL
SELECT 'action', kind, count(*), NULL
FROM support_action
WHERE action_on BETWEEN $start AND $end
GROUP BY kind

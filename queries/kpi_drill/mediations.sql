-- name: kpi_drill/mediations
-- The households behind « Médiations », as the reader's scope lets them see: one row per household, counterpart and outcome of mediations dated in $start..$end, with the same filters.
-- with: filtered = shared/filtered_households
SELECT h.id AS household_id, h.file_number, h.head_name, md.counterpart, md.outcome,
       h.commune, h.referent, count(*) AS mediations, max(md.mediation_on) AS last_mediation_on
FROM mediation md
JOIN filtered h ON h.id = md.household_id
WHERE md.mediation_on BETWEEN $start AND $end
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
GROUP BY h.id, h.file_number, h.head_name, md.counterpart, md.outcome, h.commune, h.referent
ORDER BY h.file_number, md.counterpart, md.outcome

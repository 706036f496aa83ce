-- name: support/household_debt_plans
-- The debt plans of one household (current first, then newest), with the day of the last
-- instalment.
SELECT id, creditor, total_debt, instalment, months, start_on,
       CAST(start_on + to_months(months - 1) AS DATE) AS last_instalment_on,
       status, version, updated_at, updated_by
FROM debt_plan
WHERE household_id = $household_id
ORDER BY status <> 'en_cours', start_on DESC, id DESC

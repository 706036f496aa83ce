-- name: support/household_measures
-- The support measures of one household (current first, then newest), each with its kind's
-- label, its last review and count of reviews and renewals, the next review due
-- ($review_months after the last review, or after the start, while it runs) and the latest
-- end its kind's maximum duration allows (empty: no maximum).
WITH reviews AS (
    SELECT measure_id, max(review_on) AS last_review_on, count(*) AS reviews
    FROM measure_review
    WHERE household_id = $household_id
    GROUP BY measure_id
),
renewals AS (
    SELECT measure_id, count(*) AS renewals
    FROM measure_renewal
    WHERE household_id = $household_id
    GROUP BY measure_id
)
SELECT m.id, m.kind, coalesce(c.label, m.kind) AS kind_label, m.prescriber, m.start_on,
       m.planned_end_on, m.plan_signed_on, m.end_on, m.end_reason,
       r.last_review_on, coalesce(r.reviews, 0) AS reviews,
       coalesce(n.renewals, 0) AS renewals,
       CASE WHEN m.end_on IS NULL
            THEN CAST(coalesce(r.last_review_on, m.start_on) + to_months($review_months) AS DATE)
       END AS review_due_on,
       CAST(m.start_on + to_months(c.max_months) AS DATE) AS latest_end_on,
       m.version, m.updated_at, m.updated_by
FROM support_measure m
LEFT JOIN support_catalog c ON c.list = 'measure_kind' AND c.code = m.kind
LEFT JOIN reviews r ON r.measure_id = m.id
LEFT JOIN renewals n ON n.measure_id = m.id
WHERE m.household_id = $household_id
ORDER BY m.end_on IS NOT NULL, m.start_on DESC, m.id DESC

-- name: households/housing_history
-- The last $limit dated housing situations of one household (at intake, then each change), oldest first, with how many there are in all (total).
SELECT situation, from_on, recorded_at, total
FROM (
    SELECT id, situation, from_on, recorded_at, count(*) OVER () AS total
    FROM housing_situation_event
    WHERE household_id = $household_id
    ORDER BY from_on DESC, id DESC
    LIMIT $limit
)
ORDER BY from_on, id

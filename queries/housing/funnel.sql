-- name: housing/funnel
-- The capture pipeline over $start..$end (both included), one row per stage in the pipeline's order: leads entering the stage (a dated move to it in the period), leads reaching it (a move in the period to it or to a later stage: a skipped stage counts as passed), the conversion from the previous stage (reached here / reached there; NULL for the first stage or when none reached the previous one), and the median days a lead spent at the stage, from a move to it in the period to the lead's next move (leads still there, or abandoned there, not counted).
WITH stages (stage, position) AS (
    VALUES ('identifie', 1), ('contacte', 2), ('visite', 3), ('proposition', 4),
           ('negociation', 5), ('convention_signee', 6), ('mis_en_location', 7)
),
events AS (
    SELECT e.lead_id, e.stage, s.position, e.moved_on,
           lead(e.moved_on) OVER (PARTITION BY e.lead_id ORDER BY e.moved_on, e.id) AS next_on
    FROM capture_stage_event e
    JOIN stages s USING (stage)
),
in_period AS (
    SELECT * FROM events WHERE moved_on BETWEEN $start AND $end
),
per_stage AS (
    SELECT s.stage, s.position,
           count(DISTINCT e.lead_id) FILTER (WHERE e.stage = s.stage) AS entered,
           count(DISTINCT e.lead_id) FILTER (WHERE e.position >= s.position) AS reached,
           median(date_diff('day', e.moved_on, e.next_on))
               FILTER (WHERE e.stage = s.stage AND e.next_on IS NOT NULL) AS median_days
    FROM stages s
    LEFT JOIN in_period e ON true
    GROUP BY s.stage, s.position
)
SELECT stage, entered, reached,
       reached / nullif(lag(reached) OVER (ORDER BY position), 0) AS conversion,
       median_days
FROM per_stage
ORDER BY position

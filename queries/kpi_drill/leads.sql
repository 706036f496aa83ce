-- name: kpi_drill/leads
-- The capture leads behind the Captation tiles: every lead with a dated move in $start..$end (both included), with the same filters (commune of the lead, $worker its assignee); `stage` is the furthest stage it moved to in the period (the funnel counts it as having reached that stage and every earlier one), beside its current stage, its last move in the period and its abandonment or dwelling, if any.
WITH stages (stage, position) AS (
    VALUES ('identifie', 1), ('contacte', 2), ('visite', 3), ('proposition', 4),
           ('negociation', 5), ('convention_signee', 6), ('mis_en_location', 7)
),
moved AS (
    SELECT e.lead_id, max(s.position) AS position, max(e.moved_on) AS last_moved_on
    FROM capture_stage_event e
    JOIN stages s ON s.stage = e.stage
    WHERE e.moved_on BETWEEN $start AND $end
    GROUP BY e.lead_id
)
SELECT c.id AS lead_id, c.address, c.commune, st.stage, c.stage AS current_stage,
       c.assignee, m.last_moved_on, c.abandoned_on, c.dwelling_id
FROM moved m
JOIN capture_lead c ON c.id = m.lead_id
JOIN stages st ON st.position = m.position
WHERE ($commune IS NULL OR c.commune = $commune)
  AND ($worker IS NULL OR c.assignee = $worker)
ORDER BY st.position, c.id

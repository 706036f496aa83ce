-- name: housing/capture_counts
-- The active (not abandoned) capture leads per stage matching the filters ($assignee, $commune; $min_days: at least that many days at the stage up to $today; NULL: any), one row per stage that has some.
SELECT c.stage, count(*) AS leads
FROM capture_lead c
WHERE c.abandoned_on IS NULL
  AND ($assignee IS NULL OR c.assignee = $assignee)
  AND ($commune IS NULL OR c.commune = $commune)
  AND ($min_days IS NULL OR date_diff('day', c.stage_on, $today) >= $min_days)
GROUP BY c.stage
ORDER BY c.stage

-- name: housing/capture_leads_page
-- One page ($limit rows from $offset) of the leads at a stage ($stage; NULL: every stage), the active ones (longest at the stage first) or, $abandoned true, the abandoned ones (latest abandonment first), matching the filters ($assignee, $commune, $min_days days at the stage up to $today or up to the abandonment; NULL: any); each row carries the total of the matching leads.
WITH found AS (
    SELECT c.id, c.stage_on, c.abandoned_on
    FROM capture_lead c
    WHERE (c.abandoned_on IS NOT NULL) = $abandoned
      AND ($stage IS NULL OR c.stage = $stage)
      AND ($assignee IS NULL OR c.assignee = $assignee)
      AND ($commune IS NULL OR c.commune = $commune)
      AND ($min_days IS NULL
           OR date_diff('day', c.stage_on, coalesce(c.abandoned_on, $today)) >= $min_days)
),
page AS (
    SELECT id, stage_on, abandoned_on
    FROM found
    ORDER BY abandoned_on DESC NULLS LAST, stage_on, id
    LIMIT $limit OFFSET $offset
)
SELECT c.id, c.version, c.stage, c.stage_on, c.address, c.postal_code, c.commune,
       c.typology, c.source, c.assignee, c.owner_id, c.dwelling_id, c.abandoned_on,
       c.abandoned_reason,
       coalesce(o.name, c.owner_name) AS owner_name,
       coalesce(u.display_name, c.assignee) AS assignee_name,
       date_diff('day', c.stage_on, coalesce(c.abandoned_on, $today)) AS days_in_stage,
       (SELECT count(*) FROM found) AS total
FROM page
JOIN capture_lead c ON c.id = page.id
LEFT JOIN owner o ON o.id = c.owner_id
LEFT JOIN users u ON u.username = c.assignee
ORDER BY page.abandoned_on DESC NULLS LAST, page.stage_on, page.id

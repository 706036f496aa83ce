-- name: housing/capture_leads_urgent
-- The board's cards: per stage, the $per_stage active leads matching the filters ($assignee, $commune, $min_days days at the stage up to $today; NULL: any) that have waited longest at their stage (oldest move first, then id), with the owner's name (the known owner's, else the one typed on the lead), the assignee's display name and the days at the stage.
-- The ranking reads the lead table alone; only the cards drawn get their owner and assignee.
WITH ranked AS (
    SELECT c.id
    FROM capture_lead c
    WHERE c.abandoned_on IS NULL
      AND ($assignee IS NULL OR c.assignee = $assignee)
      AND ($commune IS NULL OR c.commune = $commune)
      AND ($min_days IS NULL OR date_diff('day', c.stage_on, $today) >= $min_days)
    QUALIFY row_number() OVER (PARTITION BY c.stage ORDER BY c.stage_on, c.id) <= $per_stage
)
SELECT c.id, c.version, c.stage, c.stage_on, c.address, c.postal_code, c.commune,
       c.typology, c.proposed_rent, c.market_rent, c.works_needed, c.incentives, c.source,
       c.assignee, c.owner_id, c.dwelling_id, c.abandoned_on, c.abandoned_reason,
       coalesce(o.name, c.owner_name) AS owner_name,
       coalesce(o.kind, c.owner_kind) AS owner_kind,
       coalesce(o.phone, c.owner_phone) AS owner_phone,
       coalesce(o.email, c.owner_email) AS owner_email,
       coalesce(u.display_name, c.assignee) AS assignee_name,
       date_diff('day', c.stage_on, $today) AS days_in_stage
FROM ranked
JOIN capture_lead c ON c.id = ranked.id
LEFT JOIN owner o ON o.id = c.owner_id
LEFT JOIN users u ON u.username = c.assignee
ORDER BY c.stage, c.stage_on, c.id

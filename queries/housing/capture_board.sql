-- name: housing/capture_board
-- The capture board: every lead (active or abandoned) with its owner's name (the known owner's, else the one typed on the lead), its assignee's display name and the days it has spent at its stage up to $today (abandoned leads: up to their abandonment), in the pipeline's order then oldest move first.
SELECT c.id, c.version, c.stage, c.stage_on, c.address, c.postal_code, c.commune,
       c.typology, c.proposed_rent, c.market_rent, c.works_needed, c.incentives, c.source,
       c.assignee, c.owner_id, c.dwelling_id, c.abandoned_on, c.abandoned_reason,
       coalesce(o.name, c.owner_name) AS owner_name,
       coalesce(o.kind, c.owner_kind) AS owner_kind,
       coalesce(o.phone, c.owner_phone) AS owner_phone,
       coalesce(o.email, c.owner_email) AS owner_email,
       coalesce(u.display_name, c.assignee) AS assignee_name,
       date_diff('day', c.stage_on, coalesce(c.abandoned_on, $today)) AS days_in_stage
FROM capture_lead c
LEFT JOIN owner o ON o.id = c.owner_id
LEFT JOIN users u ON u.username = c.assignee
ORDER BY CASE c.stage
    WHEN 'identifie' THEN 1 WHEN 'contacte' THEN 2 WHEN 'visite' THEN 3
    WHEN 'proposition' THEN 4 WHEN 'negociation' THEN 5 WHEN 'convention_signee' THEN 6
    ELSE 7 END, c.stage_on, c.id

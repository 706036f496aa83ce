-- name: housing/capture_lead_search
-- The leads (active first, then abandoned; longest at the stage first) whose number is $term, or whose owner's name, address, postal code and commune hold every word of $term (accents and case aside), or lead $lead_id; at most $limit, with the same columns as the board's cards (days at the stage up to $today, or up to the abandonment).
WITH leads AS (
    SELECT c.*, coalesce(o.name, c.owner_name) AS known_name,
           coalesce(o.kind, c.owner_kind) AS known_kind,
           coalesce(o.phone, c.owner_phone) AS known_phone,
           coalesce(o.email, c.owner_email) AS known_email
    FROM capture_lead c
    LEFT JOIN owner o ON o.id = c.owner_id
)
SELECT c.id, c.version, c.stage, c.stage_on, c.address, c.postal_code, c.commune,
       c.typology, c.proposed_rent, c.market_rent, c.works_needed, c.incentives, c.source,
       c.assignee, c.owner_id, c.dwelling_id, c.abandoned_on, c.abandoned_reason,
       c.known_name AS owner_name, c.known_kind AS owner_kind,
       c.known_phone AS owner_phone, c.known_email AS owner_email,
       coalesce(u.display_name, c.assignee) AS assignee_name,
       date_diff('day', c.stage_on, coalesce(c.abandoned_on, $today)) AS days_in_stage
FROM leads c
LEFT JOIN users u ON u.username = c.assignee
WHERE c.id = $lead_id
   OR ($term IS NOT NULL AND (
        CAST(c.id AS VARCHAR) = trim($term)
        -- Every word, in any order, as plain text (no LIKE: « % » typed is a character).
        OR list_bool_and(list_transform(
               string_split_regex(trim(fold($term)), '\s+'),
               lambda w: contains(fold(concat_ws(' ', c.known_name, c.address, c.postal_code,
                                                 c.commune)), w)))))
ORDER BY c.abandoned_on IS NOT NULL, c.stage_on, c.id
LIMIT $limit

-- name: housing/dwelling
-- One dwelling of the stock as its edit form and the writes load it ($record_id), with its owner's name and the name of whoever saved it last (for a stale-save refusal).
SELECT r.*, o.name AS owner_name, u.display_name AS updated_by_name
FROM dwelling r
JOIN owner o ON o.id = r.owner_id
LEFT JOIN users u ON u.username = r.updated_by
WHERE r.id = $record_id

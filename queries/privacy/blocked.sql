-- name: privacy/blocked
-- Parmi les ménages $ids, ceux qu'un bail, un plan d'apurement en cours, une demande FSL en attente, une procédure ou une mesure ouverte le $today, ou une garde de l'administration retient (numéro de dossier, premier motif)
SELECT h.id, h.file_number, min(b.reason) AS reason
FROM household h
JOIN anonymisation_blocks($today) b ON b.household_id = h.id
WHERE h.id IN (SELECT unnest($ids))
GROUP BY h.id, h.file_number
ORDER BY h.file_number

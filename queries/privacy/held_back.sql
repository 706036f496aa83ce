-- name: privacy/held_back
-- Dossiers clos dont le dernier contact (ou la clôture) est antérieur à $cutoff, pas encore anonymisés, mais gardés le $today : une ligne par motif (bail, plan, fsl, procedure, mesure, garde), avec sa date (since) et son détail (type de bail ou de mesure, statut de la demande, motif de l'administration)
SELECT h.id, h.file_number, h.closed_on, lc.last_contact_on, b.reason, b.since,
       CASE WHEN b.reason = 'mesure'
            THEN coalesce((SELECT c.label FROM support_catalog c
                           WHERE c.list = 'measure_kind' AND c.code = b.detail), b.detail)
            ELSE b.detail END AS detail
FROM household h
JOIN anonymisation_blocks($today) b ON b.household_id = h.id
LEFT JOIN household_last_contact lc ON lc.household_id = h.id
WHERE h.status = 'clos'
  AND coalesce(lc.last_contact_on, h.closed_on) < $cutoff
  AND NOT (coalesce(h.anonymous, false) AND h.head_name = 'ANONYME' AND h.phone IS NULL
           AND h.email IS NULL AND h.address IS NULL)
ORDER BY h.file_number, b.reason, b.since

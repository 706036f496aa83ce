-- name: privacy/eligible
-- Dossiers clos dont le dernier contact (ou, sans contact, la clôture) est antérieur à $cutoff, pas encore anonymisés, à revoir pour l'anonymisation
SELECT h.id, h.file_number, h.closed_on, lc.last_contact_on
FROM household h
LEFT JOIN household_last_contact lc ON lc.household_id = h.id
WHERE h.status = 'clos'
  AND coalesce(lc.last_contact_on, h.closed_on) < $cutoff
  AND NOT (coalesce(h.anonymous, false) AND h.head_name = 'ANONYME' AND h.phone IS NULL
           AND h.email IS NULL AND h.address IS NULL)
ORDER BY coalesce(lc.last_contact_on, h.closed_on), h.file_number

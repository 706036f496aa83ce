-- name: privacy/eligible
-- Dossiers clos dont le dernier contact (ou, sans contact, la clôture) est antérieur à $cutoff, pas encore anonymisés, où plus rien ne court le $today (ni bail, ni plan d'apurement en cours, ni demande FSL en attente, ni procédure ou mesure ouverte) et que l'administration n'a pas gardés : ceux proposés à l'anonymisation
SELECT h.id, h.file_number, h.closed_on, lc.last_contact_on
FROM household h
LEFT JOIN household_last_contact lc ON lc.household_id = h.id
WHERE h.status = 'clos'
  AND coalesce(lc.last_contact_on, h.closed_on) < $cutoff
  AND NOT (coalesce(h.anonymous, false) AND h.head_name = 'ANONYME' AND h.phone IS NULL
           AND h.email IS NULL AND h.address IS NULL)
  AND NOT EXISTS (SELECT 1 FROM anonymisation_blocks($today) b WHERE b.household_id = h.id)
ORDER BY coalesce(lc.last_contact_on, h.closed_on), h.file_number

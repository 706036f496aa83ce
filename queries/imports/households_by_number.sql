-- name: imports/households_by_number
-- Households of the app named in a file by their file number (« N° de dossier »).
SELECT id, file_number
FROM household
WHERE file_number IN (SELECT unnest(CAST($numbers AS VARCHAR[])))

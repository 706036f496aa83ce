-- name: imports/refs
-- The references of every row earlier imports brought in, with the record each became and
-- the fingerprint of the row as imported (an import run again compares it).
SELECT sheet, ref, entity_id, row_hash
FROM import_ref

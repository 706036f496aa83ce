-- name: privacy/table_rows
-- Toutes les lignes d'une table rattachées à un ménage ($table : un nom vérifié contre privacy/household_tables par l'appelant), pour le droit d'accès et l'effacement
SELECT *
FROM query_table($table)
WHERE household_id = $household_id
ORDER BY 1

-- name: privacy/column_labels
-- Le commentaire en français de chaque colonne des tables, pour nommer les champs de l'export du droit d'accès
SELECT table_name, column_name, comment
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND comment IS NOT NULL

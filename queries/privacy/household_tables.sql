-- name: privacy/household_tables
-- Tables de la base (hors vues) qui ont une colonne household_id : tout ce qui se rattache à un ménage
SELECT c.table_name
FROM duckdb_columns() c
JOIN duckdb_tables() t
  ON t.database_name = c.database_name AND t.schema_name = c.schema_name
 AND t.table_name = c.table_name
WHERE c.column_name = 'household_id' AND c.database_name = current_database()
  AND c.schema_name = 'main'
ORDER BY c.table_name

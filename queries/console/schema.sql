-- name: console/schema
-- The analytics file's tables and columns, their types and French descriptions (COMMENT ON).
SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type,
       coalesce(c.comment, '') AS description,
       coalesce(t.comment, '') AS table_description
FROM duckdb_columns() AS c
JOIN duckdb_tables() AS t
  ON t.database_name = c.database_name AND t.schema_name = c.schema_name
 AND t.table_name = c.table_name
WHERE c.database_name = current_database() AND c.schema_name = 'main'
ORDER BY c.table_name, c.column_index

"""« Administration › Import »: the association's spreadsheets brought in (db/imports)."""

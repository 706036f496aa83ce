"""The pseudonymised analytics database that the SQL console reads (build.py builds it,
pseudonym.py says what goes in)."""

"""The write side and the only code that imports duckdb."""

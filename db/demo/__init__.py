"""Deterministic demo data (Faker fr_FR), any size."""

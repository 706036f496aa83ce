"""Shared widgets, French formatting and the session helpers that pages use."""

"""Widgets of the household area: intake form, list, file sections and edit forms."""

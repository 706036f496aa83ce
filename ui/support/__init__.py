"""Widgets of support work: its sections and forms in a household's file (sections.py,
fields.py, *forms.py), and the team's lists of the « Accompagnement » page."""

"""Backups of the main database taken by the app's process, asked by the admin screen, the
schedule or `make backup`; restore into a new file."""

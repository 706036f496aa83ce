"""User accounts: passwords, roles, sign-in failures, sessions."""

"""Named errors of the write side: callers catch these, never strings."""


class HabiterError(Exception):
    """Base of every error the app reports to a user in French."""


class DatabaseOpenError(HabiterError):
    """The database file cannot be opened (bad path, unwritable folder, not DuckDB)."""


class WriteConflictError(HabiterError):
    """A write kept conflicting with a concurrent one after every retry."""


class PermissionDeniedError(HabiterError):
    """The rules in db/rules.py refuse this action to this user."""


class NotFoundError(HabiterError):
    """The record asked for does not exist."""


class StaleRecordError(HabiterError):
    """The record changed since the form was opened: saving would overwrite newer data."""

    def __init__(self, message: str, changed_by: str | None = None, changed_at=None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class ValidationFailed(HabiterError):
    """Input refused by the rules of the domain (beyond field validation); `field` names
    the form's field the refusal belongs to, so that the form shows it beside that field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class UnknownIdentifierError(HabiterError):
    """A column, sort key or other identifier that is not on its allow-list."""


class UnknownSettingError(HabiterError):
    """A setting key that db/settings.py does not declare."""


class StorageError(HabiterError):
    """The disk refused a save (full, read-only): nothing of it was written, and the
    database stays usable once the disk accepts writes again."""

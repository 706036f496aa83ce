"""Input model of a saved query of the SQL console: every field checked, French messages
(db/validation.py turns pydantic's errors into them)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from db.households.models import Optional, Text

FIELD_LABELS = {
    "name": "Nom",
    "description": "Description",
    "sql": "Requête SQL",
    "shared": "Partagée",
}

# A query DuckDB cannot parse is not saved; its (English) reason is shown by a run.
UNREADABLE = (
    "la requête ne se lit pas (erreur de syntaxe) : exécutez-la dans l'onglet « Requête » "
    "pour voir où"
)


class SavedQueryIn(BaseModel):
    name: Text = Field(min_length=1, max_length=120)
    description: Annotated[str | None, Optional] = Field(default=None, max_length=2000)
    sql: Text = Field(min_length=1, max_length=20000)
    shared: bool = False

    @field_validator("sql")
    @classmethod
    def _reads_only(cls, value: str) -> str:
        """A query that the console would refuse is not saved either."""
        from db.analytics.guard import QueryFailed, QueryRefused, check_statement

        try:
            check_statement(value)
            return value
        except QueryRefused as exc:
            message = str(exc)
        except QueryFailed:  # DuckDB's parser message is English: the console shows it
            message = UNREADABLE
        raise ValueError(message)  # outside the except: no parser objects kept alive

"""Saved queries of the SQL console: own and shared ones listed, others' private ones
never; changed at the version shown, by the owner or an admin only; each write audited."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import queries
from db.analytics.models import SavedQueryIn
from db.analytics.saved import (
    count_queries,
    delete_query,
    list_queries,
    load_query,
    save_query,
    update_query,
)
from db.errors import NotFoundError, PermissionDeniedError, StaleRecordError, ValidationFailed
from db.rules import Actor
from db.validation import french_errors

ANA = Actor("ana", "Ana Lyste", frozenset({"analyste"}))
DIR = Actor("dir", "Direction", frozenset({"direction"}))
ADMIN = Actor("adm", "Admin", frozenset({"admin"}))
RECEPTION = Actor("acc", "Accueil", frozenset({"accueil"}))


BY_COMMUNE = "SELECT commune, count(*) FROM household GROUP BY ALL"


def query(name="Ménages par commune", shared=False, sql=BY_COMMUNE):
    return SavedQueryIn(name=name, description="Combien par commune", sql=sql, shared=shared)


def audit(database, entity_id) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT username, action FROM audit_log WHERE entity = 'saved_query'"
            " AND entity_id = $id ORDER BY id",
            {"id": str(entity_id)},
        )
        .fetchall()
    )


def test_a_saved_query_is_listed_for_its_owner_with_an_audit_row(database):
    row = save_query(database, ANA, query())
    assert (row["owner"], row["version"], row["shared"]) == ("ana", 1, False)
    listed = list_queries(database, ANA)
    assert listed["name"].to_list() == ["Ménages par commune"]
    assert listed["mine"].to_list() == [True]
    assert audit(database, row["id"]) == [("ana", "create")]
    assert queries.run_one(database, "console/saved_one", query_id=row["id"])["sql"].startswith(
        "SELECT commune"
    )


def test_others_see_shared_queries_never_private_ones(database):
    save_query(database, ANA, query("Privée"))
    save_query(database, ANA, query("Partagée", shared=True))
    save_query(database, DIR, query("À moi"))
    assert list_queries(database, DIR)["name"].to_list() == ["À moi", "Partagée"]
    assert list_queries(database, ANA)["name"].to_list() == ["Partagée", "Privée"]
    raw = queries.run(database, "console/saved_list", username="ana", limit=None, offset=0)
    assert raw["owner_name"].to_list() == ["ana", "ana"] and raw["mine"].all()
    assert queries.run(database, "console/saved_count", username="dir")["total"][0] == 2


def test_the_saved_queries_come_one_page_at_a_time(database):
    for name in ("A", "B", "C"):
        save_query(database, ANA, query(name))
    assert list_queries(database, ANA, limit=2, offset=1)["name"].to_list() == ["B", "C"]
    assert count_queries(database, ANA) == 3


def test_the_owner_updates_at_the_version_shown_and_a_stale_form_is_refused(database):
    row = save_query(database, ANA, query())
    after = update_query(database, ANA, row["id"], 1, query(shared=True))
    assert (after["version"], after["shared"]) == (2, True)
    with pytest.raises(StaleRecordError):
        update_query(database, ANA, row["id"], 1, query(name="Autre nom"))
    assert load_query(database, row["id"])["name"] == "Ménages par commune"
    assert audit(database, row["id"]) == [("ana", "create"), ("ana", "update")]


def test_only_the_owner_or_an_admin_changes_or_deletes(database):
    row = save_query(database, ANA, query(shared=True))
    with pytest.raises(PermissionDeniedError):
        update_query(database, DIR, row["id"], 1, query(name="Pris"))
    with pytest.raises(PermissionDeniedError):
        delete_query(database, DIR, row["id"], 1)
    update_query(database, ADMIN, row["id"], 1, query(name="Renommée par l'admin"))
    delete_query(database, ADMIN, row["id"], 2)
    assert load_query(database, row["id"]) is None
    assert audit(database, row["id"])[-1] == ("adm", "delete")
    with pytest.raises(NotFoundError):
        delete_query(database, ANA, row["id"], 2)


def test_the_owner_deletes_their_query(database):
    row = save_query(database, ANA, query())
    delete_query(database, ANA, row["id"], 1)
    assert list_queries(database, ANA).height == 0


def test_reception_cannot_save(database):
    with pytest.raises(PermissionDeniedError):
        save_query(database, RECEPTION, query())


def test_a_name_is_used_once_per_owner(database):
    save_query(database, ANA, query())
    with pytest.raises(ValidationFailed, match="déjà une requête nommée"):
        save_query(database, ANA, query(name="ménages PAR commune"))
    other = save_query(database, DIR, query())
    assert other["owner"] == "dir"
    taken = queries.run(
        database,
        "console/saved_name_taken",
        owner="dir",
        title="Ménages par commune",
        query_id=None,
    )
    assert taken.height == 1


def test_the_form_refuses_in_french_an_empty_name_or_a_writing_query():
    with pytest.raises(ValidationError) as refusal:
        SavedQueryIn(name=" ", sql="DROP TABLE household")
    errors = french_errors(refusal.value, {"name": "Nom", "sql": "Requête SQL"})
    assert errors["Nom"] == "à renseigner"
    assert errors["Requête SQL"].startswith("Instruction refusée : DROP")

"""Backups taken by the app's process (db/backup/): consistent while intakes are saved,
verified, logged, pruned, asked through the request folder, restored into a file the app
starts on; and the admin's « Sauvegardes » tab."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, datetime

import pytest

import config
import queries
from db.backup import channel
from db.backup.restore import check_backup, restore
from db.backup.take import (
    backup_counts,
    backups_folder,
    decrypted,
    prune,
    take_backup,
    verify,
)
from db.connection import close_database, open_database
from db.errors import HabiterError
from db.households import writes as households
from db.households.models import IntakeIn
from db.rules import Actor
from tests.conftest import intake_fields, open_page

ADMIN = Actor.system("test-admin")
PAGE = "pages/users_admin.py"


def intake(writer: int, number: int) -> IntakeIn:
    return IntakeIn.model_validate(
        intake_fields(f"Sauvegarde{writer}", f"N{number}", consent_on=date.today())
    )


def household_count(database) -> int:
    return database.cursor().execute("SELECT count(*) FROM household").fetchone()[0]


def test_backup_while_intakes_are_saved_matches_the_source_at_its_moment(demo_database):
    stop, saved, errors = threading.Event(), [], []

    def writer(number: int) -> None:
        i = 0
        while not stop.is_set():
            try:
                households.create_intake(demo_database, ADMIN, intake(number, i))
                saved.append(1)
            except Exception as exc:  # noqa: BLE001 - reported by the test below
                errors.append(exc)
                return
            i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    while len(saved) < 8:  # writers are busy before the backup starts
        time.sleep(0.01)
    before = household_count(demo_database)
    before_mine = len(saved)
    info = take_backup(demo_database, ADMIN)
    after_backup = len(saved)
    time.sleep(0.3)  # writes go on after the copy
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # The writers went on after the backup returned (the count below: after its copy).
    assert len(saved) > after_backup
    assert info.verified and info.error is None
    # The file holds exactly the counts taken in the copy's transaction, table by table.
    assert backup_counts(info.path) == info.counts
    assert set(info.counts) >= {"household", "person", "audit_log", "users", "schema_migration"}
    assert before <= info.counts["household"] < household_count(demo_database)
    # Each intake writes its household and its audit row in one transaction: the snapshot
    # holds as many of this test's households as audit rows of their creation.
    with (
        decrypted(info.path, config.backup_key()) as plain,
        channel.duckdb.connect(str(plain), read_only=True) as backup,
    ):
        audited, created = backup.execute(
            "SELECT count(DISTINCT entity_id), count(DISTINCT household_id) FROM audit_log"
            " WHERE entity = 'household' AND username = 'test-admin'"
        ).fetchone()
    assert audited == created == info.counts["household"] - before + before_mine
    assert info.path.parent == backups_folder(demo_database.path)
    assert info.path.name.startswith("habiter-") and info.path.name.endswith(".duckdb.chiffre")
    assert not [p for p in info.path.parent.iterdir() if ".tmp-" in p.name]
    logged = queries.run(demo_database, "backup/recent", limit=5).row(0, named=True)
    assert logged["file"] == str(info.path) and logged["verified"] and logged["error"] is None
    assert json.loads(logged["counts"]) == info.counts
    assert (logged["tables"], logged["rows"]) == (info.tables, info.rows)
    assert logged["size_bytes"] == info.path.stat().st_size and logged["taken_by"] == "test-admin"


def test_restore_gives_a_database_the_app_starts_on(demo_database, tmp_path):
    households.create_intake(demo_database, ADMIN, intake(1, 1))
    info = take_backup(demo_database, ADMIN)
    done = restore(info.path, demo_database.path)
    assert done.path.parent == demo_database.path.parent
    assert done.path.name.startswith("restored-") and done.replaced is None
    assert done.counts == info.counts
    restored = open_database(done.path)  # migrations run on it
    try:
        names = queries.run(restored, "users/list_users")["username"].to_list()
        assert "admin" in names
        assert household_count(restored) == household_count(demo_database)
        households.create_intake(restored, ADMIN, intake(2, 2))  # sequences carried over
        assert household_count(restored) == household_count(demo_database) + 1
    finally:
        close_database(done.path)


def test_restore_refuses_the_live_file_and_a_file_that_is_no_backup(database, tmp_path):
    with pytest.raises(HabiterError, match="la base en service"):
        restore(database.path, database.path)
    info = take_backup(database, ADMIN)
    with pytest.raises(HabiterError, match="arrêtez-la"):
        restore(info.path, database.path, over_live=True)  # held by this process
    assert database.path.exists() and household_count(database) == 0
    stranger = tmp_path / "autre.duckdb"
    with channel.duckdb.connect(str(stranger)) as other:
        other.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(HabiterError, match="il manque schema_migration"):
        check_backup(stranger)
    (tmp_path / "texte.duckdb").write_text("pas une base")
    with pytest.raises(HabiterError, match="ne s'ouvre pas"):
        check_backup(tmp_path / "texte.duckdb")
    with pytest.raises(HabiterError, match="n'existe pas"):
        check_backup(tmp_path / "absent.duckdb")


def test_verification_names_a_table_whose_count_differs(database):
    info = take_backup(database, ADMIN)
    assert verify(info.path, info.counts) is None
    wrong = {**info.counts, "users": info.counts["users"] + 1}
    assert "users (0 au lieu de 1)" in verify(info.path, wrong)
    assert "absentes" in verify(info.path, {**info.counts, "fantome": 0})


def test_prune_removes_only_backups_past_the_kept_days(database):
    folder = backups_folder(database.path)
    folder.mkdir()
    now = datetime(2026, 11, 30, 12, 0, 0)
    old = folder / "habiter-20261029-115959.duckdb"  # 31 days and a second
    kept = folder / "habiter-20261031-120000.duckdb"
    other = folder / "notes.duckdb"
    for file in (old, kept, other):
        file.write_text("x")
    assert prune(database.path, 30, now=now) == [old]
    assert sorted(p.name for p in folder.iterdir()) == [kept.name, other.name]


def test_a_request_file_is_answered_by_the_app_thread_with_the_backup(database, tmp_path):
    answers = []
    asking = threading.Thread(target=lambda: answers.append(channel.ask_backup(database.path, 30)))
    asking.start()
    folder = channel.requests_folder(database.path)
    deadline = time.monotonic() + 10
    while not list(folder.glob("*.request")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert channel.serve_requests(database) == 1
    asking.join(timeout=30)
    answer = answers[0]
    assert answer["ok"] and answer["verified"] and answer["file"].endswith(".duckdb.chiffre")
    assert backup_counts(answer["file"])["schema_migration"] >= 11
    assert list(folder.iterdir()) == []  # request, claim and answer all gone
    logged = queries.run(database, "backup/recent", limit=1).row(0, named=True)
    assert logged["taken_by"] == "make-backup"


def test_a_request_for_another_database_is_left_to_its_app(database):
    folder = channel.requests_folder(database.path)
    folder.mkdir()
    request = folder / "backup-1.request"
    request.write_text(json.dumps({"database": str(database.path.with_name("autre.duckdb"))}))
    assert channel.serve_requests(database) == 0
    assert request.exists()


def test_nobody_answering_gives_a_french_message_and_removes_the_request(database):
    answer = channel.ask_backup(database.path, 1)
    assert not answer["ok"] and "n'a pas répondu en 1 s" in answer["message"]
    assert list(channel.requests_folder(database.path).iterdir()) == []


def test_scheduled_backup_only_when_the_last_one_is_old_enough(database):
    assert queries.run_one(database, "backup/last_success")["taken_at"] is None
    assert channel.scheduled_backup(database) is True
    assert queries.run_one(database, "backup/last_success")["taken_at"] is not None
    assert channel.scheduled_backup(database) is False  # every 24 hours by default
    database.cursor().execute(
        "UPDATE backup_log SET taken_at = taken_at - INTERVAL 25 HOUR"
    )  # the last one is now older than the schedule
    assert channel.scheduled_backup(database) is True
    rows = queries.run(database, "backup/recent", limit=10)
    assert rows["taken_by"].to_list() == ["sauvegarde-programmee"] * 2


def test_admin_takes_a_backup_from_the_screen(demo_database):
    at = open_page(demo_database, "admin", PAGE, {"onglet": "Sauvegardes"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Aucune sauvegarde n'a encore été faite" in warnings
    at.button(key="backup_now").click().run()
    assert not at.exception
    texts = " ".join(s.value for s in at.success)
    assert "Sauvegarde faite et vérifiée : habiter-" in texts
    assert "Dernière sauvegarde le " in texts and "vérifiée (" in texts
    logged = queries.run(demo_database, "backup/recent", limit=1).row(0, named=True)
    assert logged["taken_by"] == "admin" and logged["verified"]
    table = next(df.value for df in at.dataframe if "Vérifiée" in df.value.columns)
    assert table["Vérifiée"].to_list() == ["oui"]
    assert table["Date"][0] == logged["taken_at"].strftime("%d/%m/%Y %H:%M")


def test_a_failed_last_backup_is_shown_as_failed(demo_database):
    folder = backups_folder(demo_database.path)
    folder.parent.joinpath("backups").write_text("un fichier à la place du dossier")
    with pytest.raises(HabiterError, match="n'a pas pu être écrite"):
        take_backup(demo_database, ADMIN)
    at = open_page(demo_database, "admin", PAGE, {"onglet": "Sauvegardes"})
    errors = " ".join(e.value for e in at.error)
    assert "a échoué : La sauvegarde n'a pas pu être écrite" in errors

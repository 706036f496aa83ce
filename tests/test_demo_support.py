"""The demo's support records (db/demo/support.py): present, within the rules of
db/support/lifecycle.py and each household's dates, codes from the catalogues, realistic
rates. Each rule is one SQL count of the rows that break it; each count is shown to find
a row broken on purpose, so that none passes by being unable to fail."""

from __future__ import annotations

import numpy as np
import pytest

from db import catalog, clock
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.demo.draw import add_months, in_truce, truce_end
from db.demo.support import TABLES
from db.support import lifecycle, reports

CODES = {
    "stages": list(catalog.EVICTION_STAGE),
    "end_reasons": list(catalog.MEASURE_END_REASON),
    "outcomes": list(catalog.EVICTION_OUTCOME),
    "plan_statuses": list(catalog.DEBT_PLAN_STATUS),
    "counterparts": list(catalog.MEDIATION_COUNTERPART),
    "reasons": list(catalog.MEDIATION_REASON),
    "mediation_outcomes": list(catalog.MEDIATION_OUTCOME),
    "fsl_kinds": list(catalog.FSL_KIND),
    "fsl_forms": list(catalog.FSL_FORM),
    "fsl_statuses": list(catalog.FSL_STATUS),
}
# Each rule: the rows that break it. Parameters: CODES and $today.
RULES = {
    "stages in the legal order, each dated on or after the previous one": """
        SELECT count(*) FROM (
            SELECT list_position($stages, stage) AS rank, stage_on,
                   lag(list_position($stages, stage)) OVER w AS previous_rank,
                   lag(stage_on) OVER w AS previous_on
            FROM eviction_stage WINDOW w AS (PARTITION BY procedure_id ORDER BY id))
        WHERE rank <= previous_rank OR stage_on < previous_on""",
    "arrears never fall from one stage to the next": """
        SELECT count(*) FROM (
            SELECT arrears, lag(arrears) OVER (PARTITION BY procedure_id ORDER BY id) AS before
            FROM eviction_stage) WHERE arrears < before""",
    "no expulsion in the winter truce": """
        SELECT count(*) FROM eviction_stage
        WHERE stage = 'expulsion' AND (month(stage_on) >= 11 OR month(stage_on) <= 3)""",
    "an expulsion closes its procedure that day, and only an expulsion is one": """
        SELECT count(*) FROM eviction_procedure p
        LEFT JOIN eviction_stage s ON s.procedure_id = p.id AND s.stage = 'expulsion'
        WHERE (s.id IS NOT NULL) <> (p.outcome IS NOT DISTINCT FROM 'expulsion')
           OR (s.id IS NOT NULL AND p.closed_on <> s.stage_on)""",
    "a procedure closes on or after its last stage, with an outcome": """
        SELECT count(*) FROM eviction_procedure p
        WHERE (p.closed_on IS NULL) <> (p.outcome IS NULL)
           OR p.closed_on < (SELECT max(stage_on) FROM eviction_stage WHERE procedure_id = p.id)
           OR NOT EXISTS (SELECT 1 FROM eviction_stage WHERE procedure_id = p.id)""",
    "every debt plan covers its debt within one instalment": """
        SELECT count(*) FROM debt_plan
        WHERE instalment * months < total_debt OR instalment * months - total_debt >= instalment
           OR months < 1 OR instalment <= 0""",
    "granted only when accordée, never more than requested": """
        SELECT count(*) FROM fsl_application
        WHERE amount_granted > amount_requested
           OR (status = 'accordee') <> (coalesce(amount_granted, 0) > 0)""",
    "decided 1 to 3 months after submission, dates as the status says": """
        SELECT count(*) FROM fsl_application
        WHERE decided_on < submitted_on
           OR decided_on < CAST(submitted_on + INTERVAL 1 MONTH AS DATE)
           OR decided_on > CAST(submitted_on + INTERVAL 3 MONTH AS DATE)
           OR (decided_on IS NULL) <> (status IN ('brouillon', 'deposee'))
           OR (submitted_on IS NULL) <> (status = 'brouillon')
           OR (refusal_reason IS NULL) <> (status <> 'refusee')
           OR decided_on > $today""",
    "a measure's planned end is after its start and within its kind's maximum": """
        SELECT count(*) FROM support_measure m
        JOIN support_catalog c ON c.list = 'measure_kind' AND c.code = m.kind
        WHERE m.planned_end_on <= m.start_on
           OR m.planned_end_on > CAST(m.start_on + to_months(c.max_months) AS DATE)
           OR m.end_on <= m.start_on OR m.end_on > $today
           OR (m.end_on IS NULL) <> (m.end_reason IS NULL)
           OR m.plan_signed_on < m.start_on OR m.plan_signed_on > $today""",
    "reviews after the start, by the end, in the measure's household": """
        SELECT count(*) FROM measure_review r JOIN support_measure m ON m.id = r.measure_id
        WHERE r.review_on <= m.start_on OR r.review_on > coalesce(m.end_on, $today)
           OR r.household_id <> m.household_id""",
    "renewals move the planned end forward, within the maximum, the last one to today's": """
        SELECT count(*) FROM measure_renewal r
        JOIN support_measure m ON m.id = r.measure_id
        JOIN support_catalog c ON c.list = 'measure_kind' AND c.code = m.kind
        WHERE r.new_end_on <= r.previous_end_on OR r.renewed_on <= m.start_on
           OR r.renewed_on > coalesce(m.end_on, $today) OR r.household_id <> m.household_id
           OR r.new_end_on > CAST(m.start_on + to_months(c.max_months) AS DATE)
           OR (r.id = (SELECT max(id) FROM measure_renewal WHERE measure_id = m.id)
               AND r.new_end_on <> m.planned_end_on)""",
    "every code from its catalogue": """
        SELECT (SELECT count(*) FROM support_measure WHERE kind NOT IN (SELECT code
                    FROM support_catalog WHERE list = 'measure_kind')
                    OR NOT list_contains($end_reasons, coalesce(end_reason, 'autre')))
             + (SELECT count(*) FROM support_action WHERE kind NOT IN (SELECT code
                    FROM support_catalog WHERE list = 'action_kind'))
             + (SELECT count(*) FROM eviction_stage WHERE NOT list_contains($stages, stage))
             + (SELECT count(*) FROM eviction_procedure
                    WHERE NOT list_contains($outcomes, coalesce(outcome, 'expulsion')))
             + (SELECT count(*) FROM debt_plan WHERE NOT list_contains($plan_statuses, status))
             + (SELECT count(*) FROM mediation WHERE NOT list_contains($counterparts, counterpart)
                    OR NOT list_contains($reasons, reason)
                    OR NOT list_contains($mediation_outcomes, outcome))
             + (SELECT count(*) FROM fsl_application WHERE NOT list_contains($fsl_kinds, kind)
                    OR NOT list_contains($fsl_forms, form)
                    OR NOT list_contains($fsl_statuses, status))""",
    "dated within the household's file, running only in an open file": """
        WITH dated AS (
            SELECT household_id, start_on AS day, end_on IS NULL AS running FROM support_measure
            UNION ALL SELECT household_id, stage_on, false FROM eviction_stage
            UNION ALL SELECT household_id, closed_on, closed_on IS NULL FROM eviction_procedure
            UNION ALL SELECT household_id, start_on, false FROM debt_plan
            UNION ALL SELECT household_id, mediation_on, outcome = 'en_cours' FROM mediation
            UNION ALL SELECT household_id, submitted_on, status IN ('brouillon', 'deposee')
                FROM fsl_application
            UNION ALL SELECT household_id, action_on, false FROM support_action)
        SELECT count(*) FROM dated d JOIN household h ON h.id = d.household_id
        WHERE d.day < h.opened_on OR d.day > coalesce(h.closed_on, $today)
           OR (d.running AND h.status <> 'actif')""",
    "written by the referent, version 1, updated after created, none in the future": """
        WITH rows AS (
            SELECT household_id, created_by, updated_by, version, created_at, updated_at
            FROM support_measure
            UNION ALL SELECT household_id, created_by, updated_by, version, created_at,
                updated_at FROM eviction_procedure
            UNION ALL SELECT household_id, created_by, updated_by, version, created_at,
                updated_at FROM debt_plan
            UNION ALL SELECT household_id, created_by, updated_by, version, created_at,
                updated_at FROM mediation
            UNION ALL SELECT household_id, created_by, updated_by, version, created_at,
                updated_at FROM fsl_application
            UNION ALL SELECT household_id, created_by, updated_by, version, created_at,
                updated_at FROM support_action
            UNION ALL SELECT household_id, created_by, created_by, 1, created_at, created_at
                FROM measure_review
            UNION ALL SELECT household_id, created_by, created_by, 1, created_at, created_at
                FROM eviction_stage)
        SELECT count(*) FROM rows r JOIN household h ON h.id = r.household_id
        WHERE r.created_by <> coalesce(h.referent, 'admin') OR r.updated_by <> r.created_by
           OR r.version <> 1 OR r.updated_at < r.created_at
           OR r.updated_at > CAST($today + 1 AS TIMESTAMP)""",
}
# For each rule, a change that breaks it on one row: the rule must then find it.
SECOND_STAGE = (
    "SELECT max(s.id) FROM eviction_stage s WHERE EXISTS (SELECT 1 FROM eviction_stage p"
    " WHERE p.procedure_id = s.procedure_id AND p.id < s.id)"
)
BREAK = {
    "stages in the legal order": "UPDATE eviction_stage SET stage = 'commandement_payer'"
    " WHERE id = (" + SECOND_STAGE + ")",
    "arrears never fall": "UPDATE eviction_stage SET arrears = 0 WHERE id = (" + SECOND_STAGE + ")",
    "no expulsion": "UPDATE eviction_stage SET stage = 'expulsion', stage_on = DATE '2024-12-26'"
    " WHERE id = (SELECT max(id) FROM eviction_stage)",
    "an expulsion closes": "UPDATE eviction_procedure SET outcome = 'expulsion'"
    " WHERE id = (SELECT min(id) FROM eviction_procedure WHERE outcome <> 'expulsion')",
    "a procedure closes": "UPDATE eviction_procedure SET closed_on = DATE '2000-01-01'"
    " WHERE id = (SELECT min(id) FROM eviction_procedure WHERE closed_on IS NOT NULL)",
    "every debt plan": "UPDATE debt_plan SET months = months + 1"
    " WHERE id = (SELECT min(id) FROM debt_plan)",
    "granted only": "UPDATE fsl_application SET amount_granted = amount_requested + 1"
    " WHERE id = (SELECT min(id) FROM fsl_application WHERE status = 'accordee')",
    "decided 1 to 3 months": "UPDATE fsl_application SET decided_on = submitted_on + 10"
    " WHERE id = (SELECT min(id) FROM fsl_application WHERE decided_on IS NOT NULL)",
    "a measure's planned end": "UPDATE support_measure SET planned_end_on = start_on + 3660"
    " WHERE id = (SELECT min(id) FROM support_measure WHERE kind = 'asll')",
    "reviews after the start": "UPDATE measure_review SET review_on = DATE '2000-01-01'"
    " WHERE id = (SELECT min(id) FROM measure_review)",
    "renewals move": "UPDATE measure_renewal SET new_end_on = previous_end_on"
    " WHERE id = (SELECT min(id) FROM measure_renewal)",
    "every code": "UPDATE mediation SET outcome = 'inconnu'"
    " WHERE id = (SELECT min(id) FROM mediation)",
    "dated within": "UPDATE support_action SET action_on = DATE '2000-01-01'"
    " WHERE id = (SELECT min(id) FROM support_action)",
    "written by": "UPDATE debt_plan SET created_by = 'quelquun'"
    " WHERE id = (SELECT min(id) FROM debt_plan)",
}


def broken(cur, rule: str) -> int:
    sql = RULES[rule]
    given = {**CODES, "today": clock.today()}
    return cur.execute(sql, {k: v for k, v in given.items() if "$" + k in sql}).fetchone()[0]


@pytest.fixture(scope="module")
def big_database(tmp_path_factory):
    """About 2,000 demo households, for the rates and for every code to appear."""
    path = tmp_path_factory.mktemp("demo-support") / "demo.duckdb"
    database = open_database(path, create=True)
    demo.create_demo_database(database, households=2000, seed=11)
    yield database
    close_database(path)


def test_every_support_table_has_rows_in_the_small_demo(demo_database):
    with demo_database.reading() as cur:
        counts = {t: cur.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in TABLES}
    assert all(counts.values()), counts


def test_the_small_demo_breaks_no_rule(demo_database):
    with demo_database.reading() as cur:
        assert {rule: broken(cur, rule) for rule in RULES} == dict.fromkeys(RULES, 0)


@pytest.mark.parametrize("rule", RULES)
def test_the_bigger_demo_keeps_each_rule(big_database, rule):
    with big_database.reading() as cur:
        assert broken(cur, rule) == 0


@pytest.mark.parametrize("start", BREAK)
def test_each_rule_finds_a_row_broken_on_purpose(big_database, start):
    (rule,) = [name for name in RULES if name.startswith(start)]
    cur = big_database.cursor()
    cur.begin()
    try:
        assert broken(cur, rule) == 0
        cur.execute(BREAK[start])
        assert broken(cur, rule) >= 1
    finally:
        cur.rollback()
        cur.close()


def test_each_rule_has_its_break():
    assert sorted(RULES) == sorted(n for n in RULES for s in BREAK if n.startswith(s))


def values_of(database, sql: str) -> set:
    with database.reading() as cur:
        return {row[0] for row in cur.execute(sql).fetchall()}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT stage FROM eviction_stage", catalog.EVICTION_STAGE),
        (
            "SELECT outcome FROM eviction_procedure WHERE outcome IS NOT NULL",
            catalog.EVICTION_OUTCOME,
        ),
        (
            "SELECT end_reason FROM support_measure WHERE end_reason IS NOT NULL",
            catalog.MEASURE_END_REASON,
        ),
        (
            "SELECT kind FROM support_measure",
            ["asll", "avdl", "mous", "equipe_mobile", "bail_sauvegarde"],
        ),
        ("SELECT status FROM debt_plan", catalog.DEBT_PLAN_STATUS),
        ("SELECT counterpart FROM mediation", catalog.MEDIATION_COUNTERPART),
        ("SELECT reason FROM mediation", catalog.MEDIATION_REASON),
        ("SELECT outcome FROM mediation", catalog.MEDIATION_OUTCOME),
        ("SELECT kind FROM fsl_application", catalog.FSL_KIND),
        ("SELECT form FROM fsl_application", catalog.FSL_FORM),
        ("SELECT status FROM fsl_application", catalog.FSL_STATUS),
        (
            "SELECT kind FROM support_action",
            [
                "negociation_plan",
                "negociation_huissier",
                "surendettement",
                "droits",
                "sante",
                "tribunal",
            ],
        ),
    ],
)
def test_every_code_appears_in_the_bigger_demo(big_database, sql, expected):
    assert values_of(big_database, sql) == set(expected)


@pytest.mark.parametrize(
    ("table", "low", "high"),
    [
        ("support_measure", 0.30, 0.40),
        ("eviction_procedure", 0.05, 0.11),
        ("debt_plan", 0.07, 0.13),
        ("mediation", 0.16, 0.24),
        ("fsl_application", 0.21, 0.29),
        ("support_action", 0.26, 0.34),
    ],
)
def test_rates_of_households_with_a_record_are_realistic(big_database, table, low, high):
    with big_database.reading() as cur:
        share = cur.execute(
            "SELECT (SELECT count(DISTINCT household_id) FROM " + table + ")"
            " / (SELECT count(*) FROM household)"
        ).fetchone()[0]
    assert low <= share <= high


def test_about_70_percent_of_decided_fsl_applications_are_granted(big_database):
    with big_database.reading() as cur:
        granted, decided = cur.execute(
            "SELECT count(*) FILTER (status = 'accordee'), count(*) FROM fsl_application"
            " WHERE decided_on IS NOT NULL"
        ).fetchone()
    assert decided >= 300
    assert 0.63 <= granted / decided <= 0.77


def test_to_do_shows_overdue_reviews_and_every_sort_of_item(big_database):
    today = clock.today()
    items = reports.to_do(big_database, None, today)
    overdue = items.filter(items["overdue"])
    assert overdue.filter(overdue["item"] == "bilan").height >= 5
    assert set(items["item"]) >= {"bilan", "fin_prevue", "etape", "fsl", "plan"}
    mine = reports.to_do(big_database, "social", today)
    assert 0 < mine.height < items.height and set(mine["referent"]) == {"social"}


def test_a_few_procedures_end_in_an_expulsion_others_close_without_or_still_run(big_database):
    with big_database.reading() as cur:
        expelled, closed, running = cur.execute(
            "SELECT count(*) FILTER (outcome = 'expulsion'),"
            " count(*) FILTER (outcome <> 'expulsion'), count(*) FILTER (closed_on IS NULL)"
            " FROM eviction_procedure"
        ).fetchone()
    assert 0 < expelled < closed and running > 0


def test_the_same_seed_gives_the_same_records(tmp_path):
    def records(folder) -> list:
        database = open_database(folder / "demo.duckdb", create=True)
        demo.create_demo_database(database, households=80, seed=5)
        with database.reading() as cur:
            # Times of day are drawn too, but one drawn later than now is held at now.
            rows = [
                cur.execute(
                    "SELECT COLUMNS(lambda c: c NOT IN ('created_at', 'updated_at')) FROM "
                    + table
                    + " ORDER BY id"
                ).fetchall()
                for table in TABLES
            ]
        close_database(folder / "demo.duckdb")
        return rows

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert records(tmp_path / "a") == records(tmp_path / "b")


def test_the_vectorised_calendar_is_lifecycle_s():
    days = np.arange(np.datetime64("2023-01-01"), np.datetime64("2025-12-31"))
    for months in (1, 3, 18):
        expected = [lifecycle.add_months(d.item(), months) for d in days]
        assert [d.item() for d in add_months(days, months)] == expected
    assert [bool(t) for t in in_truce(days)] == [lifecycle.in_winter_truce(d.item()) for d in days]
    truce = days[in_truce(days)]
    assert [d.item() for d in truce_end(truce)] == [lifecycle.truce_end(d.item()) for d in truce]

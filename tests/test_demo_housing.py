"""The demo's housing stock and capture pipeline (db/demo/housing.py, capture.py): present,
within the rules of db/housing (no two household leases share a day, leases within the
dwelling's time in the stock, slides as record_slide writes them, stage moves dated and in
order), codes from the catalogues, a size that follows the demo's. Each rule is one SQL
count of the rows that break it; each count is shown to find a row broken on purpose."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db import catalog, clock
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.demo.housing import TABLES

CODES = {
    "owner_kinds": list(catalog.OWNER_KIND),
    "programmes": list(catalog.PROGRAMME),
    "statuses": list(catalog.DWELLING_STATUS),
    "lease_kinds": list(catalog.LEASE_KIND),
    "end_reasons": list(catalog.LEASE_END_REASON),
    "stages": list(catalog.CAPTURE_STAGE),
    "sources": list(catalog.CAPTURE_SOURCE),
    "abandon_reasons": list(catalog.ABANDON_REASON),
    "incentives": list(catalog.INCENTIVE),
}
HOUSEHOLD_LEASE = "household_id IS NOT NULL"
# Each rule: the rows that break it. Parameters: CODES and $today.
RULES = {
    "no two household leases of a dwelling share a day": """
        SELECT count(*) FROM lease a JOIN lease b
            ON a.dwelling_id = b.dwelling_id AND a.id < b.id
        WHERE a.household_id IS NOT NULL AND b.household_id IS NOT NULL
          AND a.start_on <= coalesce(b.end_on, DATE '9999-12-31')
          AND b.start_on <= coalesce(a.end_on, DATE '9999-12-31')""",
    "a household holds one lease at a time": """
        SELECT count(*) FROM lease a JOIN lease b
            ON a.household_id = b.household_id AND a.id < b.id
        WHERE a.start_on <= coalesce(b.end_on, DATE '9999-12-31')
          AND b.start_on <= coalesce(a.end_on, DATE '9999-12-31')""",
    "every lease within its dwelling's time in the stock, ending after it starts": """
        SELECT count(*) FROM lease l JOIN dwelling d ON d.id = l.dwelling_id
        WHERE l.start_on < d.entered_on OR l.end_on < l.start_on OR l.start_on > $today
           OR (d.left_on IS NOT NULL AND (l.end_on IS NULL OR l.end_on > d.left_on))
           OR (l.end_on IS NULL) <> (l.end_reason IS NULL)""",
    "each dwelling has the association's lease over its whole time in the stock": """
        SELECT count(*) FROM dwelling d
        WHERE (SELECT count(*) FROM lease l WHERE l.dwelling_id = d.id
                 AND l.household_id IS NULL AND l.start_on = d.entered_on
                 AND l.end_on IS NOT DISTINCT FROM d.left_on
                 AND l.kind = CASE d.programme WHEN 'mandat_gestion' THEN 'mandat_gestion'
                                               ELSE 'bail_principal' END) <> 1
           OR EXISTS (SELECT 1 FROM lease l WHERE l.dwelling_id = d.id
                 AND (l.household_id IS NULL)
                     <> (l.kind IN ('bail_principal', 'mandat_gestion')))""",
    "a slid bail glissant ends the day before its slide, a direct lease from it": """
        SELECT count(*) FROM lease l
        WHERE (l.slid_on IS NOT NULL AND (l.kind <> 'bail_glissant'
                 OR l.end_on <> l.slid_on - 1 OR l.end_reason <> 'glissement'
                 OR l.planned_slide_on IS NULL OR l.slid_on <= l.start_on
                 OR NOT EXISTS (SELECT 1 FROM lease n WHERE n.dwelling_id = l.dwelling_id
                     AND n.household_id = l.household_id AND n.kind = 'bail_direct'
                     AND n.start_on = l.slid_on)))
           OR ((l.end_reason = 'glissement') <> (l.slid_on IS NOT NULL))
           OR (l.kind = 'bail_glissant' AND l.planned_slide_on IS NULL)
           OR (l.kind = 'bail_direct' AND NOT EXISTS (SELECT 1 FROM lease g
                 WHERE g.dwelling_id = l.dwelling_id AND g.household_id = l.household_id
                   AND g.slid_on = l.start_on))""",
    "a dwelling's status is what its leases and exit say today": """
        SELECT count(*) FROM dwelling d
        WHERE (d.status = 'restitue') <> (d.left_on IS NOT NULL)
           OR (d.status = 'occupe') <> EXISTS (SELECT 1 FROM lease l
                 WHERE l.dwelling_id = d.id AND l.household_id IS NOT NULL
                   AND l.start_on <= $today AND coalesce(l.end_on, $today) >= $today)""",
    "stage moves start at identifié, go forward, dated in order, the last one the lead's": """
        SELECT count(*) FROM (
            SELECT e.lead_id, e.moved_on, e.reason, c.stage AS lead_stage, c.stage_on,
                   list_position($stages, e.stage) AS rank,
                   lag(list_position($stages, e.stage)) OVER w AS previous_rank,
                   lag(e.moved_on) OVER w AS previous_on,
                   row_number() OVER w AS number, count(*) OVER (PARTITION BY e.lead_id) AS moves,
                   e.stage
            FROM capture_stage_event e JOIN capture_lead c ON c.id = e.lead_id
            WINDOW w AS (PARTITION BY e.lead_id ORDER BY e.id))
        WHERE rank <= previous_rank OR moved_on < previous_on OR moved_on > $today
           OR (number = 1 AND stage <> 'identifie') OR reason IS NOT NULL
           OR (number = moves AND (stage <> lead_stage OR moved_on <> stage_on))""",
    "an abandoned lead has its reason, after its last move, and no dwelling": """
        SELECT count(*) FROM capture_lead
        WHERE (abandoned_on IS NULL) <> (abandoned_reason IS NULL)
           OR abandoned_on < stage_on OR abandoned_on > $today
           OR (abandoned_on IS NOT NULL AND dwelling_id IS NOT NULL)
           OR NOT EXISTS (SELECT 1 FROM capture_stage_event e WHERE e.lead_id = capture_lead.id)""",
    "a converted lead has its dwelling and owner, signed before the entry, let on the lease": """
        SELECT count(*) FROM capture_lead c LEFT JOIN dwelling d ON d.id = c.dwelling_id
        WHERE (c.stage = 'mis_en_location' AND c.dwelling_id IS NULL)
           OR (c.dwelling_id IS NOT NULL AND (d.id IS NULL OR c.owner_id <> d.owner_id
               OR c.stage NOT IN ('convention_signee', 'mis_en_location')
               OR (SELECT moved_on FROM capture_stage_event e WHERE e.lead_id = c.id
                   AND e.stage = 'convention_signee') > d.entered_on
               OR (c.stage = 'mis_en_location' AND c.stage_on <> (SELECT min(start_on)
                   FROM lease l WHERE l.dwelling_id = d.id AND l.household_id IS NOT NULL))))""",
    "today's tenants are housed by their lease, the last dated situation the household's": """
        SELECT count(*) FROM lease l JOIN household h ON h.id = l.household_id
        WHERE l.end_on IS NULL AND (
            h.housing_situation <> CASE WHEN l.kind <> 'bail_direct'
                THEN 'sous_locataire_association' ELSE h.housing_situation END
            OR h.housing_situation NOT IN ('sous_locataire_association', 'locataire_prive',
                                           'locataire_social')
            OR h.housing_situation <> (SELECT last(situation ORDER BY from_on, id)
                FROM housing_situation_event e WHERE e.household_id = h.id))""",
    "every code from its catalogue": """
        SELECT (SELECT count(*) FROM owner WHERE NOT list_contains($owner_kinds, kind))
             + (SELECT count(*) FROM dwelling WHERE NOT list_contains($programmes, programme)
                    OR NOT list_contains($statuses, status))
             + (SELECT count(*) FROM lease WHERE NOT list_contains($lease_kinds, kind)
                    OR NOT list_contains($end_reasons, coalesce(end_reason, 'autre')))
             + (SELECT count(*) FROM capture_lead WHERE NOT list_contains($stages, stage)
                    OR NOT list_contains($sources, source)
                    OR NOT list_contains($owner_kinds, coalesce(owner_kind, 'sci'))
                    OR NOT list_contains($abandon_reasons, coalesce(abandoned_reason, 'autre'))
                    OR NOT list_has_all($incentives, incentives))""",
}
SECOND_EVENT = (
    "SELECT max(e.id) FROM capture_stage_event e WHERE EXISTS (SELECT 1 FROM"
    " capture_stage_event p WHERE p.lead_id = e.lead_id AND p.id < e.id)"
)
FOLLOWED = (  # a household lease that another household lease of its dwelling follows
    "SELECT min(a.id) FROM lease a JOIN lease b ON a.dwelling_id = b.dwelling_id"
    " AND b.start_on > a.end_on WHERE a.household_id IS NOT NULL AND b.household_id IS NOT NULL"
)
BREAK = {
    "no two household leases": "UPDATE lease SET end_on = NULL, end_reason = NULL"
    " WHERE id = (" + FOLLOWED + ")",
    "a household holds": "UPDATE lease SET start_on = start_on - 1"
    " WHERE id = (SELECT min(id) FROM lease WHERE kind = 'bail_direct')",
    "every lease within": "UPDATE lease SET start_on = DATE '2000-01-01'"
    " WHERE id = (SELECT min(id) FROM lease WHERE " + HOUSEHOLD_LEASE + ")",
    "each dwelling has": "UPDATE lease SET end_on = start_on + 10, end_reason = 'autre'"
    " WHERE id = (SELECT min(id) FROM lease WHERE kind = 'bail_principal' AND end_on IS NULL)",
    "a slid bail glissant": "UPDATE lease SET end_on = slid_on"
    " WHERE id = (SELECT min(id) FROM lease WHERE slid_on IS NOT NULL)",
    "a dwelling's status": "UPDATE dwelling SET status = 'vacant'"
    " WHERE id = (SELECT min(id) FROM dwelling WHERE status = 'occupe')",
    "stage moves": "UPDATE capture_stage_event SET moved_on = DATE '2000-01-01'"
    " WHERE id = (" + SECOND_EVENT + ")",
    "an abandoned lead": "UPDATE capture_lead SET abandoned_reason = NULL"
    " WHERE id = (SELECT min(id) FROM capture_lead WHERE abandoned_on IS NOT NULL)",
    "a converted lead": "UPDATE capture_lead SET dwelling_id = NULL"
    " WHERE id = (SELECT min(id) FROM capture_lead WHERE stage = 'mis_en_location')",
    "today's tenants": "UPDATE household SET housing_situation = 'sans_domicile'"
    " WHERE id = (SELECT min(household_id) FROM lease WHERE end_on IS NULL)",
    "every code": "UPDATE dwelling SET programme = 'inconnu' WHERE id = 1",
}


def broken(cur, rule: str) -> int:
    sql = RULES[rule]
    given = {**CODES, "today": clock.today()}
    return cur.execute(sql, {k: v for k, v in given.items() if "$" + k in sql}).fetchall()[0][0]


@pytest.fixture(scope="module")
def big_database(tmp_path_factory):
    """About 2,000 demo households, for every code to appear and the stock's size."""
    path = tmp_path_factory.mktemp("demo-housing") / "demo.duckdb"
    database = open_database(path, create=True)
    demo.create_demo_database(database, households=2000, seed=11)
    yield database
    close_database(path)


def counts(database) -> dict[str, int]:
    with database.reading() as cur:
        return {t: cur.execute("SELECT count(*) FROM " + t).fetchall()[0][0] for t in TABLES}


def test_every_housing_table_has_rows_in_the_small_demo(demo_database):
    found = counts(demo_database)
    assert all(found.values()), found


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
        ("SELECT kind FROM owner", catalog.OWNER_KIND),
        ("SELECT programme FROM dwelling", catalog.PROGRAMME),
        ("SELECT status FROM dwelling", catalog.DWELLING_STATUS),
        ("SELECT typology FROM dwelling", catalog.TYPOLOGY),
        ("SELECT kind FROM lease", catalog.LEASE_KIND),
        ("SELECT end_reason FROM lease WHERE end_reason IS NOT NULL", catalog.LEASE_END_REASON),
        ("SELECT stage FROM capture_lead", catalog.CAPTURE_STAGE),
        ("SELECT stage FROM capture_stage_event", catalog.CAPTURE_STAGE),
        ("SELECT source FROM capture_lead", catalog.CAPTURE_SOURCE),
        (
            "SELECT abandoned_reason FROM capture_lead WHERE abandoned_reason IS NOT NULL",
            catalog.ABANDON_REASON,
        ),
        ("SELECT unnest(incentives) FROM capture_lead", catalog.INCENTIVE),
    ],
)
def test_every_code_appears_in_the_bigger_demo(big_database, sql, expected):
    assert values_of(big_database, sql) == set(expected)


def test_the_stock_follows_the_demo_s_size(big_database):
    found = counts(big_database)
    assert 180 <= found["dwelling"] <= 300
    assert found["owner"] < found["dwelling"] < found["lease"]
    assert found["capture_lead"] > found["dwelling"] / 2


def test_vacancy_between_occupants_is_a_few_weeks(big_database):
    today = clock.today()
    year = {"start": date(today.year - 1, 1, 1), "end": date(today.year - 1, 12, 31)}
    rate = queries.run(big_database, "housing/occupancy", **year)["stock_occupancy_rate"][0]
    assert 0.75 <= rate <= 0.97
    with big_database.reading() as cur:
        gap = cur.execute(
            "SELECT median(b.start_on - a.end_on - 1) FROM lease a JOIN lease b"
            " ON a.dwelling_id = b.dwelling_id AND b.start_on > a.end_on"
            " AND a.household_id IS NOT NULL AND b.household_id IS NOT NULL"
            " AND a.end_reason <> 'glissement' WHERE NOT EXISTS (SELECT 1 FROM lease m"
            " WHERE m.dwelling_id = a.dwelling_id AND m.household_id IS NOT NULL"
            " AND m.start_on > a.end_on AND m.start_on < b.start_on)"
        ).fetchall()[0][0]
    assert 7 <= gap <= 60


def test_the_funnel_and_the_capture_reports_have_something_to_show(big_database):
    today = clock.today()
    years = {"start": date(today.year - 6, 1, 1), "end": today}
    funnel = queries.run(big_database, "housing/funnel", **years)
    assert funnel["entered"].min() > 0
    assert queries.run(big_database, "housing/captured_by_year", **years).height >= 4
    assert queries.run(big_database, "housing/abandon_reasons", **years).height >= 5


def test_the_same_seed_gives_the_same_stock(tmp_path):
    def records(folder) -> list:
        database = open_database(folder / "demo.duckdb", create=True)
        demo.create_demo_database(database, households=80, seed=5)
        with database.reading() as cur:
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

"""What goes into the analytics database, column by column, and how it is pseudonymised.

Every table and every column is named here with a decision; a table or column of the main
database that is not named (a later migration) is left out of the analytics file, with a
warning in the log, until someone decides (tests/test_analytics_build.py fails meanwhile).

Treatments:
- kept as is: codes (status, kind, commune, postal code…), dates, amounts, counts;
- pseudonymised: every identifier that leads back to a household, a person or a record of
  theirs becomes `left(sha256(salt:entity:id), 16)`, 16 hex characters. The same id gives
  the same pseudonym in every table (household.id = lease.household_id…) and across
  rebuilds; another salt gives others. The salt is bound as a parameter, never stored.
  Staff usernames (referent, author, created_by, updated_by, recorded_by, assignee,
  moved_by) become a `worker` pseudonym, the same for one person everywhere;
- reduced: person.birth_date becomes birth_year;
- dropped: names, phone numbers, e-mails, street addresses, search and name keys, file
  numbers, and every free text (a typed sentence may hold a name); every `version` (the
  optimistic lock's counter); the own `id` of contact, resource, household_status_event,
  housing_situation_event and measure_review (millions of rows, referenced by no other
  table: hashing them was a third of the build's time at 1 000 000 households).

Decisions on the VARCHAR columns of the main schema (migrations 001 to 008):
- household: file_number dropped (one per household, the id's pseudonym does its work);
  head_name, address, phone, email, search_key dropped; referent, created_by, updated_by
  worker; status, postal_code, commune, family_type, housing_situation, prescriber (a code
  here), request_type, close_reason kept (codes from the catalogue).
- person: last_name, first_name, name_key dropped; birth_date → birth_year; role, sex kept.
- contact: summary and private_note dropped (free text); author worker; channel kept.
- support_measure: prescriber dropped (typed freely, may name a person); kind, end_reason kept.
- measure_review: outcome dropped (free text: the review's conclusion).
- fsl_application: refusal_reason dropped (free text); kind, form, status kept.
- eviction_procedure: landlord dropped (free text, may be a private person); outcome kept.
- eviction_stage: stage kept.
- debt_plan: creditor dropped (free text, may be a private person); status kept.
- mediation: counterpart, reason, outcome kept (codes).
- support_action: note dropped (free text); kind kept.
- support_catalog: every column kept (the association's lists of measures and actions).
- owner: name, phone, email, address dropped (often a private person); kind, postal_code,
  commune kept; id pseudonymised (owner).
- dwelling: address dropped; postal_code, commune, typology, energy_class, programme,
  status kept; id, owner_id pseudonymised (a dwelling id would lead to its address).
- lease: kind, end_reason kept; ids pseudonymised.
- capture_lead: owner_name, owner_phone, owner_email, address, works_needed (free text)
  dropped; owner_kind, postal_code, commune, typology, incentives, source, stage,
  abandoned_reason (a code) kept; assignee worker.
- capture_stage_event: reason dropped (free text); stage kept; moved_by worker.
- household_status_event, housing_situation_event: event, close_reason, situation kept.
- setting: key and value kept (the association's settings, no secret: secrets live in
  .streamlit/secrets.toml); updated_by worker.
- file_counter, household_follow_span: kept (counts and dates).
Left out: users (accounts, e-mails, password hashes), audit_log and access_log (who did
what, with names in their diffs), schema_migration (replaced by analytics_build),
console_log and saved_query (the console's own tables: who asked what).
"""

from __future__ import annotations

from dataclasses import dataclass, field

KEEP = "keep"
DROP = "drop"
YEAR = "year"
WORKER = "worker"


@dataclass(frozen=True)
class Table:
    """One table's columns: kept, dropped, or pseudonymised as the named entity."""

    keep: str = ""
    drop: str = ""
    ids: dict[str, str] = field(default_factory=dict)
    workers: str = "created_by updated_by"
    years: dict[str, str] = field(default_factory=dict)

    def treatments(self) -> dict[str, str]:
        found = {"version": DROP}  # the optimistic lock's counter: nothing to analyse
        found |= {name: KEEP for name in self.keep.split()}
        found |= {name: DROP for name in self.drop.split()}
        found |= {name: WORKER for name in self.workers.split()}
        found |= {name: YEAR for name in self.years}
        return found | self.ids


def _ids(entity: str, **others: str) -> dict[str, str]:
    """The table's own id as `entity`, and its other id columns as the entities named."""
    return {"id": entity, **others}


HOUSEHOLD = "household"
STAMPS = "created_at updated_at"
TABLES: dict[str, Table] = {
    "household": Table(
        keep=f"status postal_code commune family_type housing_situation prescriber "
        f"request_type consent_on anonymous opened_on last_contact_on closed_on close_reason "
        f"{STAMPS}",
        drop="file_number head_name address phone email search_key",
        ids=_ids(HOUSEHOLD),
        workers="referent created_by updated_by",
    ),
    "person": Table(
        keep="role sex joined_on left_on updated_at",
        drop="last_name first_name name_key",
        ids=_ids("person", household_id=HOUSEHOLD),
        workers="updated_by",
        years={"birth_date": "birth_year"},
    ),
    "resource": Table(
        keep="kind monthly_amount valid_from valid_until updated_at",
        drop="id",
        ids={"household_id": HOUSEHOLD, "person_id": "person"},
        workers="updated_by",
    ),
    "contact": Table(
        keep="contact_on channel created_at updated_at",
        drop="id summary private_note",
        ids={"household_id": HOUSEHOLD},
        workers="author updated_by",
    ),
    "household_status_event": Table(
        keep="event occurred_on close_reason recorded_at",
        drop="id",
        ids={"household_id": HOUSEHOLD},
        workers="recorded_by",
    ),
    "housing_situation_event": Table(
        keep="situation from_on recorded_at",
        drop="id",
        ids={"household_id": HOUSEHOLD},
        workers="recorded_by",
    ),
    "household_follow_span": Table(
        keep="from_on to_on", ids={"household_id": HOUSEHOLD}, workers=""
    ),
    # An anonymised household's rehousing days (migration 014): what the rehousing figures count.
    "household_rehousing": Table(keep="rehoused_on", ids={"household_id": HOUSEHOLD}, workers=""),
    "file_counter": Table(keep="year last_number", workers=""),
    "setting": Table(keep="key value updated_at", workers="updated_by"),
    "support_catalog": Table(keep="list code label position max_months active", workers=""),
    "support_measure": Table(
        keep=f"kind start_on planned_end_on plan_signed_on end_on end_reason {STAMPS}",
        drop="prescriber",
        ids=_ids("support_measure", household_id=HOUSEHOLD),
    ),
    "measure_review": Table(
        keep="review_on created_at",
        drop="id outcome",
        ids={"measure_id": "support_measure", "household_id": HOUSEHOLD},
        workers="created_by",
    ),
    "measure_renewal": Table(
        keep="renewed_on previous_end_on new_end_on created_at",
        ids=_ids("measure_renewal", measure_id="support_measure", household_id=HOUSEHOLD),
        workers="created_by",
    ),
    "eviction_procedure": Table(
        keep=f"closed_on outcome {STAMPS}",
        drop="landlord",
        ids=_ids("eviction_procedure", household_id=HOUSEHOLD),
    ),
    "eviction_stage": Table(
        keep="stage stage_on arrears created_at",
        ids=_ids("eviction_stage", procedure_id="eviction_procedure", household_id=HOUSEHOLD),
        workers="created_by",
    ),
    "debt_plan": Table(
        keep=f"total_debt instalment months start_on status {STAMPS}",
        drop="creditor",
        ids=_ids("debt_plan", household_id=HOUSEHOLD),
    ),
    "mediation": Table(
        keep=f"counterpart reason mediation_on outcome {STAMPS}",
        ids=_ids("mediation", household_id=HOUSEHOLD),
    ),
    "fsl_application": Table(
        keep=f"kind form amount_requested amount_granted submitted_on decided_on status {STAMPS}",
        drop="refusal_reason",
        ids=_ids("fsl_application", household_id=HOUSEHOLD),
    ),
    "support_action": Table(
        keep=f"kind action_on {STAMPS}",
        drop="note",
        ids=_ids("support_action", household_id=HOUSEHOLD),
    ),
    "owner": Table(
        keep=f"kind postal_code commune {STAMPS}",
        drop="name phone email address",
        ids=_ids("owner"),
    ),
    "dwelling": Table(
        keep=f"postal_code commune typology surface floor rent charges energy_class "
        f"programme status entered_on left_on {STAMPS}",
        drop="address",
        ids=_ids("dwelling", owner_id="owner"),
    ),
    "lease": Table(
        keep=f"kind start_on end_on end_reason rent planned_slide_on slid_on {STAMPS}",
        ids=_ids("lease", dwelling_id="dwelling", household_id=HOUSEHOLD),
    ),
    "capture_lead": Table(
        keep=f"owner_kind postal_code commune typology proposed_rent market_rent incentives "
        f"source stage stage_on abandoned_on abandoned_reason {STAMPS}",
        drop="owner_name owner_phone owner_email address works_needed",
        ids=_ids("capture_lead", owner_id="owner", dwelling_id="dwelling"),
        workers="assignee created_by updated_by",
    ),
    "capture_stage_event": Table(
        keep="stage moved_on created_at",
        drop="reason",
        ids=_ids("capture_stage_event", lead_id="capture_lead"),
        workers="moved_by created_by",
    ),
}
# Tables of the main database that never go into the analytics file.
LEFT_OUT = frozenset(
    {
        "users",
        "audit_log",
        "access_log",
        "schema_migration",
        "console_log",
        "saved_query",
        "backup_log",  # the backups' own record: file names and counts, nothing to analyse
        "anonymisation_hold",  # the administrator's reasons for keeping a file: free text
        "import_log",  # who imported which file: the imports' own record
        "import_ref",  # the association's own references, which may spell a name
    }
)
# Views and macros of the main schema copied as they are (they read the tables above).
VIEWS = ("household_last_contact",)
MACROS = ("fold", "association_tenant")

PSEUDONYM_NOTE = " — pseudonyme"
WORKER_NOTE = " — pseudonyme de la personne de l'équipe"
YEAR_NOTE = "Année de naissance (la date de naissance réduite à l'année)"


def ident(name: str) -> str:
    """A quoted SQL identifier (names come from this module or the schema, never input)."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal, for the statements that take no bound parameter (ATTACH,
    COMMENT ON)."""
    return "'" + text.replace("'", "''") + "'"


def statement(template: str, **parts: str) -> str:
    """`template` with its {parts}, each already quoted by ident() or literal()."""
    return template.format(**parts)


# Entities whose pseudonyms are computed once per build into a temporary table of the
# build's own cursor (never in the analytics file) and joined: hashing a household id
# once rather than in each of the millions of rows that name it. Others are hashed in place.
MAPPED = {"household": "household", "person": "person", WORKER: "users"}


def hashed(value_sql: str, entity: str) -> str:
    """The pseudonym of `value_sql` as `entity`: 16 hex digits of sha256(salt:entity:value)."""
    return statement(
        "left(sha256($salt || {e} || CAST({v} AS VARCHAR)), 16)",
        e=literal(f":{entity}:"),
        v=value_sql,
    )


def map_table(entity: str) -> str:
    return ident(f"pseudonym_{entity}")


def map_sql(entity: str) -> str:
    """The temporary table of one mapped entity: key → pseudonym."""
    key = "username" if entity == WORKER else "id"
    return statement(
        "CREATE TEMP TABLE {m} AS SELECT {k} AS key, {h} AS pseudonym FROM main.{t}",
        m=map_table(entity),
        k=ident(key),
        h=hashed(ident(key), entity),
        t=ident(MAPPED[entity]),
    )


def column_sql(name: str, treatment: str, renamed: str | None = None) -> tuple[str | None, str]:
    """The SELECT expression of one column of the analytics table (None when dropped) and
    the join it needs ("" if none). `$salt` is bound by the caller; names and entities come
    from TABLES, never from input. The source table is aliased `t`."""
    column = statement("t.{c}", c=ident(name))
    if treatment == KEEP:
        return column, ""
    if treatment == DROP:
        return None, ""
    if treatment == YEAR:
        return statement("CAST(year({c}) AS INTEGER) AS {r}", c=column, r=ident(renamed)), ""
    if treatment not in MAPPED:
        return statement("{h} AS {c}", h=hashed(column, treatment), c=ident(name)), ""
    alias = ident(f"m_{name}")
    join = statement(
        "LEFT JOIN {m} AS {a} ON {a}.key = {c}", m=map_table(treatment), a=alias, c=column
    )
    # A username missing from users (the demo loader, a deleted account) is hashed in place.
    found = statement("{a}.pseudonym", a=alias)
    if treatment == WORKER:
        found = statement("coalesce({p}, {h})", p=found, h=hashed(column, treatment))
    return statement("{v} AS {c}", v=found, c=ident(name)), join


def column_comment(comment: str | None, treatment: str) -> str | None:
    """The French description of the analytics column: the main one, with a note when the
    value was changed."""
    if treatment == YEAR:
        return YEAR_NOTE
    if comment is None or treatment == KEEP:
        return comment
    return comment + (WORKER_NOTE if treatment == WORKER else PSEUDONYM_NOTE)

-- Members dated: the day each joined the household and the day each left it, so that
-- the persons of a household can be counted on any day (the indicators give persons
-- beside households). A member who leaves is no longer deleted: their row is kept,
-- dated, as their resources already were.
-- A member declared at the intake has no date of arrival: they were in the household
-- when it came (even on a day before its file was opened, a rehousing for instance).
-- Backfill: those the audit log shows added after their file was created joined on the
-- day they were added; the others were declared at the intake.
-- Members removed before this migration were deleted; they cannot be counted.
-- DuckDB refuses to alter a table that an index depends on: the index is dropped first.

DROP INDEX person_household_idx;
ALTER TABLE person ADD COLUMN joined_on DATE;
ALTER TABLE person ADD COLUMN left_on DATE;
COMMENT ON COLUMN person.joined_on IS 'Date d''arrivée dans le ménage d''un membre ajouté après l''accueil (vide : membre déclaré à l''accueil, déjà là avant)';
COMMENT ON COLUMN person.left_on IS 'Date de départ du ménage : premier jour où la personne n''en fait plus partie (vide : toujours membre)';

UPDATE person SET joined_on = added.added_on
FROM (
    SELECT p.id AS person_id, CAST(min(a.occurred_at) AS DATE) AS added_on
    FROM person p
    JOIN audit_log a ON a.entity = 'person' AND a.action = 'create'
        AND a.entity_id = CAST(p.id AS VARCHAR)
    GROUP BY p.id
) AS added
JOIN (
    SELECT CAST(entity_id AS BIGINT) AS household_id,
           CAST(min(occurred_at) AS DATE) AS created_on
    FROM audit_log
    WHERE entity = 'household' AND action = 'create'
    GROUP BY entity_id
) AS files ON true
WHERE added.person_id = person.id
  AND files.household_id = person.household_id
  AND added.added_on > files.created_on;

CREATE INDEX person_household_idx ON person (household_id);

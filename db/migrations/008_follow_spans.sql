-- The periods of follow-up of each household, one row per period: from an opening
-- (ouverture or reouverture) to the next event of its status history (the closing),
-- open while none follows. The indicators read "followed in a period" here instead of
-- rebuilding the periods from household_status_event with a window at each query.
-- Kept in step by db/households/writes.py (record_status) and the demo generator, both
-- through db/households/spans.py, whose SELECT is the one of the backfill below.

CREATE TABLE household_follow_span (
    household_id BIGINT NOT NULL,
    from_on DATE NOT NULL,
    to_on DATE
);
COMMENT ON TABLE household_follow_span IS 'Périodes de suivi d''un ménage, tirées de l''historique des statuts : de chaque ouverture ou réouverture à la clôture suivante (mises à jour avec l''historique)';
COMMENT ON COLUMN household_follow_span.household_id IS 'Ménage';
COMMENT ON COLUMN household_follow_span.from_on IS 'Premier jour de suivi : date de l''ouverture ou de la réouverture';
COMMENT ON COLUMN household_follow_span.to_on IS 'Dernier jour de suivi : date de la clôture qui suit (vide : dossier toujours ouvert)';

INSERT INTO household_follow_span (household_id, from_on, to_on)
SELECT household_id, occurred_on, next_on
FROM (
    SELECT household_id, event, occurred_on,
           lead(occurred_on) OVER (PARTITION BY household_id ORDER BY occurred_on, id) AS next_on
    FROM household_status_event
) AS spans
WHERE event IN ('ouverture', 'reouverture');

CREATE INDEX follow_span_household_idx ON household_follow_span (household_id);

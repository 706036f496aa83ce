-- Anonymisation that respects the living file (issue 18).
-- 1. What holds a closed file back: anything still running (a lease of the household
--    without end or ending later, a debt plan in progress, an FSL application awaiting
--    its decision, an open eviction procedure, an open support measure), and the files an
--    administrator held back with a reason. One definition, read by the admin's list and
--    checked again by the anonymisation itself.
-- 2. An anonymised household keeps no link to an address: its leases stay the dwelling's
--    (kind, dates, rent: the stock's occupancy is unchanged) without their household; the
--    household keeps only the days it was rehoused (exact: a period may start on any day,
--    and the rehousing figures must not move), without the lease's kind, end or dwelling.
--    « Occupied » is therefore read from the lease's kind (a household lease: sous-location,
--    bail glissant, bail direct), no longer from its household column.

CREATE TABLE anonymisation_hold (
    household_id BIGINT PRIMARY KEY REFERENCES household (id),
    reason VARCHAR NOT NULL,
    held_at TIMESTAMP NOT NULL,
    held_by VARCHAR NOT NULL
);
COMMENT ON TABLE anonymisation_hold IS 'Dossiers clos que l''administration garde hors de l''anonymisation, avec le motif';
COMMENT ON COLUMN anonymisation_hold.household_id IS 'Ménage gardé';
COMMENT ON COLUMN anonymisation_hold.reason IS 'Motif (besoin légal ou probatoire)';
COMMENT ON COLUMN anonymisation_hold.held_at IS 'Date et heure de la décision';
COMMENT ON COLUMN anonymisation_hold.held_by IS 'Décidé par (identifiant)';

CREATE TABLE household_rehousing (
    household_id BIGINT NOT NULL REFERENCES household (id),
    rehoused_on DATE NOT NULL
);
COMMENT ON TABLE household_rehousing IS 'Relogements par un bail de l''association d''un ménage anonymisé : le jour seulement, sans le bail ni le logement';
COMMENT ON COLUMN household_rehousing.household_id IS 'Ménage anonymisé';
COMMENT ON COLUMN household_rehousing.rehoused_on IS 'Jour du relogement (début du bail)';

-- Every reason a closed file is not proposed for anonymisation on `day`, one row each:
-- reason (bail, plan, fsl, procedure, mesure, garde), since (a date, when known), detail
-- (the lease's or measure's kind, the FSL status, the admin's reason).
CREATE MACRO anonymisation_blocks(day) AS TABLE
    SELECT household_id, 'bail' AS reason, start_on AS since, kind AS detail
    FROM lease
    WHERE household_id IS NOT NULL AND (end_on IS NULL OR end_on >= day)
    UNION ALL
    SELECT household_id, 'plan', start_on, NULL FROM debt_plan WHERE status = 'en_cours'
    UNION ALL
    SELECT household_id, 'fsl', coalesce(submitted_on, CAST(created_at AS DATE)), status
    FROM fsl_application WHERE status IN ('brouillon', 'deposee', 'ajournee')
    UNION ALL
    SELECT p.household_id, 'procedure',
           coalesce((SELECT min(s.stage_on) FROM eviction_stage s WHERE s.procedure_id = p.id),
                    CAST(p.created_at AS DATE)),
           NULL
    FROM eviction_procedure p WHERE p.closed_on IS NULL
    UNION ALL
    SELECT household_id, 'mesure', start_on, kind FROM support_measure WHERE end_on IS NULL
    UNION ALL
    SELECT household_id, 'garde', CAST(held_at AS DATE), reason FROM anonymisation_hold;

CREATE OR REPLACE MACRO dwelling_state(did, day) AS (
    SELECT CASE
        WHEN state_d.entered_on > day THEN 'prevu'
        WHEN state_d.left_on IS NOT NULL AND state_d.left_on < day THEN 'restitue'
        WHEN EXISTS (
            SELECT 1
            FROM lease state_l
            WHERE state_l.dwelling_id = state_d.id
              AND state_l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
              AND state_l.start_on <= day
              AND (state_l.end_on IS NULL OR state_l.end_on >= day)
        ) THEN 'occupe'
        WHEN state_d.status = 'travaux' THEN 'travaux'
        ELSE 'vacant'
    END
    FROM dwelling state_d
    WHERE state_d.id = did
);

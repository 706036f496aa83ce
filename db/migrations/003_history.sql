-- History in the schema: dated status and housing-situation changes, dated resources,
-- a version per editable record, the last contact derived from the contacts.
-- DuckDB refuses to alter a table that an index depends on: the indexes are dropped
-- first and created again at the end.

DROP INDEX person_household_idx;
DROP INDEX resource_household_idx;
DROP INDEX contact_household_idx;

CREATE SEQUENCE household_status_event_id_seq;
CREATE TABLE household_status_event (
    id BIGINT PRIMARY KEY DEFAULT nextval('household_status_event_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    event VARCHAR NOT NULL,
    occurred_on DATE NOT NULL,
    close_reason VARCHAR,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by VARCHAR NOT NULL
);
COMMENT ON TABLE household_status_event IS 'Historique du statut d''un dossier : ouverture, clôture, réouverture (jamais écrasé)';
COMMENT ON COLUMN household_status_event.id IS 'Identifiant de l''événement';
COMMENT ON COLUMN household_status_event.household_id IS 'Ménage';
COMMENT ON COLUMN household_status_event.event IS 'Événement : ouverture, cloture, reouverture';
COMMENT ON COLUMN household_status_event.occurred_on IS 'Date de l''événement (date de clôture pour une clôture)';
COMMENT ON COLUMN household_status_event.close_reason IS 'Motif de clôture (pour une clôture)';
COMMENT ON COLUMN household_status_event.recorded_at IS 'Date et heure de saisie';
COMMENT ON COLUMN household_status_event.recorded_by IS 'Saisi par (identifiant)';

INSERT INTO household_status_event (household_id, event, occurred_on, recorded_at, recorded_by)
SELECT id, 'ouverture', opened_on, created_at, created_by FROM household
WHERE opened_on IS NOT NULL;
INSERT INTO household_status_event
    (household_id, event, occurred_on, close_reason, recorded_at, recorded_by)
SELECT id, 'cloture', closed_on, close_reason, updated_at, updated_by FROM household
WHERE status = 'clos' AND closed_on IS NOT NULL;

CREATE SEQUENCE housing_situation_event_id_seq;
CREATE TABLE housing_situation_event (
    id BIGINT PRIMARY KEY DEFAULT nextval('housing_situation_event_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    situation VARCHAR NOT NULL,
    from_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by VARCHAR NOT NULL
);
COMMENT ON TABLE housing_situation_event IS 'Situation de logement d''un ménage, datée : celle de l''accueil puis chaque changement';
COMMENT ON COLUMN housing_situation_event.id IS 'Identifiant de l''événement';
COMMENT ON COLUMN housing_situation_event.household_id IS 'Ménage';
COMMENT ON COLUMN housing_situation_event.situation IS 'Situation de logement (sans_domicile, heberge_tiers, locataire_prive…)';
COMMENT ON COLUMN housing_situation_event.from_on IS 'Date à partir de laquelle la situation vaut';
COMMENT ON COLUMN housing_situation_event.recorded_at IS 'Date et heure de saisie';
COMMENT ON COLUMN housing_situation_event.recorded_by IS 'Saisi par (identifiant)';

INSERT INTO housing_situation_event (household_id, situation, from_on, recorded_at, recorded_by)
SELECT id, housing_situation, opened_on, created_at, created_by FROM household
WHERE housing_situation IS NOT NULL AND opened_on IS NOT NULL;

ALTER TABLE resource ADD COLUMN valid_from DATE;
ALTER TABLE resource ADD COLUMN valid_until DATE;
UPDATE resource SET valid_from = h.opened_on FROM household h WHERE h.id = resource.household_id;
COMMENT ON COLUMN resource.valid_from IS 'Date à partir de laquelle la ressource est perçue';
COMMENT ON COLUMN resource.valid_until IS 'Date de fin de la ressource (vide : toujours perçue)';

-- A version per editable record: a colleague's change to one record leaves the others' forms valid.
ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE person ADD COLUMN updated_at TIMESTAMP;
ALTER TABLE person ADD COLUMN updated_by VARCHAR;
COMMENT ON COLUMN person.version IS 'Version de la fiche (verrouillage optimiste)';
COMMENT ON COLUMN person.updated_at IS 'Dernière modification';
COMMENT ON COLUMN person.updated_by IS 'Auteur de la dernière modification (identifiant)';
ALTER TABLE resource ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE resource ADD COLUMN updated_at TIMESTAMP;
ALTER TABLE resource ADD COLUMN updated_by VARCHAR;
COMMENT ON COLUMN resource.version IS 'Version de la ressource (verrouillage optimiste)';
COMMENT ON COLUMN resource.updated_at IS 'Dernière modification';
COMMENT ON COLUMN resource.updated_by IS 'Auteur de la dernière modification (identifiant)';
ALTER TABLE contact ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contact ADD COLUMN updated_at TIMESTAMP;
ALTER TABLE contact ADD COLUMN updated_by VARCHAR;
COMMENT ON COLUMN contact.version IS 'Version du contact (verrouillage optimiste)';
COMMENT ON COLUMN contact.updated_at IS 'Dernière modification';
COMMENT ON COLUMN contact.updated_by IS 'Auteur de la dernière modification (identifiant)';

-- The last contact is derived from the contacts: recording one no longer touches the household.
-- DuckDB cannot drop a column of a table that foreign keys reference: the old column stays,
-- emptied, and says where to look.
UPDATE household SET last_contact_on = NULL;
COMMENT ON COLUMN household.last_contact_on IS 'Obsolète, toujours vide : le dernier contact se lit dans la vue household_last_contact';
CREATE VIEW household_last_contact AS
SELECT household_id, max(contact_on) AS last_contact_on FROM contact GROUP BY household_id;
COMMENT ON VIEW household_last_contact IS 'Date du dernier contact de chaque ménage, tirée des contacts';
COMMENT ON COLUMN household_last_contact.household_id IS 'Ménage';
COMMENT ON COLUMN household_last_contact.last_contact_on IS 'Date du dernier contact enregistré';

CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX resource_household_idx ON resource (household_id);
CREATE INDEX contact_household_idx ON contact (household_id);
CREATE INDEX status_event_household_idx ON household_status_event (household_id);
CREATE INDEX housing_event_household_idx ON housing_situation_event (household_id);

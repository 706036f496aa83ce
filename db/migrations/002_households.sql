-- Households: the intake fields of a file, members' details, resources, contacts.

ALTER TABLE household ADD COLUMN head_name VARCHAR;
ALTER TABLE household ADD COLUMN address VARCHAR;
ALTER TABLE household ADD COLUMN phone VARCHAR;
ALTER TABLE household ADD COLUMN email VARCHAR;
ALTER TABLE household ADD COLUMN family_type VARCHAR;
ALTER TABLE household ADD COLUMN housing_situation VARCHAR;
ALTER TABLE household ADD COLUMN prescriber VARCHAR;
ALTER TABLE household ADD COLUMN request_type VARCHAR;
ALTER TABLE household ADD COLUMN consent_on DATE;
ALTER TABLE household ADD COLUMN anonymous BOOLEAN DEFAULT false;
ALTER TABLE household ADD COLUMN opened_on DATE;
ALTER TABLE household ADD COLUMN last_contact_on DATE;
ALTER TABLE household ADD COLUMN closed_on DATE;
ALTER TABLE household ADD COLUMN close_reason VARCHAR;
ALTER TABLE household ADD COLUMN search_key VARCHAR;
COMMENT ON COLUMN household.head_name IS 'Nom et prénom du chef de ménage (copie pour la liste)';
COMMENT ON COLUMN household.address IS 'Adresse postale';
COMMENT ON COLUMN household.phone IS 'Téléphone du ménage';
COMMENT ON COLUMN household.email IS 'Adresse e-mail du ménage';
COMMENT ON COLUMN household.family_type IS 'Composition : isole, couple, monoparentale, couple_enfants, autre';
COMMENT ON COLUMN household.housing_situation IS 'Situation de logement à l''accueil (sans_domicile, heberge_tiers, locataire_prive…)';
COMMENT ON COLUMN household.prescriber IS 'Prescripteur : qui a orienté le ménage (ccas, ccapex, siao, caf…)';
COMMENT ON COLUMN household.request_type IS 'Type de demande : acces (accès au logement) ou maintien';
COMMENT ON COLUMN household.consent_on IS 'Date du consentement au traitement des données (vide : contact anonyme)';
COMMENT ON COLUMN household.anonymous IS 'Vrai : contact anonyme, sans nom ni coordonnées (pas de consentement)';
COMMENT ON COLUMN household.opened_on IS 'Date d''ouverture du dossier (premier accueil)';
COMMENT ON COLUMN household.last_contact_on IS 'Date du dernier contact avec le ménage';
COMMENT ON COLUMN household.closed_on IS 'Date de clôture du dossier';
COMMENT ON COLUMN household.close_reason IS 'Motif de clôture (objectifs_atteints, reloge, abandon…)';
COMMENT ON COLUMN household.search_key IS 'Texte de recherche sans accents ni majuscules (numéro, noms, téléphone)';

ALTER TABLE person ADD COLUMN name_key VARCHAR;
COMMENT ON COLUMN person.name_key IS 'Nom et prénom sans accents ni majuscules, pour repérer les doublons';

CREATE TABLE file_counter (
    year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);
COMMENT ON TABLE file_counter IS 'Dernier numéro de dossier attribué, par année';
COMMENT ON COLUMN file_counter.year IS 'Année du numéro de dossier';
COMMENT ON COLUMN file_counter.last_number IS 'Dernier numéro attribué cette année-là';

CREATE SEQUENCE resource_id_seq;
CREATE TABLE resource (
    id BIGINT PRIMARY KEY DEFAULT nextval('resource_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    -- No foreign key: DuckDB refuses to delete a person in the transaction that deleted
    -- their resources; db/household_members.py keeps the two together.
    person_id BIGINT,
    kind VARCHAR NOT NULL,
    monthly_amount DECIMAL(10, 2) NOT NULL
);
COMMENT ON TABLE resource IS 'Ressources mensuelles d''un membre du ménage';
COMMENT ON COLUMN resource.id IS 'Identifiant de la ressource';
COMMENT ON COLUMN resource.household_id IS 'Ménage';
COMMENT ON COLUMN resource.person_id IS 'Membre qui perçoit la ressource';
COMMENT ON COLUMN resource.kind IS 'Type : salaire, rsa, aah, are, retraite, prestations_familiales, apl, pension_alimentaire, sans_ressources';
COMMENT ON COLUMN resource.monthly_amount IS 'Montant mensuel en euros';

CREATE SEQUENCE contact_id_seq;
CREATE TABLE contact (
    id BIGINT PRIMARY KEY DEFAULT nextval('contact_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    contact_on DATE NOT NULL,
    channel VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    private_note VARCHAR,
    created_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE contact IS 'Entretien ou suivi : chaque rencontre, appel, visite ou accompagnement';
COMMENT ON COLUMN contact.id IS 'Identifiant du contact';
COMMENT ON COLUMN contact.household_id IS 'Ménage';
COMMENT ON COLUMN contact.contact_on IS 'Date du contact';
COMMENT ON COLUMN contact.channel IS 'Canal : entretien, visite_domicile, telephone, courrier, accompagnement';
COMMENT ON COLUMN contact.author IS 'Auteur (identifiant)';
COMMENT ON COLUMN contact.summary IS 'Résumé du contact';
COMMENT ON COLUMN contact.private_note IS 'Note privée, visible de son auteur seulement';
COMMENT ON COLUMN contact.created_at IS 'Date de saisie';

CREATE INDEX audit_log_household_idx ON audit_log (household_id);
CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX resource_household_idx ON resource (household_id);
CREATE INDEX contact_household_idx ON contact (household_id);

-- Foundation: users, audit and access logs, settings, the core of households and persons.

CREATE TABLE users (
    username VARCHAR PRIMARY KEY,
    display_name VARCHAR NOT NULL,
    email VARCHAR,
    password_hash VARCHAR NOT NULL,
    roles VARCHAR[] NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    sessions_revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
COMMENT ON TABLE users IS 'Comptes des personnes qui utilisent Habiter';
COMMENT ON COLUMN users.username IS 'Identifiant de connexion';
COMMENT ON COLUMN users.display_name IS 'Nom affiché';
COMMENT ON COLUMN users.email IS 'Adresse e-mail professionnelle';
COMMENT ON COLUMN users.password_hash IS 'Empreinte bcrypt du mot de passe (jamais le mot de passe)';
COMMENT ON COLUMN users.roles IS 'Rôles : admin, direction, travailleur_social, accueil, gestion_locative, analyste';
COMMENT ON COLUMN users.active IS 'Faux : compte désactivé, connexion refusée';
COMMENT ON COLUMN users.failed_attempts IS 'Échecs de connexion consécutifs';
COMMENT ON COLUMN users.locked_until IS 'Compte verrouillé jusqu''à cette date et heure';
COMMENT ON COLUMN users.sessions_revoked_at IS 'Déconnexion : les sessions ouvertes avant cette heure sont refusées';
COMMENT ON COLUMN users.created_at IS 'Date de création du compte';
COMMENT ON COLUMN users.version IS 'Version de l''enregistrement (verrouillage optimiste)';

CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id_seq'),
    occurred_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    entity_id VARCHAR,
    household_id BIGINT,
    diff JSON
);
COMMENT ON TABLE audit_log IS 'Journal des modifications : qui a changé quoi, quand';
COMMENT ON COLUMN audit_log.id IS 'Numéro de la ligne du journal';
COMMENT ON COLUMN audit_log.occurred_at IS 'Date et heure de la modification';
COMMENT ON COLUMN audit_log.username IS 'Auteur de la modification';
COMMENT ON COLUMN audit_log.action IS 'Nature : create, update, close, reopen, login_failed, account_locked…';
COMMENT ON COLUMN audit_log.entity IS 'Type d''objet modifié (household, person, users…)';
COMMENT ON COLUMN audit_log.entity_id IS 'Identifiant de l''objet modifié';
COMMENT ON COLUMN audit_log.household_id IS 'Ménage concerné, pour l''historique du dossier';
COMMENT ON COLUMN audit_log.diff IS 'Différences avant / après, en JSON';

CREATE SEQUENCE access_log_id_seq;
CREATE TABLE access_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('access_log_id_seq'),
    occurred_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    entity VARCHAR,
    entity_id VARCHAR,
    detail VARCHAR
);
COMMENT ON TABLE access_log IS 'Journal des accès aux données nominatives (consultations, exports, requêtes)';
COMMENT ON COLUMN access_log.id IS 'Numéro de la ligne du journal';
COMMENT ON COLUMN access_log.occurred_at IS 'Date et heure de l''accès';
COMMENT ON COLUMN access_log.username IS 'Personne qui a accédé';
COMMENT ON COLUMN access_log.action IS 'Nature : read, export, sql';
COMMENT ON COLUMN access_log.entity IS 'Type d''objet consulté';
COMMENT ON COLUMN access_log.entity_id IS 'Identifiant de l''objet consulté';
COMMENT ON COLUMN access_log.detail IS 'Précision (format d''export, filtres…)';

CREATE TABLE setting (
    key VARCHAR PRIMARY KEY,
    value JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE setting IS 'Réglages de l''association';
COMMENT ON COLUMN setting.key IS 'Nom du réglage';
COMMENT ON COLUMN setting.value IS 'Valeur, en JSON';
COMMENT ON COLUMN setting.updated_at IS 'Dernière modification';
COMMENT ON COLUMN setting.updated_by IS 'Auteur de la dernière modification';

CREATE SEQUENCE household_id_seq;
CREATE TABLE household (
    id BIGINT PRIMARY KEY DEFAULT nextval('household_id_seq'),
    file_number VARCHAR NOT NULL UNIQUE,
    status VARCHAR NOT NULL DEFAULT 'actif',
    referent VARCHAR,
    postal_code VARCHAR,
    commune VARCHAR,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
COMMENT ON TABLE household IS 'Ménage : l''unité de travail, un dossier par ménage';
COMMENT ON COLUMN household.id IS 'Identifiant interne du ménage';
COMMENT ON COLUMN household.file_number IS 'Numéro de dossier (AAAA-NNNN)';
COMMENT ON COLUMN household.status IS 'Statut du dossier : actif, clos, archivé';
COMMENT ON COLUMN household.referent IS 'Travailleur social référent (identifiant)';
COMMENT ON COLUMN household.postal_code IS 'Code postal (5 chiffres)';
COMMENT ON COLUMN household.commune IS 'Commune de résidence';
COMMENT ON COLUMN household.created_at IS 'Date de création du dossier';
COMMENT ON COLUMN household.created_by IS 'Auteur de la création';
COMMENT ON COLUMN household.updated_at IS 'Dernière modification';
COMMENT ON COLUMN household.updated_by IS 'Auteur de la dernière modification';
COMMENT ON COLUMN household.version IS 'Version de l''enregistrement (verrouillage optimiste)';

CREATE SEQUENCE person_id_seq;
CREATE TABLE person (
    id BIGINT PRIMARY KEY DEFAULT nextval('person_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    role VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    first_name VARCHAR NOT NULL,
    birth_date DATE,
    sex VARCHAR
);
COMMENT ON TABLE person IS 'Membre d''un ménage (chef de ménage, conjoint, enfant…)';
COMMENT ON COLUMN person.id IS 'Identifiant interne de la personne';
COMMENT ON COLUMN person.household_id IS 'Ménage de la personne';
COMMENT ON COLUMN person.role IS 'Place dans le ménage : chef_menage, conjoint, enfant, autre_adulte, autre_enfant';
COMMENT ON COLUMN person.last_name IS 'Nom de famille';
COMMENT ON COLUMN person.first_name IS 'Prénom';
COMMENT ON COLUMN person.birth_date IS 'Date de naissance';
COMMENT ON COLUMN person.sex IS 'Sexe : F, M, autre';

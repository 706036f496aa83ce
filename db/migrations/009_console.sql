-- The SQL console (db/analytics/console.py): every query an analyst runs, refused or
-- not, and the queries saved for later, private to their owner or shared with the team.
-- The console reads the pseudonymised analytics file; these tables live in the main one.

CREATE SEQUENCE console_log_id_seq;
CREATE TABLE console_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('console_log_id_seq'),
    occurred_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    purpose VARCHAR NOT NULL DEFAULT 'run',
    sql VARCHAR NOT NULL,
    params JSON,
    seconds DOUBLE NOT NULL,
    rows BIGINT,
    truncated BOOLEAN NOT NULL DEFAULT false,
    refused BOOLEAN NOT NULL DEFAULT false,
    error VARCHAR
);
COMMENT ON TABLE console_log IS 'Journal de la console SQL : chaque requête lancée, refusée ou non';
COMMENT ON COLUMN console_log.id IS 'Numéro de la ligne du journal';
COMMENT ON COLUMN console_log.occurred_at IS 'Date et heure du lancement';
COMMENT ON COLUMN console_log.username IS 'Personne qui a lancé la requête';
COMMENT ON COLUMN console_log.purpose IS 'Nature : run (affichage à l''écran) ou export (fichier)';
COMMENT ON COLUMN console_log.sql IS 'Texte SQL tel que saisi';
COMMENT ON COLUMN console_log.params IS 'Valeurs des paramètres nommés ($debut, $fin…), en JSON';
COMMENT ON COLUMN console_log.seconds IS 'Durée en secondes';
COMMENT ON COLUMN console_log.rows IS 'Nombre de lignes rendues (vide : requête refusée ou en erreur)';
COMMENT ON COLUMN console_log.truncated IS 'Vrai : le résultat dépassait le plafond de lignes et a été tronqué';
COMMENT ON COLUMN console_log.refused IS 'Vrai : instruction refusée avant exécution (écriture, fichier, environnement…)';
COMMENT ON COLUMN console_log.error IS 'Message de refus, d''erreur ou de dépassement du temps (vide : réussie)';
CREATE INDEX console_log_user_idx ON console_log (username, occurred_at);

CREATE SEQUENCE saved_query_id_seq;
CREATE TABLE saved_query (
    id BIGINT PRIMARY KEY DEFAULT nextval('saved_query_id_seq'),
    name VARCHAR NOT NULL,
    description VARCHAR,
    sql VARCHAR NOT NULL,
    owner VARCHAR NOT NULL,
    shared BOOLEAN NOT NULL DEFAULT false,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE saved_query IS 'Requêtes enregistrées de la console SQL, privées ou partagées avec l''équipe';
COMMENT ON COLUMN saved_query.id IS 'Numéro de la requête enregistrée';
COMMENT ON COLUMN saved_query.name IS 'Nom de la requête';
COMMENT ON COLUMN saved_query.description IS 'Ce que la requête montre, en clair';
COMMENT ON COLUMN saved_query.sql IS 'Texte SQL, avec ses paramètres nommés ($debut, $fin…)';
COMMENT ON COLUMN saved_query.owner IS 'Propriétaire : la seule personne (avec l''admin) qui peut la modifier ou la supprimer';
COMMENT ON COLUMN saved_query.shared IS 'Vrai : visible par toute l''équipe de la console ; faux : par son propriétaire seul';
COMMENT ON COLUMN saved_query.version IS 'Version de l''enregistrement (verrouillage optimiste)';
COMMENT ON COLUMN saved_query.created_at IS 'Date de création';
COMMENT ON COLUMN saved_query.created_by IS 'Auteur de la création';
COMMENT ON COLUMN saved_query.updated_at IS 'Dernière modification';
COMMENT ON COLUMN saved_query.updated_by IS 'Auteur de la dernière modification';

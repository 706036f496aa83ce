-- Backups of the main database (db/backup/): one row per backup taken, verified or not.
-- No personal data here: when, which file, its size, the checks made, who asked.

CREATE SEQUENCE backup_log_id_seq;
CREATE TABLE backup_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('backup_log_id_seq'),
    taken_at TIMESTAMP NOT NULL,
    file VARCHAR,
    size_bytes BIGINT,
    verified BOOLEAN NOT NULL DEFAULT false,
    tables INTEGER,
    rows BIGINT,
    counts JSON,
    seconds DOUBLE,
    taken_by VARCHAR NOT NULL,
    error VARCHAR
);
COMMENT ON TABLE backup_log IS 'Journal des sauvegardes de la base : chaque sauvegarde faite ou tentée';
COMMENT ON COLUMN backup_log.id IS 'Numéro de la ligne du journal';
COMMENT ON COLUMN backup_log.taken_at IS 'Date et heure de la sauvegarde (instant de la copie)';
COMMENT ON COLUMN backup_log.file IS 'Chemin du fichier de sauvegarde (vide : sauvegarde échouée avant l''écriture)';
COMMENT ON COLUMN backup_log.size_bytes IS 'Taille du fichier en octets';
COMMENT ON COLUMN backup_log.verified IS 'Vrai : le fichier a été rouvert et chaque table compte autant de lignes que la base au moment de la copie';
COMMENT ON COLUMN backup_log.tables IS 'Nombre de tables copiées';
COMMENT ON COLUMN backup_log.rows IS 'Nombre total de lignes copiées';
COMMENT ON COLUMN backup_log.counts IS 'Nombre de lignes de chaque table au moment de la copie, en JSON';
COMMENT ON COLUMN backup_log.seconds IS 'Durée de la sauvegarde en secondes';
COMMENT ON COLUMN backup_log.taken_by IS 'Qui l''a demandée : un compte, la sauvegarde programmée ou la ligne de commande';
COMMENT ON COLUMN backup_log.error IS 'Message d''échec ou écart trouvé à la vérification (vide : réussie)';
CREATE INDEX backup_log_taken_idx ON backup_log (taken_at);

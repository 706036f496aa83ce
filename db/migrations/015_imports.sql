-- Imports from the association's spreadsheets (issue 21).
-- import_log: one row per confirmed import (who, which file, its hash, its counts, how
-- long); the audit rows of the records it created carry its number.
-- import_ref: the association's own reference (« Réf. ») of each row an import brought in,
-- with the record it became and a hash of the row as imported: an import run again
-- updates or leaves alone what it already brought in, and creates nothing twice.

CREATE SEQUENCE import_log_id_seq;
CREATE TABLE import_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('import_log_id_seq'),
    started_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    file_hash VARCHAR NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    counts JSON,
    seconds DOUBLE
);
COMMENT ON TABLE import_log IS 'Imports de fichiers : qui, quand, quel fichier, combien de lignes';
COMMENT ON COLUMN import_log.id IS 'Numéro de l''import';
COMMENT ON COLUMN import_log.started_at IS 'Date et heure de l''import';
COMMENT ON COLUMN import_log.username IS 'Lancé par (identifiant)';
COMMENT ON COLUMN import_log.file_name IS 'Nom du fichier importé';
COMMENT ON COLUMN import_log.file_hash IS 'Empreinte SHA-256 du fichier';
COMMENT ON COLUMN import_log.created IS 'Lignes créées';
COMMENT ON COLUMN import_log.updated IS 'Lignes mises à jour';
COMMENT ON COLUMN import_log.unchanged IS 'Lignes déjà présentes, laissées telles quelles';
COMMENT ON COLUMN import_log.refused IS 'Lignes refusées (non importées)';
COMMENT ON COLUMN import_log.counts IS 'Comptes par feuille, en JSON';
COMMENT ON COLUMN import_log.seconds IS 'Durée de l''écriture, en secondes';

CREATE TABLE import_ref (
    sheet VARCHAR NOT NULL,
    ref VARCHAR NOT NULL,
    entity_id BIGINT NOT NULL,
    row_hash VARCHAR NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (sheet, ref)
);
COMMENT ON TABLE import_ref IS 'Références de l''association (« Réf. ») des lignes importées et l''enregistrement créé';
COMMENT ON COLUMN import_ref.sheet IS 'Feuille du fichier (menages, mesures, baux…)';
COMMENT ON COLUMN import_ref.ref IS 'Référence donnée par l''association';
COMMENT ON COLUMN import_ref.entity_id IS 'Identifiant de l''enregistrement créé';
COMMENT ON COLUMN import_ref.row_hash IS 'Empreinte de la ligne importée (pour savoir si elle a changé)';
COMMENT ON COLUMN import_ref.import_id IS 'Import qui a créé ou mis à jour la ligne';

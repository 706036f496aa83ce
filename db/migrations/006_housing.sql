-- Housing stock, leases and the capture pipeline. Owners let their dwellings to the
-- association (main lease or management mandate); the association sublets them to
-- households. Dates are inclusive: a lease's end_on is the last day the household occupies
-- the dwelling (the next lease may start the day after), a dwelling's left_on is its last
-- day in the stock. A lead of the capture pipeline keeps one dated row per stage moved to.
-- Owners, dwellings and leads carry no index of their own: foreign keys reference them, and
-- DuckDB updates an indexed column as a delete and an insert, which a referenced row refuses.

CREATE SEQUENCE owner_id_seq;
CREATE TABLE owner (
    id BIGINT PRIMARY KEY DEFAULT nextval('owner_id_seq'),
    kind VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    phone VARCHAR,
    email VARCHAR,
    address VARCHAR,
    postal_code VARCHAR,
    commune VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE owner IS 'Propriétaire d''un ou plusieurs logements confiés à l''association';
COMMENT ON COLUMN owner.id IS 'Identifiant du propriétaire';
COMMENT ON COLUMN owner.kind IS 'Type : personne_privee, sci, bailleur_social, commune';
COMMENT ON COLUMN owner.name IS 'Nom ou raison sociale';
COMMENT ON COLUMN owner.phone IS 'Téléphone';
COMMENT ON COLUMN owner.email IS 'Adresse e-mail';
COMMENT ON COLUMN owner.address IS 'Adresse postale';
COMMENT ON COLUMN owner.postal_code IS 'Code postal';
COMMENT ON COLUMN owner.commune IS 'Commune';
COMMENT ON COLUMN owner.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN owner.created_at IS 'Date et heure de création';
COMMENT ON COLUMN owner.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN owner.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN owner.updated_by IS 'Dernière modification par (identifiant)';

CREATE SEQUENCE dwelling_id_seq;
CREATE TABLE dwelling (
    id BIGINT PRIMARY KEY DEFAULT nextval('dwelling_id_seq'),
    -- No foreign key: DuckDB rewrites the update of a key column as a delete and an insert,
    -- which the leases referencing the dwelling would refuse; the writes check the owner.
    owner_id BIGINT NOT NULL,
    address VARCHAR NOT NULL,
    postal_code VARCHAR,
    commune VARCHAR NOT NULL,
    typology VARCHAR NOT NULL,
    surface DECIMAL(7, 2),
    floor INTEGER,
    rent DECIMAL(10, 2) NOT NULL,
    charges DECIMAL(10, 2) NOT NULL DEFAULT 0,
    energy_class VARCHAR,
    programme VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    entered_on DATE NOT NULL,
    left_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE dwelling IS 'Logement du parc géré par l''association';
COMMENT ON COLUMN dwelling.id IS 'Identifiant du logement';
COMMENT ON COLUMN dwelling.owner_id IS 'Propriétaire';
COMMENT ON COLUMN dwelling.address IS 'Adresse';
COMMENT ON COLUMN dwelling.postal_code IS 'Code postal';
COMMENT ON COLUMN dwelling.commune IS 'Commune';
COMMENT ON COLUMN dwelling.typology IS 'Typologie : T1 à T6';
COMMENT ON COLUMN dwelling.surface IS 'Surface habitable en m²';
COMMENT ON COLUMN dwelling.floor IS 'Étage (0 : rez-de-chaussée)';
COMMENT ON COLUMN dwelling.rent IS 'Loyer mensuel hors charges, en euros';
COMMENT ON COLUMN dwelling.charges IS 'Charges mensuelles, en euros';
COMMENT ON COLUMN dwelling.energy_class IS 'Classe énergie du DPE : A à G';
COMMENT ON COLUMN dwelling.programme IS 'Dispositif : sous_location, mandat_gestion, bail_glissant, pension_famille, residence_sociale, logement_temporaire, patrimoine_propre';
COMMENT ON COLUMN dwelling.status IS 'Statut : vacant, occupe, travaux, restitue';
COMMENT ON COLUMN dwelling.entered_on IS 'Entrée dans le parc (premier jour)';
COMMENT ON COLUMN dwelling.left_on IS 'Sortie du parc (dernier jour ; vide : toujours dans le parc)';
COMMENT ON COLUMN dwelling.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN dwelling.created_at IS 'Date et heure de création';
COMMENT ON COLUMN dwelling.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN dwelling.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN dwelling.updated_by IS 'Dernière modification par (identifiant)';

CREATE SEQUENCE lease_id_seq;
CREATE TABLE lease (
    id BIGINT PRIMARY KEY DEFAULT nextval('lease_id_seq'),
    dwelling_id BIGINT NOT NULL REFERENCES dwelling (id),
    kind VARCHAR NOT NULL,
    household_id BIGINT REFERENCES household (id),
    start_on DATE NOT NULL,
    end_on DATE,
    end_reason VARCHAR,
    rent DECIMAL(10, 2),
    planned_slide_on DATE,
    slid_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE lease IS 'Bail d''un logement : bail principal ou mandat de l''association, ou bail d''un ménage';
COMMENT ON COLUMN lease.id IS 'Identifiant du bail';
COMMENT ON COLUMN lease.dwelling_id IS 'Logement';
COMMENT ON COLUMN lease.kind IS 'Type : bail_principal, mandat_gestion (association), sous_location, bail_glissant, bail_direct (ménage)';
COMMENT ON COLUMN lease.household_id IS 'Ménage locataire (vide : bail principal ou mandat de l''association)';
COMMENT ON COLUMN lease.start_on IS 'Premier jour du bail';
COMMENT ON COLUMN lease.end_on IS 'Dernier jour occupé (vide : bail en cours, sans fin)';
COMMENT ON COLUMN lease.end_reason IS 'Motif de fin : conge_locataire, conge_bailleur, expulsion, glissement, restitution, deces, autre';
COMMENT ON COLUMN lease.rent IS 'Loyer mensuel hors charges du bail, en euros';
COMMENT ON COLUMN lease.planned_slide_on IS 'Glissement prévu (bail glissant)';
COMMENT ON COLUMN lease.slid_on IS 'Glissement réalisé : premier jour où le ménage est locataire en titre';
COMMENT ON COLUMN lease.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN lease.created_at IS 'Date et heure de création';
COMMENT ON COLUMN lease.created_by IS 'Créé par (identifiant)';
COMMENT ON COLUMN lease.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN lease.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX lease_dwelling_idx ON lease (dwelling_id, start_on);
CREATE INDEX lease_household_idx ON lease (household_id);

CREATE SEQUENCE capture_lead_id_seq;
CREATE TABLE capture_lead (
    id BIGINT PRIMARY KEY DEFAULT nextval('capture_lead_id_seq'),
    -- No foreign keys on owner_id and dwelling_id, set on conversion: DuckDB would rewrite
    -- that update as a delete and an insert, which the lead's stage events would refuse.
    owner_id BIGINT,
    owner_kind VARCHAR,
    owner_name VARCHAR,
    owner_phone VARCHAR,
    owner_email VARCHAR,
    address VARCHAR NOT NULL,
    postal_code VARCHAR,
    commune VARCHAR NOT NULL,
    typology VARCHAR,
    proposed_rent DECIMAL(10, 2),
    market_rent DECIMAL(10, 2),
    works_needed VARCHAR,
    incentives VARCHAR[] NOT NULL DEFAULT [],
    source VARCHAR NOT NULL,
    assignee VARCHAR,
    stage VARCHAR NOT NULL,
    stage_on DATE NOT NULL,
    abandoned_on DATE,
    abandoned_reason VARCHAR,
    dwelling_id BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE capture_lead IS 'Piste de captation : un logement vide qu''un propriétaire pourrait confier à l''association';
COMMENT ON COLUMN capture_lead.id IS 'Identifiant de la piste';
COMMENT ON COLUMN capture_lead.owner_id IS 'Propriétaire déjà connu (sinon les champs owner_* décrivent le propriétaire)';
COMMENT ON COLUMN capture_lead.owner_kind IS 'Type de propriétaire, s''il n''est pas encore connu';
COMMENT ON COLUMN capture_lead.owner_name IS 'Nom du propriétaire, s''il n''est pas encore connu';
COMMENT ON COLUMN capture_lead.owner_phone IS 'Téléphone du propriétaire';
COMMENT ON COLUMN capture_lead.owner_email IS 'E-mail du propriétaire';
COMMENT ON COLUMN capture_lead.address IS 'Adresse du logement';
COMMENT ON COLUMN capture_lead.postal_code IS 'Code postal du logement';
COMMENT ON COLUMN capture_lead.commune IS 'Commune du logement';
COMMENT ON COLUMN capture_lead.typology IS 'Typologie : T1 à T6';
COMMENT ON COLUMN capture_lead.proposed_rent IS 'Loyer proposé par l''association, hors charges';
COMMENT ON COLUMN capture_lead.market_rent IS 'Loyer de marché demandé par le propriétaire, hors charges';
COMMENT ON COLUMN capture_lead.works_needed IS 'Travaux nécessaires';
COMMENT ON COLUMN capture_lead.incentives IS 'Incitations proposées : loc1, loc2, loc3 (Loc''Avantages), prime, garantie_loyer';
COMMENT ON COLUMN capture_lead.source IS 'Origine : prospection, bouche_a_oreille, partenaire, commune, annonce';
COMMENT ON COLUMN capture_lead.assignee IS 'Chargé·e de la piste (identifiant)';
COMMENT ON COLUMN capture_lead.stage IS 'Étape actuelle : identifie, contacte, visite, proposition, negociation, convention_signee, mis_en_location';
COMMENT ON COLUMN capture_lead.stage_on IS 'Date du passage à l''étape actuelle';
COMMENT ON COLUMN capture_lead.abandoned_on IS 'Date d''abandon (vide : piste active)';
COMMENT ON COLUMN capture_lead.abandoned_reason IS 'Motif d''abandon';
COMMENT ON COLUMN capture_lead.dwelling_id IS 'Logement créé à la signature de la convention';
COMMENT ON COLUMN capture_lead.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN capture_lead.created_at IS 'Date et heure de création';
COMMENT ON COLUMN capture_lead.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN capture_lead.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN capture_lead.updated_by IS 'Dernière modification par (identifiant)';

CREATE SEQUENCE capture_stage_event_id_seq;
CREATE TABLE capture_stage_event (
    id BIGINT PRIMARY KEY DEFAULT nextval('capture_stage_event_id_seq'),
    lead_id BIGINT NOT NULL REFERENCES capture_lead (id),
    stage VARCHAR NOT NULL,
    moved_on DATE NOT NULL,
    moved_by VARCHAR NOT NULL,
    reason VARCHAR,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);
COMMENT ON TABLE capture_stage_event IS 'Passage d''une piste de captation à une étape, daté (jamais modifié)';
COMMENT ON COLUMN capture_stage_event.id IS 'Identifiant du passage';
COMMENT ON COLUMN capture_stage_event.lead_id IS 'Piste de captation';
COMMENT ON COLUMN capture_stage_event.stage IS 'Étape atteinte';
COMMENT ON COLUMN capture_stage_event.moved_on IS 'Date du passage';
COMMENT ON COLUMN capture_stage_event.moved_by IS 'Passage enregistré par (identifiant)';
COMMENT ON COLUMN capture_stage_event.reason IS 'Motif d''un retour à une étape antérieure';
COMMENT ON COLUMN capture_stage_event.created_at IS 'Date et heure de saisie';
COMMENT ON COLUMN capture_stage_event.created_by IS 'Saisi par (identifiant)';
CREATE INDEX capture_stage_event_lead_idx ON capture_stage_event (lead_id, moved_on);

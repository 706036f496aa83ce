-- Social support work: measures (with reviews and renewals), eviction procedures stage by
-- stage, debt plans, mediations, FSL applications and other actions. Every record a worker
-- edits has its own version; reviews, renewals and stages are dated rows added, never
-- overwritten. Lists an admin can extend (measure kinds, kinds of other actions) are data.

CREATE TABLE support_catalog (
    list VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    max_months INTEGER,
    active BOOLEAN NOT NULL DEFAULT true,
    PRIMARY KEY (list, code)
);
COMMENT ON TABLE support_catalog IS 'Listes que l''administration peut étendre : types de mesure, types d''autres actions';
COMMENT ON COLUMN support_catalog.list IS 'Liste : measure_kind (types de mesure) ou action_kind (autres actions)';
COMMENT ON COLUMN support_catalog.code IS 'Code stable, en minuscules';
COMMENT ON COLUMN support_catalog.label IS 'Libellé affiché';
COMMENT ON COLUMN support_catalog.position IS 'Rang dans la liste';
COMMENT ON COLUMN support_catalog.max_months IS 'Durée maximale en mois, renouvellements compris (mesures ; vide : sans maximum)';
COMMENT ON COLUMN support_catalog.active IS 'Faux : n''est plus proposé pour une nouvelle saisie';

INSERT INTO support_catalog (list, code, label, position, max_months) VALUES
    ('measure_kind', 'asll', 'ASLL', 1, 18),
    ('measure_kind', 'avdl', 'AVDL', 2, 12),
    ('measure_kind', 'mous', 'MOUS relogement', 3, NULL),
    ('measure_kind', 'equipe_mobile', 'Équipe mobile de prévention des expulsions', 4, 3),
    ('measure_kind', 'bail_sauvegarde', 'Bail de sauvegarde', 5, NULL),
    ('action_kind', 'negociation_plan', 'Négociation d''un plan d''apurement', 1, NULL),
    ('action_kind', 'negociation_huissier', 'Négociation avec un huissier', 2, NULL),
    ('action_kind', 'surendettement', 'Dossier de surendettement déposé', 3, NULL),
    ('action_kind', 'droits', 'Ouverture ou rétablissement de droits', 4, NULL),
    ('action_kind', 'sante', 'Saisine d''un service de santé', 5, NULL),
    ('action_kind', 'tribunal', 'Accompagnement physique au tribunal', 6, NULL);

CREATE SEQUENCE support_measure_id_seq;
CREATE TABLE support_measure (
    id BIGINT PRIMARY KEY DEFAULT nextval('support_measure_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    kind VARCHAR NOT NULL,
    prescriber VARCHAR,
    start_on DATE NOT NULL,
    planned_end_on DATE NOT NULL,
    plan_signed_on DATE,
    end_on DATE,
    end_reason VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE support_measure IS 'Mesure d''accompagnement (ASLL, AVDL, MOUS…) d''un ménage';
COMMENT ON COLUMN support_measure.id IS 'Identifiant de la mesure';
COMMENT ON COLUMN support_measure.household_id IS 'Ménage accompagné';
COMMENT ON COLUMN support_measure.kind IS 'Type de mesure (support_catalog, liste measure_kind)';
COMMENT ON COLUMN support_measure.prescriber IS 'Prescripteur de la mesure';
COMMENT ON COLUMN support_measure.start_on IS 'Date de début';
COMMENT ON COLUMN support_measure.planned_end_on IS 'Fin prévue (reportée par chaque renouvellement)';
COMMENT ON COLUMN support_measure.plan_signed_on IS 'Date de signature du contrat ou plan d''accompagnement tripartite';
COMMENT ON COLUMN support_measure.end_on IS 'Date de fin effective (vide : mesure en cours)';
COMMENT ON COLUMN support_measure.end_reason IS 'Motif de fin : objectifs_atteints, reloge, relais_partenaire, abandon, demenagement, autre';
COMMENT ON COLUMN support_measure.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN support_measure.created_at IS 'Date et heure de création';
COMMENT ON COLUMN support_measure.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN support_measure.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN support_measure.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX support_measure_household_idx ON support_measure (household_id);

CREATE SEQUENCE measure_review_id_seq;
CREATE TABLE measure_review (
    id BIGINT PRIMARY KEY DEFAULT nextval('measure_review_id_seq'),
    measure_id BIGINT NOT NULL REFERENCES support_measure (id),
    household_id BIGINT NOT NULL REFERENCES household (id),
    review_on DATE NOT NULL,
    outcome VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);
COMMENT ON TABLE measure_review IS 'Bilan d''une mesure d''accompagnement';
COMMENT ON COLUMN measure_review.id IS 'Identifiant du bilan';
COMMENT ON COLUMN measure_review.measure_id IS 'Mesure';
COMMENT ON COLUMN measure_review.household_id IS 'Ménage (copie, pour les listes)';
COMMENT ON COLUMN measure_review.review_on IS 'Date du bilan';
COMMENT ON COLUMN measure_review.outcome IS 'Conclusion du bilan';
COMMENT ON COLUMN measure_review.created_at IS 'Date et heure de saisie';
COMMENT ON COLUMN measure_review.created_by IS 'Saisi par (identifiant)';
CREATE INDEX measure_review_measure_idx ON measure_review (measure_id);

CREATE SEQUENCE measure_renewal_id_seq;
CREATE TABLE measure_renewal (
    id BIGINT PRIMARY KEY DEFAULT nextval('measure_renewal_id_seq'),
    measure_id BIGINT NOT NULL REFERENCES support_measure (id),
    household_id BIGINT NOT NULL REFERENCES household (id),
    renewed_on DATE NOT NULL,
    previous_end_on DATE NOT NULL,
    new_end_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);
COMMENT ON TABLE measure_renewal IS 'Renouvellement d''une mesure : la fin prévue reportée';
COMMENT ON COLUMN measure_renewal.id IS 'Identifiant du renouvellement';
COMMENT ON COLUMN measure_renewal.measure_id IS 'Mesure';
COMMENT ON COLUMN measure_renewal.household_id IS 'Ménage (copie, pour les listes)';
COMMENT ON COLUMN measure_renewal.renewed_on IS 'Date de la décision de renouvellement';
COMMENT ON COLUMN measure_renewal.previous_end_on IS 'Fin prévue avant le renouvellement';
COMMENT ON COLUMN measure_renewal.new_end_on IS 'Nouvelle fin prévue';
COMMENT ON COLUMN measure_renewal.created_at IS 'Date et heure de saisie';
COMMENT ON COLUMN measure_renewal.created_by IS 'Saisi par (identifiant)';

CREATE SEQUENCE eviction_procedure_id_seq;
CREATE TABLE eviction_procedure (
    id BIGINT PRIMARY KEY DEFAULT nextval('eviction_procedure_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    landlord VARCHAR,
    closed_on DATE,
    outcome VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE eviction_procedure IS 'Procédure d''expulsion visant un ménage, suivie étape par étape';
COMMENT ON COLUMN eviction_procedure.id IS 'Identifiant de la procédure';
COMMENT ON COLUMN eviction_procedure.household_id IS 'Ménage visé';
COMMENT ON COLUMN eviction_procedure.landlord IS 'Bailleur qui poursuit';
COMMENT ON COLUMN eviction_procedure.closed_on IS 'Date de clôture (vide : procédure en cours)';
COMMENT ON COLUMN eviction_procedure.outcome IS 'Issue : dette_soldee, plan_accepte, reloge, abandonnee (sans expulsion) ou expulsion';
COMMENT ON COLUMN eviction_procedure.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN eviction_procedure.created_at IS 'Date et heure de création';
COMMENT ON COLUMN eviction_procedure.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN eviction_procedure.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN eviction_procedure.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX eviction_procedure_household_idx ON eviction_procedure (household_id);

CREATE SEQUENCE eviction_stage_id_seq;
CREATE TABLE eviction_stage (
    id BIGINT PRIMARY KEY DEFAULT nextval('eviction_stage_id_seq'),
    procedure_id BIGINT NOT NULL REFERENCES eviction_procedure (id),
    household_id BIGINT NOT NULL REFERENCES household (id),
    stage VARCHAR NOT NULL,
    stage_on DATE NOT NULL,
    arrears DECIMAL(12, 2),
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);
COMMENT ON TABLE eviction_stage IS 'Étape franchie d''une procédure d''expulsion, datée, avec la dette locative à ce moment';
COMMENT ON COLUMN eviction_stage.id IS 'Identifiant de l''étape';
COMMENT ON COLUMN eviction_stage.procedure_id IS 'Procédure';
COMMENT ON COLUMN eviction_stage.household_id IS 'Ménage (copie, pour les listes)';
COMMENT ON COLUMN eviction_stage.stage IS 'Étape : commandement_payer, signalement_ccapex, assignation, audience, jugement, commandement_quitter, demande_concours, concours_accorde, expulsion';
COMMENT ON COLUMN eviction_stage.stage_on IS 'Date de l''étape';
COMMENT ON COLUMN eviction_stage.arrears IS 'Dette locative à cette date, en euros';
COMMENT ON COLUMN eviction_stage.created_at IS 'Date et heure de saisie';
COMMENT ON COLUMN eviction_stage.created_by IS 'Saisi par (identifiant)';
CREATE INDEX eviction_stage_procedure_idx ON eviction_stage (procedure_id);

CREATE SEQUENCE debt_plan_id_seq;
CREATE TABLE debt_plan (
    id BIGINT PRIMARY KEY DEFAULT nextval('debt_plan_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    creditor VARCHAR NOT NULL,
    total_debt DECIMAL(12, 2) NOT NULL,
    instalment DECIMAL(12, 2) NOT NULL,
    months INTEGER NOT NULL,
    start_on DATE NOT NULL,
    status VARCHAR NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE debt_plan IS 'Plan d''apurement : échéancier de remboursement d''une dette';
COMMENT ON COLUMN debt_plan.id IS 'Identifiant du plan';
COMMENT ON COLUMN debt_plan.household_id IS 'Ménage débiteur';
COMMENT ON COLUMN debt_plan.creditor IS 'Créancier';
COMMENT ON COLUMN debt_plan.total_debt IS 'Dette totale, en euros';
COMMENT ON COLUMN debt_plan.instalment IS 'Mensualité, en euros';
COMMENT ON COLUMN debt_plan.months IS 'Nombre de mensualités';
COMMENT ON COLUMN debt_plan.start_on IS 'Date de la première mensualité';
COMMENT ON COLUMN debt_plan.status IS 'Statut : en_cours, respecte, rompu, solde';
COMMENT ON COLUMN debt_plan.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN debt_plan.created_at IS 'Date et heure de création';
COMMENT ON COLUMN debt_plan.created_by IS 'Créé par (identifiant)';
COMMENT ON COLUMN debt_plan.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN debt_plan.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX debt_plan_household_idx ON debt_plan (household_id);

CREATE SEQUENCE mediation_id_seq;
CREATE TABLE mediation (
    id BIGINT PRIMARY KEY DEFAULT nextval('mediation_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    counterpart VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    mediation_on DATE NOT NULL,
    outcome VARCHAR NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE mediation IS 'Médiation entre un ménage et un interlocuteur (propriétaire, huissier…)';
COMMENT ON COLUMN mediation.id IS 'Identifiant de la médiation';
COMMENT ON COLUMN mediation.household_id IS 'Ménage';
COMMENT ON COLUMN mediation.counterpart IS 'Interlocuteur : proprietaire_prive, agence_syndic, bailleur_social, huissier, fournisseur_energie';
COMMENT ON COLUMN mediation.reason IS 'Motif : impayes, voisinage, etat_logement, conge, relogement, autre';
COMMENT ON COLUMN mediation.mediation_on IS 'Date de la médiation';
COMMENT ON COLUMN mediation.outcome IS 'Résultat : accord, plan_apurement, echec, en_cours';
COMMENT ON COLUMN mediation.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN mediation.created_at IS 'Date et heure de création';
COMMENT ON COLUMN mediation.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN mediation.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN mediation.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX mediation_household_idx ON mediation (household_id);

CREATE SEQUENCE fsl_application_id_seq;
CREATE TABLE fsl_application (
    id BIGINT PRIMARY KEY DEFAULT nextval('fsl_application_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    kind VARCHAR NOT NULL,
    form VARCHAR NOT NULL,
    amount_requested DECIMAL(12, 2) NOT NULL,
    amount_granted DECIMAL(12, 2),
    submitted_on DATE,
    decided_on DATE,
    status VARCHAR NOT NULL,
    refusal_reason VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE fsl_application IS 'Demande d''aide au Fonds de solidarité pour le logement (FSL)';
COMMENT ON COLUMN fsl_application.id IS 'Identifiant de la demande';
COMMENT ON COLUMN fsl_application.household_id IS 'Ménage demandeur';
COMMENT ON COLUMN fsl_application.kind IS 'Type : acces, maintien, energie, eau';
COMMENT ON COLUMN fsl_application.form IS 'Forme : subvention, pret, mixte';
COMMENT ON COLUMN fsl_application.amount_requested IS 'Montant demandé, en euros';
COMMENT ON COLUMN fsl_application.amount_granted IS 'Montant accordé, en euros';
COMMENT ON COLUMN fsl_application.submitted_on IS 'Date de dépôt';
COMMENT ON COLUMN fsl_application.decided_on IS 'Date de la décision';
COMMENT ON COLUMN fsl_application.status IS 'Statut : brouillon, deposee, accordee, refusee, ajournee';
COMMENT ON COLUMN fsl_application.refusal_reason IS 'Motif du refus';
COMMENT ON COLUMN fsl_application.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN fsl_application.created_at IS 'Date et heure de création';
COMMENT ON COLUMN fsl_application.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN fsl_application.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN fsl_application.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX fsl_application_household_idx ON fsl_application (household_id);

CREATE SEQUENCE support_action_id_seq;
CREATE TABLE support_action (
    id BIGINT PRIMARY KEY DEFAULT nextval('support_action_id_seq'),
    household_id BIGINT NOT NULL REFERENCES household (id),
    kind VARCHAR NOT NULL,
    action_on DATE NOT NULL,
    note VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
COMMENT ON TABLE support_action IS 'Autre action menée pour un ménage (négociation, surendettement, droits…), une ligne datée chacune';
COMMENT ON COLUMN support_action.id IS 'Identifiant de l''action';
COMMENT ON COLUMN support_action.household_id IS 'Ménage';
COMMENT ON COLUMN support_action.kind IS 'Type d''action (support_catalog, liste action_kind)';
COMMENT ON COLUMN support_action.action_on IS 'Date de l''action';
COMMENT ON COLUMN support_action.note IS 'Précision';
COMMENT ON COLUMN support_action.version IS 'Version de la fiche, pour refuser un enregistrement sur une version dépassée';
COMMENT ON COLUMN support_action.created_at IS 'Date et heure de création';
COMMENT ON COLUMN support_action.created_by IS 'Créée par (identifiant)';
COMMENT ON COLUMN support_action.updated_at IS 'Date et heure de la dernière modification';
COMMENT ON COLUMN support_action.updated_by IS 'Dernière modification par (identifiant)';
CREATE INDEX support_action_household_idx ON support_action (household_id);

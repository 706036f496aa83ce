"""The one catalogue of codes and their French labels.

Codes are stable snake_case values stored in the database; screens show the labels.
Dicts keep their order, which is the order of the choices on screen.
"""

ROLE = {
    "admin": "Administration",
    "direction": "Direction",
    "travailleur_social": "Travailleur·euse social·e",
    "accueil": "Accueil",
    "gestion_locative": "Gestion locative",
    "analyste": "Analyste",
}

# What each role can do today; a later screen adds its line here when it lands.
ROLE_CAN_DO = {
    "admin": "gérer les comptes, les journaux, les données personnelles, les sauvegardes, les "
    "réglages et les listes de l'accompagnement, modifier tout dossier, suivre le tableau de "
    "bord, préparer le rapport d'activité et interroger la console SQL",
    "direction": "consulter tous les dossiers des ménages et l'accompagnement de l'équipe, "
    "suivre le tableau de bord, préparer le rapport d'activité (Excel et PDF), interroger "
    "la console SQL, exporter tout le dossier d'un ménage (droit d'accès), "
    "exporter la liste et le tableau « Actions et solutions trouvées »",
    "travailleur_social": "suivre les ménages dont vous êtes référent·e : dossier, membres, "
    "ressources, entretiens, mesures, procédures d'expulsion, plans d'apurement, médiations, "
    "demandes FSL, autres actions, voir ce qui est « À traiter » et le tableau de bord de "
    "vos ménages",
    "accueil": "enregistrer une nouvelle demande et retrouver un ménage "
    "(informations générales seulement)",
    "gestion_locative": "tenir le parc de logements, ses propriétaires et ses baux, mener la "
    "captation de logements vacants, retrouver les ménages que l'association loge et suivre "
    "le tableau de bord",
    "analyste": "consulter le tableau de bord (chiffres seulement, jamais de noms) et la "
    "requête de chaque indicateur, interroger en SQL les données pseudonymisées (console SQL), "
    "enregistrer ses requêtes et exporter leurs résultats",
}

HOUSEHOLD_STATUS = {"actif": "Actif", "clos": "Clos", "archive": "Archivé"}
STATUS_EVENT = {"ouverture": "Ouverture", "cloture": "Clôture", "reouverture": "Réouverture"}

PERSON_ROLE = {
    "chef_menage": "Chef·fe de ménage",
    "conjoint": "Conjoint·e",
    "enfant": "Enfant",
    "autre_adulte": "Autre adulte",
    "autre_enfant": "Autre enfant",
}
ADULT_ROLES = frozenset({"chef_menage", "conjoint", "autre_adulte"})

SEX = {"F": "Femme", "M": "Homme", "X": "Autre / non précisé"}

FAMILY_TYPE = {
    "isole": "Isolé·e",
    "couple": "Couple sans enfant",
    "monoparentale": "Famille monoparentale",
    "couple_enfants": "Couple avec enfants",
    "autre": "Autre (cohabitation, ménage élargi…)",
}

HOUSING_SITUATION = {
    "sans_domicile": "Sans domicile",
    "heberge_tiers": "Hébergé·e chez un tiers",
    "hebergement_urgence": "Hébergement d'urgence / CHRS",
    "logement_indigne": "Logement insalubre ou indigne",
    "locataire_prive": "Locataire parc privé",
    "locataire_social": "Locataire parc social",
    "sous_locataire_association": "Sous-locataire de l'association",
    "proprietaire": "Propriétaire",
    "autre": "Autre",
}

RESOURCE_TYPE = {
    "salaire": "Salaire",
    "rsa": "RSA",
    "aah": "AAH",
    "are": "ARE / chômage",
    "retraite": "Retraite / ASPA",
    "prestations_familiales": "Prestations familiales",
    "apl": "APL",
    "pension_alimentaire": "Pension alimentaire",
    "sans_ressources": "Sans ressources",
}

PRESCRIBER = {
    "ccas": "CCAS",
    "ccapex": "CCAPEX",
    "siao": "SIAO",
    "bailleur_social": "Bailleur social",
    "service_social_departemental": "Service social départemental",
    "caf": "CAF",
    "hopital": "Hôpital",
    "spontanee": "Démarche spontanée",
    "autre": "Autre",
}

REQUEST_TYPE = {"acces": "Accès au logement", "maintien": "Maintien dans le logement"}

CONTACT_CHANNEL = {
    "entretien": "Entretien",
    "visite_domicile": "Visite à domicile",
    "telephone": "Téléphone",
    "courrier": "Courrier / e-mail",
    "accompagnement": "Accompagnement physique",
}

CLOSE_REASON = {
    "objectifs_atteints": "Objectifs atteints",
    "reloge": "Relogé",
    "relais_partenaire": "Relais vers un partenaire",
    "abandon": "Abandon / non-adhésion",
    "demenagement": "Déménagement",
    "autre": "Autre",
}


# Social support work (db/support). Measure kinds and kinds of other actions are data an
# admin extends (table support_catalog); the codes below are fixed by law or practice.
MEASURE_END_REASON = {
    "objectifs_atteints": "Objectifs atteints",
    "reloge": "Relogé",
    "relais_partenaire": "Relais vers un partenaire",
    "abandon": "Abandon / non-adhésion",
    "demenagement": "Déménagement",
    "autre": "Autre",
}
# In their legal order: a stage may be skipped, never recorded before one already passed.
EVICTION_STAGE = {
    "commandement_payer": "Commandement de payer",
    "signalement_ccapex": "Signalement CCAPEX",
    "assignation": "Assignation",
    "audience": "Audience",
    "jugement": "Jugement",
    "commandement_quitter": "Commandement de quitter les lieux",
    "demande_concours": "Demande de concours de la force publique",
    "concours_accorde": "Concours accordé",
    "expulsion": "Expulsion",
}
# Ways out of a procedure: it closes « sans expulsion ».
EVICTION_EXIT = {
    "dette_soldee": "Dette soldée",
    "plan_accepte": "Plan d'apurement accepté",
    "reloge": "Relogé",
    "abandonnee": "Procédure abandonnée",
}
EVICTION_OUTCOME = {**EVICTION_EXIT, "expulsion": "Expulsion"}
DEBT_PLAN_STATUS = {
    "en_cours": "En cours",
    "respecte": "Respecté",
    "rompu": "Rompu",
    "solde": "Soldé",
}
MEDIATION_COUNTERPART = {
    "proprietaire_prive": "Propriétaire privé",
    "agence_syndic": "Agence immobilière ou syndic",
    "bailleur_social": "Bailleur social",
    "huissier": "Huissier",
    "fournisseur_energie": "Fournisseur d'énergie",
}
MEDIATION_REASON = {
    "impayes": "Impayés de loyer",
    "voisinage": "Troubles de voisinage",
    "etat_logement": "État du logement / travaux",
    "conge": "Congé / reprise",
    "relogement": "Relogement",
    "autre": "Autre",
}
MEDIATION_OUTCOME = {
    "accord": "Accord",
    "plan_apurement": "Plan d'apurement",
    "echec": "Échec",
    "en_cours": "En cours",
}
FSL_KIND = {"acces": "Accès", "maintien": "Maintien", "energie": "Énergie", "eau": "Eau"}
FSL_FORM = {"subvention": "Subvention", "pret": "Prêt", "mixte": "Mixte"}
FSL_STATUS = {
    "brouillon": "Brouillon",
    "deposee": "Déposée",
    "accordee": "Accordée",
    "refusee": "Refusée",
    "ajournee": "Ajournée",
}

AUDIT_ACTION = {
    "create": "Création",
    "update": "Modification",
    "delete": "Suppression",
    "close": "Clôture",
    "reopen": "Réouverture",
    "end": "Fin",
    "set_roles": "Rôles modifiés",
    "reset_password": "Mot de passe réinitialisé",
    "disable": "Compte désactivé",
    "enable": "Compte réactivé",
    "login": "Connexion",
    "login_failed": "Échec de connexion",
    "account_locked": "Compte verrouillé",
    "logout": "Déconnexion",
    "import": "Import",
}


ENTITY = {
    "household": "Ménage",
    "person": "Membre",
    "resource": "Ressource",
    "contact": "Contact",
    "household_status_event": "Statut du dossier",
    "housing_situation_event": "Situation de logement",
    "users": "Compte",
    "setting": "Réglage",
    "support_measure": "Mesure d'accompagnement",
    "measure_review": "Bilan de mesure",
    "measure_renewal": "Renouvellement de mesure",
    "eviction_procedure": "Procédure d'expulsion",
    "eviction_stage": "Étape de procédure",
    "debt_plan": "Plan d'apurement",
    "mediation": "Médiation",
    "fsl_application": "Demande FSL",
    "support_action": "Autre action",
    "support_catalog": "Liste de l'accompagnement",
    "anonymisation_hold": "Dossier gardé hors anonymisation",
    # Housing
    "owner": "Propriétaire",
    "dwelling": "Logement",
    "lease": "Bail",
    "capture_lead": "Piste de captation",
    "capture_stage_event": "Étape de captation",
}


# Column names as the history of a file shows them, and the catalogue of coded columns.
COLUMN = {
    "file_number": "Numéro de dossier",
    "status": "Statut",
    "referent": "Référent·e",
    "head_name": "Chef·fe de ménage",
    "address": "Adresse",
    "phone": "Téléphone",
    "email": "E-mail",
    "postal_code": "Code postal",
    "commune": "Commune",
    "family_type": "Composition familiale",
    "housing_situation": "Situation de logement",
    "prescriber": "Prescripteur",
    "request_type": "Type de demande",
    "consent_on": "Consentement",
    "anonymous": "Anonyme",
    "opened_on": "Ouverture",
    "last_contact_on": "Dernier contact",
    "closed_on": "Clôture",
    "close_reason": "Motif",
    "role": "Place",
    "last_name": "Nom",
    "first_name": "Prénom",
    "birth_date": "Date de naissance",
    "sex": "Sexe",
    "kind": "Type",
    "monthly_amount": "Montant",
    "valid_from": "Depuis le",
    "valid_until": "Jusqu'au",
    "contact_on": "Date",
    "channel": "Canal",
    "author": "Auteur",
    "summary": "Résumé",
    "private_note": "Note privée",
    "prescriber_name": "Prescripteur",
    "start_on": "Début",
    "planned_end_on": "Fin prévue",
    "plan_signed_on": "Plan signé le",
    "end_on": "Fin",
    "end_reason": "Motif de fin",
    "review_on": "Date du bilan",
    "outcome": "Issue",
    "renewed_on": "Renouvelée le",
    "previous_end_on": "Fin prévue avant",
    "new_end_on": "Nouvelle fin prévue",
    "landlord": "Bailleur",
    "stage": "Étape",
    "stage_on": "Date de l'étape",
    "arrears": "Dette locative",
    "creditor": "Créancier",
    "total_debt": "Dette totale",
    "instalment": "Mensualité",
    "months": "Nombre de mensualités",
    "counterpart": "Interlocuteur",
    "reason": "Motif",
    "mediation_on": "Date",
    "form": "Forme",
    "amount_requested": "Montant demandé",
    "amount_granted": "Montant accordé",
    "submitted_on": "Déposée le",
    "decided_on": "Décision le",
    "refusal_reason": "Motif du refus",
    "action_on": "Date",
    "note": "Précision",
    "label": "Libellé",
    "max_months": "Durée maximale (mois)",
    "active": "Proposé",
    "import": "Import n°",
    "event": "Événement",
    "occurred_on": "Date",
    "situation": "Situation de logement",
    "from_on": "Depuis le",
}
CODED_COLUMN = {
    "status": HOUSEHOLD_STATUS,
    "family_type": FAMILY_TYPE,
    "housing_situation": HOUSING_SITUATION,
    "prescriber": PRESCRIBER,
    "request_type": REQUEST_TYPE,
    "close_reason": CLOSE_REASON,
    "role": PERSON_ROLE,
    "sex": SEX,
    "kind": RESOURCE_TYPE,
    "channel": CONTACT_CHANNEL,
}


# The support tables' coded columns, table by table: an FSL application's "kind" is an FSL
# kind, never a resource type. Measure kinds and kinds of other actions are data
# (support_catalog): the screen that shows them adds their labels.
SUPPORT_CODED_COLUMN = {
    "support_measure": {"end_reason": MEASURE_END_REASON},
    "measure_review": {},
    "measure_renewal": {},
    "eviction_procedure": {"outcome": EVICTION_OUTCOME},
    "eviction_stage": {"stage": EVICTION_STAGE},
    "debt_plan": {"status": DEBT_PLAN_STATUS},
    "mediation": {
        "counterpart": MEDIATION_COUNTERPART,
        "reason": MEDIATION_REASON,
        "outcome": MEDIATION_OUTCOME,
    },
    "fsl_application": {"kind": FSL_KIND, "form": FSL_FORM, "status": FSL_STATUS},
    "support_action": {},
}


# Housing ------------------------------------------------------------------------------
# The housing stock, its leases and the capture pipeline (db/housing, 006_housing.sql).

OWNER_KIND = {
    "personne_privee": "Personne privée",
    "sci": "SCI",
    "bailleur_social": "Bailleur social",
    "commune": "Commune",
}
TYPOLOGY = {f"T{n}": f"T{n}" for n in range(1, 7)}
ENERGY_CLASS = {letter: f"Classe {letter}" for letter in "ABCDEFG"}
PROGRAMME = {
    "sous_location": "Sous-location / intermédiation locative",
    "mandat_gestion": "Mandat de gestion",
    "bail_glissant": "Bail glissant",
    "pension_famille": "Pension de famille",
    "residence_sociale": "Résidence sociale",
    "logement_temporaire": "Logement temporaire",
    "patrimoine_propre": "Patrimoine propre de l'association",
}
DWELLING_STATUS = {
    "vacant": "Vacant",
    "occupe": "Occupé",
    "travaux": "En travaux",
    "restitue": "Restitué",
}
# A dwelling's state on a day (dwelling_state, migration 012): its status above, read from
# its leases and its time in the stock, and « prévu » before it enters the stock. The
# status typed on its record only says whether works are under way (WORKS).
DWELLING_STATE = {**DWELLING_STATUS, "prevu": "Entrée prévue"}
WORKS = "travaux"
LEASE_KIND = {
    "bail_principal": "Bail principal (association)",
    "mandat_gestion": "Mandat de gestion (association)",
    "sous_location": "Sous-location",
    "bail_glissant": "Bail glissant",
    "bail_direct": "Bail direct",
}
# The association's own title on a dwelling: no household on these.
MAIN_LEASE_KINDS = frozenset({"bail_principal", "mandat_gestion"})
HOUSEHOLD_LEASE_KINDS = frozenset(LEASE_KIND) - MAIN_LEASE_KINDS
LEASE_END_REASON = {
    "conge_locataire": "Congé du locataire",
    "conge_bailleur": "Congé du bailleur",
    "expulsion": "Expulsion",
    "glissement": "Glissement du bail",
    "restitution": "Restitution au propriétaire",
    "deces": "Décès",
    "autre": "Autre",
}
# In the order of the pipeline: a lead may skip stages forward; going back needs a reason.
CAPTURE_STAGE = {
    "identifie": "Identifié",
    "contacte": "Contacté",
    "visite": "Visite",
    "proposition": "Proposition",
    "negociation": "Négociation",
    "convention_signee": "Convention signée",
    "mis_en_location": "Mis en location",
}
CAPTURE_SOURCE = {
    "prospection": "Prospection",
    "bouche_a_oreille": "Bouche-à-oreille",
    "partenaire": "Partenaire",
    "commune": "Commune",
    "annonce": "Annonce",
}
INCENTIVE = {
    "loc1": "Loc'Avantages Loc1",
    "loc2": "Loc'Avantages Loc2",
    "loc3": "Loc'Avantages Loc3",
    "prime": "Prime",
    "garantie_loyer": "Garantie de loyer",
}
ABANDON_REASON = {
    "loyer_trop_eleve": "Loyer demandé trop élevé",
    "travaux_trop_importants": "Travaux trop importants",
    "proprietaire_renonce": "Le propriétaire renonce",
    "vendu_ou_loue": "Logement vendu ou loué ailleurs",
    "injoignable": "Propriétaire injoignable",
    "logement_inadapte": "Logement inadapté",
    "autre": "Autre",
}

HOUSING_CODED_COLUMN = {
    "owner": {"kind": OWNER_KIND},
    "dwelling": {
        "typology": TYPOLOGY,
        "energy_class": ENERGY_CLASS,
        "programme": PROGRAMME,
        "status": DWELLING_STATUS,
    },
    "lease": {"kind": LEASE_KIND, "end_reason": LEASE_END_REASON},
    "capture_lead": {
        "owner_kind": OWNER_KIND,
        "typology": TYPOLOGY,
        "source": CAPTURE_SOURCE,
        "stage": CAPTURE_STAGE,
        "abandoned_reason": ABANDON_REASON,
    },
    "capture_stage_event": {"stage": CAPTURE_STAGE},
}


def coded_columns(entity: str) -> dict[str, dict]:
    """The catalogue of each coded column of one table's rows: a support table has its
    own; the household's tables (household, person, resource, contact) share CODED_COLUMN."""
    if entity in HOUSING_CODED_COLUMN:
        return HOUSING_CODED_COLUMN[entity]
    return SUPPORT_CODED_COLUMN.get(entity, CODED_COLUMN)


def label(catalogue: dict, code: str | None) -> str:
    """The French label of a code; an unknown code is shown as it is rather than hidden."""
    if code is None:
        return "—"
    return catalogue.get(code, code)

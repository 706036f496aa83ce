"""Labels of the housing stock, its leases and the capture pipeline (006_housing.sql).

Kept apart so that db/catalog.py stays under the length limit; db/catalog.py imports every
name below, and the rest of the app reads them from there.
"""

from __future__ import annotations

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

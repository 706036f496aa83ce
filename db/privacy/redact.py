"""A note without anything nominative: what an intake without consent may keep (CNIL).

The screen promises « ni noms, ni dates de naissance, ni coordonnées »: before a first-
contact note of such an intake is stored, `redact_note` replaces each name, phone number,
e-mail address and street address with a marker (« [nom retiré] »…) and counts them, so
that the screen says what was left out. A pure function: text in, text and counts out.

What it finds: a civility and the name after it (« Mme Zorglubeski Ermengarde »), a word
in capitals that is not a known acronym (« DUPONT », with the first name beside it), the
names typed elsewhere in the same form; French phone numbers (06 99 88 77 66, 0699887766,
+33 6…, with dots or dashes); e-mail addresses; a number and a street (« 12 rue des
Lilas », « 3 bis avenue… », « bd », « allée », « impasse »…), with its postal code and
town. It cannot know that an ordinary word is a name: a first name typed alone, and not
in the form, stays; hence the screen shows the note as it will be stored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

NAME, PHONE, EMAIL, ADDRESS = "nom", "telephone", "email", "adresse"
MARKERS = {
    NAME: "[nom retiré]",
    PHONE: "[téléphone retiré]",
    EMAIL: "[e-mail retiré]",
    ADDRESS: "[adresse retirée]",
}
# How the screen counts each kind: singular, plural.
KIND_WORDS = {
    NAME: ("nom", "noms"),
    PHONE: ("numéro de téléphone", "numéros de téléphone"),
    EMAIL: ("adresse e-mail", "adresses e-mail"),
    ADDRESS: ("adresse postale", "adresses postales"),
}
# Private-use characters stand for a marker while the note is worked on: no pattern
# matches them, so a name is never found inside a marker, nor a marker counted twice.
OPEN, CLOSE = "\ue000", "\ue001"
# A kind's letter; in capitals, a marker already in the note (a note stripped twice).
SLOT = {NAME: "n", PHONE: "p", EMAIL: "e", ADDRESS: "a"}
KIND_OF_SLOT = {letter: kind for kind, letter in SLOT.items()}

UP = "A-ZÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ"
LOW = "a-zàâäæçéèêëîïôöœùûüÿß"
CAP_WORD = rf"[{UP}][{LOW}{UP}]*(?:['’-][{UP}{LOW}]+)*"  # Dupont, Jean-Pierre, N'Diaye
CAPS_WORD = rf"[{UP}](?:['’-]?[{UP}])+"  # DUPONT, LE-GALL, N'DIAYE (two letters or more)
PARTICLE = r"(?:(?:de|du|des|le|la|les|van|von|der|den|ben|el|ibn)(?!\w)|[dl]['’])"

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 0X XX XX XX XX in any grouping, with +33, 0033 or +33 (0) in front of the nine digits.
PHONE_RE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)"
)
# A street's kind: after these, any word names the street (« 12 rue des lilas »).
STREET_TYPE = (
    r"(?i:rue|r\.|avenue|av\.?|boulevard|bd|bvd|allée|allee|all\.|impasse|imp\.|chemin"
    r"|ch\.|quai|square|sq\.|résidence|residence|lotissement|esplanade|parvis|venelle"
    r"|ruelle|faubourg|fg|rond-point|lieu-dit|hameau|montée)"
)
# Words that are also ordinary ones (« 2 cours par semaine », « 1 place en CHRS »): a
# street only when a capitalised name follows (« 3 place de la Victoire »).
PLAIN_WORD_TYPE = (
    r"(?i:place|pl\.|cours|route|rte|passage|cité|cite|mail|villa|clos|voie|promenade"
    r"|traverse|sentier)"
)
# 8 Mai 1945: a number in a street's name is a day before a month, or a year.
STREET_WORD = rf"(?:{CAP_WORD}|\d{{1,2}}(?:er|e)?(?=\s+[{UP}])|\d{{4}}(?!\d))"
MORE_STREET_WORDS = rf"(?:\s+(?:{PARTICLE}\s*)*{STREET_WORD})*"  # then: Jean Jaurès
TOWN = rf"{CAP_WORD}(?:\s+(?i:cedex))?"  # Bordeaux, Saint-Médard-en-Jalles
ADDRESS_RE = re.compile(
    rf"(?<![\w,.])\d{{1,4}}(?:\s*-\s*\d{{1,4}})?\s*(?i:bis|ter|quater|[a-d](?!\w))?,?\s+"
    rf"(?:{STREET_TYPE}(?!\w)\s+(?:{PARTICLE}\s*)*[\w'’-]+"
    rf"|{PLAIN_WORD_TYPE}(?!\w)\s+(?:{PARTICLE}\s*)*{CAP_WORD})"
    rf"{MORE_STREET_WORDS}(?:\s*,?\s*\d{{5}}(?:\s+{TOWN})?)?"
)
CIVILITY = (
    r"(?:[Mm]adame|[Mm]ademoiselle|[Mm]onsieur|MADAME|MONSIEUR|Mmes?\.?|MME|Mlle\.?|MM\."
    r"|M\.|Mr\.?)"
)
CIVILITY_RE = re.compile(
    rf"(?<![\w.]){CIVILITY}\s+(?:{PARTICLE}\s*)?{CAP_WORD}"
    rf"(?:\s+(?:{PARTICLE}\s*)?{CAP_WORD}){{0,3}}"
)
# Words in capitals that are not names: the acronyms of social work and housing.
ACRONYM_WORDS = """
    CAF MSA FSL RSA AAH APL ALS ALF ALT ASE PMI MDPH CCAS CIAS SIAO CHRS CADA HUDA SDF HLM
    OPH ESH DALO DAHO CMU CSS CPAM CMP CMPP EDF GDF ENGIE SNCF RATP TBM CDI CDD SMIC PAJE
    ARE ASS ATA ASPA AL PV RDV TEL OK NB PS RAS SMS URSSAF MJPM UDAF AVDL ASLL AEB AED AEMO
    CESF ES AS TS JAF JE TGI TJ OFII OFPRA CNDA ADA ANEF QPV IAE ACI SIAE ML PLIE CIO CV
    EHPAD SAVS SAMSAH ESAT IME ITEP CMS MDS MDSI LHSS LAM ACT FJT CLLAJ IML GLA AIVS
    SOLIBAIL VISALE LOCAPASS GRL CNAF DDETS DREETS PDALHPD CCAPEX AME PUMA ACS RGPD CNIL
    DPO APA PCH AEEH ASF CSG IR RFR TVA FT SPIP SAMU SMUR CHU CH PASS CSAPA CAARUD CMPA
    CAO PRAHDA HUAS ASSEDIC POLE EMPLOI FRANCE TRAVAIL II III IV VI ANONYME TTC HT SA SAS
    SARL SCI OPAC SEM EPCI CD CG PDI ADIL CLCV CNL HALDE SOS ANAH RIB IBAN BIC NIR CNI
    ATTESTATION UE USA
"""
ACRONYMS = frozenset(ACRONYM_WORDS.split())
CAPS_RE = re.compile(
    rf"(?<![\w'’-])(?:{CAP_WORD}\s+)?{CAPS_WORD}(?:[\s-]+{CAPS_WORD})*"
    rf"(?:\s+{CAP_WORD})?(?![\w'’])"
)
MARKERS_RUN = re.compile(OPEN + r"([a-zA-Z])" + CLOSE + r"(?:\s+" + OPEN + r"\1" + CLOSE + ")+")


@dataclass(frozen=True)
class Redacted:
    """The note as it may be stored, and how many of each kind were removed."""

    text: str
    removed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """« 2 noms, 1 numéro de téléphone »; empty when nothing was removed."""
        return removed_summary(self.removed)


def removed_summary(removed: dict[str, int]) -> str:
    parts = []
    for kind in (NAME, PHONE, EMAIL, ADDRESS):
        count = removed.get(kind, 0)
        if count:
            singular, plural = KIND_WORDS[kind]
            parts.append(f"{count} {singular if count < 2 else plural}")
    return ", ".join(parts)


def slot(kind: str, kept: bool = False) -> str:
    letter = SLOT[kind]
    return OPEN + (letter.upper() if kept else letter) + CLOSE


def fold_pattern(name: str) -> str:
    """A typed name as a pattern that also finds it with or without accents, and with a
    space for a hyphen (« Hélène-Marie » finds « helene marie »)."""
    variants = {
        "a": "aàâä",
        "c": "cç",
        "e": "eéèêë",
        "i": "iîï",
        "o": "oôö",
        "u": "uùûü",
        "y": "yÿ",
    }
    base = {accented: plain for plain, letters in variants.items() for accented in letters}
    parts = []
    for char in name.lower():
        plain = base.get(char)
        if plain:
            parts.append(f"[{variants[plain]}]")
        elif char in " -'’":
            parts.append(r"[\s'’-]?")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def known_names_re(names: Iterable[str]) -> re.Pattern | None:
    """One pattern for the names typed in the form (two letters or more, longest first)."""
    tidy = {" ".join(n.split()) for n in names if n and len("".join(n.split())) >= 2}
    if not tidy:
        return None
    alternatives = "|".join(fold_pattern(n) for n in sorted(tidy, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


def not_acronym(match: re.Match) -> str:
    words = re.findall(CAPS_WORD, match.group(0))
    if all(w.replace("’", "'").split("'")[-1] in ACRONYMS or w in ACRONYMS for w in words):
        return match.group(0)
    return slot(NAME)


def redact_note(text: str, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> Redacted:
    """`text` with its names, phone numbers, e-mail and street addresses replaced by
    markers; `names` and `addresses` are what the form holds elsewhere (found in the note
    whatever their case and accents)."""
    work = text.replace(OPEN, "").replace(CLOSE, "")
    for kind, marker in MARKERS.items():  # a note stripped before: not counted again
        work = work.replace(marker, slot(kind, kept=True))
    work = EMAIL_RE.sub(slot(EMAIL), work)
    work = PHONE_RE.sub(slot(PHONE), work)
    for address in addresses:
        if address and len(address.strip()) >= 4:
            work = re.sub(fold_pattern(address.strip()), slot(ADDRESS), work, flags=re.I)
    work = ADDRESS_RE.sub(slot(ADDRESS), work)
    work = CIVILITY_RE.sub(slot(NAME), work)
    typed = known_names_re(names)
    if typed is not None:
        work = typed.sub(slot(NAME), work)
    work = CAPS_RE.sub(not_acronym, work)
    work = MARKERS_RUN.sub(lambda m: OPEN + m.group(1) + CLOSE, work)  # « Mme X Y »: one
    counts = Counter(KIND_OF_SLOT[letter] for letter in re.findall(OPEN + "([a-z])" + CLOSE, work))
    for kind in SLOT:
        work = work.replace(slot(kind), MARKERS[kind]).replace(slot(kind, True), MARKERS[kind])
    return Redacted(work, dict(counts))


def removed_sentence(removed: dict[str, int], done: bool) -> str:
    """What the screen says of a note without consent: before the save (« sera
    enregistrée sans : … ») or after (« a été enregistrée sans : … »); empty when the
    note lost nothing."""
    if not any(removed.values()):
        return ""
    verb = "a été enregistrée" if done else "sera enregistrée"
    return f"Sans consentement, la note {verb} sans : {removed_summary(removed)}."

"""A note without consent loses its names, phone numbers, e-mail and street addresses
(db/privacy/redact.py): the issue's example, French formats one by one, what must stay,
and properties over generated notes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.privacy.redact import MARKERS, Redacted, redact_note, removed_sentence

ISSUE_NOTE = (
    "Mme Zorglubeski Ermengarde, tel 06 99 88 77 66, fuit son conjoint M. Zorglubeski Bertrand"
)


def test_the_issue_example_keeps_no_name_nor_phone():
    redacted = redact_note(ISSUE_NOTE)
    assert redacted.text == ("[nom retiré], tel [téléphone retiré], fuit son conjoint [nom retiré]")
    assert redacted.removed == {"nom": 2, "telephone": 1}
    assert removed_sentence(redacted.removed, done=True) == (
        "Sans consentement, la note a été enregistrée sans : 2 noms, 1 numéro de téléphone."
    )


@pytest.mark.parametrize(
    "phone",
    [
        "06 99 88 77 66",
        "0699887766",
        "06.99.88.77.66",
        "06-99-88-77-66",
        "+33 6 99 88 77 66",
        "+33699887766",
        "+33 (0)6 99 88 77 66",
        "0033 6 99 88 77 66",
        "05 56 12 34 56",
    ],
)
def test_french_phone_numbers_are_removed(phone):
    redacted = redact_note(f"rappeler au {phone} demain")
    assert redacted.text == "rappeler au [téléphone retiré] demain"
    assert redacted.summary() == "1 numéro de téléphone"


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ("vit au 12 rue des Lilas avec ses enfants", "vit au [adresse retirée] avec ses enfants"),
        ("3 bis avenue Jean Jaurès, 33150 Cenon", "[adresse retirée]"),
        ("12bis bd Victor Hugo", "[adresse retirée]"),
        ("au 8 allée du 8 Mai 1945 à Lormont", "au [adresse retirée] à Lormont"),
        ("5 impasse des Roses.", "[adresse retirée]."),
        ("45 place de la République", "[adresse retirée]"),
        ("14 chemin de la Croix, 33600 Pessac", "[adresse retirée]"),
        ("2 cours Victor Hugo 33000 BORDEAUX", "[adresse retirée]"),
        ("7 quai des Chartrons", "[adresse retirée]"),
        ("12 rue des lilas fuit son conjoint", "[adresse retirée] fuit son conjoint"),
    ],
)
def test_street_addresses_are_removed_with_their_postal_code(note, kept):
    assert redact_note(note).text == kept


def test_an_email_and_names_in_capitals_are_removed_acronyms_kept():
    redacted = redact_note("DUPONT Jean, jean.dupont@free.fr, orienté par la CAF et le SIAO")
    assert redacted.text == "[nom retiré], [e-mail retiré], orienté par la CAF et le SIAO"
    assert redacted.summary() == "1 nom, 1 adresse e-mail"


def test_names_typed_elsewhere_in_the_form_are_found_whatever_case_and_accents():
    redacted = redact_note(
        "helene est venue avec Karim ; hélène-marie suivra", names=["Hélène", "Karim"]
    )
    assert redacted.text == "[nom retiré] est venue avec [nom retiré] ; hélène-marie suivra"
    assert redact_note("Ermengarde Zorglubeski", names=["Zorglubeski", "Ermengarde"]).removed == {
        "nom": 1
    }


def test_the_address_typed_in_the_form_is_found_in_the_note():
    redacted = redact_note("hébergée Résidence Les Pins bât B", addresses=["Résidence Les Pins"])
    assert redacted.text == "hébergée [adresse retirée] bât B"


@pytest.mark.parametrize(
    "note",
    [
        "se retrouve à la rue, 1 place en CHRS en cours",
        "2 enfants de 3 et 5 ans, 2 cours par semaine",
        "dossier FSL déposé le 12/03/2026, APL 245,50 €",
        "Madame souhaite un logement près de l'école",
        "RDV CCAS le 3 mars à 14 h",
    ],
)
def test_what_is_not_nominative_stays_word_for_word(note):
    assert redact_note(note) == Redacted(note, {})


# Properties -----------------------------------------------------------------------------

FILLER = st.lists(
    st.sampled_from(["accueil", "fuit", "son", "logement", "demande", "avec", "urgence"]),
    min_size=1,
    max_size=4,
).map(" ".join)
NAME_WORD = st.text("abcdefghijklmnopqrstuvwxyzéèç", min_size=3, max_size=12).map(str.capitalize)


@st.composite
def phones(draw) -> str:
    digits = str(draw(st.integers(1, 9))) + "".join(
        str(d) for d in draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    )
    sep = draw(st.sampled_from([" ", ".", "-", ""]))
    groups = [digits[0]] + [digits[i : i + 2] for i in range(1, 9, 2)]
    if draw(st.booleans()):
        return "0" + groups[0] + sep + sep.join(groups[1:])
    return draw(st.sampled_from(["+33 ", "+33", "0033 "])) + groups[0] + sep + sep.join(groups[1:])


@st.composite
def named(draw) -> str:
    civility = draw(st.sampled_from(["Mme", "M.", "Madame", "Monsieur", "Mlle"]))
    return f"{civility} {draw(NAME_WORD)} {draw(NAME_WORD)}"


@st.composite
def emails(draw) -> str:
    local = draw(st.text("abcdefghij.-_0123", min_size=1, max_size=10)).strip(".") or "x"
    return f"{local}@{draw(st.sampled_from(['free.fr', 'gmail.com', 'ccas-bordeaux.fr']))}"


@st.composite
def addresses(draw) -> str:
    number = draw(st.integers(1, 999))
    extra = draw(st.sampled_from(["", " bis", "ter"]))
    kind = draw(st.sampled_from(["rue", "avenue", "bd", "allée", "impasse", "chemin", "quai"]))
    postal = draw(st.sampled_from(["", " 33000 Bordeaux", ", 33600 Pessac"]))
    return f"{number}{extra} {kind} des {draw(NAME_WORD)}{postal}"


PIECES = {"nom": named(), "telephone": phones(), "email": emails(), "adresse": addresses()}


@st.composite
def notes(draw) -> tuple[str, dict[str, int], list[str]]:
    """A note of filler words and nominative pieces; the counts and the pieces put in."""
    kinds = draw(st.lists(st.sampled_from(sorted(PIECES)), max_size=6))
    words, pieces = [draw(FILLER)], []
    for kind in kinds:
        piece = draw(PIECES[kind])
        pieces.append(piece)
        words += [piece + ",", draw(FILLER)]
    counts = {kind: kinds.count(kind) for kind in set(kinds)}
    return " ".join(words), counts, pieces


@settings(max_examples=150, deadline=None)
@given(notes())
def test_every_piece_put_in_is_removed_and_counted(note):
    text, counts, pieces = note
    redacted = redact_note(text)
    assert redacted.removed == counts
    for piece in pieces:
        assert piece not in redacted.text
    # No phone's digits are left, whatever the separators.
    assert not re.search(r"\d{2}[\s.-]?\d{2}[\s.-]?\d{2}[\s.-]?\d{2}", redacted.text)
    assert "@" not in redacted.text


@settings(max_examples=150, deadline=None)
@given(st.one_of(notes().map(lambda n: n[0]), st.text(max_size=300)))
def test_a_stripped_note_stripped_again_is_the_same(text):
    once = redact_note(text)
    twice = redact_note(once.text)
    assert twice.text == once.text
    assert twice.removed == {}


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàç ,.;'!?()\n"), max_size=300))
def test_a_note_in_small_letters_without_digits_is_kept_as_is(text):
    assert redact_note(text) == Redacted(text, {})


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3))
def test_any_text_and_any_typed_names_give_a_note_with_markers_only(text, names):
    redacted = redact_note(text, names=names)
    assert "\ue000" not in redacted.text and "\ue001" not in redacted.text
    markers = sum(redacted.text.count(marker) for marker in MARKERS.values())
    assert markers >= sum(redacted.removed.values())

from datetime import date, datetime
from decimal import Decimal

import pytest

from db.imports.values import cell_text, fold, parse_amount, parse_date, parse_int, parse_phone


def test_fold_matches_names_without_accents_case_or_punctuation():
    assert fold("Réf. ménage") == "refmenage"
    assert fold("  Cœur DE  Mercœur ") == "coeurdemercoeur"


@pytest.mark.parametrize(
    "typed",
    [
        "21/11/2025",
        "21/11/25",
        "2025-11-21",
        "21-11-2025",
        "21.11.2025",
        45982,
        "45982",
        45982.5,
        datetime(2025, 11, 21),
        "21/11/2025 00:00",
    ],
)
def test_every_date_form_reads_21_november_2025(typed):
    assert parse_date(typed) == date(2025, 11, 21)


def test_an_impossible_date_is_refused_in_french():
    with pytest.raises(ValueError, match="date invalide : 31/02/2024 .jour, mois, année"):
        parse_date("31/02/2024")
    assert parse_date("") is None


def test_a_long_bad_cell_is_cut_in_the_message():
    with pytest.raises(ValueError) as refused:
        parse_date("x" * 500)
    assert "…" in str(refused.value) and len(str(refused.value)) < 140


def test_amounts_phones_and_integers():
    assert parse_amount(1234.5) == Decimal("1234.50")
    assert parse_amount(" 1 234,50 € ") == "1 234,50 €"
    assert parse_amount(None) is None
    assert parse_phone(612345678) == "0612345678"
    assert parse_phone("06 12 34 56 78") == "06 12 34 56 78"
    assert parse_int("3") == parse_int(3.0) == parse_int(3) == 3
    with pytest.raises(ValueError, match="nombre entier attendu : trois"):
        parse_int("trois")
    assert cell_text(12.0) == "12" and cell_text("  ") is None

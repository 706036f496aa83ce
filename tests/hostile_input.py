"""The hostile alphabet of the property tests and the strategies of each form field:
what is typed, and what the model must then hold."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from db import catalog, clock

# ---------------------------------------------------------------- the hostile alphabet

LONG = "é" * 10_000
HOSTILE_SAMPLES = [
    "'; DROP TABLE household; --",
    "Robert'); DELETE FROM person WHERE ('1'='1",
    "\u202eelif.exe",  # right-to-left override
    "محمد العربي",
    "שלום עליכם",
    "Zoë 😀👨‍👩‍👧 🏠",
    "nul\x00octet",
    "cloche\x07 échap\x1b[31m rouge",
    "**gras** # titre [lien](http://exemple.org) ![x](http://x/y.png)",
    "<script>alert('x')</script>",
    "$x^2$ :red[rouge] `code`",
    "  espaces autour  ",
    "ligne 1\nligne 2\r\nligne 3\ttab",
    "",
    "   ",
    LONG,
    "a" * 81,
    "0",
    "None",
    "null",
]
# Any character but lone surrogates (which no browser sends and UTF-8 cannot carry).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
hostile_text = st.one_of(st.sampled_from(HOSTILE_SAMPLES), st.text(ANY_CHAR, max_size=40))

TODAY = clock.today()
hostile_dates = st.one_of(
    st.sampled_from(
        [date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1), TODAY, TODAY + timedelta(days=1)]
    ),
    st.dates(),
)
past_dates = st.one_of(
    st.sampled_from([date(1, 1, 1), date(1900, 1, 1), TODAY]),
    st.dates(min_value=date(1, 1, 1), max_value=TODAY),
)


@st.composite
def french_amount(draw, low_cents=-(10**9), high_cents=10**13) -> tuple[str, Decimal]:
    """An amount as a French user types it, and its value: « 1 234,50 » is 1234.50."""
    cents = draw(st.integers(min_value=low_cents, max_value=high_cents))
    value = Decimal(cents).scaleb(-2)
    whole, part = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    grouped = f"{whole:,}"
    style = draw(st.sampled_from(["comma", "dot", "spaces", "nbsp", "dots", "euro", "whole"]))
    if style == "whole" and part == 0:
        return f"{sign}{whole}", value
    typed = {
        "comma": f"{sign}{whole},{part:02d}",
        "dot": f"{sign}{whole}.{part:02d}",
        "spaces": f"{sign}{grouped.replace(',', ' ')},{part:02d}",
        "nbsp": f"{sign}{grouped.replace(',', chr(0x202F))},{part:02d}",
        "dots": f"{sign}{grouped.replace(',', '.')},{part:02d}",
        "euro": f"{sign}{whole},{part:02d} €",
    }.get(style, f"{sign}{whole},{part:02d}")
    return typed, value


# ------------------------------------------------ fields: a strategy and what to expect

TEXT, AMOUNT, OTHER = "text", "amount", "other"
# Hostile text a form accepts (not blank, not too long): the saves' properties use it.
FITTING_SAMPLES = [s for s in HOSTILE_SAMPLES if s.strip() and len(s) <= 80]
fitting_text = st.one_of(
    st.sampled_from(FITTING_SAMPLES),
    st.text(ANY_CHAR, min_size=1, max_size=40).filter(lambda t: t.strip()),
)


class Fields:
    """Each field's strategy of (value, expectation); `plausible` keeps to values a form
    accepts but for their hostile text (so that saves happen), else anything goes."""

    def __init__(self, plausible: bool):
        self.plausible = plausible

    def text(self):
        return st.tuples(fitting_text if self.plausible else hostile_text, st.just(TEXT))

    def amount(self, high_cents: int = 2_000_000, low_cents: int = 1):
        french = french_amount(low_cents, high_cents) if self.plausible else french_amount()
        typed = french.map(lambda pair: (pair[0], (AMOUNT, pair[1])))
        if self.plausible:
            return typed
        garbage = st.one_of(
            hostile_text,
            st.sampled_from(["85,50", "1 234,50", "0,001", "1e9", "NaN", "-0", "12,5,3"]),
        )
        return st.one_of(typed, garbage.map(lambda t: (t, OTHER)))

    def code(self, catalogue):
        valid = st.sampled_from(sorted(catalogue))
        if not self.plausible:
            valid = st.one_of(valid, hostile_text, st.just(None))
        return valid.map(lambda v: (v, OTHER))

    def when(self, recent: bool = False):
        """A date in the past (year 1 included) when plausible; else anything, strings too."""
        if self.plausible:
            days = st.dates(min_value=TODAY - timedelta(days=300), max_value=TODAY)
            dates = days if recent else st.one_of(days, past_dates)
        else:
            dates = st.one_of(
                hostile_dates, st.just(None), st.sampled_from(["31/02/2026", "hier", "2026-13-01"])
            )
        return dates.map(lambda v: (v, OTHER))

    def optional_when(self):
        dates = st.just(None) if self.plausible else st.one_of(hostile_dates, st.just(None))
        return dates.map(lambda v: (v, OTHER))

    def number(self, low, high, wide=10**12):
        numbers = st.integers(low, high)
        if not self.plausible:
            numbers = st.one_of(numbers, st.integers(-wide, wide))
        return numbers.map(lambda v: (v, OTHER))

    def either(self, plausible_values, hostile=hostile_text):
        values = st.sampled_from(plausible_values)
        if not self.plausible:
            values = st.one_of(values, hostile)
        return values.map(lambda v: (v, OTHER))


def fixed(value):
    return st.just((value, OTHER))


@st.composite
def form(draw, **fields) -> tuple[dict, dict]:
    """(what the form sends, what each field should hold): a strategy per field gives
    (value, expectation)."""
    sent, expected = {}, {}
    for name, strategy in fields.items():
        value, expectation = draw(strategy)
        sent[name] = value
        expected[name] = expectation
    return sent, expected


def member(f: Fields, role=None):
    return form(
        role=fixed(role) if role else f.code(catalog.PERSON_ROLE),
        last_name=f.text(),
        first_name=f.text(),
        birth_date=f.optional_when(),
        sex=f.code(catalog.SEX),
    )


def resource(f: Fields):
    return form(
        member_index=f.either([0], st.sampled_from([1, 7, -1])),
        kind=f.code(catalog.RESOURCE_TYPE),
        monthly_amount=f.amount(high_cents=2_000_000, low_cents=0),
    )


def contact_details(f: Fields, **more):
    return form(
        phone=f.either(["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"]),
        email=f.either(["a@exemple.fr", None]),
        address=f.text(),
        postal_code=f.either(["33000", "97400"]),
        commune=f.text(),
        family_type=f.code(catalog.FAMILY_TYPE),
        housing_situation=f.code(catalog.HOUSING_SITUATION),
        prescriber=f.code(catalog.PRESCRIBER),
        request_type=f.code(catalog.REQUEST_TYPE),
        consent_on=f.when(),
        **more,
    )


@st.composite
def intake(draw, f: Fields):
    sent, expected = draw(contact_details(f, first_note=f.text()))
    head, head_expected = draw(member(f, role="chef_menage"))
    others = draw(st.lists(member(f, role="enfant" if f.plausible else None), max_size=2))
    sent["members"] = [head] + [m for m, _ in others]
    expected["members"] = [head_expected] + [e for _, e in others]
    resources = draw(st.lists(resource(f), max_size=2))
    sent["resources"] = [r for r, _ in resources]
    expected["resources"] = [e for _, e in resources]
    return sent, expected


@st.composite
def debt_plan(draw, f: Fields):
    sent, expected = draw(
        form(
            creditor=f.text(),
            instalment=f.amount(high_cents=500_000),
            months=f.number(1, 240, wide=1000),
            start_on=f.when(recent=True),
            status=f.code(catalog.DEBT_PLAN_STATUS),
        )
    )
    if f.plausible:  # the instalments cover the debt, by less than one instalment
        instalment = expected["instalment"][1]
        short = Decimal(draw(st.integers(0, int(instalment * 100) - 1))).scaleb(-2)
        total = instalment * sent["months"] - short
        sent["total_debt"], expected["total_debt"] = str(total).replace(".", ","), (AMOUNT, total)
    else:
        sent["total_debt"], expected["total_debt"] = draw(f.amount())
    return sent, expected


@st.composite
def fsl(draw, f: Fields):
    sent, expected = draw(
        form(
            kind=f.code(catalog.FSL_KIND),
            form=f.code(catalog.FSL_FORM),
            amount_requested=f.amount(high_cents=10_000_000),
            status=f.code(catalog.FSL_STATUS),
            refusal_reason=f.text(),
        )
    )
    if not f.plausible:
        for name, strategy in {
            "submitted_on": f.optional_when(),
            "decided_on": f.optional_when(),
            "amount_granted": f.amount(),
        }.items():
            sent[name], expected[name] = draw(strategy)
        return sent, expected
    status = sent["status"]  # the fields each status asks for, and no other
    day = TODAY - timedelta(days=draw(st.integers(0, 300)))
    sent["submitted_on"] = None if status == "brouillon" else day
    sent["decided_on"] = day if status in ("accordee", "refusee", "ajournee") else None
    if status != "refusee":
        sent["refusal_reason"], expected["refusal_reason"] = None, OTHER
    if status == "accordee":
        sent["amount_granted"], expected["amount_granted"] = (
            sent["amount_requested"],
            (expected["amount_requested"]),
        )
    return sent, expected

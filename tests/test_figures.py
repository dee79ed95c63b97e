"""Figures: value, unit, kind and role of every number in an article."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SCORE
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.components.figures import FigureFinder, _address_ranges
from extract.numbers import default_scanner, find_numbers


@pytest.fixture(scope="session")
def finder() -> FigureFinder:
    return FigureFinder()


def figures_of(extract, text: str, published: str = "2024-05-02"):
    return extract(text, published=published).figures


def triples(extract, text: str) -> list[tuple[str, float, str | None]]:
    return [(f.text, f.value, f.unit) for f in figures_of(extract, text)]


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def assert_figures(got: list[tuple[str, float, str | None]], expected: list[tuple[str, float, str | None]]) -> None:
    assert len(got) == len(expected), got
    for (g_text, g_value, g_unit), (e_text, e_value, e_unit) in zip(got, expected, strict=True):
        assert g_text == e_text, got
        assert same_value(g_value, e_value), got
        assert g_unit == e_unit, got


# ---------------------------------------------------------------- numbers in every form
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turnout reached 120,000 on the first day.", [("120,000", 120000, None)]),
        ("The index closed at 1.2693 after a quiet session.", [("1.2693", 1.2693, None)]),
        ("Reserves stood at 3.45 trillion last month.", [("3.45 trillion", 3.45e12, None)]),
        ("The plan will cost 1.5bn over a decade.", [("1.5bn", 1.5e9, None)]),
        ("The mill ships 4 mln bags a season.", [("4 mln", 4e6, "bags")]),
        ("A farm lobby said 2.4 bln litres were sold.", [("2.4 bln litres", 2.4e9, "litres")]),
        ("The deficit rose to 7,5 percent of output.", [("7,5 percent", 7.5, "percent")]),
        ("Tax receipts topped 12,34,567 in the district.", [("12,34,567", 1234567, None)]),
        ("Three ferries and twenty-five buses were hired.", [("Three", 3, "ferries"), ("twenty-five", 25, "buses")]),
        ("The mayor hired a dozen inspectors.", [("a dozen", 12, "inspectors")]),
        ("The agency employs one hundred and six divers.", [("one hundred and six", 106, "divers")]),
        ("Fees went up nearly tenfold after the reform.", [("tenfold", 10, "times")]),
        ("Costs rose fourfold while sales rose 3-fold.", [("fourfold", 4, "times"), ("3-fold", 3, "times")]),
        ("Output is twice what it was.", [("twice", 2, "times")]),
        ("Prices are four times higher than in the capital.", [("four times", 4, "times")]),
        ("Half of the stalls were empty.", [("Half", 0.5, None)]),
        ("About a third of households own a car.", [("a third", 1 / 3, None)]),
        ("Exports have dropped by nearly a fifth since the war.", [("a fifth", 0.2, None)]),
        ("She won a third term.", []),
        ("Nearly two-thirds of members voted yes.", [("two-thirds", 2 / 3, None)]),
        ("Roughly three quarters of the grain was lost.", [("three quarters", 0.75, None)]),
        ("One in four adults smokes.", [("One in four", 0.25, None)]),
        ("The pipe is 2 1/2 inches wide.", [("2 1/2 inches", 2.5, "feet")]),
        ("The fund lost -3.5% in a week and the margin was negative 1.2 percent.",
         [("-3.5%", -3.5, "percent"), ("negative 1.2 percent", -1.2, "percent")]),
        ("Temperatures fell to minus 4 degrees.", [("minus 4 degrees", -4, "degrees")]),
        ("The relief fund grew by five and a half million.", [("five and a half million", 5.5e6, None)]),
    ],
)  # fmt: skip
def test_figures_number_forms(extract, text, expected):
    assert_figures(triples(extract, text), expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4,500", 4500),
        ("0.75", 0.75),
        ("two hundred and two thousand", 202000),
        ("a hundred", 100),
        ("half a million", 500000),
        ("three lakh crore", 3e12),
        ("2.63 trillion", 2.63e12),
        ("12 bn", 12e9),
        ("1 234 567", 1234567),
        ("¾", 0.75),
        ("9½", 9.5),
        ("tens of thousands", 10000),
        ("minus seven", -7),
    ],
)
def test_numbers_values(text, value):
    found = find_numbers(text)
    assert len(found) == 1, found
    assert same_value(found[0].value, value)
    assert (found[0].start, found[0].end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    ["G20", "T20", "A350", "Q3", "COVID-19", "21st", "1990s", "the one", "which one", "192.168.1.20", "10:45"],
)
def test_numbers_not_numbers(text):
    assert find_numbers(text) == []


# ---------------------------------------------------------------- money
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The port earned $42 million.", [("$42 million", 42e6, "USD")]),
        ("Its bonds raised US$1.8 billion.", [("US$1.8 billion", 1.8e9, "USD")]),
        ("Rents hit HK$28,000 a month.", [("HK$28,000", 28000, "HKD")]),
        ("The club paid €65m for the striker.", [("€65m", 65e6, "EUR")]),
        ("Losses reached £3.1bn last year.", [("£3.1bn", 3.1e9, "GBP")]),
        ("The state set aside Rs 240 crore for roads.", [("Rs 240 crore", 2.4e9, "INR")]),
        ("The ticket costs Rs450.", [("Rs450", 450, "INR")]),
        ("A grant of ₹ 75 lakh was approved.", [("₹ 75 lakh", 7.5e6, "INR")]),
        ("Sales reached 41 billion yuan in May.", [("41 billion yuan", 41e9, "CNY")]),
        ("Loans in renminbi grew by 900 billion renminbi.", [("900 billion renminbi", 900e9, "CNY")]),
        ("Imports were worth 6.2 billion U.S. dollars.", [("6.2 billion U.S. dollars", 6.2e9, "USD")]),
        ("The bank lent 300 million euros.", [("300 million euros", 300e6, "EUR")]),
        ("He was fined 20,000 rupees.", [("20,000 rupees", 20000, "INR")]),
        ("It paid 12 million pounds sterling.", [("12 million pounds sterling", 12e6, "GBP")]),
        ("The contract is worth USD 5 million.", [("USD 5 million", 5e6, "USD")]),
        ("Reserves were CNY 80 billion.", [("CNY 80 billion", 80e9, "CNY")]),
        ("The tender was for 950 million USD.", [("950 million USD", 950e6, "USD")]),
        ("Bread costs 80 cents now.", [("80 cents", 0.8, "USD")]),
        ("A stamp costs 85p.", [("85p", 0.85, "GBP")]),
        ("Shares closed at 310 pence.", [("310 pence", 3.1, "GBP")]),
        ("The deal was valued at 4.5 billion Swiss francs.", [("4.5 billion Swiss francs", 4.5e9, "CHF")]),
        ("Payouts of C$2 billion and A$900 million were made.",
         [("C$2 billion", 2e9, "CAD"), ("A$900 million", 900e6, "AUD")]),
        ("Budget cuts of 30 MEUR were agreed.", [("30 MEUR", 30e6, "EUR")]),
    ],
)  # fmt: skip
def test_figures_money(extract, text, expected):
    figures = figures_of(extract, text)
    assert_figures([(f.text, f.value, f.unit) for f in figures], expected)
    assert all(f.kind == "money" for f in figures)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Tokyo retailers said Japanese shoppers spent ¥2 trillion on gifts.", "JPY"),
        ("Beijing said Chinese banks lent ¥3 trillion as the yuan rose.", "CNY"),
        ("In Nairobi the Kenyan treasury borrowed 90 billion shillings.", "KES"),
        ("Uganda's Kampala office collected 5 billion shillings.", "UGX"),
        ("Oslo said the Norwegian fund sold 20 billion crowns of bonds.", "NOK"),
        ("Karachi traders in Pakistan lost 8 billion rupees.", "PKR"),
    ],
)
def test_figures_currency_from_context(extract, text, unit):
    money = [f for f in figures_of(extract, text) if f.kind == "money"]
    assert [f.unit for f in money] == [unit]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Spending rose to 5.2 trillion yuan ($730 billion) in 2023.", [("5.2 trillion yuan", "$730 billion")]),
        ("It earned 150 billion Norwegian crowns ($14 billion) in total.",
         [("150 billion Norwegian crowns", "$14 billion")]),
        ("Sales were 12 billion HK dollars (about 1.5 billion U.S. dollars).",
         [("12 billion HK dollars", "1.5 billion U.S. dollars")]),
        ("($1 = 0.9231 euros)", [("$1", "0.9231 euros")]),
    ],
)  # fmt: skip
def test_figures_equivalent_to(extract, text, pairs):
    figures = figures_of(extract, text)
    by_text = {f.text: f for f in figures}
    for first, second in pairs:
        a, b = by_text[first], by_text[second]
        assert a.equivalent_to == b.id
        assert b.equivalent_to == a.id


# ---------------------------------------------------------------- percentages and changes
@pytest.mark.parametrize(
    ("text", "expected", "kinds"),
    [
        ("Sales rose 10.8 percent.", [("10.8 percent", 10.8, "percent")], ["percent"]),
        ("It was a 6.5-percent gain.", [("6.5-percent", 6.5, "percent")], ["percent"]),
        ("Unemployment is 4.2%.", [("4.2%", 4.2, "percent")], ["percent"]),
        ("Wages rose 3 per cent.", [("3 per cent", 3, "percent")], ["percent"]),
        ("Output grew 2.4pc and exports 5 Pct.", [("2.4pc", 2.4, "percent"), ("5 Pct", 5, "percent")],
         ["percent", "percent"]),
        ("The rate rose 0.25 percentage point.", [("0.25 percentage point", 0.25, "percentage point")],
         ["percentage_point"]),
        ("Yields climbed 40 basis points.", [("40 basis points", 40, "basis points")], ["basis_point"]),
        ("Spreads narrowed by 12 bps.", [("12 bps", 12, "basis points")], ["basis_point"]),
    ],
)  # fmt: skip
def test_figures_percent_kinds(extract, text, expected, kinds):
    figures = figures_of(extract, text)
    assert_figures([(f.text, f.value, f.unit) for f in figures], expected)
    assert [f.kind for f in figures] == kinds


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Profits were up 10.5 percent year on year.", "up"),
        ("It posted a 10.8-percent increase from the previous year.", "up"),
        ("Exports fell 3.2% in March.", "down"),
        ("Retail sales increased by 18 percent.", "up"),
        ("Imports dropped by nearly 7 percent.", "down"),
        ("The gap was 0.3 percentage point lower than forecast.", "down"),
        ("The central bank cut rates by 50 basis points.", "down"),
        ("Revenue recorded a year-on-year increase of 6 percent.", "up"),
        ("Inflation stood at 2 percent.", None),
    ],
)
def test_figures_direction(extract, text, direction):
    (figure,) = figures_of(extract, text)
    assert figure.direction == direction


def test_figures_direction_carries_over_or(extract):
    figures = figures_of(extract, "Reserves were up 0.4% or $12 billion from a month earlier.")
    assert [(f.text, f.direction) for f in figures] == [("0.4%", "up"), ("$12 billion", "up")]


# ---------------------------------------------------------------- counts and qualifiers
@pytest.mark.parametrize(
    ("text", "figure_text", "value", "unit"),
    [
        ("The city opened 165 new free trade pilot zones.", "165", 165, "pilot zones"),
        ("Regulators downgraded 26 of its lenders.", "26", 26, "lenders"),
        ("The 19-nation bloc met on Friday.", "19-nation", 19, "nations"),
        ("A 45,000-seat arena was built.", "45,000-seat", 45000, "seats"),
        ("He led them to an 8-wicket win.", "8-wicket", 8, "wickets"),
        ("A 2,000-strong crowd gathered.", "2,000-strong", 2000, None),
        ("Forty-two people were rescued.", "Forty-two", 42, "people"),
        ("The number of registered voters rose to 8.1 million.", "8.1 million", 8.1e6, "registered voters"),
        ("The airline carried 3.8 million passengers.", "3.8 million", 3.8e6, "passengers"),
        ("Nearly 600 children were vaccinated.", "600", 600, "children"),
        ("The airline bought five Boeing 737s.", "five", 5, "Boeing 737s"),
        ("It ordered 24 A320s last year.", "24", 24, "A320s"),
        ("The laptop weighs 3 lbs.", "3 lbs", 3, "pounds"),
        ("Pumping fell by 1.2 million barrels per day.", "1.2 million barrels per day", 1.2e6, "barrels per day"),
        ("The cut is 2 mln bpd.", "2 mln bpd", 2e6, "barrels per day"),
    ],
)
def test_figures_counts(extract, text, figure_text, value, unit):
    (figure,) = figures_of(extract, text)
    assert (figure.text, figure.unit) == (figure_text, unit)
    assert same_value(figure.value, value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("More than 2,500 warehouses were built.", "more than"),
        ("Firms in the zone have surpassed 120,000.", "more than"),
        ("Over 9,000 cases were reported.", "more than"),
        ("Nearly 40 percent agreed.", "nearly"),
        ("Almost 300 flights were cancelled.", "nearly"),
        ("About 15 buses were hired.", "about"),
        ("Some 300 soldiers arrived.", "about"),
        ("An estimated 19,000 flights were due.", "about"),
        ("At least 12 people died.", "at least"),
        ("Up to 700 workers may lose jobs.", "up to"),
        ("As many as 50 ships waited.", "up to"),
        ("Fewer than 30 cars were sold.", "less than"),
        ("It sold 500 tickets or more.", "at least"),
        ("Officials said 200 homes, or fewer, were hit.", None),
    ],
)
def test_figures_qualifiers(extract, text, qualifier):
    (figure,) = figures_of(extract, text)
    assert figure.qualifier == qualifier


# ---------------------------------------------------------------- ranges
@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("Growth will be between 3 and 5 percent.", [(3, "percent"), (5, "percent")]),
        ("Deals ranged from $1.2 million to $23.5 million.", [(1.2e6, "USD"), (23.5e6, "USD")]),
        ("Analysts expect 20-25 billion euros of bids.", [(20e9, "EUR"), (25e9, "EUR")]),
        ("The fare is 10 to 12 dollars.", [(10, "USD"), (12, "USD")]),
        ("Some 1.2 to 1.5 million voters stayed home.", [(1.2e6, "voters"), (1.5e6, "voters")]),
    ],
)
def test_figures_ranges(extract, text, bounds):
    figures = figures_of(extract, text)
    assert [(f.unit) for f in figures] == [u for _, u in bounds]
    assert all(same_value(f.value, v) for f, (v, _) in zip(figures, bounds, strict=True))
    first, second = figures
    assert first.range_with == second.id
    assert second.range_with == first.id


def test_figures_count_of_a_group(extract):
    figures = figures_of(extract, "Four of the region's top 20 exporters are local.")
    assert [(f.text, f.value, f.unit) for f in figures] == [("Four", 4, "top exporters"), ("20", 20, "exporters")]


def test_figures_year_takes_no_unit_from_range(extract):
    figures = figures_of(extract, "Sales rose in calendar 2024 to about 11 lakh units.")
    assert [(f.text, f.value, f.unit) for f in figures] == [("11 lakh", 1_100_000, "units")]


def test_figures_change_is_not_a_range(extract):
    figures = figures_of(extract, "Exports rose from 5 to 7 percent.")
    assert [(f.value, f.unit, f.range_with) for f in figures] == [(5, "percent", None), (7, "percent", None)]


def test_figures_change_then_level_is_not_a_range(extract):
    figures = figures_of(extract, "Copper climbed $120 to $9,850 a tonne.")
    assert [(f.text, f.direction, f.range_with) for f in figures] == [("$120", "up", None), ("$9,850", None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Readings reached 41C in the valley.", [("41C", 41, "degrees")]),
        ("Some 5m visitors came.", [("5m", 5e6, "visitors")]),
        ("A 50,000-capacity arena opened.", [("50,000-capacity", 50000, None)]),
    ],
)
def test_figures_glued_units(extract, text, expected):
    assert_figures(triples(extract, text), expected)


def test_figures_bare_number_takes_unit_of_earlier_amount(extract):
    figures = figures_of(extract, "The dollar bought 151.2 yen, down from 152.9 on Monday.")
    assert [(f.value, f.unit) for f in figures] == [(151.2, "JPY"), (152.9, "JPY")]


def test_figures_rate_against_currency(extract):
    (figure,) = figures_of(extract, "The pound rose to 1.1712 against the euro.")
    assert (figure.value, figure.unit, figure.kind) == (1.1712, "EUR", "money")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # against the dollar, a currency is quoted in its own units ...
        ("Carmakers plan on the yen trading at 148 to the dollar next year.", 148, "JPY"),
        ("The rupiah slid to 15,950 per dollar, its weakest since June.", 15950, "IDR"),
        ("The rand firmed to 17.95 against the U.S. dollar in early trade.", 17.95, "ZAR"),
        ("The won closed at 1,392.5 versus the dollar.", 1392.5, "KRW"),
        # ... except those quoted in dollars
        ("The euro eased to 1.0712 against the dollar.", 1.0712, "USD"),
        ("The New Zealand dollar bought 0.5930 against the dollar.", 0.593, "USD"),
        # a rate set against another currency is in that currency
        ("The dollar climbed to 149.85 against the yen.", 149.85, "JPY"),
    ],
)
def test_figures_exchange_rate_in_the_quoted_currency(extract, text, value, unit):
    (figure,) = figures_of(extract, text)
    assert (figure.value, figure.unit, figure.kind, figure.rule) == (value, unit, "money", "money.rate")


@pytest.mark.parametrize(
    "text",
    [
        "Shares of the bank rose to 112 against a backdrop of rate cuts.",
        "The club sold 300 to the dollar store chain.",  # no currency named before
    ],
)
def test_figures_a_number_to_or_against_something_else_is_no_rate(extract, text):
    assert all(f.rule != "money.rate" for f in figures_of(extract, text))


# ---------------------------------------------------------------- ages
@pytest.mark.parametrize(
    ("text", "figure_text", "value"),
    [
        ("The 26-year-old striker scored.", "26-year-old", 26),
        ("A man aged 61 was arrested.", "61", 61),
        ("Okonkwo, 44, took over in May.", "44", 44),
        ("The girl, 9 years old, was found.", "9 years old", 9),
    ],
)
def test_figures_ages(extract, text, figure_text, value):
    (figure,) = figures_of(extract, text)
    assert (figure.text, figure.value, figure.unit, figure.kind) == (figure_text, value, "years", "age")


# ---------------------------------------------------------------- not figures
@pytest.mark.parametrize(
    "text",
    [
        "The 20th party congress opened on March 5, 2024.",
        "The talks began at 10:30 a.m. on Tuesday and lasted five days.",
        "Trading resumed at 2pm after 24 hours of talks.",
        "He signed a 10-year contract in 2019.",
        "France 2 television aired the debate.",
        "Phase 3 of the plan starts in June.",
        "The G20 summit and the T20 World Cup 2024 were held.",
        "The Boeing 737 fleet was grounded.",
        "COVID-19 cases fell for the third week.",
        "Budget 2019/20 and fiscal 2012-13 were discussed.",
        "The House passed it 220-212 on Tuesday.",
        "She ran the 400m in record time.",
        "The vote closes at 18:00 (GMT +3) on Friday.",
        "She was ranked No. 1 for the seventh straight year.",
        "The men's 110m hurdles final was the highlight.",
        "Which one is better, the old one or the new one?",
        "Millions of people and thousands of firms were affected.",
        "Sales peaked in the 1990s and again in 2008.",
        "Electric two-wheeler makers and double-deckers were exempt.",
        "The STOXX 600 chemicals index and the FTSE 100 companies fell.",
        "Visit https://example.org/report-2024/page3 for the 45 charts.",
        "The new iPhone 4 buyers and iOS 5.1 users complained.",
        "The carrier ordered new Airbus 350 Dreamliners.",
        "The 787-8 and the 777-200LR flew together.",
        "Sales of iLife '11 began; its serial number is 007.",
    ],
)
def test_figures_not_figures(extract, text):
    found = [(f.text, f.value) for f in figures_of(extract, text)]
    assert all(t in ("45",) for t, _ in found), found


def test_figures_skip_spans_of_dates_and_names(nlp):
    doc = nlp.make_doc("Talks with Group 77 ended after 14 days; 300 delegates left.")
    from extract.spans import EXT

    doc._.set(EXT, {"given": {}})
    for name, proc in nlp.pipeline:
        if name == "newsfacts_figures":
            break
        doc = proc(doc)
    doc.spans["newsfacts_entities"] = [doc.char_span(11, 19, label="ORG")]
    doc.spans["newsfacts_dates"] = [doc.char_span(32, 39, label="DURATION")]
    doc = nlp.get_pipe("newsfacts_figures")(doc)
    assert [s.text for s in doc.spans["newsfacts_figures"]] == ["300"]


# ---------------------------------------------------------------- record
def test_figures_headline_is_annotated(extract):
    text = "Retail Sales Up 18.4 Pct In May\nBy A Writer | 2024-06-02\n\nSales rose in May, data showed.\n"
    figures = figures_of(extract, text)
    assert [(f.text, f.value, f.unit) for f in figures] == [("18.4 Pct", 18.4, "percent")]


def test_figures_header_lines_are_not_annotated(extract):
    text = "Markets steady\nBy A Writer | Updated: 2024-06-02 08:15 | 3 min read\n\nShares gained 2 percent.\n"
    assert [f.text for f in figures_of(extract, text)] == ["2 percent"]


def test_figures_offsets_ids_and_json(extract):
    text = "Exports rose 10.8 percent to 2.63 trillion yuan ($362 billion), and 165 zones opened."
    record = extract(text, published="2025-03-29")
    assert [f.id for f in record.figures] == [f"f{i}" for i in range(1, len(record.figures) + 1)]
    for f in record.figures:
        assert text[f.start : f.end] == f.text
        assert f.rule
    dumped = record.to_json()
    assert '"value":2630000000000,' in dumped
    assert '"value":165,' in dumped


# ---------------------------------------------------------------- robustness and speed
@pytest.mark.parametrize(
    "text",
    [
        '"' * 100_000,
        "1,2" * 50_000,
        "9" * 100_000,
        "1." * 50_000,
        "one two three " * 20_000,
        "a " * 100_000,
        "$" * 50_000 + "5",
        ("x" * 1000 + " 5 percent ") * 2_000,
        "a" * 200_000 + " write to desk@example.com",
        "@" + "." * 200_000,
        "9" * 100_000 + "_",
        "1." + "5" * 100_000 + ":1",
        "ABC 5 " * 40_000,
    ],
)
def test_figures_hostile_input_is_linear(finder, text):
    t0 = time.perf_counter()
    finder.find(text)
    assert time.perf_counter() - t0 < 10


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"0123456789 ,.-$%€£¥½/abcdefmnoprstuvwyAIMRSUb\n()", "one", " million", "yuan", " percent", "a third"]
        ),
        max_size=40,
    ).map("".join)
)
def test_figures_any_text_gives_valid_offsets(finder, text):
    for figure in finder.find(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert math.isfinite(figure.value)


@pytest.mark.parametrize(
    "text, blocked",
    [
        (
            "Mail tips@example.com or see https://example.org/a?b=1 for 5 ideas.",
            ["tips@example.com", "https://example.org/a?b=1"],
        ),
        ("Visit www.example.com.", ["www.example.com."]),
        ("Call 5 people at 9am", []),
    ],
)
def test_figures_address_ranges(text, blocked):
    assert [text[s:e] for s, e in _address_ranges(text)] == blocked


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"aZ_.@:/ 1-é\n\u00a0\u3000", "http://", "https://", "www.", "x@y.com"]), max_size=30
    ).map("".join)
)
def test_figures_address_ranges_as_the_plain_pattern(text):
    plain = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")  # quadratic on long words
    assert _address_ranges(text) == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"0123456789.,/: _-x½", "٣", "1,234", "1.234,5", "12 345", "3 1/2", "bn"]), max_size=30
    ).map("".join)
)
def test_numbers_digit_matches_as_finditer(text):
    scanner = default_scanner()
    text = text + "7" * 40 + text  # a long run of digits: the linear reading is used
    found = [m.span() for m in scanner._digit_matches(text, 0, len(text))]
    assert found == [m.span() for m in scanner.digits_re.finditer(text)]


def test_figures_dev_set_f1(dev_dir, tmp_path):
    if not SCORE.exists():
        pytest.skip("no scorer")
    out = tmp_path / "out.jsonl"
    txts = sorted(str(p) for p in dev_dir.glob("*.txt"))
    subprocess.run([sys.executable, "-m", "extract", *txts, "-o", str(out), "--quiet"], check=False, cwd=ROOT)
    report = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SCORE), str(dev_dir), str(out), "--json", str(report)], check=True)
    import json

    assert json.loads(report.read_text())["figures"]["f1"] >= 0.95


def test_figures_one_figure_per_token_span(extract):
    record = extract("0\x1b0 and 12\x1b7 percent")
    ids = [f.id for f in record.figures]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The team won 3-1 on Sunday.", [3, 1]),
        ("Kingsbridge beat Marlow Town 2-0 at home.", [2, 0]),
        ("A stoppage-time header sealed a 2-1 win.", [2, 1]),
        ("Rovers were held 1-1 by the league leaders.", [1, 1]),
    ],
)
def test_figures_a_result_gives_two_counts_and_no_range(extract, text, values):
    found = figures_of(extract, text)
    assert [f.value for f in found] == values
    assert all(f.kind == "count" and f.range_with is None and f.rule == "count.score" for f in found)

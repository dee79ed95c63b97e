"""Time expressions: TIMEX3 extents, types and values resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from extract import timex
from extract.timegrammar import load_grammar, rule_prefixes

# 2024-06-12 is a Wednesday in ISO week 24; 2025-01-08 is a Wednesday in ISO week 2.
JUNE = "2024-06-12"
JANUARY = "2025-01-08"


def found(record, text):
    """The (type, value) of the time expression whose text is ``text``."""
    for d in record.dates:
        if d.text == text:
            return d.type, d.value
    return None


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The accord was signed on March 29, 2025, in Geneva.", "March 29, 2025", "2025-03-29"),
        ("The accord was signed on 29 March 2025 in Geneva.", "29 March 2025", "2025-03-29"),
        ("The accord was signed on Mar. 29, 2025 in Geneva.", "Mar. 29, 2025", "2025-03-29"),
        ("Filings dated 2025-03-29 were rejected.", "2025-03-29", "2025-03-29"),
        ("The form dated 3/29/2025 was rejected.", "3/29/2025", "2025-03-29"),
        ("The form dated 29/3/2025 was rejected.", "29/3/2025", "2025-03-29"),
        ("The museum reopened on Saturday, 4th May, 2019 after repairs.", "Saturday, 4th May, 2019", "2019-05-04"),
        ("The mine closed in June 2021 after a flood.", "June 2021", "2021-06"),
        ("The mine closed in June of 2021 after a flood.", "June of 2021", "2021-06"),
        ("Output fell in 2019 and recovered in 2021.", "2019", "2019"),
        ("The pact dates from the 1990s.", "the 1990s", "199"),
        ("Prices have doubled since the '80s.", "the '80s", "198"),
        ("Such bridges were common in the 19th century.", "the 19th century", "18"),
        ("Farmers planted early in summer 2023.", "summer 2023", "2023-SU"),
        ("The company posted a loss in the third quarter of 2023.", "the third quarter of 2023", "2023-Q3"),
        ("The company posted a loss in Q3 2023.", "Q3 2023", "2023-Q3"),
        ("Sales rose in the first half of 2022.", "the first half of 2022", "2022-H1"),
        ("Output grew in the first five months of 2023.", "the first five months of 2023", "2023-01/2023-05"),
        ("Deliveries start in the first week of 2021.", "the first week of 2021", "2021-W01"),
        ("The plant opened on Christmas Day 2018.", "Christmas Day 2018", "2018-12-25"),
    ],
)
def test_dates_absolute_forms(extract, sentence, expression, value):
    record = extract(sentence, published=JUNE)
    assert found(record, expression) == ("DATE", value)
    assert next(d.anchor for d in record.dates if d.text == expression) == "absolute"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # weekdays: past tense -> the most recent one, future tense -> the next one
        ("The minister said on Monday that talks had stalled.", "Monday", "2024-06-10"),
        # "since" opens a past period; "likely" looks ahead
        ("The central bank has cut its rate four times since August.", "August", "2023-08"),
        ("Economists said the first cut was likely in August.", "August", "2024-08"),
        ("Economists said the first cut was in August.", "August", "2023-08"),
        ("The minister will visit the port on Monday.", "Monday", "2024-06-17"),
        ("The regulator fined the bank on Wednesday.", "Wednesday", "2024-06-12"),
        ("The vote is expected to take place on Friday.", "Friday", "2024-06-14"),
        ("Shares of the carmaker slumped on Friday.", "Friday", "2024-06-07"),
        ("Parliament is set to debate the bill next Tuesday.", "next Tuesday", "2024-06-18"),
        ("The ferry sank last Sunday near the coast.", "last Sunday", "2024-06-09"),
        ("Talks resumed on Tuesday evening in Doha.", "Tuesday evening", "2024-06-11"),
        ("The agency said on Friday that the launch will happen on Monday.", "Friday", "2024-06-07"),
        ("The agency said on Friday that the launch will happen on Monday.", "Monday", "2024-06-17"),
        ("Markets stay closed until Friday, the exchange said.", "Friday", "2024-06-14"),
        # days
        ("Police arrested two men yesterday.", "yesterday", "2024-06-11"),
        ("The court rules today on the appeal.", "today", "2024-06-12"),
        ("The result will be known tomorrow.", "tomorrow", "2024-06-13"),
        ("Fire crews were called out last night.", "last night", "2024-06-11"),
        ("The index slipped earlier today.", "earlier today", "2024-06-12"),
        # weeks, months, years, quarters
        ("Exports slowed last week, data showed.", "last week", "2024-W23"),
        ("The summit opens this week in Rome.", "this week", "2024-W24"),
        ("Officials met earlier in the week.", "earlier in the week", "2024-W24"),
        ("Inflation eased last month.", "last month", "2024-05"),
        ("Earlier this month, the bank raised rates.", "Earlier this month", "2024-06"),
        ("Growth slowed last year.", "last year", "2023"),
        ("Rates will stay high next year.", "next year", "2025"),
        ("The firm expects a profit in the next quarter.", "the next quarter", "2024-Q3"),
        ("Profit rose in the last quarter.", "the last quarter", "2024-Q1"),
        ("Sales rose in the first quarter, the retailer said.", "the first quarter", "2024-Q1"),
        ("Two years ago the plant employed 900 people.", "Two years ago", "2022"),
        ("A month ago the river was dry.", "A month ago", "2024-05"),
        # bare months: past -> the most recent such month, future -> the next one
        ("The ministry released the figures in March.", "March", "2024-03"),
        ("The ministry released the figures in August.", "August", "2023-08"),
        ("The new rules will apply from September.", "September", "2024-09"),
        # what has not happened yet is ahead
        ("Tenants have not yet felt the October rent rise.", "October", "2024-10"),
        ("Tenants felt the October rent rise.", "October", "2023-10"),
        ("Production started in early May.", "early May", "2024-05"),
        ("The strike began in mid-April.", "mid-April", "2024-04"),
        ("Shipments fell at the end of May.", "the end of May", "2024-05"),
        ("The dam will be finished by the end of the year.", "the end of the year", "2024"),
        ("The port handled record volumes last summer.", "last summer", "2023-SU"),
        ("The ruling came on May 30, weeks before the poll.", "May 30", "2024-05-30"),
        ("The tribunal will sit again on July 2.", "July 2", "2024-07-02"),
        ("The trade fair runs through the weekend.", "the weekend", "2024-W23-WE"),
        ("The firm floated on the exchange in August last year.", "August last year", "2023-08"),
        ("Factory output fell in the three months to April.", "the three months to April", "2024-02/2024-04"),
        (
            "Exports rose 9 percent in the first five months, customs data showed.",
            "the first five months",
            "2024-01/2024-05",
        ),
        ("Orders should recover in the second half, the chief executive said.", "the second half", "2024-H2"),
        ("Lenders expect defaults to rise in the coming months.", "the coming months", "FUTURE_REF"),
        ("The index had climbed earlier in the day.", "earlier in the day", "2024-06-12"),
        ("Leaders are unlikely to hold a vote before July.", "July", "2024-07"),
        ("Analysts said the bank was likely to cut rates in March.", "March", "2025-03"),
        ("Officials said on Monday, pointing to the September deadline, that talks go on.", "September", "2024-09"),
    ],
)
def test_dates_relative_to_publication(extract, sentence, expression, value):
    record = extract(sentence, published=JUNE)
    assert found(record, expression)[1] == value
    assert next(d.anchor for d in record.dates if d.text == expression) == "published"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The bank cut its rate in December, the statement said.", "December", "2024-12"),
        ("The bank will review its rate in December.", "December", "2025-12"),
        ("Snow closed the pass on Dec. 30, police said.", "Dec. 30", "2024-12-30"),
        ("The stadium reopens on Jan. 20.", "Jan. 20", "2025-01-20"),
        ("Car sales slumped last month.", "last month", "2024-12"),
        ("Hiring picked up last week.", "last week", "2025-W01"),
        ("Exports fell in the fourth quarter.", "the fourth quarter", "2024-Q4"),
        ("Three days ago the border reopened.", "Three days ago", "2025-01-05"),
        ("The holiday season ended on Christmas, the retailer said.", "Christmas", "2024-12-25"),
    ],
)
def test_dates_year_boundaries(extract, sentence, expression, value):
    assert found(extract(sentence, published=JANUARY), expression)[1] == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The cabinet approved the plan on Friday.", "Friday", "2025-03-28"),
        ("Earlier this month, regulators tightened the rules.", "Earlier this month", "2025-03"),
        ("The ministry published the figures in June.", "June", "2024-06"),
        ("Shipments rose in the first half of 2024.", "the first half of 2024", "2024-H1"),
        ("Margins narrowed in the third quarter of last year.", "the third quarter of last year", "2024-Q3"),
        ("Freight volumes slipped this week.", "this week", "2025-W13"),
        ("Housing starts doubled in the 2020s.", "the 2020s", "202"),
        ("Tourism should peak this summer.", "this summer", "2025-SU"),
        ("The suspect was detained at 00:37.", "00:37", "2025-03-29T00:37"),
        ("Such storms were rare in the past.", "the past", "PAST_REF"),
        ("Rates will stay on hold for the time being.", "the time being", "PRESENT_REF"),
    ],
)
def test_dates_values_of_the_issue(extract, sentence, expression, value):
    # published on Saturday 2025-03-29 (ISO week 13)
    assert found(extract(sentence, published="2025-03-29"), expression)[1] == value


@pytest.mark.parametrize(
    ("sentence", "expressions"),
    [
        (
            "Imports reached a record in 2023, up 6 percent from the previous year.",
            {"2023": "2023", "the previous year": "2022"},
        ),
        (
            "Retail sales rose in April compared with a year earlier.",
            {"April": "2024-04", "a year earlier": "2023-04"},
        ),
        (
            "Reserves stood at $3 trillion at the end of May, up from a month earlier.",
            {"the end of May": "2024-05", "a month earlier": "2024-04"},
        ),
        (
            "Output grew 8 percent in the first four months of 2024 from the same period last year.",
            {"the first four months of 2024": "2024-01/2024-04", "the same period last year": "2023-01/2023-04"},
        ),
        (
            "The strike began on Tuesday. The union's leaders met a day after the walkout.",
            {"Tuesday": "2024-06-11", "a day after": "2024-06-11"},
        ),
        (
            "The index fell 3 percent on Monday to end the day at its lowest level since 2019.",
            {"Monday": "2024-06-10", "the day": "2024-06-10", "2019": "2019"},
        ),
        (
            "Output stalled in the fourth quarter of 2023 compared with the previous three months.",
            {"the fourth quarter of 2023": "2023-Q4", "the previous three months": "2023-Q3"},
        ),
        (
            "Tax receipts dropped in the first two months of the fiscal year, October and November, "
            "and the treasury will publish new estimates in December.",
            {"October": "2023-10", "November": "2023-11"},
        ),
        (
            "Shares fell on Tuesday after sales rose 5 percent in May; the stock ended the day lower.",
            {"Tuesday": "2024-06-11", "May": "2024-05", "the day": "2024-06-11"},
        ),
        (
            "Bonds rallied for a third straight day, and stocks rose for the second week in a row.",
            {"a third straight day": "2024-06-12", "the second week in a row": "2024-W24"},
        ),
        (
            "The deal must close by March 31, 2025; if it has not by that time, the offer lapses.",
            {"March 31, 2025": "2025-03-31", "that time": "2025-03-31"},
        ),
        (
            "Profit rose in the January-March quarter from the same period a year ago; sales "
            "also beat the level of a year earlier.",
            {
                "the January-March quarter": "2024-01/2024-03",
                "the same period a year ago": "2023-01/2023-03",
                "a year earlier": "2023-01/2023-03",
            },
        ),
        # the day the news was told is not the story's time; nor is the month compared with
        (
            "Car sales fell 4 percent in May from April, the trade body said on Tuesday. "
            "Sales were 9 percent lower than a year earlier.",
            {"May": "2024-05", "April": "2024-04", "Tuesday": "2024-06-11", "a year earlier": "2023-05"},
        ),
        (
            "The ministry said on Monday that exports rose. Traders sold more later in the day.",
            {"Monday": "2024-06-10", "later in the day": "2024-06-10"},
        ),
    ],
)
def test_dates_anaphoric_to_the_story(extract, sentence, expressions):
    record = extract(sentence, published=JUNE)
    for expression, value in expressions.items():
        assert found(record, expression)[1] == value, expression


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The lease runs for five years.", "five years", "P5Y"),
        ("Investigators worked for 24 hours without a break.", "24 hours", "PT24H"),
        ("The 10-year bond yield rose.", "10-year", "P10Y"),
        ("The economy has grown over the past decade.", "the past decade", "P10Y"),
        ("Prices rose 40 percent in the past five years.", "the past five years", "P5Y"),
        ("Infections climbed during the last week.", "the last week", "P1W"),
        ("The airport was shut for nearly two and a half years.", "nearly two and a half years", "P2.5Y"),
        ("The deal should close within six months.", "six months", "P6M"),
        ("The talks lasted nine days.", "nine days", "P9D"),
        ("It was the steepest single-day fall since 2020.", "single-day", "P1D"),
        ("The shares hit a 12-year low.", "12-year", "P12Y"),
        ("The trial is expected to take between 60 and 90 days.", "90 days", "P90D"),
        ("The economy shrank for two consecutive quarters.", "two consecutive quarters", "P6M"),
        ("Engineers repaired the line in 30 minutes.", "30 minutes", "PT30M"),
        ("The bank will publish its review in two weeks' time.", "two weeks", "P2W"),
        ("Staff have waited for years for the upgrade.", "years", "PXY"),
        ("The plan will take several years to complete.", "several years", "PXY"),
    ],
)
def test_dates_durations(extract, sentence, expression, value):
    assert found(extract(sentence, published=JUNE), expression) == ("DURATION", value)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The festival is held every year in the old town.", "every year", "P1Y"),
        ("The index is revised annually.", "annually", "P1Y"),
        ("The council meets every two weeks.", "every two weeks", "P2W"),
        ("The market opens every Sunday.", "every Sunday", "XXXX-WXX-7"),
        ("The bank publishes quarterly reports.", "quarterly", "P3M"),
        ("The ferry sails once a week in winter.", "once a week", "P1W"),
        ("Inspectors visit the mine twice a year.", "twice a year", "P1Y"),
        ("Patients take the pill three times a day.", "three times a day", "P1D"),
    ],
)
def test_dates_sets(extract, sentence, expression, value):
    assert found(extract(sentence, published=JUNE), expression) == ("SET", value)


@pytest.fixture(scope="module")
def extract_timeml():
    """extract(text, published=...) under TimeML date conventions."""
    from extract.pipeline import Extractor
    from extract.settings import Settings

    extractor = Extractor(Settings(date_conventions="timeml"))
    return lambda text, published=None: extractor(text, published=published)


@pytest.mark.parametrize(
    ("sentence", "expression", "news", "timeml"),
    [
        ("The first train left at 00:37.", "00:37", "2024-06-12T00:37", "2024-06-12T00:37"),
        ("The polls close at 3 p.m. EST.", "3 p.m. EST", "2024-06-12T15:00", "2024-06-12T15:00-05:00"),
        ("The rocket lifted off at 18:00 UTC on Tuesday.", "18:00 UTC", "2024-06-11T18:00", "2024-06-11T18:00Z"),
        ("Brent crude was flat at 0915 GMT on Monday.", "0915 GMT", "2024-06-10T09:15", "2024-06-10T09:15Z"),
        ("Trading halted at 10.30am, the exchange said.", "10.30am", "2024-06-12T10:30", "2024-06-12T10:30"),
        ("The statement was issued at noon.", "noon", "2024-06-12T12:00", "2024-06-12T12:00"),
        ("The plane landed at 6:40 p.m. (GMT+8) on Monday.", "6:40 p.m. (GMT+8)", "2024-06-10T18:40",
         "2024-06-10T18:40+08:00"),
        ("The feed logged 2024-06-09T22:15Z as the cut-off.", "2024-06-09T22:15Z", "2024-06-09T22:15",
         "2024-06-09T22:15Z"),
    ],
)  # fmt: skip
def test_dates_times_with_zones(extract, extract_timeml, sentence, expression, news, timeml):
    """News conventions give the clock time without its zone (GOLD_FORMAT.md); TimeML keeps the offset."""
    assert found(extract(sentence, published=JUNE), expression) == ("TIME", news)
    assert found(extract_timeml(sentence, published=JUNE), expression) == ("TIME", timeml)


@pytest.mark.parametrize(
    ("sentence", "expression", "news", "timeml"),
    [
        # part-of-day words: the day (news), the part of the day (TimeML)
        ("Talks resumed on Tuesday evening in Doha.", "Tuesday evening", ("DATE", "2024-06-11"),
         ("TIME", "2024-06-11TEV")),
        ("The board met on Friday morning to vote.", "Friday morning", ("DATE", "2024-06-07"),
         ("TIME", "2024-06-07TMO")),
        ("Fire crews were called out last night.", "last night", ("DATE", "2024-06-11"), ("TIME", "2024-06-11TNI")),
        ("The mayor spoke this morning at the depot.", "this morning", ("DATE", "2024-06-12"),
         ("TIME", "2024-06-12TMO")),
        ("The ferry docked yesterday afternoon.", "yesterday afternoon", ("DATE", "2024-06-11"),
         ("TIME", "2024-06-11TAF")),
        ("The final is tonight in the capital.", "tonight", ("DATE", "2024-06-12"), ("TIME", "2024-06-12TNI")),
        # the past, the present and the future: not dates (news), PAST_REF ... (TimeML)
        ("The tariff was recently raised by the ministry.", "recently", None, ("DATE", "PAST_REF")),
        ("The mill is currently idle.", "currently", None, ("DATE", "PRESENT_REF")),
        ("Prices are now lower than in spring.", "now", None, ("DATE", "PRESENT_REF")),
        ("Fares will rise very soon, the operator warned.", "very soon", None, ("DATE", "FUTURE_REF")),
        ("Growth was weak at present, the bank said.", "at present", None, ("DATE", "PRESENT_REF")),
        ("Investors shrugged off the recent sell-off.", "recent", None, ("DATE", "PAST_REF")),
        ("The current chairman will step down.", "current", None, ("DATE", "PRESENT_REF")),
        # rates: a set (TimeML); the news conventions do not mark them
        ("The yard will build 15 a year from 2026.", "a year", None, ("SET", "P1Y")),
        ("The yard delivers 20 ferries a year.", "a year", None, ("SET", "P1Y")),
        # a frequency ("twice a year") is a set in both, like "annually"; a rate after a count is not, in news
        ("The council meets twice a year.", "twice a year", ("SET", "P1Y"), ("SET", "P1Y")),
        ("Parking costs $40 per day.", "per day", None, ("SET", "P1D")),
        # quarters as TimeML writes them; the news scorer reads months
        ("Output shrank for two consecutive quarters.", "two consecutive quarters", ("DURATION", "P6M"),
         ("DURATION", "P2Q")),
    ],
)  # fmt: skip
def test_dates_conventions_news_and_timeml(extract, extract_timeml, sentence, expression, news, timeml):
    assert found(extract(sentence, published=JUNE), expression) == news
    assert found(extract_timeml(sentence, published=JUNE), expression) == timeml


@pytest.mark.parametrize(
    "sentence",
    [
        "The current account deficit widened in the spring.",
        "The boat drifted because the current was strong.",
        "Now that the polls have closed, counting can start.",
        "The agency will reply as soon as it can.",
        "Exports rose as the currency weakened.",
        "She spent a year abroad before a week of talks.",
    ],
)
def test_dates_timeml_reference_words_not_taken(extract_timeml, sentence):
    record = extract_timeml(sentence, published=JUNE)
    assert not [d for d in record.dates if d.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF") or d.type == "SET"]


def test_dates_conventions_setting_is_checked():
    from extract.errors import UsageError
    from extract.settings import Settings

    assert Settings().date_conventions == "news"
    with pytest.raises(UsageError, match="date conventions"):
        Settings(date_conventions="iso")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "mod"),
    [
        ("Growth should pick up in early 2025.", "early 2025", "2025", "START"),
        ("The fund was launched in mid-2019.", "mid-2019", "2019", "MID"),
        ("The ban was lifted in late 2020.", "late 2020", "2020", "END"),
        ("The mill closed at the end of 2018.", "the end of 2018", "2018", "END"),
        ("The lease expired at the start of March.", "the start of March", "2024-03", "START"),
        ("The lease lasted more than five years.", "more than five years", "P5Y", "MORE_THAN"),
        ("The repair took about three weeks.", "about three weeks", "P3W", "APPROX"),
    ],
)
def test_dates_modifiers(extract, sentence, expression, value, mod):
    record = extract(sentence, published=JUNE)
    expr = next(d for d in record.dates if d.text == expression)
    assert (expr.value, expr.mod) == (value, mod)


@pytest.mark.parametrize(
    ("sentence", "expressions"),
    [
        (
            "The ministry set the 2024/25 (July-June) deficit at 5 percent, above this fiscal year's.",
            {"2024/25": "2024-07/2025-06", "July-June": "2024-07/2025-06", "this fiscal year": "2023-07/2024-06"},
        ),
        (
            "Debt peaked in the fiscal year that ended last June and will fall in the next fiscal year.",
            {"the fiscal year that ended last June": "2022-07/2023-06", "last June": "2023-06",
             "the next fiscal year": "2024-07/2025-06"},
        ),
        ("The firm expects a profit in fiscal 2025.", {"fiscal 2025": "FY2025"}),
        ("Season tickets for 2024/25 sold out.", {"2024/25": "2024/2025"}),
        (
            "Nairobi's treasury raised spending in the 2023/24 fiscal year, Kenyan officials said.",
            {"the 2023/24 fiscal year": "2023-07/2024-06"},
        ),
        (
            "The Pune-based lender posted a Q4 profit of Rs 90 crore and targets growth in the first quarter of FY26.",
            {"Q4": "2024-Q1", "the first quarter of FY26": "2025-Q2"},
        ),
        (
            "The Osaka toolmaker cut its forecast for the fiscal year ending March after a weak fiscal Q4 "
            "for Japanese exporters; a second plant opens in the fiscal year starting April 2026.",
            {"the fiscal year ending March": "2024-04/2025-03", "fiscal Q4": "2024-Q1",
             "the fiscal year starting April 2026": "2026-04/2027-03"},
        ),
    ],
)  # fmt: skip
def test_dates_fiscal_years(extract, sentence, expressions):
    record = extract(sentence, published=JUNE)
    for expression, value in expressions.items():
        assert found(record, expression)[1] == value, expression


@pytest.mark.parametrize(
    ("sentence", "not_a_date"),
    [
        ("The firm runs 2,500 warehouses across the region.", "2,500"),
        ("The party sent 1984 delegates to the congress.", "1984"),
        ("A 26-year-old man was arrested.", "26-year-old"),
        ("Sales rose 5 percent year on year.", "year on year"),
        ("Prices rose year-on-year in May.", "year-on-year"),
        ("Officials recently approved the plan.", "recently"),
        ("The index has so far gained 4 percent.", "so far"),
        ("Prime Minister Theresa May resigned.", "May"),
        ("The company may delay the launch.", "may"),
        ("At the same time, exports fell.", "the same time"),
        ("Leaves fall in the park.", "fall"),
        ("The Russell 2000 Index rose.", "2000"),
        ("The third quarter of the match was tense.", "The third quarter"),
    ],
)
def test_dates_things_that_are_not_dates(extract, sentence, not_a_date):
    record = extract(sentence, published=JUNE)
    assert all(not_a_date not in d.text for d in record.dates), record.dates


def test_dates_without_publication_date(extract):
    record = extract("The bill passed on March 3, 2021 and takes effect next month.")
    by_text = {d.text: d for d in record.dates}
    assert (by_text["March 3, 2021"].value, by_text["March 3, 2021"].anchor) == ("2021-03-03", "absolute")
    assert (by_text["next month"].value, by_text["next month"].anchor) == (None, None)


def test_dates_previous_year_resolves_without_publication_date(extract):
    record = extract("Revenue hit a high in 2021, doubling from the previous year.")
    assert found(record, "the previous year") == ("DATE", "2020")


def test_dates_header_lines_are_not_annotated_but_the_dateline_is(extract):
    text = (
        "Port traffic recovers\nBy ANA ROSS | example-news.com | Updated: 2025-03-29 00:37\n\n"
        "MANILA, March 28 (Example) -- Container traffic rose on Friday, the port authority said.\n"
    )
    record = extract(text)
    assert record.article.published == "2025-03-29T00:37"
    assert [(d.text, d.value) for d in record.dates] == [("March 28", "2025-03-28"), ("Friday", "2025-03-28")]


def test_dates_offsets_and_ids(extract):
    text = "On Monday, 12 June 2023, the council met for three hours; it meets every week."
    record = extract(text)
    assert [d.id for d in record.dates] == [f"d{i}" for i in range(1, len(record.dates) + 1)]
    for d in record.dates:
        assert text[d.start : d.end] == d.text
        assert d.rule


def _doc_before_dates(nlp, text):
    from extract.spans import EXT

    doc = nlp.make_doc(text)
    doc._.set(EXT, {"given": {"published": JUNE}})
    for name, proc in nlp.pipeline:
        if name == "newsfacts_dates":
            return doc, proc
        doc = proc(doc)
    raise AssertionError("no dates component")


@pytest.mark.parametrize(
    "unit",
    [
        '" ',
        "1,2",
        "1,",
        "March ",
        "2024 ",
        "the first half of ",
        "a",
        "in 2024" + " " * 40,
        "Friday, March 3 at 3 p.m. ",
    ],
)
def test_dates_hostile_input_is_linear(nlp, unit):
    times = []
    for n in (1_000, 4_000):
        doc, dates = _doc_before_dates(nlp, unit * n)
        started = time.perf_counter()
        dates(doc)
        times.append(time.perf_counter() - started)
    assert times[1] < 10 * times[0] + 0.25, times  # 4x the input: linear, not quadratic


def test_dates_values_survive_a_span_of_another_group_at_the_same_characters(nlp):
    from extract.build import build_record
    from extract.readers import article_from_text
    from extract.spans import EXT, make_span, span_values

    text = "Officials met next week."
    doc, dates = _doc_before_dates(nlp, text)
    other = make_span(doc, 14, 23, "ORG", entity="e9")  # another component's span over "next week"
    doc.spans["some_group"] = [other]
    dates(doc)
    assert span_values(other) == {"entity": "e9"}
    other._.set(EXT, {"quote": "q9"})  # and one written after the dates component
    record = build_record(doc, article_from_text(text, published=JUNE))
    assert [(d.id, d.text, d.value) for d in record.dates] == [("d1", "next week", "2024-W25")]


def test_dates_rule_prefixes_cover_what_rules_match():
    grammar = load_grammar()
    samples = {
        "date.month_day_year": "Mar. 29, 2025",
        "date.short_year": " '82",
        "duration.span": "nearly two years",
        "time.hour": "3pm",
        "date.quarter_code": "1H 2024",
    }
    for rule in grammar.rules:
        if rule.id in samples:
            text = samples[rule.id]
            pos = len(text) - len(text.lstrip())
            assert rule.regex.match(text, pos), rule.id
            assert rule in grammar.rules_at(text, pos), rule.id
    assert rule_prefixes(r"(?i:the)\s+(?:first|1st)") == {"the fi", "the #s"}
    assert rule_prefixes(r"(?i:the)\s*,?\s+\d") == {"the #", "the , ", "the, #"}


@pytest.mark.parametrize("conventions", ["news", "timeml"])
def test_dates_rules_at_keeps_every_rule_that_matches(conventions):
    """The index by first characters never leaves out a rule that matches (whitespace
    runs, line breaks, case and digits vary)."""
    grammar = load_grammar(conventions)
    texts = [
        "In the  first\nhalf of 2023 sales rose; the 1990s were calmer than the third   quarter.",
        "THE FISCAL YEAR 2024/25 ended on March 31, and about two\tweeks later, at 3 p.m. EST, it was over.",
        "Every other   week since last   Friday morning, for the past five years, 20 jets a year.",
        "Now, recently and currently: the same period a year earlier, mid-2011, Q3 2024, 12/05/2021.",
    ]
    for text in texts:
        for pos in range(len(text)):
            if text[pos].isspace():
                continue
            allowed = grammar.rules_at(text, pos)
            for rule in grammar.rules:
                if rule.regex.match(text, pos):
                    assert rule in allowed, (rule.id, text[pos : pos + 20])


def test_dates_rule_ids_are_unique():
    ids = [rule.id for rule in load_grammar().rules]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("period", "value"),
    [
        (timex.decade(2020), "202"),
        (timex.century(19), "19"),
        (timex.season(2025, "SU"), "2025-SU"),
        (timex.of("W", dt.date(2025, 3, 29)), "2025-W13"),
        (timex.of("WE", dt.date(2025, 3, 26)), "2025-W13-WE"),
        (timex.fiscal_year(2020, 7), "2019-07/2020-06"),
        (timex.fiscal_year(2020, None), "FY2020"),
        (timex.quarter(2024, 3).shift(-1, "Y"), "2023-Q3"),
        (timex.month(2024, 1).shift(-1, "M"), "2023-12"),
        (timex.months(2023, 1, 2023, 5).shift(-1, "Y"), "2022-01/2022-05"),
        (timex.time_of(dt.date(2025, 3, 29), 0, 37), "2025-03-29T00:37"),
    ],
)
def test_timex_values(period, value):
    assert period.value == value


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [(5, "Y", "P5Y"), (24, "H", "PT24H"), (0.5, "Y", "P6M"), (2.5, "Y", "P2.5Y"), (None, "M", "PXM")],
)
def test_timex_durations(amount, unit, value):
    assert timex.duration(amount, unit) == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Its walls were raised 3000 years ago.", "3000 years ago", None),
        ("Records from 2011 to 2009 were lost.", "from 2011 to 2009", None),
        ("The census ran from 2001 to 2011.", "from 2001 to 2011", "P10Y"),
    ],
)
def test_dates_out_of_calendar_gives_no_value(extract, sentence, expression, value):
    """Values the calendar cannot hold (before year 1, a backwards span) are null, not a crash."""
    record = extract(sentence, published=JUNE)
    assert next(d.value for d in record.dates if d.text == expression) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Port fees to rise\n\nATHENS, March 28 (Reuters) - Fees will rise from May.", "2025-03-28"),
        ("Shares to open higher\n\nSEOUL, Dec. 31 (Yonhap) -- Trading will resume on Friday.", "2024-12-31"),
    ],
)
def test_dates_dateline_is_filed_before_publication(extract, text, value):
    [first] = extract(text, published="2025-03-29" if "ATHENS" in text else "2025-01-01").dates[:1]
    assert first.value == value


def test_dates_shipped_prefix_index_is_current():
    """patterns/dates_grammar.index.json is what the grammar gives: regenerate it with
    `python -m extract.timegrammar` after changing dates_grammar.txt."""
    from importlib import resources

    from extract.timegrammar import INDEX_FILE, index_text

    shipped = resources.files("extract.patterns").joinpath(INDEX_FILE).read_text(encoding="utf-8")
    assert shipped == index_text(), "stale dates grammar index: run python -m extract.timegrammar"


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        # a Monday holiday's weekend starts the Saturday before; others are their week's
        (
            "Road traffic will peak over the Memorial Day weekend.",
            "2025-05-12",
            "the Memorial Day weekend",
            "2025-W21-WE",
        ),
        ("Ferries will be full over the Easter weekend.", "2025-04-02", "the Easter weekend", "2025-W16-WE"),
        (
            "Shops will open late over the Thanksgiving weekend.",
            "2025-11-10",
            "the Thanksgiving weekend",
            "2025-W48-WE",
        ),
        ("Road traffic will peak on Memorial Day.", "2025-05-12", "Memorial Day", "2025-05-26"),
    ],
)
def test_dates_holiday_weekends(extract, sentence, published, expression, value):
    assert found(extract(sentence, published=published), expression) == ("DATE", value)

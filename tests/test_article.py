"""Article metadata: headline, authors, outlet, publication date, dateline."""

from __future__ import annotations

import pytest

from extract.components.article import proper_case, split_header


@pytest.mark.parametrize(
    ("header", "published", "authors", "outlet"),
    [
        (
            "By LIU MEIHUA | example-daily.com.cn | Updated: 2024-11-02 08:15",
            "2024-11-02T08:15",
            ["Liu Meihua"],
            "example-daily.com.cn",
        ),
        ("Xinhua, February 3, 2021", "2021-02-03", [], "Xinhua"),
        ("2019-10-07", "2019-10-07", [], None),
        ("Published: 12 Apr. 2023, 09:40", "2023-04-12T09:40", [], None),
        ("DateTime:Sep.30,2022", "2022-09-30", [], None),
        ("Priya Raman (@priyaraman) Published March 09, 2022 | 03:10 PM", "2022-03-09T15:10", ["Priya Raman"], None),
        ("Tomas Lindqvist Thu 2nd June 2022 | 11:05 AM", "2022-06-02T11:05", ["Tomas Lindqvist"], None),
        (
            "June 5, 2013 / 2:15 PM\nReuters Staff | Reporting by Ana Costa and Lee Min-ho",
            "2013-06-05T14:15",
            ["Ana Costa", "Lee Min-ho"],
            "Reuters Staff",
        ),
        ("2016-03-01\n(Reporting by Omar Haddad in Cairo; Editing by Jane Doe)", "2016-03-01", ["Omar Haddad"], None),
        ("By Reuters | Published Tue, March 6th 2018 at 10:02", "2018-03-06T10:02", [], "Reuters"),
        ("10/04/2020 | 06:30pm EDT\nWireWatch | Reuters", "2020-10-04T18:30", [], "Reuters"),
        (
            "By RUTH OKONJO and PAUL VANCE Associated Press\nUpdated 3:10 PM EST, March 4, 2022",
            "2022-03-04T15:10",
            ["Ruth Okonjo", "Paul Vance"],
            None,
        ),
        ("By Hana Sato, Tokyo\nPublished: 2 Feb. 2021, 10:00", "2021-02-02T10:00", ["Hana Sato"], None),
    ],
)
def test_article_header_forms(extract, header, published, authors, outlet):
    text = f"Markets steady as traders wait for data\n{header}\n\nShares were little changed on Monday, traders said.\n"
    meta = extract(text).article
    assert meta.headline == "Markets steady as traders wait for data"
    assert meta.published == published
    assert meta.authors == authors
    if outlet is not None:
        assert meta.outlet == outlet


@pytest.mark.parametrize(
    ("body", "dateline", "published"),
    [
        (
            "HANGZHOU, Nov. 28 (Xinhua) -- Exports rose in 2023, officials said.",
            "HANGZHOU, Nov. 28 (Xinhua)",
            "2023-11-28",
        ),
        (
            "LONDON, March 3 (Reuters) - Sterling fell against the dollar in 2022.",
            "LONDON, March 3 (Reuters)",
            "2022-03-03",
        ),
        ("SAO PAULO (Reuters) - Coffee prices climbed on Tuesday.", "SAO PAULO (Reuters)", None),
        ("NAIROBI– Tea exports fell, the board said.", "NAIROBI", None),
        ("Lagos (Reuters) - Naira weakened on Monday.", "Lagos (Reuters)", None),
        ("Aa(0)-", None, None),
    ],
)
def test_article_dateline(extract, body, dateline, published):
    meta = extract(f"A headline for the story\n\n{body}\n").article
    assert meta.dateline == dateline
    assert meta.published == published


def test_article_given_date_wins(extract):
    text = "Rates unchanged\n2020-01-01\n\nThe bank kept rates on hold on Friday."
    assert extract(text, published="2021-05-06").article.published == "2021-05-06"
    assert extract(text).article.published == "2020-01-01"


def test_article_body_only_text_has_no_headline(extract):
    meta = extract(
        "The central bank raised its key rate by half a point on Thursday, its first rise in a year."
    ).article
    assert meta.headline is None
    assert meta.authors == []


@pytest.mark.parametrize(
    ("raw", "cased"), [("WANG KEJU", "Wang Keju"), ("mary o'neil", "Mary O'neil"), ("Lee Min-ho", "Lee Min-ho")]
)
def test_article_proper_case(raw, cased):
    assert proper_case(raw) == cased


def test_article_header_lines_are_not_body():
    text = "Headline here\nBy ANA COSTA | Example News | 2022-01-02\n\nBody starts here."
    header = split_header(text)
    assert header.headline is not None and header.headline.text == "Headline here"
    assert [ln.text for ln in header.header_lines] == ["By ANA COSTA | Example News | 2022-01-02"]
    assert text[header.body_start :].startswith("Body starts")


def test_article_paragraphs_start_sentences(nlp):
    doc = nlp("Title line\n2020-01-01\n\nFirst paragraph has no full stop\nSecond paragraph starts here.")
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert "Second paragraph starts here." in starts


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            'He left. "It is over," she said. Then (as planned) he flew home!',
            ["He left.", '"It is over," she said.', "Then (as planned) he flew home!"],
        ),
        (
            "U.S. officials met Mr. Lee on Jan. 5. They talked.",
            ["U.S. officials met Mr. Lee on Jan. 5.", "They talked."],
        ),
        (
            'Prices rose. "Good news." (Analysts agreed.) Next',
            ["Prices rose.", '"Good news."', "(Analysts agreed.)", "Next"],
        ),
        ("Really?! Yes... no.", ["Really?!", "Yes... no."]),
        # an abbreviation can end a sentence; a title cannot
        (
            "Sales rose in the U.S. The firm met Dr. The Anh at 3 p.m. It then sold Acme Inc. shares.",
            ["Sales rose in the U.S.", "The firm met Dr. The Anh at 3 p.m.", "It then sold Acme Inc. shares."],
        ),
        (
            "Data came from Nordvik Corp. However, demand fell.",
            ["Data came from Nordvik Corp.", "However, demand fell."],
        ),
    ],
)
def test_article_sentence_boundaries(nlp, text, sentences):
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == sentences


def test_article_sentences_are_linear(nlp):
    import time

    text = "A line without a stop\n" * 20_000
    started = time.perf_counter()
    doc = nlp(text)
    assert time.perf_counter() - started < 5
    assert sum(1 for _ in doc.sents) == 20_000


@pytest.mark.parametrize(
    "body",
    [
        "The plan was approved by parliament on Monday after a long debate.",
        "Trading opened at 09:30 and shares rose 2 percent by noon, dealers said.",
    ],
)
def test_article_body_without_blank_line_is_not_header(extract, body):
    text = f"Parliament backs plan\n2024-03-04\n{body}\nA second paragraph follows.\n"
    record = extract(text)
    assert record.article.published == "2024-03-04"
    assert record.article.authors == []
    assert "approved" not in (record.article.outlet or "") and "Trading" not in (record.article.outlet or "")
    assert any(d.start > text.index(body) for d in record.dates), "the first body line was taken for a header line"

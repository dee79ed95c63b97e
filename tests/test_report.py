"""The HTML report: highlighting, escaping, inputs, the command, and a real headless browser."""

from __future__ import annotations

import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import Browser, find_browser
from conftest import SAMPLES

from extract.cli import main
from extract.records import (
    ArticleMeta,
    ArticleRecord,
    Entity,
    EntityMention,
    Figure,
    InputWarning,
    Mention,
    Quotation,
    Source,
    TimeExpression,
)
from extract.report import (
    Mark,
    describe_timex,
    highlight,
    load_report_input,
    render_report,
    timex_range,
)

# An article written for this test: markup and ampersands that must stay text.
ARTICLE = (
    "Harbor board backs <script>window.__pwned = 1</script> expansion & dredging\n"
    "By Ada Quill | Example Wire | 2025-03-29\n"
    "\n"
    "The Port of Brightwater said on Friday that cargo volumes rose 12 percent in 2024.\n"
    '"We handled 4.5 million containers, more than ever," said Mara Quinn, chief executive of the '
    'Port of Brightwater. "The new berth opens next March."\n'
    "Revenue reached 2.1 billion yuan ($290 million) last year, the board said.\n"
    'Quinn said Smith & Sons would dredge the channel <img src=x onerror="window.__pwned = 2">.\n'
)


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of ``needle`` in ARTICLE."""
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.index(needle, start + 1)
    return start, start + len(needle)


def mention(needle: str, nth: int = 0, cls: type[Mention] = Mention, **extra: object) -> Mention:
    start, end = at(needle, nth)
    return cls(text=needle, start=start, end=end, **extra)


def fact(needle: str, nth: int = 0) -> dict[str, object]:
    start, end = at(needle, nth)
    return {"text": needle, "start": start, "end": end}


def handmade_record(*, with_text: bool = True, path: str | None = "harbor.txt") -> ArticleRecord:
    """A record with every kind of fact and every kind of overlap: an entity inside an
    entity, facts inside quotations, a quotation in two parts, a speaker mention that
    crosses an organization's name, a figure with an equivalent, dates with anchors."""
    q1_parts = [
        mention("We handled 4.5 million containers, more than ever,"),
        mention("The new berth opens next March."),
    ]
    return ArticleRecord(
        id="harbor",
        source=Source(
            path=path, sha256=hashlib.sha256(ARTICLE.encode()).hexdigest(), chars=len(ARTICLE), format="text"
        ),
        article=ArticleMeta(
            headline="Harbor board backs <script>window.__pwned = 1</script> expansion & dredging",
            authors=["Ada Quill"],
            outlet="Example Wire",
            published="2025-03-29",
            published_source="header",
        ),
        entities=[
            Entity(
                id="e1",
                label="ORG",
                name="Port of Brightwater",
                mentions=[
                    mention("Port of Brightwater", 0, EntityMention, rule="org.head"),
                    mention("Port of Brightwater", 1, EntityMention, rule="org.head"),
                    mention("the board", 0, EntityMention, kind="nominal"),
                ],
            ),
            Entity(id="e2", label="GPE", name="Brightwater", mentions=[mention("Brightwater", 0, EntityMention)]),
            Entity(
                id="e3",
                label="PERSON",
                name="Mara Quinn",
                titles=['chief executive "harbor" <boss>'],
                affiliation="e1",
                mentions=[
                    mention("Mara Quinn", 0, EntityMention, rule="person.name"),
                    mention("Quinn", 1, EntityMention, kind="surname"),
                ],
            ),
            Entity(id="e4", label="ORG", name="Smith & Sons", mentions=[mention("Smith & Sons", 0, EntityMention)]),
        ],
        figures=[
            Figure(id="f1", **fact("12 percent"), value=12, unit="percent", kind="percent", direction="up"),
            Figure(
                id="f2",
                **fact("4.5 million containers"),
                value=4_500_000,
                unit="containers",
                kind="count",
                rule="fig.scale",
            ),
            Figure(id="f3", **fact("2.1 billion yuan"), value=2.1e9, unit="CNY", kind="money", equivalent_to="f4"),
            Figure(id="f4", **fact("$290 million"), value=290_000_000, unit="USD", kind="money", qualifier="about"),
        ],
        dates=[
            TimeExpression(id="d1", **fact("on Friday"), type="DATE", value="2025-03-28", anchor="published"),
            TimeExpression(id="d2", **fact("2024"), type="DATE", value="2024", anchor="absolute"),
            TimeExpression(id="d3", **fact("next March"), type="DATE", value="2026-03", anchor="published"),
            TimeExpression(
                id="d4", **fact("last year"), type="DATE", value="2024", anchor="published", rule="rel.year"
            ),
        ],
        quotations=[
            Quotation(
                id="q1",
                kind="direct",
                text=" ".join(p.text for p in q1_parts),
                parts=q1_parts,
                speaker="e3",
                speaker_text="Mara Quinn",
                cue="said",
                speaker_mention=mention("Mara Quinn, chief executive of the Port"),
                cue_mention=mention("said", 1),
                rule="quote.direct.split",
            ),
            Quotation(
                id="q2",
                kind="indirect",
                text="Revenue reached 2.1 billion yuan ($290 million) last year",
                parts=[mention("Revenue reached 2.1 billion yuan ($290 million) last year")],
                speaker=None,
                speaker_text="the board",
                cue="said",
            ),
            Quotation(
                id="q3",
                kind="indirect",
                text='Smith & Sons would dredge the channel <img src=x onerror="window.__pwned = 2">',
                parts=[mention('Smith & Sons would dredge the channel <img src=x onerror="window.__pwned = 2">')],
                speaker="e3",
                speaker_text="Quinn",
                cue="said",
            ),
        ],
        warnings=[InputWarning(code="W101", message='not UTF-8: decoded as "cp1252" <guess>')],
        text=ARTICLE if with_text else None,
    )


class Tables(HTMLParser):
    """The text of every table cell, by the heading (h1-h4) before each table."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._heading: list[str] | None = None
        self._last = ""
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = []
        elif tag == "table":
            self._rows = []
            self.tables.setdefault(self._last, self._rows)
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self._last = "".join(self._heading).strip()
            self._heading = None
        elif tag == "table":
            self._rows = None
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def rows(self, heading: str) -> list[dict[str, str]]:
        header, *body = self.tables[heading]
        return [dict(zip(header, row, strict=True)) for row in body]


def page_of(record: ArticleRecord, text: str | None = ARTICLE) -> str:
    from extract.report import ReportItem

    return render_report([ReportItem(record, text)])


# -- highlighting -------------------------------------------------------------------


def m(start: int, end: int, fact: str, order: int = 1, tag: str | None = None) -> Mark:
    return Mark(start, end, fact, "f", order, tag)


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("a b c", [m(2, 3, "x")], 'a <mark class="f" data-fact="x">b</mark> c'),
        ("abc", [m(0, 3, "x", tag="T")], '<mark class="f" data-fact="x" data-tag="T">abc</mark>'),
        # nested: the longer fact outside; the same span: by layer order
        (
            "abcd",
            [m(1, 2, "in"), m(0, 4, "out")],
            '<mark class="f" data-fact="out">a<mark class="f" data-fact="in">b</mark>cd</mark>',
        ),
        (
            "ab",
            [m(0, 2, "late", order=4), m(0, 2, "early", order=0)],
            '<mark class="f" data-fact="early"><mark class="f" data-fact="late">ab</mark></mark>',
        ),
        # crossing: the inner fact is closed at the outer's end and reopened after it
        (
            "abcd",
            [m(0, 2, "x"), m(1, 4, "y", tag="Y")],
            '<mark class="f" data-fact="x">a<mark class="open f" data-fact="y">b</mark></mark>'
            '<mark class="f cont" data-fact="y" data-tag="Y">cd</mark>',
        ),
        ("<&>", [m(1, 2, "x")], '&lt;<mark class="f" data-fact="x">&amp;</mark>&gt;'),
    ],
)
def test_report_highlight_nests_and_splits(text, marks, expected):
    assert highlight(text, marks) == expected


def test_report_highlight_many_crossing_facts_stays_linear():
    text = "ab" * 20_000
    marks = [m(i, i + 3, f"f{i}") for i in range(0, len(text) - 3, 2)]  # each crosses the next
    out = highlight(text, marks)
    assert re.sub(r"<[^>]+>", "", out) == text
    assert out.count('class="f cont"') == len(marks) - 1


def test_report_highlight_keeps_the_text_and_every_fact():
    page = page_of(handmade_record())
    body = page.split('<div class="text" lang="en">', 1)[1].split("</div>", 1)[0]
    pieces: dict[str, str] = {}
    for fact_id, inner in re.findall(r'<mark [^>]*data-fact="([^"]+)"[^>]*>([^<]*)', body):
        pieces[fact_id] = pieces.get(fact_id, "") + inner
    assert set(pieces) >= {f"a0-{x}" for x in ("e1", "e2", "e3", "e4", "f1", "f2", "f3", "f4", "d1", "d2", "d3")}
    import html

    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == ARTICLE


# -- escaping and self-containment -----------------------------------------------


def test_report_escapes_article_and_record_strings():
    page = page_of(handmade_record())
    assert page.count("<script") == 1 and "<img" not in page and "<guess>" not in page and "<boss>" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "expansion &amp; dredging" in page and "Smith &amp; Sons" in page
    assert "onerror=&quot;window.__pwned = 2&quot;" in page
    assert "chief executive &quot;harbor&quot; &lt;boss&gt;" in page


class Links(HTMLParser):
    """Every attribute of the page that could load or lead somewhere."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, k, v) for k, v in attrs if k in ("src", "href", "action", "srcset", "data", "poster")]


def test_report_page_needs_no_network():
    page = page_of(handmade_record())
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)[1]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    links = Links(page).found
    assert links and all(k == "href" and v.startswith("#") for _, k, v in links)
    assert not re.search(r"https?://|url\(|@import", page.split("<style>", 1)[1].split("</style>", 1)[0])


# -- what the article page shows ---------------------------------------------------


def test_report_article_tables_show_every_fact():
    tables = Tables(page_of(handmade_record()))
    people = {r["Name"]: r for r in tables.rows("People, organizations and places")}
    assert people["Mara Quinn"]["Titles"] == 'chief executive "harbor" <boss>'
    assert people["Mara Quinn"]["Affiliation"] == "Port of Brightwater"
    assert people["Mara Quinn"]["Quotes"] == "2"
    quotes = tables.rows("Quotations")
    assert [(q["Speaker"], q["Cue"]) for q in quotes] == [
        ("Mara Quinn PERSON", "said"),
        ("the board (not linked to a name)", "said"),
        ("Mara Quinn PERSON", "said"),
    ]
    assert quotes[0]["Kind"] == "direct, 2 parts"
    assert quotes[0]["Title"] == 'chief executive "harbor" <boss>'
    assert quotes[0]["Affiliation"] == "Port of Brightwater"
    figures = {r["As written"]: r for r in tables.rows("Figures")}
    assert figures["2.1 billion yuan"]["Value"] == "2,100,000,000"
    assert figures["2.1 billion yuan"]["Equivalent to"] == "$290 million = 290,000,000 USD"
    assert figures["$290 million"]["Qualifier"] == "about"
    assert figures["4.5 million containers"]["Unit"] == "containers"
    dates = {r["As written"]: r for r in tables.rows("Dates")}
    assert dates["next March"]["Value"] == "2026-03" and dates["next March"]["Anchor"] == "published"
    assert dates["on Friday"]["Reading"] == "Fri 28 Mar 2025"
    assert tables.rows("Input warnings")[0]["Message"] == 'not UTF-8: decoded as "cp1252" <guess>'


def test_report_timeline_places_resolved_dates():
    page = page_of(handmade_record())
    timeline = page.split("<h2>Timeline</h2>", 1)[1]
    assert timeline.count('class="point"') == 1  # on Friday; the rest are months and years
    assert timeline.count('class="span"') == 3
    assert "published 2025-03-29" in timeline


@pytest.mark.parametrize(
    ("values", "outside"),
    [
        (["2025-03-28", "2025-03", "2024", "2024-06", "2025-03-27", "197"], "Outside the axis: the 1970s"),
        (["1950", "1962", "1975", "1988", "2001", "2013", "2025"], None),  # spread evenly: all on the axis
    ],
)
def test_report_timeline_leaves_far_outliers_off_the_axis(values, outside):
    record = handmade_record()
    record.dates = [
        TimeExpression(id=f"d{i}", text="x", start=0, end=1, type="DATE", value=v) for i, v in enumerate(values, 1)
    ]
    timeline = page_of(record, text=None).split("<h2>Timeline</h2>", 1)[1]
    marks = timeline.count('class="point"') + timeline.count('class="span"')
    if outside:
        assert outside in timeline and marks == len(values) - 1
    else:
        assert "Outside the axis" not in timeline and marks == len(values)


@pytest.mark.parametrize(
    ("value", "first", "last", "words"),
    [
        ("2025-03-28", "2025-03-28", "2025-03-28", "Fri 28 Mar 2025"),
        ("2025-03-29T00:37", "2025-03-29", "2025-03-29", "Sat 29 Mar 2025 00:37"),
        ("2024-02", "2024-02-01", "2024-02-29", "February 2024"),
        ("2024-Q4", "2024-10-01", "2024-12-31", "Q4 2024"),
        ("2024-H1", "2024-01-01", "2024-06-30", "first half of 2024"),
        ("2024-WI", "2024-12-01", "2025-02-28", "winter 2024"),
        ("2025-W13", "2025-03-24", "2025-03-30", "week 13 of 2025"),
        ("2025-W13-WE", "2025-03-29", "2025-03-30", "weekend of week 13 of 2025"),
        ("2024", "2024-01-01", "2024-12-31", "2024"),
        ("197", "1970-01-01", "1979-12-31", "the 1970s"),
        ("2019-07/2020-06", "2019-07-01", "2020-06-30", "July 2019 to June 2020"),
        ("P5Y", None, None, "5 years"),
        ("PT1H30M", None, None, "1 hour 30 minutes"),
        ("P1M", None, None, "1 month"),
        ("PXD", None, None, "days"),
        ("PRESENT_REF", None, None, "now"),
        ("2025-02-30", None, None, None),
        ("XXXX-WXX-1", None, None, None),
    ],
)
def test_report_timex_values_to_periods_and_words(value, first, last, words):
    span = timex_range(value)
    assert (span and (span[0].isoformat(), span[1].isoformat())) == (first and (first, last))
    assert describe_timex(value) == words


# -- inputs --------------------------------------------------------------------------


def write_records(path: Path, *records: ArticleRecord) -> Path:
    path.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    return path


def test_report_input_records_with_their_text(tmp_path):
    loaded = load_report_input([str(write_records(tmp_path / "out.jsonl", handmade_record()))])
    assert not loaded.errors and len(loaded.items) == 1
    assert loaded.items[0].text == ARTICLE and loaded.items[0].note is None


def test_report_input_rereads_the_source_and_checks_its_hash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "harbor.txt").write_text(ARTICLE.replace("\n", "\r\n"), encoding="utf-8")  # read as extraction does
    records = write_records(tmp_path / "out.jsonl", handmade_record(with_text=False))
    item = load_report_input([str(records)]).items[0]
    assert item.text == ARTICLE and item.note is None

    (tmp_path / "harbor.txt").write_text(ARTICLE.replace("Friday", "Monday"), encoding="utf-8")
    item = load_report_input([str(records)]).items[0]
    assert item.text is None and "has changed" in item.note
    page = render_report([item])
    assert "has changed since it was extracted" in page and 'class="text"' not in page
    assert "Mara Quinn" in page  # the facts are still listed

    (tmp_path / "harbor.txt").unlink()
    assert "cannot be found" in load_report_input([str(records)]).items[0].note


def test_report_input_finds_the_source_next_to_the_records(tmp_path, monkeypatch):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "harbor.txt").write_text(ARTICLE, encoding="utf-8")
    records = write_records(folder / "out.jsonl", handmade_record(with_text=False))
    monkeypatch.chdir(tmp_path)
    assert load_report_input([str(records)]).items[0].text == ARTICLE


@pytest.mark.parametrize(
    ("name", "content", "extracted"),
    [
        ("articles.jsonl", json.dumps({"id": "j1", "text": "Sales rose 3 percent on Monday."}) + "\n", True),
        ("a.txt", '{"schema_version": "1.0"}\n', True),  # a .txt is an article, whatever it holds
        ("records.jsonl", None, False),
    ],
)
def test_report_input_decides_by_content(tmp_path, name, content, extracted):
    path = tmp_path / name
    if content is None:
        write_records(path, handmade_record())
    else:
        path.write_text(content, encoding="utf-8")
    item = load_report_input([str(path)]).items[0]
    assert (item.record.id != "harbor") is extracted
    assert item.text is not None


def test_report_input_json_record_files(tmp_path):
    (tmp_path / "harbor.json").write_text(handmade_record().model_dump_json(indent=2), encoding="utf-8")
    (tmp_path / "notes.json").write_text('{"title": "not a record"}', encoding="utf-8")
    loaded = load_report_input([str(tmp_path / "harbor.json")])
    assert [item.record.id for item in loaded.items] == ["harbor"] and loaded.items[0].text == ARTICLE
    other = load_report_input([str(tmp_path / "notes.json")]).items[0]  # not a record: an article to extract
    assert other.record.id == "notes.json" and other.text == '{"title": "not a record"}'


def test_report_input_bad_record_lines_are_errors(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(handmade_record().to_json() + '\n{"schema_version": "1.0", "id": ""}\nnot json\n')
    loaded = load_report_input([str(path)])
    assert len(loaded.items) == 1
    assert [(e.line, e.code) for e in loaded.errors] == [(2, "E107"), (3, "E107")]


# -- the command ---------------------------------------------------------------------


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
    out, err = capsys.readouterr()
    return exc.value.code or 0, out, err


def test_report_cli_article_and_batch(tmp_path, capsys):
    one = tmp_path / "one.html"
    code, _, err = run(["report", str(SAMPLES / "uk-ceramics-rescue.txt"), "-o", str(one)], capsys)
    assert code == 0 and "article report" in err
    assert "<h1>Ministers agree £210m rescue for Stoke ceramics maker</h1>" in one.read_text(encoding="utf-8")

    many = tmp_path / "many.html"
    code, _, err = run(["report", str(SAMPLES), "-o", str(many)], capsys)
    assert code == 0 and "batch report, 6 records" in err
    assert many.read_text(encoding="utf-8").count('<details class="article"') == 6


def test_report_cli_stdout_and_failures(tmp_path, capsys):
    records = write_records(tmp_path / "out.jsonl", handmade_record())
    code, out, err = run(["report", str(records), str(tmp_path / "missing.txt"), "-o", "-"], capsys)
    assert code == 3 and out.startswith("<!DOCTYPE html>") and "missing.txt" in err
    assert "Inputs that gave no record" in out

    code, out, err = run(["report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.html")], capsys)
    assert code == 1 and "nothing to report" in err and not (tmp_path / "r.html").exists()


def test_report_seed_article_shows_everything_in_its_record(dev_dir, extractor):
    from extract.batch import extract_file
    from extract.report import ReportItem

    record = extract_file(dev_dir / "seed-chinadaily-2025-03-29.txt", settings=extractor.settings)[0]
    text = (dev_dir / "seed-chinadaily-2025-03-29.txt").read_text(encoding="utf-8")
    tables = Tables(render_report([ReportItem(record, text)]))
    if record.entities:
        people = {r["Name"]: r["Titles"] for r in tables.rows("People, organizations and places")}
        assert people == {e.name: "; ".join(e.titles) for e in record.entities}
    if record.quotations:
        speakers = [r["Speaker"].removesuffix(" PERSON").removesuffix(" ORG") for r in tables.rows("Quotations")]
        names = {e.id: e.name for e in record.entities}
        assert len(speakers) == len(record.quotations)
        for shown, quote in zip(speakers, record.quotations, strict=True):
            assert shown.startswith(names.get(quote.speaker or "", quote.speaker_text or "unattributed"))
    if record.figures:
        assert len(tables.rows("Figures")) == len(record.figures)
    if record.dates:
        assert [r["Value"] for r in tables.rows("Dates")] == [d.value or "" for d in record.dates]


# -- a real browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    executable = find_browser()
    if executable is None:
        if os.environ.get("NEWSFACTS_REQUIRE_BROWSER"):
            pytest.fail("no Chromium found, and NEWSFACTS_REQUIRE_BROWSER is set (as .ci/run sets it)")
        pytest.skip("no Chromium found: install Debian's chromium (apt-get install chromium), as .ci/run does")
    with Browser(executable) as running:
        yield running


FACTS_IN_PAGE = """(() => {
  const pieces = {};
  for (const m of document.querySelectorAll("mark[data-fact]")) {
    const own = [...m.childNodes].map(n => n.nodeType === 3 ? n.data : n.textContent).join("");
    (pieces[m.dataset.fact] = pieces[m.dataset.fact] || []).push(own);
  }
  return pieces;
})()"""


def test_report_browser_article_page(browser, tmp_path):
    record = handmade_record()
    page_file = tmp_path / "harbor.html"
    page_file.write_text(page_of(record), encoding="utf-8")
    page = browser.open(page_file.as_uri())

    assert page.problems() == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 1 and page.evaluate("document.images.length") == 0
    assert page.evaluate("document.querySelector('.text').textContent") == ARTICLE
    assert page.evaluate("document.querySelector('h1').textContent") == record.article.headline

    pieces = page.evaluate(FACTS_IN_PAGE)
    expected = {f"a0-{e.id}" for e in record.entities} | {f"a0-{x.id}" for x in (*record.figures, *record.dates)}
    expected |= {f"a0-{q.id}" for q in record.quotations}
    assert set(pieces) == expected
    assert pieces["a0-f3"] == ["2.1 billion yuan"]
    assert pieces["a0-d3"] == ["next March"]  # inside the second part of q1
    assert pieces["a0-e2"] == ["Brightwater"]  # inside the Port of Brightwater
    # The organization's name that crosses the end of the speaker mention is split there,
    # and both pieces stay on screen.
    widths = "[...document.querySelectorAll('mark.ORG.{}')].map(m => m.getBoundingClientRect().width)"
    assert [w > 0 for w in page.evaluate(widths.format("open")) + page.evaluate(widths.format("cont"))] == [True] * 2

    colour = "getComputedStyle(document.querySelector('mark.{}')).backgroundColor"
    assert page.evaluate(colour.format("PERSON")) == "rgb(170, 156, 252)"
    assert page.evaluate(colour.format("ORG")) == "rgb(122, 236, 236)"
    assert page.evaluate(colour.format("GPE")) == "rgb(254, 202, 116)"
    assert page.evaluate(colour.format("date")) == "rgb(191, 225, 217)"
    assert page.evaluate(colour.format("fig")) == "rgb(228, 231, 210)"
    assert page.evaluate("getComputedStyle(document.querySelector('mark.PERSON'), '::after').content") == '"PERSON"'

    # Pointing at a name inside a quotation shows both in the side panel.
    shown = "[...document.querySelectorAll('.fact-detail')].filter(d => !d.hidden).map(d => d.dataset.for)"
    assert page.hover("mark.quote mark.ORG")
    assert page.evaluate(shown) == ["a0-e4", "a0-q3"]
    panel = page.evaluate("document.querySelector('.panel').innerText")
    assert "Smith & Sons" in panel and "Mara Quinn" in panel and "indirect" in panel
    assert page.hover("mark.PERSON")
    assert page.evaluate(shown) == ["a0-e3", "a0-q1"]  # the name and the quotation it is the speaker of
    assert 'chief executive "harbor" <boss>' in page.evaluate("document.querySelector('.panel').innerText")
    assert page.evaluate("document.querySelectorAll('mark.hl[data-fact=\"a0-e3\"]').length") == 2
    # The legend switches a layer off.
    page.evaluate("document.querySelector('.legend button[data-layer=PERSON]').click()")
    assert page.evaluate(colour.format("PERSON")) == "rgba(0, 0, 0, 0)"
    assert page.problems() == []


def test_report_browser_batch_page_of_the_dev_set(browser, dev_dir, tmp_path, extractor):
    loaded = load_report_input([str(dev_dir)], settings=extractor.settings)
    assert not loaded.errors and len(loaded.items) == len(list(dev_dir.glob("*.txt")))
    page_file = tmp_path / "dev.html"
    page_file.write_text(render_report(loaded.items, inputs=[str(dev_dir)]), encoding="utf-8")
    page = browser.open(page_file.as_uri())

    assert page.problems() == []
    assert page.evaluate("document.querySelectorAll('details.article').length") == len(loaded.items)
    texts = page.evaluate("[...document.querySelectorAll('.text')].map(t => t.textContent)")
    assert texts == [item.text for item in loaded.items]
    facts = sum(
        len(r.entities) + len(r.figures) + len(r.dates) + len(r.quotations) for r in (i.record for i in loaded.items)
    )
    assert len(page.evaluate(FACTS_IN_PAGE)) == facts
    seed = next(i for i, item in enumerate(loaded.items) if item.record.id.startswith("seed-"))
    page.evaluate(f"location.hash = '#art-{seed}'")
    assert page.evaluate(f"document.getElementById('art-{seed}').open") is True
    resolved = any(d.value and timex_range(d.value) for item in loaded.items for d in item.record.dates)
    published = {item.record.article.published[:10] for item in loaded.items if item.record.article.published}
    timeline = "(() => { const svg = document.querySelector('.timeline svg'); return svg && svg.getBBox().height; })()"
    assert bool(page.evaluate(timeline)) == bool(resolved or len(published) > 1)
    assert page.evaluate("document.querySelectorAll('.timeline rect.bin-pub').length") > 0
    if any(item.record.figures for item in loaded.items):  # a figure's link opens its article at its row
        link = 'document.querySelector(\'h3 ~ .table-wrap td a[href^="#a"]:not([href^="#art"])\')'
        target = page.evaluate(f"{link}.getAttribute('href').slice(1)")
        article = page.evaluate(f"document.getElementById('{target}').closest('details').id")
        assert page.evaluate(f"document.getElementById('{article}').open") is False
        page.evaluate(f"{link}.click()")
        assert page.evaluate(f"document.getElementById('{article}').open") is True
    assert page.problems() == []

"""Article metadata: headline, byline authors, outlet, publication date and dateline.

The article component runs first. It splits the text into zones (headline, header
lines, body), sets the sentence boundaries of the whole doc (paragraph breaks
included), and decides the publication date that every relative date is resolved
against.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from ..calendar import find_absolute_date as _find_absolute_date
from ..spans import doc_data, doc_text, ensure_extensions, make_span, set_group

_TIME_ONLY = re.compile(
    r"\b[0-2]?\d[:.][0-5]\d\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|EDT|EST|CET|BST|HKT|IST)\s*[+-]?\d*)?"
)
_STAMP_WORDS = re.compile(
    r"\b(?:Published|Updated|Last Updated(?: At)?|Posted|Added On|Added|Date(?:Time)?|Modified|First published)\b\s*:?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?\b\.?,?")
_BYLINE = re.compile(r"(?:^|[|(]\s*)(?:By|BY|Written by|Author:)\s+(?P<names>[^|()]+)")
_CREDIT = re.compile(r"(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ww]ritten|[Cc]ompiled) by\s+(?P<names>[^;)|]+)")
_EDITING = re.compile(r"[,;]?\s*\b(?:[Ee]dit(?:ing|ed)|[Ee]ditor|[Pp]hotos?|[Gg]raphics?)\b.*$")
_HANDLE = re.compile(r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*\(@\w+\)")
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|cn|uk|in|pk|ke|au|de|fr|jp|kr|io|news|info)\b")
_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)?|[A-Z]\.|[A-Z][A-Z'’-]+|(?:de|van|von|der|den|bin|bint|al|el|da|di|du|le|la)|Mc[A-Z][a-z]+)$"
)
_ORG_WORDS = {
    "news", "agency", "journal", "gazette", "times", "post", "daily", "press", "staff", "english",
    "digital", "media", "network", "online", "service", "wire", "herald", "tribune", "standard",
    "review", "report", "radio", "tv", "television", "channel", "magazine", "weekly", "bureau",
    "desk", "team", "correspondent", "reporter", "editor", "release", "analysis", "world", "global",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.;:,]['\"’”)]?\s*$")

_PLACE = r"[A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*)*"
_DATELINE = re.compile(
    rf"(?P<places>{_PLACE}(?:\s*/\s*{_PLACE})*)"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=\s*[,(]|\s+[-–—]))?"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-3]?\d))?"
    r",?\s*(?:\((?P<agency>[^()\n]{1,100})\))?"
    r"\s*(?P<dash>--|—|–|-|:)+[:\s]*"
)
_DATELINE_MIXED = re.compile(
    r"(?P<places>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-3]?\d))?"
    r",?\s*\((?P<agency>[A-Z][^()\n]{1,60})\)[ \t]*(?P<dash>--|—|–|-)+[ \t]*"
)
_DATELINE_MONTH_DAY = re.compile(r"(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>[0-3]?\d)")
_YEAR_IN_TEXT = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SENTENCE_ENDS = frozenset(hash_string(c) for c in ("!", ".", "?", "!!", "?!", "!?", "。", "！", "？"))
_OPENERS = ('"', "“", "‘", "'", "«", "‹", "„", "(", "[", "{", "—", "–", "-")
_OPENERS_SET = frozenset(hash_string(c) for c in _OPENERS)
# "U.S.", "a.m.", "Corp.", "Inc." before a word that only opens a sentence; titles and
# month abbreviations never end one ("Dr. The ...", "Jan. The ..." do not occur).
_DOT_THEN_OPENER = re.compile(
    r"\.[ \t]+(?=(?:The|A|An|It|Its|He|She|They|We|I|His|Her|Their|Our|This|That|These|Those|There|But|And"
    r"|In|On|At|As|For|If|When|While|After|However|Meanwhile)\b)"
)
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{1,3}\.")
_NEVER_LAST = frozenset((
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "capt.", "sgt.",
    "adm.", "maj.", "rev.", "hon.", "no.", "nos.", "vs.", "fig.", "mt.", "ft.", "pres.", "supt.", "insp.", "det.",
    "cmdr.", "messrs.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
))  # fmt: skip
_NOT_START = 2**64 - 1  # -1 (not a sentence start) as spaCy stores it
# the header lines are read again and again (header-like? a byline? an outlet?)
find_absolute_date = functools.lru_cache(maxsize=1024)(_find_absolute_date)

_LINE_BREAK = re.compile(r"\n\s*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Header:
    headline: Line | None = None
    header_lines: list[Line] = field(default_factory=list)
    body_start: int = 0


def _lines(text: str) -> Iterator[Line]:
    pos = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        yield Line(pos + lead, pos + lead + len(stripped), stripped)
        pos += len(raw) + 1


def _is_header_line(line: Line) -> bool:
    text = line.text
    if not text or len(text) > 250:
        return False
    if _DATELINE.match(text) and len(text) > 80:
        return False
    if find_absolute_date(text) or _TIME_ONLY.search(text):
        return True
    if _BYLINE.search(text) or _CREDIT.search(text) or "|" in text or _STAMP_WORDS.match(text):
        return True
    words = text.split()
    return len(words) <= 8 and not _SENTENCE_END.search(text)


def split_header(text: str, given_headline: str | None = None) -> Header:
    """Find the headline line and the header lines (byline, outlet, date) that follow it."""
    lines = _lines(text)  # read lazily: the header is at the top
    header = Header()
    first = next((ln for ln in lines if ln.text), None)
    if first is None or not text[first.end :].strip():
        return header  # fewer than two lines of text
    words = first.text.split()
    looks_like_headline = (given_headline is not None and first.text == given_headline.strip()) or (
        len(words) <= 30
        and len(first.text) <= 300
        and not re.search(r"[.,;:]\s*$", first.text)
        and not _DATELINE.match(first.text)
    )
    following = itertools.takewhile(lambda ln: bool(ln.text), lines)  # up to the first blank line
    if looks_like_headline and not (find_absolute_date(first.text) and len(words) <= 6):
        header.headline = first
    else:
        following = itertools.chain([first], following)
    # header lines: up to the first blank line, each short and header-like
    body_line = None  # the first line of the body when no blank line ends the header
    for line in following:
        if not _is_header_line(line):
            body_line = line
            break
        header.header_lines.append(line)
    if header.header_lines and body_line is not None:
        # no blank line after the header: keep only short lines that carry a date or byline
        while header.header_lines and not (
            _strong_header(header.header_lines[-1]) and not _reads_as_body(header.header_lines[-1])
        ):
            body_line = header.header_lines.pop()
    if body_line is not None:
        header.body_start = body_line.start
    else:
        header.body_start = (header.header_lines or [first])[-1].end
    while header.body_start < len(text) and text[header.body_start].isspace():
        header.body_start += 1
    return header


def _reads_as_body(line: Line) -> bool:
    """A sentence of the story rather than a header line: long, or ending a sentence."""
    return len(line.text) > 160 or bool(re.search(r"\w[.!?]['\"’”)]?$", line.text))


def _strong_header(line: Line) -> bool:
    t = line.text
    return bool(find_absolute_date(t) or _BYLINE.search(t) or _CREDIT.search(t) or "|" in t or _STAMP_WORDS.match(t))


def proper_case(name: str) -> str:
    """ "WANG KEJU" -> "Wang Keju"; names already in mixed case are kept."""
    if name.isupper() or name.islower():
        parts = re.split(r"([\s-])", name.lower())
        return "".join(p[:1].upper() + p[1:] if p.strip(" -") else p for p in parts)
    return name


def _clean_name(raw: str) -> str | None:
    name = re.sub(r"\s+in\s+[A-Z][\w .'-]*$", "", raw.strip())  # "Tom Miles in Geneva"
    name = name.strip(" .,;:()[]")
    words = name.split()
    # "DEVON PRATT Associated Press": a name in capitals, then the outlet in mixed case
    caps = 0
    while caps < len(words) and words[caps].isupper() and len(words[caps]) > 1:
        caps += 1
    if 2 <= caps < len(words):
        words = words[:caps]
        name = " ".join(words)
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(w.lower() in _ORG_WORDS for w in words):
        return None
    return proper_case(name)


def _split_names(raw: str) -> list[str]:
    raw = _EDITING.sub("", raw)
    parts = re.split(r",|\band\b|&|;", raw)
    return [p for p in parts if p.strip()]


class ArticleComponent:
    """Sets ``doc._.newsfacts["article"]``, the zones and the sentence boundaries."""

    def __init__(self, nlp: Language, name: str = "newsfacts_article") -> None:
        self.name = name
        self.outlets = load_outlets()
        self.outlet_names: dict[str, str] = {}  # lower-cased key -> display name, the first listed
        for key, display in self.outlets:
            self.outlet_names.setdefault(key, display)

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        data = doc_data(doc)
        given = data.get("given") or {}
        text = doc_text(doc)
        header = split_header(text, given.get("headline"))
        spans = []
        meta: dict[str, object] = {
            "headline": None, "authors": [], "outlet": None,
            "published": None, "published_source": None, "dateline": None,
        }  # fmt: skip

        if given.get("headline"):
            meta["headline"] = " ".join(str(given["headline"]).split())
        if header.headline is not None:
            meta["headline"] = meta["headline"] or header.headline.text
            span = make_span(doc, header.headline.start, header.headline.end, "headline")
            if span is not None:
                spans.append(span)

        authors: list[str] = []
        outlet: str | None = None
        published: str | None = None
        for line in header.header_lines:
            span = make_span(doc, line.start, line.end, "header")
            if span is not None:
                spans.append(span)
            found = find_absolute_date(line.text)
            if found and published is None:
                published = found[0]
            for name in self._authors(line.text):
                if name not in authors:
                    authors.append(name)
            if outlet is None:
                outlet = self._outlet(line.text, authors)
        meta["authors"] = list(given.get("authors") or authors)
        meta["outlet"] = given.get("outlet") or outlet

        dateline = self._dateline(doc, header.body_start, spans)
        if dateline is not None:
            meta["dateline"] = dateline["text"]
            if meta["outlet"] is None and dateline.get("agency"):
                meta["outlet"] = dateline["agency"]

        if given.get("published"):
            meta["published"] = given["published"]
            meta["published_source"] = given.get("published_source", "given")
        elif published:
            meta["published"], meta["published_source"] = published, "header"
        elif dateline is not None and dateline.get("month_day"):
            year = self._infer_year(text)
            if year is not None:
                month, day = dateline["month_day"]
                meta["published"], meta["published_source"] = f"{year:04d}-{month:02d}-{day:02d}", "dateline"

        annotate = []
        if header.headline is not None:
            annotate.append((header.headline.start, header.headline.end))
        annotate.append((header.body_start, len(text)))
        data["article"] = meta
        data["zones"] = {
            "annotate": annotate,
            "header": [(ln.start, ln.end) for ln in header.header_lines],
            "body_start": header.body_start,
        }
        set_group(doc, "article", spans)
        mark_sentences(doc, text)
        return doc

    def _authors(self, line: str) -> list[str]:
        names: list[str] = []
        for regex in (_BYLINE, _CREDIT):
            for m in regex.finditer(line):
                chunk = _STAMP_WORDS.split(m.group("names"))[0]
                date = find_absolute_date(chunk)
                if date:
                    chunk = chunk[: date[1]]
                for raw in _split_names(chunk):
                    if self._is_outlet(raw):
                        continue
                    name = _clean_name(raw)
                    if name:
                        names.append(name)
        if names:
            return names
        m = _HANDLE.search(line)
        if m and not self._is_outlet(m.group("name")):
            name = _clean_name(m.group("name"))
            if name:
                return [name]
        # "Faizan Hashmi Wed 14th July 2021 | 12:40 PM": a name right before the date
        date = find_absolute_date(line)
        if date and date[1] > 0:
            before = line[: date[1]].split("|")[-1]
            before = _STAMP_WORDS.sub("", _WEEKDAY.sub("", before)).strip(" ,-–—")
            if before and not re.match(r"(?i)by\b", before) and not self._is_outlet(before):
                name = _clean_name(before)
                if name:
                    return [name]
        return []

    def _outlet(self, line: str, authors: list[str]) -> str | None:
        for segment in re.split(r"\s*[|,]\s*", line):
            seg = re.sub(r"^(?:By|BY)\s+", "", segment.strip())
            if not seg:
                continue
            known = self._known_outlet(seg)
            if known:
                return known
            dom = _DOMAIN.search(seg)
            if dom:
                return dom.group(0)
        for segment in re.split(r"\s*[|]\s*", line):
            seg = segment.strip(" ,")
            if (
                not seg
                or find_absolute_date(seg)
                or _TIME_ONLY.search(seg)
                or _BYLINE.search(seg)
                or _CREDIT.search(seg)
                or seg.startswith("(")
            ):
                continue
            if any(a.lower() == seg.lower() for a in authors):
                continue
            if len(seg.split()) <= 5 and seg[:1].isalpha():
                return seg
        return None

    def _is_outlet(self, raw: str) -> bool:
        return self._known_outlet(raw) is not None

    def _known_outlet(self, raw: str) -> str | None:
        key = re.sub(r"^the\s+", "", raw.strip().lower())
        if key in self.outlet_names:
            return self.outlet_names[key]
        first = key.split(" ")[0] if key else ""
        if first in self.outlet_names and len(key.split()) <= 3:
            return raw.strip()
        return None

    def _dateline(self, doc: Doc, body_start: int, spans: list) -> dict[str, object] | None:
        text = doc_text(doc)
        window = text[body_start : body_start + 200]
        m = _DATELINE.match(window)
        if m is None or not (m.group("agency") or m.group("date") or len(m.group("dash")) > 0):
            m = _DATELINE_MIXED.match(window)
            if m is None:
                return None
        if not m.group("places") or len(m.group("places")) < 2:
            return None
        if not (m.group("agency") or m.group("date") or m.group("dash") in ("--", "—", "–", "-", ":")):
            return None
        # the places of an all-caps dateline must be words in capitals, not a sentence start
        if m.re is _DATELINE and not m.group("agency") and not m.group("date") and len(m.group("places")) < 3:
            return None
        end = body_start + m.end()
        dl_text = text[body_start:end].rstrip(" :-–—\t\n")
        out: dict[str, object] = {"text": dl_text}
        span = make_span(doc, body_start, body_start + len(dl_text), "dateline")
        if span is not None:
            spans.append(span)
        pos = body_start + m.start("places")
        for place in m.group("places").split("/"):
            p_start = text.index(place.strip(), pos)
            sp = make_span(doc, p_start, p_start + len(place.strip()), "dateline_place")
            if sp is not None:
                spans.append(sp)
            pos = p_start + len(place.strip())
        if m.groupdict().get("region"):
            r_start = body_start + m.start("region")
            sp = make_span(doc, r_start, r_start + len(m.group("region")), "dateline_place")
            if sp is not None:
                spans.append(sp)
        if m.group("agency"):
            a_start = body_start + m.start("agency")
            agencies = []
            for part in re.finditer(r"[^/]+", m.group("agency")):
                raw = part.group(0)
                date = find_absolute_date(raw)
                if date:
                    raw = raw[: date[1]]
                raw = raw.rstrip(" -–—,")
                name = raw.strip()
                if not name or not name[0].isupper():
                    continue
                s = a_start + part.start() + (len(raw) - len(raw.lstrip()))
                sp = make_span(doc, s, s + len(name), "dateline_agency")
                if sp is not None:
                    spans.append(sp)
                agencies.append(name)
            if agencies:
                out["agency"] = agencies[0]
        if m.group("date"):
            md = _DATELINE_MONTH_DAY.match(m.group("date"))
            from ..calendar import month_number

            month = month_number(md.group("month")) if md else None
            if md and month:
                out["month_day"] = (month, int(md.group("day")))
        return out

    @staticmethod
    def _infer_year(text: str) -> int | None:
        years = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
        return max(years) if years else None


def mark_sentences(doc: Doc, text: str) -> None:
    """Sentence boundaries for the whole doc in one ``Doc.from_array`` call.

    A sentence ends after ".", "!", "?" (and the closing quotes or brackets that follow),
    as spaCy's sentencizer decides, and at every paragraph break; in text wrapped at a
    fixed width only blank lines are paragraph breaks. Whitespace tokens never start a
    sentence, and an opening quote or bracket goes with the sentence it opens. Works on
    token columns as Python lists and visits only the tokens near a boundary (spaCy's
    sentencizer and ``is_sent_start`` setter work on Token objects, the setter
    quadratically; numpy's per-call cost outweighs its speed on a news article's few
    hundred tokens).
    """
    n = len(doc)
    if n == 0:
        return
    orth, punct, space, offsets, spaced = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IDX, SPACY]).T.tolist()
    starts: set[int] = set()
    # the first token after a sentence end that is neither punctuation nor space starts
    # a sentence (every sentence end is itself punctuation)
    for i in [i for i, o in enumerate(orth) if o in _SENTENCE_ENDS]:
        j = i + 1
        while j < n and (punct[j] or space[j]):
            j += 1
        if j < n:
            starts.add(j)
    breaks = _BLANK_LINE if is_hard_wrapped(text) else _LINE_BREAK
    indent = len(text) - len(text.lstrip(" \t"))  # a line break with only these before it is no break
    # an abbreviation that ends its sentence ("in the U.S. The company said", "Acme Inc. It
    # added"): spaCy keeps "U.S." whole, so no "." token marks the end
    for m in _DOT_THEN_OPENER.finditer(text):  # a literal "." first: re skips ahead to it
        k = bisect.bisect_right(offsets, m.start()) - 1
        word = text[offsets[k] : m.start() + 1] if k >= 0 else ""
        if _ABBREVIATION.fullmatch(word) and word.lower() not in _NEVER_LAST:
            at = bisect.bisect_left(offsets, m.end())
            if at < n and offsets[at] == m.end():
                starts.add(at)
    for m in breaks.finditer(text):
        if m.start() > indent and m.end() < len(text):
            at = bisect.bisect_left(offsets, m.end())  # breaks end where a token starts
            if at < n:
                starts.add(at)
    for i in sorted(starts):
        if i == 0 or space[i]:
            starts.discard(i)
            continue
        j = i
        while j > 1 and orth[j - 1] in _OPENERS_SET and (space[j - 2] or spaced[j - 2]):
            j -= 1
        if j != i:
            starts.discard(i)
            starts.add(j)
    starts.add(0)
    sent_start = numpy.full(n, _NOT_START, dtype="uint64")
    sent_start[sorted(starts)] = 1
    doc.from_array([SENT_START], sent_start)


def is_hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width (most lines 50-100 characters long,
    many of them ending mid-sentence), so that a single line break is not a paragraph."""
    lines = [ln.rstrip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 6:
        return False
    mid = [ln for ln in lines if 50 <= len(ln) <= 100]
    open_ended = [ln for ln in mid if ln[-1].isalnum() or ln[-1] in ",;-"]
    return len(mid) >= 0.6 * len(lines) and len(open_ended) >= 0.4 * len(mid)


def load_outlets() -> list[tuple[str, str]]:
    """(lower-cased key, display name) for each known outlet or agency."""
    text = resources.files("extract.patterns").joinpath("outlets.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((re.sub(r"^the\s+", "", line.lower()), line))
    return out

"""HTML reports of article records: one article's facts over its text, or a batch summary.

``load_report_input(paths)`` gathers what to show, deciding by content: a JSON Lines file
whose lines are records (they carry ``schema_version``) is read as records, with each
article's text taken from ``text`` or re-read from ``source.path`` (checked against
``source.sha256``); any other input is extracted on the spot. ``render_report(items)``
turns one item into an article page and several into a batch page.

A page is one self-contained file: inline CSS and JS (``report_assets/``), a
Content-Security-Policy that allows nothing but those two (by hash), and every string
from an article or a record escaped, in text and in attributes. Facts are drawn with
displaCy's colours; overlapping facts nest, and a fact that crosses another is split
into pieces, so every one stays visible.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import html
import io
import json
import math
import os
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from . import __version__
from .batch import ErrorEntry, error_entry, worker_extractor
from .errors import BadRecordError, UnreadableError
from .readers import Article, InputFailure, InputRef, ReadOptions, expand_inputs, read_input
from .records import ArticleRecord, Entity, Figure, Mention, Quotation, TimeExpression
from .settings import Settings

DEFAULT_OUTPUT = "report.html"
MAX_FULL_ARTICLES = 200
"""A batch page shows at most this many articles in full (text and tables)."""

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC")
# displaCy's label for each kind of figure (its colour is the same for all of them).
FIGURE_LABELS = {
    "money": "MONEY",
    "percent": "PERCENT",
    "percentage_point": "PERCENT",
    "basis_point": "PERCENT",
    "count": "CARDINAL",
    "number": "CARDINAL",
    "multiplier": "CARDINAL",
    "fraction": "CARDINAL",
    "age": "CARDINAL",
    "measure": "QUANTITY",
}
# Layers the legend switches, in its order: (layer, label, swatch class).
LAYERS = (
    ("PERSON", "People", "PERSON"),
    ("ORG", "Organizations", "ORG"),
    ("GPE", "Countries, cities", "GPE"),
    ("LOC", "Other places", "LOC"),
    ("FIGURE", "Figures", "fig"),
    ("DATE", "Dates", "date"),
    ("QUOTE", "Quotations", "quote"),
)
_NAME_KINDS = frozenset({"name", "alias", "acronym"})
# Nesting order of marks that start and end at the same place: outermost first.
_QUOTE, _ENTITY, _FIGURE, _DATE, _SPEAKER, _CUE = range(6)


# -- what to show -----------------------------------------------------------------


@dataclass
class ReportItem:
    """One record and the text its offsets refer to (None, with a note why, when unknown)."""

    record: ArticleRecord
    text: str | None
    note: str | None = None


@dataclass
class ReportInput:
    """Everything a report shows: the records in input order and the inputs that failed."""

    items: list[ReportItem] = field(default_factory=list)
    errors: list[ErrorEntry] = field(default_factory=list)


def load_report_input(
    paths: Sequence[str], *, settings: Settings | None = None, stdin: bytes | None = None
) -> ReportInput:
    """Records for ``paths``: read from record files, or extracted from articles."""
    settings = (settings or Settings()).with_(include_text=True)
    if "-" in paths and stdin is None:
        stdin = sys.stdin.buffer.read()
    read = ReadOptions.from_settings(settings, stdin=stdin)
    out = ReportInput()
    texts = _SourceTexts()
    for ref in expand_inputs(paths):
        if isinstance(ref, InputFailure):
            out.errors.append(error_entry(ref))
        elif _holds_records(ref, read):
            _read_records(ref, read, out, texts)
        else:
            _extract(ref, read, settings, out)
    return out


def _open_bytes(ref: InputRef, read: ReadOptions) -> io.BufferedIOBase:
    if ref.path == "-":
        return io.BytesIO(read.stdin or b"")
    raw = open(ref.path, "rb")  # noqa: SIM115
    return gzip.GzipFile(fileobj=raw, mode="rb") if ref.compressed else raw  # type: ignore[return-value]


def _is_json_file(ref: InputRef) -> bool:
    return ref.path.lower().removesuffix(".gz").endswith(".json")


def _holds_records(ref: InputRef, read: ReadOptions) -> bool:
    """Whether an input holds records rather than articles: JSON Lines (or stdin) whose first
    line is an object with a ``schema_version``, or a ``.json`` file that is one such object
    (as ``--out-dir`` writes)."""
    json_file = _is_json_file(ref)
    if ref.format != "jsonl" and ref.path != "-" and not json_file:
        return False
    try:
        with _open_bytes(ref, read) as stream:
            if json_file:
                obj = json.loads(stream.read(read.max_bytes + 1))
            else:
                obj = json.loads(next((raw for raw in stream if raw.strip()), b"null"))
    except (OSError, EOFError, ValueError):
        return False  # the article reader reports what is wrong with this input
    return isinstance(obj, dict) and "schema_version" in obj


def _read_records(ref: InputRef, read: ReadOptions, out: ReportInput, texts: _SourceTexts) -> None:
    display = None if ref.path == "-" else ref.path
    base = Path(ref.path).parent if display else None
    try:
        with _open_bytes(ref, read) as stream:
            lines: Iterable[bytes] = [stream.read()] if _is_json_file(ref) else stream
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    record = ArticleRecord.model_validate_json(raw)
                except ValidationError as exc:
                    problem = exc.errors()[0]
                    where = ".".join(str(p) for p in problem.get("loc", ())) or "record"
                    message = f"line {number}: not an article record: {where}: {problem.get('msg', 'invalid')}"
                    out.errors.append(ErrorEntry(None, display, BadRecordError.code, message, number))
                    continue
                text, note = texts.text_of(record, base)
                out.items.append(ReportItem(record, text, note))
    except (OSError, EOFError, zlib.error) as exc:
        message = f"cannot read {display or 'stdin'}: {exc}"
        out.errors.append(ErrorEntry(None, display, UnreadableError.code, message))


def _extract(ref: InputRef, read: ReadOptions, settings: Settings, out: ReportInput) -> None:
    articles = list(read_input(ref, read))
    results = worker_extractor(settings).pipe_results(articles)
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, ArticleRecord):
            out.items.append(ReportItem(result, result.text))
        else:
            out.errors.append(error_entry(result, article if isinstance(article, Article) else None))


class _SourceTexts:
    """Article texts re-read from the files the records name, each file read once."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, bool], dict[str, str]] = {}

    def text_of(self, record: ArticleRecord, base: Path | None) -> tuple[str | None, str | None]:
        """The record's text and None, or None and why it is missing."""
        if record.text is not None:
            return record.text, None
        path = record.source.path
        if not path:
            return None, "The record holds no text and names no source file: extract with --include-text to keep it."
        candidates = [path]
        if base is not None and not os.path.isabs(path):
            candidates.append(os.path.join(base, path))  # a records file moved along with its sources
        changed = False
        for candidate in candidates:
            if not os.path.isfile(candidate):
                continue
            for fix_mojibake in (False, True):  # the record may come from a --fix-mojibake run
                text = self._texts(candidate, fix_mojibake).get(record.source.sha256)
                if text is not None:
                    return text, None
            changed = True
        if changed:
            return None, f"{path} has changed since it was extracted (its SHA-256 differs), so its text is not shown."
        return None, f"{path} cannot be found, so the text is not shown (extract with --include-text to keep it)."

    def _texts(self, path: str, fix_mojibake: bool) -> dict[str, str]:
        key = (os.path.realpath(path), fix_mojibake)
        if key not in self._files:
            found: dict[str, str] = {}
            options = ReadOptions(fix_mojibake=fix_mojibake)
            for ref in expand_inputs([path]):
                if isinstance(ref, InputRef):
                    for article in read_input(ref, options):
                        if isinstance(article, Article):
                            found.setdefault(article.sha256, article.text)
            self._files[key] = found
        return self._files[key]


# -- the page ---------------------------------------------------------------------


def render_report(
    items: Sequence[ReportItem],
    *,
    errors: Sequence[ErrorEntry] = (),
    inputs: Sequence[str] = (),
    max_full_articles: int = MAX_FULL_ARTICLES,
) -> str:
    """One HTML page: the article page for one item, the batch page for several."""
    if not items:
        raise ValueError("nothing to report: no records")
    if len(items) == 1:
        item = items[0]
        title = item.record.article.headline or item.record.id
        body = _article_report(item, prefix="a0-", level=1) + _errors_section(errors, level=2)
    else:
        title = f"{len(items):,} articles"
        body = _batch_report(items, errors=errors, inputs=inputs, max_full_articles=max_full_articles)
    return _document(f"{title} · newsfacts report", body)


def write_report(html_text: str, output: str) -> None:
    """Write a page to ``output`` ("-": stdout), atomically for a file."""
    if output == "-":
        sys.stdout.write(html_text)
        sys.stdout.flush()
        return
    target = Path(output)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(html_text, encoding="utf-8")
    tmp.replace(target)


def _asset(name: str) -> str:
    return (resources.files("extract") / "report_assets" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _document(title: str, body: str) -> str:
    css = _asset("report.css")
    js = _asset("report.js")
    # Nothing may load or run but the page's own style and script: no network, no injected code.
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="newsfacts {_esc(__version__)}">\n'
        f"<title>{_esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<div class="page">\n{body}\n'
        f"<footer>Made by newsfacts {_esc(__version__)} · record schema 1.0 · "
        "entity, date and figure colours from spaCy's displaCy</footer>\n</div>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _esc(value: object) -> str:
    """Text or attribute value, escaped; lone surrogates (unencodable) become U+FFFD, one for one."""
    return html.escape(_SURROGATE.sub("\ufffd", str(value)), quote=True)


def _attrs(**values: object) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{_esc(v)}"' for k, v in values.items() if v is not None)


# -- one article ------------------------------------------------------------------


class _Facts:
    """One record's facts by id, with the links between them resolved."""

    def __init__(self, record: ArticleRecord, prefix: str) -> None:
        self.record = record
        self.prefix = prefix
        self.entities = {e.id: e for e in record.entities}
        self.figures = {f.id: f for f in record.figures}
        self.quotes_by_speaker: Counter[str] = Counter(q.speaker for q in record.quotations if q.speaker)

    def ref(self, fact_id: str) -> str:
        return self.prefix + fact_id

    def entity_name(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.name if entity else None

    def speaker_name(self, quote: Quotation) -> str:
        return self.entity_name(quote.speaker) or quote.speaker_text or "unattributed"

    def affiliation(self, entity: Entity | None) -> Entity | None:
        return self.entities.get(entity.affiliation or "") if entity else None


@dataclass(frozen=True)
class Mark:
    """One highlight: a fact (or one piece of it) over ``text[start:end]``."""

    start: int
    end: int
    fact: str
    classes: str
    order: int
    tag: str | None = None
    title: str | None = None


def _marks(text: str, facts: _Facts) -> tuple[list[Mark], int]:
    """Every fact piece to highlight, and how many were left out because their offsets
    do not slice back to their text."""
    marks: list[Mark] = []
    bad = 0

    def add(mention: Mention | Figure | TimeExpression, mark: Mark) -> None:
        nonlocal bad
        if 0 <= mention.start < mention.end <= len(text) and text[mention.start : mention.end] == mention.text:
            marks.append(mark)
        else:
            bad += 1

    for entity in facts.record.entities:
        affiliation = facts.affiliation(entity)
        about = " · ".join([entity.name, *entity.titles[:2], *([affiliation.name] if affiliation else [])])
        for m in entity.mentions:
            coref = "" if m.kind in _NAME_KINDS else " coref"
            title = f"{entity.label} {about}\n{m.kind} mention" + (f" · rule {m.rule}" if m.rule else "")
            mark = Mark(
                m.start, m.end, facts.ref(entity.id), f"f ent {entity.label}{coref}", _ENTITY, entity.label, title
            )
            add(m, mark)
    for fig in facts.record.figures:
        label = FIGURE_LABELS.get(fig.kind, "CARDINAL")
        title = f"{label} {_figure_value(fig)}" + (f" · {fig.qualifier}" if fig.qualifier else "")
        if fig.equivalent_to and fig.equivalent_to in facts.figures:
            title += f"\nequivalent to {_figure_value(facts.figures[fig.equivalent_to])}"
        title += f"\n{fig.kind}" + (f" · rule {fig.rule}" if fig.rule else "")
        add(fig, Mark(fig.start, fig.end, facts.ref(fig.id), f"f fig {fig.kind}", _FIGURE, label, title))
    for date in facts.record.dates:
        title = f"{date.type} {date.value or '(no value)'}"
        reading = describe_timex(date.value) if date.value else None
        if reading and reading != date.value:
            title += f" · {reading}"
        title += "".join(f" · {x}" for x in (date.mod, date.anchor and f"anchor {date.anchor}") if x)
        title += f"\nrule {date.rule}" if date.rule else ""
        add(date, Mark(date.start, date.end, facts.ref(date.id), f"f date {date.type}", _DATE, date.type, title))
    for quote in facts.record.quotations:
        who = facts.speaker_name(quote)
        ref = facts.ref(quote.id)
        title = f"{quote.kind} quotation · {who}" + (f" · {quote.cue}" if quote.cue else "")
        title += f"\nrule {quote.rule}" if quote.rule else ""
        last = len(quote.parts) - 1
        for i, part in enumerate(quote.parts):
            tag = f"— {who}" if i == last else None
            add(part, Mark(part.start, part.end, ref, f"f quote {quote.kind}", _QUOTE, tag, title))
        if quote.speaker_mention is not None:
            speaker_title = f"speaker of this quotation: {who}"
            who_said = quote.speaker_mention
            add(who_said, Mark(who_said.start, who_said.end, ref, "f speaker", _SPEAKER, None, speaker_title))
        if quote.cue_mention is not None:
            cue = quote.cue_mention
            add(cue, Mark(cue.start, cue.end, ref, "f cue", _CUE, None, f"cue: {quote.cue}"))
    return marks, bad


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """The text as HTML with every mark as a ``<mark>``: marks that nest are nested;
    a mark that crosses the end of an enclosing one is closed there and reopened after
    it (the pieces share ``data-fact``; ``open``/``cont`` classes join them visually)."""
    starts: dict[int, list[Mark]] = defaultdict(list)
    bounds = {0, len(text)}
    for mark in marks:
        starts[mark.start].append(mark)
        bounds.update((mark.start, mark.end))
    out: list[str] = []
    stack: list[tuple[Mark, int]] = []  # open pieces and where their opening tag is in ``out``
    open_ends: Counter[int] = Counter()  # how many open pieces end at each offset

    def open_piece(mark: Mark, cont: bool) -> None:
        stack.append((mark, len(out)))
        open_ends[mark.end] += 1
        classes = mark.classes + (" cont" if cont else "")
        out.append(f"<mark{_attrs(class_=classes, data_fact=mark.fact, title=mark.title)}>")

    def close_piece(at: int) -> Mark:
        mark, index = stack.pop()
        open_ends[mark.end] -= 1
        if mark.end > at:  # the fact goes on after this piece: square the piece's right edge
            out[index] = out[index].replace(' class="', ' class="open ', 1)
        elif mark.tag:  # the last piece carries the label
            out[index] = out[index][:-1] + _attrs(data_tag=mark.tag) + ">"
        out.append("</mark>")
        return mark

    previous = 0
    for at in sorted(bounds):
        out.append(_esc(text[previous:at]))
        previous = at
        reopen: list[Mark] = []
        while open_ends[at]:
            mark = close_piece(at)
            if mark.end > at:
                reopen.append(mark)
        for mark in reversed(reopen):
            open_piece(mark, cont=True)
        for mark in sorted(starts.get(at, ()), key=lambda m: (-m.end, m.order)):
            open_piece(mark, cont=False)
    return "".join(out)


def _article_report(item: ReportItem, *, prefix: str, level: int) -> str:
    record, text = item.record, item.text
    facts = _Facts(record, prefix)
    h = f"h{min(level + 1, 6)}"
    parts = ['<div class="article-report">']
    if level == 1:
        parts.append('<p class="brand">newsfacts report</p>')
        parts.append(f"<h1>{_esc(record.article.headline or record.id)}</h1>")
    parts.append(_meta_line(record))
    if item.note:
        parts.append(f'<p class="notice">{_esc(item.note)}</p>')
    parts.append(_counts([record]))
    if text is not None:
        marks, bad = _marks(text, facts)
        if bad:
            parts.append(
                f'<p class="notice">{bad:,} fact(s) have offsets that do not slice back to their text '
                "and are not highlighted.</p>"
            )
        parts.append(_legend(record))
        parts.append(
            f'<div class="view"><div class="text" lang="en">{highlight(text, marks)}</div>'
            f'<aside class="panel"><h3>Details</h3><p class="hint">Point at a highlight to see its facts here; '
            f"click to pin.</p>{_details(facts)}</aside></div>"
        )
    parts += [
        f"<{h}>People, organizations and places</{h}>",
        _entities_table(facts),
        f"<{h}>Quotations</{h}>",
        _quotes_table(facts),
        f"<{h}>Figures</{h}>",
        _figures_table(facts),
        f"<{h}>Dates</{h}>",
        _dates_table(facts),
        f"<{h}>Timeline</{h}>",
        _article_timeline(record),
    ]
    if record.warnings:
        rows = "".join(
            f"<tr><td><code>{_esc(w.code)}</code></td><td>{_esc(w.message)}</td></tr>" for w in record.warnings
        )
        parts.append(f"<{h}>Input warnings</{h}>" + _table(["Code", "Message"], rows))
    parts.append("</div>")
    return "\n".join(parts)


def _meta_line(record: ArticleRecord) -> str:
    meta = record.article
    bits = []
    if meta.authors:
        bits.append("By " + ", ".join(meta.authors))
    if meta.outlet:
        bits.append(meta.outlet)
    if meta.published:
        bits.append(f"published {meta.published}" + (f" ({meta.published_source})" if meta.published_source else ""))
    if meta.dateline:
        bits.append(f"dateline {meta.dateline}")
    source = record.source
    where = source.path or "stdin or the API"
    line = f", line {source.line}" if source.line else ""
    return (
        '<p class="meta">' + "".join(f"<span>{_esc(b)}</span>" for b in bits) + "</p>"
        f'<p class="source">id <code>{_esc(record.id)}</code> · {_esc(where)}{_esc(line)} · '
        f"{_esc(source.format)} · {source.chars:,} characters</p>"
    )


def _counts(records: Sequence[ArticleRecord], *, articles: bool = False, failed: int = 0) -> str:
    """The row of totals at the top of a page."""
    labels = Counter(e.label for r in records for e in r.entities)
    counts = [
        (len(records) if articles else 0, "article", "articles"),
        (labels["PERSON"], "person", "people"),
        (labels["ORG"], "organization", "organizations"),
        (labels["GPE"] + labels["LOC"], "place", "places"),
        (sum(len(r.quotations) for r in records), "quotation", "quotations"),
        (sum(len(r.figures) for r in records), "figure", "figures"),
        (sum(len(r.dates) for r in records), "date", "dates"),
        (failed, "input failed", "inputs failed"),
    ]
    cells = "".join(
        f"<li><b>{n:,}</b>{one if n == 1 else many}</li>"
        for n, one, many in counts
        if n or many not in ("articles", "inputs failed")
    )
    return f'<ul class="counts">{cells}</ul>'


def _legend(record: ArticleRecord) -> str:
    labels = Counter(e.label for e in record.entities)
    sizes = {**labels, "FIGURE": len(record.figures), "DATE": len(record.dates), "QUOTE": len(record.quotations)}
    buttons = "".join(
        f'<button type="button" data-layer="{layer}" aria-pressed="true"><span class="sw {swatch}"></span>'
        f"{_esc(name)} {sizes.get(layer, 0):,}</button>"
        for layer, name, swatch in LAYERS
        if sizes.get(layer, 0)
    )
    return f'<div class="legend">{buttons}<span class="hint">click a layer to hide or show it</span></div>'


# -- the side panel ---------------------------------------------------------------


def _detail(ref: str, heading: str, rows: list[tuple[str, str]]) -> str:
    """One fact's detail block: ``rows`` hold (term, HTML already escaped)."""
    body = "".join(f"<dt>{_esc(term)}</dt><dd>{value}</dd>" for term, value in rows if value)
    return f'<div class="fact-detail" data-for="{_esc(ref)}" hidden><h4>{heading}</h4><dl>{body}</dl></div>'


def _chip(label: str, cls: str | None = None) -> str:
    return f'<span class="chip {_esc(cls or label)}">{_esc(label)}</span>'


def _details(facts: _Facts) -> str:
    """The hidden detail block of every fact; the page's script shows those under the pointer."""
    record = facts.record
    return "".join(
        [
            *(_entity_detail(facts, e) for e in record.entities),
            *(_figure_detail(facts, f) for f in record.figures),
            *(_date_detail(facts, d) for d in record.dates),
            *(_quote_detail(facts, q) for q in record.quotations),
        ]
    )


def _rule(rule: str | None) -> str:
    return f'<span class="rule">{_esc(rule)}</span>' if rule else ""


def _entity_detail(facts: _Facts, e: Entity) -> str:
    affiliation = facts.affiliation(e)
    mentions = Counter((m.text, m.kind) for m in e.mentions)
    listed = ", ".join(
        f"{_esc(text)} <span class=muted>({_esc(kind)}{f' ×{n}' if n > 1 else ''})</span>"
        for (text, kind), n in mentions.items()
    )
    quoted = facts.quotes_by_speaker.get(e.id, 0)
    rows = [
        ("Titles", _esc("; ".join(e.titles))),
        ("Affiliation", f"{_esc(affiliation.name)} {_chip(affiliation.label)}" if affiliation else ""),
        ("Mentions", f"{len(e.mentions):,}: {listed}" if e.mentions else ""),
        ("Quoted", f"{quoted:,} quotation(s)" if quoted else ""),
        ("Rules", ", ".join(_rule(r) for r in sorted({m.rule for m in e.mentions if m.rule}))),
        ("Id", f"<code>{_esc(e.id)}</code>"),
    ]
    return _detail(facts.ref(e.id), f"{_chip(e.label)} {_esc(e.name)}", rows)


def _figure_detail(facts: _Facts, f: Figure) -> str:
    short = _short(f.value)
    rows = [
        ("Value", _esc(_number(f.value)) + (f" <span class=muted>({_esc(short)})</span>" if short else "")),
        ("Unit", _esc(f.unit or "")),
        ("Kind", _esc(f.kind)),
        ("Qualifier", _esc(f.qualifier or "")),
        ("Equivalent to", _figure_link(facts, f.equivalent_to)),
        ("Range with", _figure_link(facts, f.range_with)),
        ("Direction", _esc(f.direction or "")),
        ("Rule", _rule(f.rule)),
        ("Id", f"<code>{_esc(f.id)}</code>"),
    ]
    return _detail(facts.ref(f.id), f"{_chip(FIGURE_LABELS.get(f.kind, 'CARDINAL'), 'fig')} {_esc(f.text)}", rows)


def _date_detail(facts: _Facts, d: TimeExpression) -> str:
    reading = describe_timex(d.value) if d.value else None
    rows = [
        ("Value", f"<code>{_esc(d.value)}</code>" if d.value else "<span class=muted>not resolved</span>"),
        ("Reading", _esc(reading) if reading and reading != d.value else ""),
        ("Type", _esc(d.type)),
        ("Modifier", _esc(d.mod or "")),
        ("Anchor", _esc(d.anchor or "")),
        ("Rule", _rule(d.rule)),
        ("Id", f"<code>{_esc(d.id)}</code>"),
    ]
    return _detail(facts.ref(d.id), f"{_chip(d.type, 'date')} {_esc(d.text)}", rows)


def _quote_detail(facts: _Facts, q: Quotation) -> str:
    speaker = facts.entities.get(q.speaker or "")
    affiliation = facts.affiliation(speaker)
    rows = [
        ("Speaker", _speaker_html(facts, q)),
        ("Titles", _esc("; ".join(speaker.titles)) if speaker else ""),
        ("Affiliation", _esc(affiliation.name) if affiliation else ""),
        ("Speaker text", _esc(q.speaker_text or "")),
        ("Cue", _esc(q.cue or "")),
        ("Kind", _esc(q.kind) + (f", {len(q.parts)} parts" if len(q.parts) > 1 else "")),
        ("Text", _esc(q.text)),
        ("Rule", _rule(q.rule)),
        ("Id", f"<code>{_esc(q.id)}</code>"),
    ]
    return _detail(facts.ref(q.id), f"{_chip('QUOTE', 'quote')} {_esc(facts.speaker_name(q))}", rows)


def _speaker_html(facts: _Facts, quote: Quotation) -> str:
    speaker = facts.entities.get(quote.speaker or "")
    if speaker is not None:
        return f'<a href="#{_esc(facts.ref(speaker.id))}">{_esc(speaker.name)}</a> {_chip(speaker.label)}'
    if quote.speaker_text:
        return f"<i>{_esc(quote.speaker_text)}</i> <span class='muted'>(not linked to a name)</span>"
    return "<span class='muted'>unattributed</span>"


def _figure_link(facts: _Facts, figure_id: str | None) -> str:
    other = facts.figures.get(figure_id or "")
    if other is None:
        return ""
    return f'<a href="#{_esc(facts.ref(other.id))}">{_esc(other.text)}</a> = {_esc(_figure_value(other))}'


# -- tables -----------------------------------------------------------------------


def _table(headers: Sequence[str], rows: str, *, numeric: Sequence[int] = ()) -> str:
    if not rows:
        return '<p class="empty">None found.</p>'
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{_esc(h)}</th>" for i, h in enumerate(headers))
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _entities_table(facts: _Facts) -> str:
    order = {label: i for i, label in enumerate(ENTITY_LABELS)}
    rows = []
    for e in sorted(facts.record.entities, key=lambda e: (order.get(e.label, 9), int(e.id[1:]))):
        affiliation = facts.affiliation(e)
        forms = sorted({m.text for m in e.mentions if m.text != e.name})
        rows.append(
            f'<tr id="{_esc(facts.ref(e.id))}"><td>{_esc(e.name)}</td><td>{_chip(e.label)}</td>'
            f"<td>{_esc('; '.join(e.titles))}</td>"
            f"<td>{_esc(affiliation.name) if affiliation else ''}</td>"
            f'<td class="num">{len(e.mentions):,}</td><td>{_esc(", ".join(forms))}</td>'
            f'<td class="num">{facts.quotes_by_speaker.get(e.id, 0) or ""}</td></tr>'
        )
    return _table(
        ["Name", "Label", "Titles", "Affiliation", "Mentions", "Also written", "Quotes"], "".join(rows), numeric=(4, 6)
    )


def _quotes_table(facts: _Facts) -> str:
    rows = []
    for i, q in enumerate(facts.record.quotations, 1):
        speaker = facts.entities.get(q.speaker or "")
        affiliation = facts.affiliation(speaker)
        kind = q.kind + (f", {len(q.parts)} parts" if len(q.parts) > 1 else "")
        rows.append(
            f'<tr id="{_esc(facts.ref(q.id))}"><td class="num">{i}</td><td>{_speaker_html(facts, q)}</td>'
            f"<td>{_esc('; '.join(speaker.titles)) if speaker else ''}</td>"
            f"<td>{_esc(affiliation.name) if affiliation else ''}</td>"
            f"<td>{_esc(q.cue or '')}</td><td>{_esc(kind)}</td>"
            f'<td class="quote-text">{_esc(q.text)}</td></tr>'
        )
    return _table(["#", "Speaker", "Title", "Affiliation", "Cue", "Kind", "Text"], "".join(rows), numeric=(0,))


def _figures_table(facts: _Facts) -> str:
    rows = []
    for f in facts.record.figures:
        extra = ", ".join(x for x in (f.direction and f"direction {f.direction}",) if x)
        rows.append(
            f'<tr id="{_esc(facts.ref(f.id))}"><td>{_esc(f.text)}</td><td class="num">{_esc(_number(f.value))}</td>'
            f"<td>{_esc(f.unit or '')}</td><td>{_chip(FIGURE_LABELS.get(f.kind, 'CARDINAL'), 'fig')} {_esc(f.kind)}</td>"
            f"<td>{_esc(f.qualifier or '')}</td><td>{_figure_link(facts, f.equivalent_to)}</td>"
            f"<td>{_figure_link(facts, f.range_with)}{_esc(extra)}</td>"
            f"<td>{_rule(f.rule)}</td></tr>"
        )
    return _table(
        ["As written", "Value", "Unit", "Kind", "Qualifier", "Equivalent to", "Range, direction", "Rule"],
        "".join(rows),
        numeric=(1,),
    )


def _dates_table(facts: _Facts) -> str:
    rows = []
    for d in facts.record.dates:
        reading = describe_timex(d.value) if d.value else None
        rows.append(
            f'<tr id="{_esc(facts.ref(d.id))}"><td>{_esc(d.text)}</td><td>{_chip(d.type, "date")}</td>'
            f"<td><code>{_esc(d.value or '')}</code></td>"
            f"<td>{_esc(reading) if reading and reading != d.value else ''}</td>"
            f"<td>{_esc(d.mod or '')}</td><td>{_esc(d.anchor or '')}</td>"
            f"<td>{_rule(d.rule)}</td></tr>"
        )
    return _table(["As written", "Type", "Value", "Reading", "Modifier", "Anchor", "Rule"], "".join(rows))


def _errors_section(errors: Sequence[ErrorEntry], *, level: int) -> str:
    if not errors:
        return ""
    rows = "".join(
        f"<tr><td>{_esc(e.path or e.id or 'input')}{_esc(f':{e.line}' if e.line else '')}</td>"
        f"<td><code>{_esc(e.code)}</code></td><td>{_esc(e.message)}</td></tr>"
        for e in errors
    )
    return f"<h{level}>Inputs that gave no record ({len(errors):,})</h{level}>" + _table(
        ["Input", "Code", "Message"], rows
    )


# -- numbers and TIMEX3 values ----------------------------------------------------


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)
    return f"{value:,}"


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _short(value: float) -> str | None:
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return None


def _figure_value(fig: Figure) -> str:
    unit = fig.unit or ""
    if unit in ("percent", "percentage point"):
        unit = "%" if unit == "percent" else " percentage points"
        return f"{_number(fig.value)}{unit}"
    return f"{_number(fig.value)} {unit}".strip()


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(WE|[1-7]))?")
_YEAR, _DECADE, _CENTURY = re.compile(r"\d{4}"), re.compile(r"\d{3}"), re.compile(r"\d{2}")
_SEASONS = {"SP": (3, "spring"), "SU": (6, "summer"), "FA": (9, "autumn"), "WI": (12, "winter")}
_DURATION = re.compile(r"P(?:[\dX.]+[YMWD])*(?:T(?:[\dX.]+[HMS])+)?")
_DURATION_PART = re.compile(r"([\dX.]+)([YMWDHS])")
_DATE_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def timex_range(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last calendar day a TIMEX3 date value covers ("2024-Q1" ->
    2024-01-01, 2024-03-31), or None when it names no fixed period ("P5Y", "PRESENT_REF")."""
    try:
        if "/" in value:
            first, _, last = value.partition("/")
            a, b = timex_range(first), timex_range(last)
            return (a[0], b[1]) if a and b and a[0] <= b[1] else None
        if m := _DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.fullmatch(value):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), _month_end(year, month)
        if m := _QUARTER.fullmatch(value):
            year, q = int(m[1]), int(m[2])
            return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        if m := _HALF.fullmatch(value):
            year, h = int(m[1]), int(m[2])
            return dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
        if m := _SEASON.fullmatch(value):
            year, start = int(m[1]), _SEASONS[m[2]][0]
            end_year, end_month = (year + 1, 2) if start == 12 else (year, start + 2)
            return dt.date(year, start, 1), _month_end(end_year, end_month)
        if m := _WEEK.fullmatch(value):
            year, week, day = int(m[1]), int(m[2]), m[3]
            if day == "WE":
                return dt.date.fromisocalendar(year, week, 6), dt.date.fromisocalendar(year, week, 7)
            if day:
                one = dt.date.fromisocalendar(year, week, int(day))
                return one, one
            return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
        if _YEAR.fullmatch(value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        if _DECADE.fullmatch(value):
            return dt.date(int(value) * 10 or 1, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
        if _CENTURY.fullmatch(value) and value != "00":
            return dt.date(int(value) * 100, 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def describe_timex(value: str) -> str | None:
    """A TIMEX3 value in words: "2025-03-28" -> "Fri 28 Mar 2025", "P5Y" -> "5 years"."""
    if value in _REFS:
        return _REFS[value]
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = describe_timex(first), describe_timex(last)
        return f"{a} to {b}" if a and b else None
    if m := _DAY.fullmatch(value):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        text = f"{day:%a} {day.day} {day:%b %Y}"
        return f"{text} {m[4]}:{m[5]}" if m[4] else text
    if m := _MONTH.fullmatch(value):
        month = int(m[2])
        return f"{dt.date(2000, month, 1):%B} {m[1]}" if 1 <= month <= 12 else None
    if m := _QUARTER.fullmatch(value):
        return f"Q{m[2]} {m[1]}"
    if m := _HALF.fullmatch(value):
        return f"{'first' if m[2] == '1' else 'second'} half of {m[1]}"
    if m := _SEASON.fullmatch(value):
        return f"{_SEASONS[m[2]][1]} {m[1]}"
    if m := _WEEK.fullmatch(value):
        where = {"WE": "weekend of ", None: ""}.get(m[3], f"day {m[3]} of ")
        return f"{where}week {int(m[2])} of {m[1]}"
    if _YEAR.fullmatch(value):
        return value
    if _DECADE.fullmatch(value):
        return f"the {value}0s"
    if _CENTURY.fullmatch(value):
        return f"the {value}00s"
    if _DURATION.fullmatch(value) and len(value) > 1:
        return _describe_duration(value)
    return None


def _describe_duration(value: str) -> str | None:
    date_part, _, time_part = value[1:].partition("T")
    words = []
    for part, nouns in ((date_part, _DATE_UNITS), (time_part, _TIME_UNITS)):
        for amount, unit in _DURATION_PART.findall(part):
            noun = nouns.get(unit)
            if noun is None:
                return None
            words.append(f"{noun}s" if amount == "X" else f"{amount} {noun}{'' if amount == '1' else 's'}")
    return " ".join(words) or None


# -- timelines --------------------------------------------------------------------


@dataclass
class _Moment:
    """Something to place on a timeline: a day or a period, with its label and tooltip."""

    first: dt.date
    last: dt.date
    label: str
    tooltip: str
    count: int = 1


_WIDTH, _LEFT, _RIGHT = 1000, 16, 984
_AXIS_Y, _LANE_TOP, _LANE_H = 40, 62, 21
_CHAR_W = 6.2  # average advance of an 11.5px sans-serif character, for laying labels out


def _published_day(record: ArticleRecord) -> dt.date | None:
    value = record.article.published
    return timex_range(value[:10])[0] if value and timex_range(value[:10]) else None


def _article_timeline(record: ArticleRecord) -> str:
    moments = []
    unplaced = []
    for d in record.dates:
        span = timex_range(d.value) if d.value else None
        if span is None:
            unplaced.append(d)
            continue
        reading = describe_timex(d.value or "") or d.value or ""
        tooltip = (
            f"“{d.text}”: {d.value}" + (f" ({d.mod})" if d.mod else "") + (f", anchor {d.anchor}" if d.anchor else "")
        )
        moments.append(_Moment(span[0], span[1], f"{reading} · “{d.text}”", tooltip))
    published = [p for p in (_published_day(record),) if p]
    notes = []
    if unplaced:
        notes.append(
            "Not on the timeline (no fixed period): "
            + "; ".join(f"“{d.text}” ({d.value or 'no value'})" for d in unplaced)
        )
    return _timeline(moments, published, notes)


def _timeline(moments: list[_Moment], published: list[dt.date], notes: list[str]) -> str:
    if not moments:
        extra = "".join(f'<p class="muted">{_esc(n)}</p>' for n in notes)
        return f'<p class="empty">No resolved dates to place on a timeline.</p>{extra}'
    lo, hi, off_axis = _axis_range(moments, published)
    on_axis = [m for m in moments if m not in off_axis]
    scale = (_RIGHT - _LEFT) / max(hi - lo, 1)

    def x(day: dt.date, end: bool = False) -> float:
        return round(_LEFT + (day.toordinal() + (1 if end else 0) - lo) * scale, 1)

    lanes: list[list[tuple[float, float]]] = []
    shapes = []
    for m in sorted(on_axis, key=lambda m: (m.first, m.last)):
        x1, x2 = x(m.first), max(x(m.last, end=True), x(m.first) + 3)
        label = m.label if len(m.label) <= 60 else m.label[:59] + "…"
        width = _CHAR_W * len(label) + 4
        right = x2 + 7 + width <= _WIDTH - 4
        tx = x2 + 7 if right else x1 - 7
        extent = (min(x1, tx - (0 if right else width)) - 3, max(x2, tx + (width if right else 0)) + 3)
        lane = next((i for i, used in enumerate(lanes) if all(e < extent[0] or s > extent[1] for s, e in used)), None)
        if lane is None:
            lanes.append([])
            lane = len(lanes) - 1
        lanes[lane].append(extent)
        y = _LANE_TOP + lane * _LANE_H
        point = m.first == m.last or x2 - x1 < 6
        shape = (
            f'<circle class="point" cx="{(x1 + x2) / 2:.1f}" cy="{y}" r="5"/>'
            if point
            else f'<rect class="span" x="{x1}" y="{y - 5}" width="{x2 - x1:.1f}" height="10" rx="3"/>'
        )
        shapes.append(
            f"<g><title>{_esc(m.tooltip)}</title>"
            f'<line class="guide" x1="{x1}" y1="{_AXIS_Y}" x2="{x1}" y2="{y}"/>{shape}'
            f'<text class="item-label" x="{tx}" y="{y + 4}"{"" if right else " text-anchor=end"}>{_esc(label)}</text></g>'
        )
    height = _LANE_TOP + len(lanes) * _LANE_H
    ticks = []
    for day, text in _ticks(lo, hi):
        tx = x(day)
        ticks.append(
            f'<line class="tick" x1="{tx}" y1="{_AXIS_Y - 4}" x2="{tx}" y2="{height - 8}"/>'
            f'<text class="tick-label" x="{tx + 3}" y="{_AXIS_Y - 8}">{_esc(text)}</text>'
        )
    pubs = []
    for day in sorted(set(published)):
        if lo <= day.toordinal() <= hi:
            px = x(day) + scale / 2
            pubs.append(
                f'<line class="pub" x1="{px:.1f}" y1="{_AXIS_Y - 22}" x2="{px:.1f}" y2="{height - 4}">'
                f"<title>published {day.isoformat()}</title></line>"
            )
    if len(published) == 1 and pubs:
        px = x(published[0]) + scale / 2
        anchor = "end" if px > _WIDTH - 120 else "start"
        pubs.append(
            f'<text class="pub-label" x="{px + (-4 if anchor == "end" else 4):.1f}" y="{_AXIS_Y - 26}" '
            f'text-anchor="{anchor}">published {published[0].isoformat()}</text>'
        )
    svg = (
        f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="Timeline of the resolved dates">'
        f'{"".join(ticks)}<line class="axis" x1="{_LEFT}" y1="{_AXIS_Y}" x2="{_RIGHT}" y2="{_AXIS_Y}"/>'
        f"{''.join(pubs)}{''.join(shapes)}</svg>"
    )
    if off_axis:
        notes = [
            "Outside the axis: "
            + "; ".join(f"{m.label} ({m.first.year})" for m in sorted(off_axis, key=lambda m: m.first)),
            *notes,
        ]
    listing = "".join(
        f"<li>{_esc(m.label)}{f' <span class=muted>×{m.count}</span>' if m.count > 1 else ''}</li>"
        for m in sorted(moments, key=lambda m: (m.first, m.last))
    )
    return (
        f'<div class="timeline">{svg}<details><summary>In order ({len(moments):,})</summary><ol>{listing}</ol></details>'
        + "".join(f'<p class="muted">{_esc(n)}</p>' for n in notes)
        + "</div>"
    )


def _axis_range(moments: list[_Moment], published: list[dt.date]) -> tuple[int, int, list[_Moment]]:
    """The axis (first and last day ordinal) and the moments left off it: when a few
    moments lie far from the rest (a "1970s" among this week's dates), the axis covers the
    bulk and those few are listed instead."""
    spans: list[tuple[int, int, _Moment | None]] = [(m.first.toordinal(), m.last.toordinal() + 1, m) for m in moments]
    spans += [(p.toordinal(), p.toordinal() + 1, None) for p in published]
    kept = sorted(spans, key=lambda s: s[0] + s[1])
    for _ in range(2):  # a far end on either side
        kept = _without_far_end(kept)
    if len(kept) >= 10:  # enough to speak of a bulk: the middle 80%, and what lies near it
        middles = [(a + b) / 2 for a, b, _ in kept]
        trim = round(len(kept) / 10)
        core_lo, core_hi = middles[trim], middles[-trim - 1]
        core = max(core_hi - core_lo, 60)
        if max(b for _, b, _ in kept) - min(a for a, _, _ in kept) > 2.5 * core:
            window = (core_lo - core * 0.4, core_hi + core * 0.4)
            kept = [s for s in kept if s[1] >= window[0] and s[0] <= window[1]]
    on_axis = {id(m) for _, _, m in kept if m is not None}
    off_axis = [m for m in moments if id(m) not in on_axis]
    lo, hi = min(a for a, _, _ in kept), max(b for _, b, _ in kept)
    pad = max(2, math.ceil((hi - lo) * 0.03))
    return lo - pad, hi + pad, off_axis


def _without_far_end(spans: list[tuple[int, int, _Moment | None]]) -> list[tuple[int, int, _Moment | None]]:
    """``spans`` (sorted by middle) without the few at one end that lie far from all the
    others: a gap of at least a year and three times the spread of the rest."""
    if len(spans) < 3:
        return spans
    middles = [(a + b) / 2 for a, b, _ in spans]
    gap, cut = max((middles[i + 1] - middles[i], i + 1) for i in range(len(middles) - 1))
    few = max(1, len(spans) // 10)
    if cut <= few:
        rest = spans[cut:]
    elif len(spans) - cut <= few:
        rest = spans[:cut]
    else:
        return spans
    spread = (rest[-1][0] + rest[-1][1]) / 2 - (rest[0][0] + rest[0][1]) / 2
    return rest if gap >= max(365, 3 * spread) else spans


def _ticks(lo: int, hi: int) -> list[tuple[dt.date, str]]:
    """Tick marks for an axis from day ordinal ``lo`` to ``hi``: years, months or days,
    at most about a dozen."""
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    days = hi - lo
    if days > 3 * 366:
        years = days / 365.25
        step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 12), 1000)
        start = (first.year // step + 1) * step
        return [(dt.date(y, 1, 1), str(y)) for y in range(start, last.year + 1, step)]
    if days > 100:
        months = days / 30.4
        step = next((s for s in (1, 2, 3, 6, 12) if months / s <= 12), 12)
        out = []
        y, mo = first.year, first.month + 1
        while True:
            if mo > 12:
                y, mo = y + 1, mo - 12
            day = dt.date(y, mo, 1)
            if day > last:
                return out
            if (mo - 1) % step == 0:
                out.append((day, f"{day:%b %Y}" if mo == 1 or not out else f"{day:%b}"))
            mo += 1
    step = next((s for s in (1, 2, 7, 14, 28) if days / s <= 12), 28)
    day = first + dt.timedelta(days=1)
    if step >= 7:
        day += dt.timedelta(days=-day.weekday() % 7)  # weeks start on Monday
    out = []
    while day <= last:
        out.append((day, f"{day.day} {day:%b}"))
        day += dt.timedelta(days=step)
    return out


# -- many articles ----------------------------------------------------------------


class _Batch:
    """The items of a batch page, with the anchors of the articles shown in full."""

    def __init__(self, items: Sequence[ReportItem], max_full_articles: int) -> None:
        self.items = items
        self.shown = min(len(items), max(0, max_full_articles))
        self.records = [item.record for item in items]

    def anchor(self, index: int) -> str:
        return f"art-{index}"

    def link(self, index: int, text: str, fact_id: str | None = None) -> str:
        """A link to an article shown in full (to one fact's row in it, given ``fact_id``),
        or the plain text when the article is not shown."""
        if index >= self.shown:
            return _esc(text)
        target = f"a{index}-{fact_id}" if fact_id else self.anchor(index)
        return f'<a href="#{_esc(target)}">{_esc(text)}</a>'

    def facts(self, index: int) -> _Facts:
        return _Facts(self.records[index], f"a{index}-")


def _batch_report(
    items: Sequence[ReportItem], *, errors: Sequence[ErrorEntry], inputs: Sequence[str], max_full_articles: int
) -> str:
    batch = _Batch(items, max_full_articles)
    records = batch.records
    parts = ['<p class="brand">newsfacts report</p>', f"<h1>{len(items):,} articles</h1>"]
    if inputs:
        parts.append('<p class="source">from ' + ", ".join(f"<code>{_esc(p)}</code>" for p in inputs) + "</p>")
    parts.append(_counts(records, articles=True, failed=len(errors)))
    missing = sum(1 for item in items if item.text is None)
    if missing:
        parts.append(
            f'<p class="notice">{missing:,} article(s) have no text to show; their facts are counted and listed.</p>'
        )
    parts += [
        "<h2>Facts by kind</h2>",
        _kinds_table(records),
        "<h2>Articles</h2>",
        _articles_table(batch),
        "<h2>Most quoted people and organizations</h2>",
        _most_quoted(batch),
        "<h2>Largest figures</h2>",
        _largest_figures(batch),
        "<h2>Timeline</h2>",
        _batch_timeline(items),
        _errors_section(errors, level=2),
    ]
    if batch.shown < len(items):
        parts.append(f"<h2>The articles in full (the first {batch.shown:,} of {len(items):,})</h2>")
    else:
        parts.append("<h2>The articles in full</h2>")
    for i, item in enumerate(items[: batch.shown]):
        record = item.record
        parts.append(
            f'<details class="article" id="{batch.anchor(i)}"><summary>{_esc(record.article.headline or record.id)} '
            f'<span class="muted">· {_esc(record.id)}</span></summary>'
            f"{_article_report(item, prefix=f'a{i}-', level=2)}</details>"
        )
    return "\n".join(p for p in parts if p)


def _bar(n: int, most: int) -> str:
    width = 100 * n / most if most else 0
    return (
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none">'
        f'<rect width="{width:.1f}" height="10"/></svg>'
    )


def _kinds_table(records: Sequence[ArticleRecord]) -> str:
    rows: list[tuple[str, str, int]] = []
    labels = Counter(e.label for r in records for e in r.entities)
    rows += [(_chip(label), "entities", labels[label]) for label in ENTITY_LABELS if labels[label]]
    kinds = Counter(f.kind for r in records for f in r.figures)
    rows += [(_chip(FIGURE_LABELS.get(k, "CARDINAL"), "fig"), f"figures: {k}", n) for k, n in kinds.most_common()]
    types = Counter(d.type for r in records for d in r.dates)
    rows += [(_chip(t, "date"), "dates", n) for t, n in types.most_common()]
    quotes = Counter(q.kind for r in records for q in r.quotations)
    rows += [(_chip("QUOTE", "quote"), f"quotations: {k}", n) for k, n in quotes.most_common()]
    if quotes:
        named = sum(1 for r in records for q in r.quotations if q.speaker)
        rows.append((_chip("QUOTE", "quote"), "quotations with a named speaker", named))
    most = max((n for *_, n in rows), default=0)
    body = "".join(
        f"<tr><td>{chip} {_esc(what)}</td><td class=num>{n:,}</td><td>{_bar(n, most)}</td></tr>"
        for chip, what, n in rows
    )
    return _table(["Kind", "Count", ""], body, numeric=(1,))


def _articles_table(batch: _Batch) -> str:
    rows = []
    for i, item in enumerate(batch.items):
        r = item.record
        labels = Counter(e.label for e in r.entities)
        counts = (
            labels["PERSON"],
            labels["ORG"],
            labels["GPE"] + labels["LOC"],
            len(r.quotations),
            len(r.figures),
            len(r.dates),
        )
        rows.append(
            f"<tr><td>{batch.link(i, r.article.headline or r.id)}<br><span class=muted>{_esc(r.id)}"
            f"{' (no text)' if item.text is None else ''}</span></td>"
            f"<td>{_esc(r.article.published or '')}</td>"
            + "".join(f"<td class=num>{n:,}</td>" for n in counts)
            + "</tr>"
        )
    return _table(
        ["Article", "Published", "People", "Orgs", "Places", "Quotes", "Figures", "Dates"],
        "".join(rows),
        numeric=(2, 3, 4, 5, 6, 7),
    )


@dataclass
class _QuotedSource:
    """A speaker across articles: the same label and name (case and spacing aside)."""

    name: str
    label: str
    titles: Counter[str] = field(default_factory=Counter)
    affiliations: Counter[str] = field(default_factory=Counter)
    quotes: list[tuple[Quotation, int]] = field(default_factory=list)
    articles: set[int] = field(default_factory=set)


def _most_quoted(batch: _Batch, top: int = 20) -> str:
    sources: dict[tuple[str, str], _QuotedSource] = {}
    unnamed = 0
    for i, record in enumerate(batch.records):
        facts = batch.facts(i)
        for q in record.quotations:
            speaker = facts.entities.get(q.speaker or "")
            if speaker is None:
                unnamed += 1
                continue
            key = (speaker.label, " ".join(speaker.name.casefold().split()))
            source = sources.setdefault(key, _QuotedSource(speaker.name, speaker.label))
            source.titles.update(speaker.titles)
            affiliation = facts.affiliation(speaker)
            if affiliation:
                source.affiliations[affiliation.name] += 1
            source.quotes.append((q, i))
            source.articles.add(i)
    ranked = sorted(sources.values(), key=lambda s: (-len(s.quotes), -len(s.articles), s.name))[:top]
    rows = []
    for s in ranked:
        quotes = "".join(
            f"<li>“{batch.link(i, _clip(q.text, 300), q.id)}” <span class=muted>{_esc(q.cue or '')} · "
            f"{batch.link(i, batch.records[i].id)}</span></li>"
            for q, i in s.quotes
        )
        rows.append(
            f"<tr><td>{_esc(s.name)} {_chip(s.label)}</td>"
            f"<td>{_esc('; '.join(t for t, _ in s.titles.most_common(3)))}</td>"
            f"<td>{_esc('; '.join(a for a, _ in s.affiliations.most_common(2)))}</td>"
            f"<td class=num>{len(s.quotes):,}</td><td class=num>{len(s.articles):,}</td>"
            f"<td><details class=quotes><summary>{len(s.quotes):,} quotation(s)</summary><ul>{quotes}</ul></details>"
            "</td></tr>"
        )
    table = _table(
        ["Speaker", "Titles", "Affiliation", "Quotes", "Articles", "What they said"], "".join(rows), numeric=(3, 4)
    )
    if unnamed:
        table += f'<p class="muted">{unnamed:,} quotation(s) have no named speaker (an unnamed source or none).</p>'
    return table


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LARGEST = (
    ("Money", ("money",), "Amounts in their own currency, not converted."),
    ("Counts and numbers", ("count", "number", "measure"), None),
    ("Percentages", ("percent", "percentage_point"), None),
)


def _largest_figures(batch: _Batch, top: int = 10) -> str:
    out = []
    for title, kinds, note in _LARGEST:
        found = [(f, i) for i, r in enumerate(batch.records) for f in r.figures if f.kind in kinds]
        if not found:
            continue
        found.sort(key=lambda x: -abs(x[0].value))
        rows = "".join(
            f"<tr><td class=num>{_esc(_number(f.value))}</td><td>{_esc(f.unit or '')}</td>"
            f"<td>{batch.link(i, f.text, f.id)}</td><td>{_esc(f.qualifier or '')}</td>"
            f"<td>{_figure_link(batch.facts(i), f.equivalent_to)}</td>"
            f"<td>{batch.link(i, batch.records[i].id)}</td></tr>"
            for f, i in found[:top]
        )
        out.append(f"<h3>{_esc(title)}</h3>" + (f'<p class="muted">{_esc(note)}</p>' if note else ""))
        out.append(_table(["Value", "Unit", "As written", "Qualifier", "Equivalent to", "Article"], rows, numeric=(0,)))
    return "".join(out) or '<p class="empty">None found.</p>'


def _batch_timeline(items: Sequence[ReportItem]) -> str:
    """How often each period is mentioned across the batch (bars above the axis) and when the
    articles came out (bars below), in bins of days, months, years or decades."""
    groups: dict[str, list[tuple[TimeExpression, str]]] = defaultdict(list)
    unplaced = 0
    for item in items:
        for d in item.record.dates:
            if d.value and timex_range(d.value):
                groups[d.value].append((d, item.record.id))
            else:
                unplaced += 1
    moments = []
    for value, found in groups.items():
        first, last = timex_range(value)  # type: ignore[misc]
        label = (describe_timex(value) or value) + (f" ×{len(found)}" if len(found) > 1 else "")
        moments.append(_Moment(first, last, label, value, len(found)))
    published = [p for p in (_published_day(item.record) for item in items) if p]
    notes = []
    if unplaced:
        notes.append(f"{unplaced:,} date expression(s) name no fixed period (durations, sets, unresolved).")
    if not moments and len(set(published)) < 2:
        extra = "".join(f'<p class="muted">{_esc(n)}</p>' for n in notes)
        return f'<p class="empty">No resolved dates to place on a timeline.</p>{extra}'
    lo, hi, off_axis = _axis_range(moments, published)
    unit = next((u for u, days in _BIN_DAYS if (hi - lo) / days <= 80), "century")
    mentioned: Counter[dt.date] = Counter()
    values: dict[dt.date, Counter[str]] = defaultdict(Counter)
    for m in moments:
        if m in off_axis:
            continue
        middle = dt.date.fromordinal((m.first.toordinal() + m.last.toordinal()) // 2)
        mentioned[_bin_start(middle, unit)] += m.count
        values[_bin_start(middle, unit)][m.tooltip] += m.count
    issued = Counter(_bin_start(p, unit) for p in published if lo <= p.toordinal() < hi)
    scale = (_RIGHT - _LEFT) / max(hi - lo, 1)

    def x(day: dt.date) -> float:
        return round(_LEFT + (day.toordinal() - lo) * scale, 1)

    top, base, below, height = 14, 164, 40, 226
    most = max(mentioned.values(), default=1)
    most_issued = max(issued.values(), default=1)
    bars = []
    for start in sorted(set(mentioned) | set(issued)):
        x1, x2 = x(start), x(_bin_next(start, unit))
        width = max(x2 - x1 - 1, 1.5)
        if mentioned[start]:
            h = max(2.0, (base - top) * mentioned[start] / most)
            listed = "; ".join(f"{v} ×{n}" if n > 1 else v for v, n in values[start].most_common(6))
            tip = f"{_bin_label(start, unit)}: {mentioned[start]:,} date mention(s)\n{listed}"
            bars.append(
                f'<rect class="bin" x="{x1}" y="{base - h:.1f}" width="{width:.1f}" height="{h:.1f}">'
                f"<title>{_esc(tip)}</title></rect>"
            )
        if issued[start]:
            h = max(2.0, (below - 8) * issued[start] / most_issued)
            tip = f"{_bin_label(start, unit)}: {issued[start]:,} article(s) published"
            bars.append(
                f'<rect class="bin-pub" x="{x1}" y="{base + 1}" width="{width:.1f}" height="{h:.1f}">'
                f"<title>{_esc(tip)}</title></rect>"
            )
    ticks = "".join(
        f'<line class="tick" x1="{x(day)}" y1="{top}" x2="{x(day)}" y2="{base + below}"/>'
        f'<text class="tick-label" x="{x(day) + 3}" y="{height - 8}">{_esc(text)}</text>'
        for day, text in _ticks(lo, hi)
    )
    svg = (
        f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="Dates mentioned and publication dates">'
        f'{ticks}{"".join(bars)}<line class="axis" x1="{_LEFT}" y1="{base}" x2="{_RIGHT}" y2="{base}"/>'
        f'<text class="legend-up" x="{_LEFT + 4}" y="{top + 10}">▲ dates mentioned, by {unit}</text>'
        f'<text class="legend-down" x="{_LEFT + 4}" y="{base + below - 2}">▼ articles published</text></svg>'
    )
    if off_axis:
        notes.insert(0, "Outside the axis: " + "; ".join(m.label for m in sorted(off_axis, key=lambda m: m.first)))
    listing = "".join(f"<li>{_esc(m.label)}</li>" for m in sorted(moments, key=lambda m: (m.first, m.last)))
    return (
        f'<div class="timeline">{svg}'
        + (
            f"<details><summary>Every date, in order ({len(moments):,})</summary><ol>{listing}</ol></details>"
            if moments
            else ""
        )
        + "".join(f'<p class="muted">{_esc(n)}</p>' for n in notes)
        + "</div>"
    )


_BIN_DAYS = (("day", 1), ("month", 30.44), ("year", 365.25), ("decade", 3652.5))


def _bin_start(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    if unit == "month":
        return day.replace(day=1)
    size = {"year": 1, "decade": 10}.get(unit, 100)
    return dt.date(max(1, day.year // size * size), 1, 1)


def _bin_next(start: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "month":
        return _month_end(start.year, start.month) + dt.timedelta(days=1)
    size = {"year": 1, "decade": 10}.get(unit, 100)
    return dt.date(min(9999, start.year // size * size + size), 1, 1)


def _bin_label(start: dt.date, unit: str) -> str:
    if unit == "day":
        return f"{start:%a} {start.day} {start:%b %Y}"
    if unit == "month":
        return f"{start:%B %Y}"
    return {"year": str(start.year), "decade": f"the {start.year}s"}.get(unit, f"the {start.year}s")

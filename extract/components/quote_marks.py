"""Quoted passages found by their marks: one linear scan over the text.

Handles straight and curly double quotes, guillemets, German low-high marks, single
quotes used as primary marks (British style), nested quotes, quotes that run over
several paragraphs (each paragraph reopens with a mark, only the last one closes) and
marks that never close (reported as warnings, never raised).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# every mark; an apostrophe between two letters or digits ("company's", "don’t") is left
# out: in every state of the scan it neither opens, closes nor nests a quote
# (the mark comes first in the pattern, so that the other characters fail at once)
_MARK = re.compile('["“”„«»\'‘’](?:(?<=["“”„«»‘])|(?![^\\W_])|(?<![^\\W_].))')
_DOUBLE_OPENERS = "“„«"
_DOUBLE_CLOSERS = "”»"
_OPEN_CONTEXT = ' \t\n\r([{—–-/\u00a0"“„«‘'
_CLOSE_FOLLOW = " \t\n\r.,;:!?)]}—–-\u00a0\"”»’'…"
_DECADE = re.compile(r"\d\d(?:s\b|\b)")
_MAX_WARNINGS = 20


@dataclass(slots=True)
class MarkedQuote:
    """A passage between quote marks; ``parts`` are the character ranges inside the
    marks (one per paragraph for a quote that runs over several paragraphs)."""

    parts: list[tuple[int, int]]
    opens: list[int]
    close: int
    family: str  # "double" or "single"


@dataclass(slots=True)
class _Open:
    family: str
    pos: int  # the mark that opened the current part
    char: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)
    nested: int = 0

    def __post_init__(self) -> None:
        self.opens.append(self.pos)


@dataclass(slots=True)
class ScanResult:
    quotes: list[MarkedQuote]
    warnings: list[dict[str, object]]


def paragraph_ranges(text: str, wrapped: bool = False) -> list[tuple[int, int]]:
    """Non-blank paragraphs as (start, end): lines, or blank-line blocks in wrapped text."""
    splitter = re.compile(r"\n[ \t\r\u00a0]*\n\s*" if wrapped else r"\n\s*")
    out, pos = [], 0
    for m in splitter.finditer(text):
        append_trimmed(text, pos, m.start(), out)
        pos = m.end()
    append_trimmed(text, pos, len(text), out)
    return out


def append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append the range [start, end) to ``out`` without its leading and trailing
    whitespace, unless nothing but whitespace is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


class _Warnings:
    def __init__(self) -> None:
        self.items: list[dict[str, object]] = []
        self.dropped = 0

    def add(self, code: str, message: str, pos: int) -> None:
        if len(self.items) < _MAX_WARNINGS:
            self.items.append({"code": code, "message": message, "start": pos, "end": pos + 1})
        else:
            self.dropped += 1

    def finish(self) -> list[dict[str, object]]:
        if self.dropped:
            self.items.append(
                {
                    "code": "quote_mark_warnings_truncated",
                    "message": f"{self.dropped} more quote-mark warnings were not listed",
                    "start": None,
                    "end": None,
                }
            )
        return self.items


def scan_quotes(text: str, paragraphs: list[tuple[int, int]], elisions: frozenset[str] = frozenset()) -> ScanResult:
    """Every quoted passage in ``paragraphs`` (sorted, non-overlapping ranges of ``text``);
    ``elisions`` are words that start with an apostrophe ("'em") and open no quote."""
    warnings = _Warnings()
    quotes: list[MarkedQuote] = []
    sink = _Sink(quotes, warnings, elisions)
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text)]
    mark_starts = [pos for pos, _ in marks]
    carry: _Open | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        first = bisect.bisect_left(mark_starts, p_start)
        k = bisect.bisect_left(mark_starts, p_end, first)
        if first == k:
            carry = None  # a paragraph without marks ends any quote carried into it
            continue
        next_start = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
        carry = _scan_paragraph(text, marks[first:k], (p_start, p_end), next_start, carry, sink)
    quotes.sort(key=lambda q: q.parts[0][0])
    return ScanResult(quotes, warnings.finish())


@dataclass(slots=True)
class _Sink:
    quotes: list[MarkedQuote]
    warnings: _Warnings
    elisions: frozenset[str]


def _scan_paragraph(
    text: str,
    marks: list[tuple[int, str]],
    paragraph: tuple[int, int],
    next_start: int | None,
    carry: _Open | None,
    sink: _Sink,
) -> _Open | None:
    """Scan one paragraph; returns the quote that continues into the next one, if any."""
    p_start, p_end = paragraph
    allow_single = True
    i = 0
    top: _Open | None = None
    if carry is not None and marks and marks[0][0] == p_start:
        top = carry
        top.opens.append(p_start)
        top.pos = p_start
        i = 1
    while True:
        top, unclosed_single = _run(text, marks, i, p_start, top, allow_single, sink)
        if unclosed_single is None:
            break
        # an opening single mark that never closed was an apostrophe: scan again after
        # it, reading the double marks inside it as top-level quotes
        if _continues(text, next_start, "single") and top is not None:
            break
        allow_single = False
        i = unclosed_single + 1
        top = None
    if top is None:
        return None
    if _continues(text, next_start, top.family):
        top.parts.append((top.pos + 1, p_end))
        return top
    if top.family == "double":
        sink.warnings.add("unbalanced_quote_mark", f"the quote mark {top.char!r} is never closed", top.pos)
    return None


def _run(
    text: str,
    marks: list[tuple[int, str]],
    i: int,
    p_start: int,
    top: _Open | None,
    allow_single: bool,
    sink: _Sink,
) -> tuple[_Open | None, int | None]:
    """The state machine over one paragraph's marks from index ``i``. Returns the quote
    still open at the end and, when it is a single-quote one, the index of its mark."""
    open_index = None
    n = len(text)
    warnings, quotes = sink.warnings, sink.quotes
    while i < len(marks):
        pos, ch = marks[i]
        prev = text[pos - 1] if pos > p_start else " "
        nxt = text[pos + 1] if pos + 1 < n else " "
        if top is None:
            if ch in _DOUBLE_OPENERS:
                top = _Open("double", pos, ch)
            elif ch == '"':
                if prev not in _OPEN_CONTEXT and (nxt in _CLOSE_FOLLOW):
                    warnings.add("stray_quote_mark", "a closing quote mark with no opening one", pos)
                else:
                    top = _Open("double", pos, ch)
            elif ch in _DOUBLE_CLOSERS:
                warnings.add("stray_quote_mark", "a closing quote mark with no opening one", pos)
            elif allow_single and _single_opens(text, pos, prev, nxt, sink.elisions):
                top = _Open("single", pos, ch)
                open_index = i
        elif top.family == "double":
            if ch == '"' or ch in _DOUBLE_CLOSERS or (ch == "“" and top.char == "„"):
                _close(top, pos, quotes)
                top = None
            elif ch in _DOUBLE_OPENERS:
                warnings.add("unbalanced_quote_mark", f"the quote mark {top.char!r} is never closed", top.pos)
                top = _Open("double", pos, ch)
        else:  # inside a single-quoted passage: double marks are nested quotes
            if ch in _DOUBLE_OPENERS or (ch == '"' and top.nested == 0):
                top.nested += 1
            elif ch in _DOUBLE_CLOSERS or ch == '"':
                top.nested = max(0, top.nested - 1)
            elif top.nested == 0 and ch in "'’" and prev not in " \t\n" and nxt in _CLOSE_FOLLOW:
                _close(top, pos, quotes)
                top = None
                open_index = None
        i += 1
    if top is not None and top.family == "single" and open_index is not None:
        return top, open_index
    return top, None


def _single_opens(text: str, pos: int, prev: str, nxt: str, elisions: frozenset[str]) -> bool:
    """Whether a single mark opens a quote rather than being an apostrophe."""
    if text[pos] not in "'‘" or prev not in _OPEN_CONTEXT or not nxt.isalnum():
        return False
    if nxt.isdigit() and _DECADE.match(text, pos + 1):
        return False
    word = "'" + text[pos + 1 : pos + 7].split(" ", 1)[0].lower().rstrip(".,;:!?")
    return word not in elisions


def _close(top: _Open, pos: int, quotes: list[MarkedQuote]) -> None:
    top.parts.append((top.pos + 1, pos))
    quotes.append(MarkedQuote(parts=top.parts, opens=top.opens, close=pos, family=top.family))


def _continues(text: str, next_start: int | None, family: str) -> bool:
    """Whether the next paragraph reopens a quote of ``family`` (multi-paragraph quote)."""
    if next_start is None or next_start >= len(text):
        return False
    ch = text[next_start]
    nxt = text[next_start + 1] if next_start + 1 < len(text) else " "
    if family == "double":
        return ch in '“„«"'
    return ch in "'‘" and nxt.isalnum()

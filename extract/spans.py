"""Helpers every component shares: extension attributes, span groups and zones."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

EXT = "newsfacts"
"""The one extension attribute name, on ``Doc`` and ``Span``; values are plain dicts."""

GROUPS = {
    "article": "newsfacts_article",
    "entities": "newsfacts_entities",
    "dates": "newsfacts_dates",
    "figures": "newsfacts_figures",
    "quotations": "newsfacts_quotes",
}


def ensure_extensions() -> None:
    """Install the extension attributes (again in a spawned worker, where they are lost)."""
    if not Doc.has_extension(EXT):
        Doc.set_extension(EXT, default=None)
    if not Span.has_extension(EXT):
        Span.set_extension(EXT, default=None)


def doc_data(doc: Doc) -> dict[str, Any]:
    """The doc's newsfacts dict, created on first use."""
    ensure_extensions()
    data = doc._.get(EXT)
    if data is None:
        data = {}
        doc._.set(EXT, data)
    return data


def make_span(doc: Doc, start: int, end: int, label: str, **values: Any) -> Span | None:
    """A span for the characters [start, end), widened to whole tokens when a
    boundary falls inside a token; ``values`` go on ``span._.newsfacts``."""
    span = doc.char_span(start, end, label=label)
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    ensure_extensions()
    span._.set(EXT, dict(values))
    return span


def span_values(span: Span) -> dict[str, Any]:
    """The normalized values a component put on a span."""
    return span._.get(EXT) or {}


def annotated_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges that hold article content (headline and body), as set by the
    article component; header lines (byline, date line) are outside them."""
    zones = doc_data(doc).get("zones")
    if not zones:
        return [(0, len(doc.text))]
    return [tuple(r) for r in zones["annotate"]]  # type: ignore[misc]


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of the ranges."""
    return any(s <= start and end <= e for s, e in ranges)

"""Helpers every component shares: extension attributes, span groups and zones.

The internal contract between components (the record builder in ``build.py`` reads it):

Pipeline order: ``newsfacts_article`` (which also sets every sentence boundary: after
". ! ?" and closing marks, and at paragraph breaks) -> ``newsfacts_entities`` ->
``newsfacts_dates`` -> ``newsfacts_figures`` -> ``newsfacts_quotes``.

``doc._.newsfacts`` is a plain dict:
  ``text``       ``doc.text``, cached: read it with ``doc_text(doc)``, never ``doc.text``
                 in a loop (spaCy rebuilds the string from every token on each read)
  ``given``      what the caller knows: headline, published (+ published_source)
  ``article``    headline, authors, outlet, published ("YYYY-MM-DD[THH:MM]" or None: the
                 anchor of relative dates), published_source, dateline
  ``zones``      ``annotate``: [(start, end)] character ranges to annotate (headline and
                 body; header lines such as the byline are outside); ``header``; ``body_start``
  ``entities``   [{id: "e1", label, name, titles, affiliation: "eN"|None, ...}] in order of
                 first mention; extra keys (a ``gender`` hint, say) are allowed and not emitted
  ``quotations`` [{id: "q1", kind, text, parts: [(start, end)], speaker: "eN"|None,
                 speaker_text, cue, speaker_mention: (start, end)|None, cue_mention, rule}]
  ``warnings``   [{code, message, start, end}]
  ``groups``     {kind: (SpanGroup, [Span])}: each span group and its Span objects as
                 ``set_group`` wrote them

Span groups (``doc.spans[GROUPS[kind]]``), values on ``span._.newsfacts``:
  ``newsfacts_article``   labels headline, header, dateline, dateline_place, dateline_agency
  ``newsfacts_entities``  one span per mention, label = entity label;
                          {entity: "eN", kind: name|alias|acronym|surname|nominal|pronoun, rule}
  ``newsfacts_dates``     label = TIMEX3 type; {id: "dN", type, value, mod, anchor, rule}
  ``newsfacts_figures``   label = kind; {id: "fN", value, unit, kind, qualifier,
                          equivalent_to, range_with, direction, rule}
  ``newsfacts_quotes``    one span per quotation part, label = kind; {quote: "qN"}

Ids are numbered in document order. Record offsets are the spans' character offsets
(quotation parts: the given character ranges), so a component must choose spans
that start and end where the fact does.
"""

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


_DOC_KEY = (EXT, "doc")
"""Where the doc's newsfacts dict lives in ``doc.user_data`` (``doc._.newsfacts`` reads it):
a dict look-up costs a twentieth of building an Underscore object for ``doc._``."""


def _value_key(start: int, end: int, label: int) -> tuple[str, int, int, int]:
    return (EXT, start, end, label)


def _get_span_values(span: Span) -> dict[str, Any] | None:
    return span.doc.user_data.get(_value_key(span.start_char, span.end_char, span.label))


def _set_span_values(span: Span, values: dict[str, Any] | None) -> None:
    span.doc.user_data[_value_key(span.start_char, span.end_char, span.label)] = values


def ensure_extensions() -> None:
    """Install the extension attributes (again in a spawned worker, where they are lost).

    ``span._.newsfacts`` is kept under the span's offsets *and label*: spaCy's own
    extension storage keys a span by its offsets alone, so a date and a quotation part
    over the same characters would share (and overwrite) one value. Labels differ
    between groups (PERSON, DATE, money, direct, ...), so each group's values stay its own."""
    if not Doc.has_extension(EXT):
        Doc.set_extension(EXT, getter=_get_doc_data, setter=set_doc_data)
    if not Span.has_extension(EXT):
        Span.set_extension(EXT, getter=_get_span_values, setter=_set_span_values)


def _get_doc_data(doc: Doc) -> dict[str, Any] | None:
    return doc.user_data.get(_DOC_KEY)


def set_doc_data(doc: Doc, data: dict[str, Any]) -> None:
    """``doc._.newsfacts = data``."""
    doc.user_data[_DOC_KEY] = data


def doc_data(doc: Doc) -> dict[str, Any]:
    """The doc's newsfacts dict (``doc._.newsfacts``), created on first use."""
    data = doc.user_data.get(_DOC_KEY)
    if data is None:
        data = doc.user_data[_DOC_KEY] = {}
    return data


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy joins every token each time it is read."""
    data = doc_data(doc)
    text = data.get("text")
    if text is None:
        text = data["text"] = doc.text
    return text


def set_group(doc: Doc, kind: str, spans: list[Span]) -> None:
    """``doc.spans[GROUPS[kind]] = spans``, keeping the same Span objects for readers
    (``group_spans``): a span group builds a new Span object for every item each time
    it is read."""
    spans = list(spans)
    name = GROUPS[kind]
    doc.spans[name] = spans
    doc_data(doc).setdefault("groups", {})[kind] = (doc.spans[name], spans)


def add_to_group(doc: Doc, kind: str, span: Span) -> None:
    """Append ``span`` to the group of ``kind`` (created if absent)."""
    group = doc.spans.get(GROUPS[kind])
    if group is None:
        set_group(doc, kind, [span])
        return
    spans = [*group_spans(doc, kind), span]
    group.append(span)
    doc_data(doc)["groups"][kind] = (group, spans)


def group_spans(doc: Doc, kind: str) -> list[Span]:
    """The spans of the group of ``kind``, in order (do not modify the list): the ones
    ``set_group`` kept while the group is still the one it wrote, else read anew."""
    name = GROUPS[kind]
    group = doc.spans.get(name)
    if group is None:
        return []
    kept = (doc_data(doc).get("groups") or {}).get(kind)
    if kept is not None and kept[0] is group and len(group) == len(kept[1]):
        return kept[1]  # type: ignore[no-any-return]
    return list(group)


def make_span(doc: Doc, start: int, end: int, label: str, **values: Any) -> Span | None:
    """A span for the characters [start, end), widened to whole tokens when a
    boundary falls inside a token; ``values`` go on ``span._.newsfacts``."""
    # "expand" gives the same span as "strict" wherever the boundaries are aligned
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    ensure_extensions()
    set_span_values(span, dict(values))
    return span


def set_span_values(span: Span, values: dict[str, Any]) -> None:
    """``span._.newsfacts = values``, without building an Underscore object per span."""
    _set_span_values(span, values)


def span_values(span: Span) -> dict[str, Any]:
    """The normalized values a component put on a span (``span._.newsfacts``), read
    without building an Underscore object per span."""
    return span.doc.user_data.get(_value_key(span.start_char, span.end_char, span.label)) or {}


def values_at(doc: Doc, start: int, end: int, label: int) -> dict[str, Any]:
    """The values of the span of ``label`` (a hash, ``span.label``) at [start, end)."""
    return doc.user_data.get(_value_key(start, end, label)) or {}


def annotated_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges that hold article content (headline and body), as set by the
    article component; header lines (byline, date line) are outside them."""
    zones = doc_data(doc).get("zones")
    if not zones:
        return [(0, len(doc_text(doc)))]
    return [tuple(r) for r in zones["annotate"]]  # type: ignore[misc]


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of the ranges."""
    return any(s <= start and end <= e for s, e in ranges)

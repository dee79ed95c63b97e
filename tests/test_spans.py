"""Span values: each group keeps its own, even over the same characters."""

from __future__ import annotations

import spacy

from extract.spans import ensure_extensions, make_span, span_values, values_at


def test_spans_same_characters_different_groups_keep_their_values():
    ensure_extensions()
    doc = spacy.blank("en")("Markets rallied on Friday after the vote.")
    date = make_span(doc, 19, 25, "DATE", id="d1", value="2025-03-28")
    part = make_span(doc, 19, 25, "direct", quote="q1")
    assert span_values(date) == {"id": "d1", "value": "2025-03-28"}
    assert span_values(part) == {"quote": "q1"}
    assert date._.newsfacts["value"] == "2025-03-28" and part._.newsfacts == {"quote": "q1"}
    assert values_at(doc, 19, 25, date.label) == span_values(date)


def test_spans_values_survive_a_span_group():
    ensure_extensions()
    doc = spacy.blank("en")("Prices rose 3 percent.")
    span = make_span(doc, 12, 21, "percent", id="f1", value=3)
    doc.spans["newsfacts_figures"] = [span]
    [again] = list(doc.spans["newsfacts_figures"])
    assert span_values(again) == {"id": "f1", "value": 3}

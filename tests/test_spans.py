"""Span values: each group keeps its own, even over the same characters."""

from __future__ import annotations

import spacy

from extract.spans import add_to_group, ensure_extensions, group_spans, make_span, set_group, span_values, values_at


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


def test_spans_group_keeps_its_span_objects_until_the_group_changes():
    ensure_extensions()
    doc = spacy.blank("en")("Acme and Globex merged in Oslo on Friday.")
    acme, globex, oslo = doc[0:1], doc[2:3], doc[5:6]
    set_group(doc, "entities", [acme, globex])
    assert group_spans(doc, "entities")[0] is acme  # the very objects, not rebuilt
    add_to_group(doc, "entities", oslo)
    assert [s.text for s in doc.spans["newsfacts_entities"]] == ["Acme", "Globex", "Oslo"]
    assert [s.text for s in group_spans(doc, "entities")] == ["Acme", "Globex", "Oslo"]
    doc.spans["newsfacts_entities"] = [oslo]  # written around set_group: read anew
    assert [s.text for s in group_spans(doc, "entities")] == ["Oslo"]
    doc.spans["newsfacts_entities"].append(acme)
    assert [s.text for s in group_spans(doc, "entities")] == ["Oslo", "Acme"]
    assert group_spans(doc, "dates") == []

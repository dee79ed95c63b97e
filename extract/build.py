"""Doc with span groups -> ArticleRecord.

Kept apart from ``records.py`` so that the models (and ``newsfacts schema``) load
without spaCy. The record is assembled as plain data and validated by pydantic in one
call: one pass of its compiled validator over the whole tree instead of one Python
constructor call per mention.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .readers import Article
from .records import ArticleRecord
from .spans import doc_data, doc_text, group_spans, span_values


def build_record(doc: Doc, article: Article, *, include_text: bool = False) -> ArticleRecord:
    """The record of one annotated Doc; every offset slices back to its text."""
    data = doc_data(doc)
    text = doc_text(doc)
    record: dict[str, Any] = {
        "id": article.id,
        "source": {
            "path": article.path,
            "sha256": article.sha256,
            "chars": len(text),
            "format": article.format,
            "line": article.line,
        },
        "article": data.get("article") or {},
        "entities": _entities(doc, data, text),
        "figures": _figures(doc, text),
        "dates": _dates(doc, text),
        "quotations": _quotations(data, text),
        "warnings": list(data.get("warnings", [])),
    }
    if include_text:
        record["text"] = text
    return ArticleRecord.model_validate(record)


def _group(doc: Doc, kind: str) -> list[tuple[Any, dict[str, Any]]]:
    """(span, values) of a span group, values read once per span."""
    return [(span, span_values(span)) for span in group_spans(doc, kind)]


def _entities(doc: Doc, data: dict[str, Any], text: str) -> list[dict[str, Any]]:
    clusters = data.get("entities") or []
    if not clusters:
        return []
    mentions: dict[str, list[dict[str, Any]]] = {c["id"]: [] for c in clusters}
    seen: set[tuple[str, int, int]] = set()
    items = sorted(((s.start_char, s.end_char, v) for s, v in _group(doc, "entities")), key=lambda x: (x[0], x[1]))
    for start, end, values in items:
        eid = values.get("entity")
        if eid is None or (eid, start, end) in seen or eid not in mentions:
            continue
        seen.add((eid, start, end))
        mentions[eid].append(
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "kind": values.get("kind", "name"),
                "rule": values.get("rule"),
            }
        )
    return [
        {
            "id": c["id"],
            "label": c["label"],
            "name": c["name"],
            "titles": list(c.get("titles") or []),
            "affiliation": c.get("affiliation"),
            "mentions": mentions[c["id"]],
        }
        for c in clusters
    ]


def _number(value: Any) -> Any:
    """Integral floats as JSON integers ("165", not "165.0")."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _figures(doc: Doc, text: str) -> list[dict[str, Any]]:
    items = _group(doc, "figures")
    items.sort(key=lambda sv: sv[1].get("order", sv[0].start_char))
    out = []
    for span, v in items:
        start, end = span.start_char, span.end_char
        out.append(
            {
                "id": v["id"],
                "text": text[start:end],
                "start": start,
                "end": end,
                "value": _number(v["value"]),
                "unit": v.get("unit"),
                "kind": v.get("kind", span.label_),
                "qualifier": v.get("qualifier"),
                "equivalent_to": v.get("equivalent_to"),
                "range_with": v.get("range_with"),
                "direction": v.get("direction"),
                "rule": v.get("rule"),
            }
        )
    return out


def _dates(doc: Doc, text: str) -> list[dict[str, Any]]:
    items = _group(doc, "dates")
    items.sort(key=lambda sv: sv[1].get("order", sv[0].start_char))
    out = []
    for span, v in items:
        start, end = span.start_char, span.end_char
        out.append(
            {
                "id": v["id"],
                "text": text[start:end],
                "start": start,
                "end": end,
                "type": v.get("type", span.label_),
                "value": v.get("value"),
                "mod": v.get("mod"),
                "anchor": v.get("anchor"),
                "rule": v.get("rule"),
            }
        )
    return out


def _piece(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


def _quotations(data: dict[str, Any], text: str) -> list[dict[str, Any]]:
    out = []
    for q in data.get("quotations") or []:
        parts = [_piece(text, s, e) for s, e in q["parts"]]
        sm, cm = q.get("speaker_mention"), q.get("cue_mention")
        out.append(
            {
                "id": q["id"],
                "kind": q["kind"],
                "text": q.get("text") or " ".join(p["text"] for p in parts),
                "parts": parts,
                "speaker": q.get("speaker"),
                "speaker_text": q.get("speaker_text"),
                "cue": q.get("cue"),
                "speaker_mention": _piece(text, *sm) if sm else None,
                "cue_mention": _piece(text, *cm) if cm else None,
                "rule": q.get("rule"),
            }
        )
    return out

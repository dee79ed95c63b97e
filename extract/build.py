"""Doc with span groups -> ArticleRecord.

Kept apart from ``records.py`` so that the models (and ``newsfacts schema``) load
without spaCy.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.tokens import Doc

from .readers import Article
from .records import (
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
from .spans import GROUPS, doc_data, doc_text, span_values


def build_record(doc: Doc, article: Article, *, include_text: bool = False) -> ArticleRecord:
    """The record of one annotated Doc; every offset slices back to its text."""
    data = doc_data(doc)
    text = doc_text(doc)
    meta = data.get("article") or {}
    return ArticleRecord(
        id=article.id,
        source=Source(
            path=article.path,
            sha256=article.sha256,
            chars=len(text),
            format=article.format,
            line=article.line,
        ),
        article=ArticleMeta(**meta),
        entities=_entities(doc, data),
        figures=_figures(doc),
        dates=_dates(doc),
        quotations=_quotations(text, data),
        warnings=[InputWarning(**w) for w in data.get("warnings", [])],
        text=text if include_text else None,
    )


def _mention(text: str, start: int, end: int, cls: type[Mention] = Mention, **extra: Any) -> Mention:
    return cls(text=text[start:end], start=start, end=end, **extra)


def _entities(doc: Doc, data: dict[str, Any]) -> list[Entity]:
    clusters = data.get("entities") or []
    if not clusters:
        return []
    mentions: dict[str, list[EntityMention]] = defaultdict(list)
    seen: set[tuple[str, int, int]] = set()
    group = doc.spans.get(GROUPS["entities"], [])
    for span in sorted(group, key=lambda s: (s.start_char, s.end_char)):
        values = span_values(span)
        eid = values.get("entity")
        key = (eid, span.start_char, span.end_char)
        if eid is None or key in seen:
            continue
        seen.add(key)
        mentions[eid].append(
            _mention(
                doc_text(doc),
                span.start_char,
                span.end_char,
                EntityMention,
                kind=values.get("kind", "name"),
                rule=values.get("rule"),
            )  # type: ignore[arg-type]
        )
    return [
        Entity(
            id=c["id"],
            label=c["label"],
            name=c["name"],
            titles=list(c.get("titles") or []),
            affiliation=c.get("affiliation"),
            mentions=mentions.get(c["id"], []),  # type: ignore[arg-type]
        )
        for c in clusters
    ]


def _figures(doc: Doc) -> list[Figure]:
    if GROUPS["figures"] not in doc.spans:
        return []
    out = []
    for span in sorted(doc.spans[GROUPS["figures"]], key=lambda s: span_values(s).get("order", s.start_char)):
        v = span_values(span)
        value = v["value"]
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            value = int(value)
        out.append(
            Figure(
                id=v["id"],
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                value=value,
                unit=v.get("unit"),
                kind=v.get("kind", span.label_),
                qualifier=v.get("qualifier"),
                equivalent_to=v.get("equivalent_to"),
                range_with=v.get("range_with"),
                direction=v.get("direction"),
                rule=v.get("rule"),
            )
        )
    return out


def _dates(doc: Doc) -> list[TimeExpression]:
    if GROUPS["dates"] not in doc.spans:
        return []
    out = []
    for span in sorted(doc.spans[GROUPS["dates"]], key=lambda s: span_values(s).get("order", s.start_char)):
        v = span_values(span)
        out.append(
            TimeExpression(
                id=v["id"],
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                type=v.get("type", span.label_),
                value=v.get("value"),
                mod=v.get("mod"),
                anchor=v.get("anchor"),
                rule=v.get("rule"),
            )
        )
    return out


def _quotations(text: str, data: dict[str, Any]) -> list[Quotation]:
    out = []
    for q in data.get("quotations") or []:
        parts = [_mention(text, s, e) for s, e in q["parts"]]
        sm, cm = q.get("speaker_mention"), q.get("cue_mention")
        out.append(
            Quotation(
                id=q["id"],
                kind=q["kind"],
                text=q.get("text") or " ".join(p.text for p in parts),
                parts=parts,
                speaker=q.get("speaker"),
                speaker_text=q.get("speaker_text"),
                cue=q.get("cue"),
                speaker_mention=_mention(text, *sm) if sm else None,
                cue_mention=_mention(text, *cm) if cm else None,
                rule=q.get("rule"),
            )
        )
    return out

"""Check records against the committed JSON Schema (draft 2020-12, format checking on)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator

from .records import json_schema


@functools.lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """A validator of article records."""
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(record: dict[str, Any], text: str | None = None) -> list[str]:
    """What is wrong with one record: schema errors first; then ids that repeat or point
    nowhere, and offsets that do not fit their text (checked against the article text
    when the record carries it or ``text`` is given)."""
    out = [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in validator().iter_errors(record)]
    if out:
        return out
    text = text if text is not None else record.get("text")
    ids: dict[str, set[str]] = {}
    for kind in ("entities", "figures", "dates", "quotations"):
        seen = ids.setdefault(kind, set())
        for item in record[kind]:
            if item["id"] in seen:
                out.append(f"{item['id']}: the id repeats")
            seen.add(item["id"])

    def piece(where: str, item: dict[str, Any]) -> None:
        start, end, surface = item["start"], item["end"], item["text"]
        if end - start != len(surface) or (text is not None and text[start:end] != surface):
            out.append(f"{where}: offsets {start}:{end} do not fit its text {surface!r}")

    def link(where: str, target: str | None, kind: str) -> None:
        if target is not None and target not in ids[kind]:
            out.append(f"{where}: points to {target}, which is not in {kind}")

    for entity in record["entities"]:
        link(entity["id"], entity["affiliation"], "entities")
        for mention in entity["mentions"]:
            piece(entity["id"], mention)
    for figure in record["figures"]:
        piece(figure["id"], figure)
        link(figure["id"], figure["equivalent_to"], "figures")
        link(figure["id"], figure.get("range_with"), "figures")
    for date in record["dates"]:
        piece(date["id"], date)
    for quote in record["quotations"]:
        link(quote["id"], quote["speaker"], "entities")
        for part in quote["parts"]:
            piece(quote["id"], part)
        for extra in ("speaker_mention", "cue_mention"):
            if quote.get(extra):
                piece(f"{quote['id']} {extra}", quote[extra])
    return out


def validate_lines(lines: Iterable[str]) -> Iterator[tuple[int, str | None]]:
    """(line number, first problem or None) for each non-blank JSON line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not JSON: {exc.msg}"
            continue
        if not isinstance(record, dict):
            yield number, "not a JSON object"
            continue
        found = problems(record)
        yield number, found[0] if found else None

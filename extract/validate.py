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


def problems(record: dict[str, Any]) -> list[str]:
    """What is wrong with one record: schema errors, then offsets that do not add up."""
    out = [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in validator().iter_errors(record)]
    if out:
        return out
    for kind in ("figures", "dates"):
        for item in record[kind]:
            if item["end"] - item["start"] != len(item["text"]):
                out.append(f"{item['id']}: offsets {item['start']}:{item['end']} do not fit its text")
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

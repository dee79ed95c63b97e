"""Settings in one frozen object, passed explicitly: this is what keeps output deterministic."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Literal

from .errors import UsageError

KINDS: tuple[str, ...] = ("entities", "dates", "figures", "quotations")
DATE_CONVENTIONS: tuple[str, ...] = ("news", "timeml")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


@dataclass(frozen=True)
class Settings:
    """What an extraction run may vary.

    Attributes:
        published: the reference date for relative dates when the article gives none
            (or overrides the article's own when ``prefer_given_date`` is true).
        kinds: which kinds of facts to extract.
        max_chars: articles longer than this are refused with an input error.
        time_limit: seconds one article may take before it is abandoned (None: no guard;
            the guard works where signals do: the main thread of a Unix process).
        fix_mojibake: repair mojibake ("Ã©" for "é") with ftfy when reading inputs.
        include_text: put the article text into each record (``text``).
        date_conventions: "news" (GOLD_FORMAT.md: part-of-day words resolve to their day,
            "recently" and "currently" are not dates, times carry no zone) or "timeml"
            (TimeML TIMEX3 where it differs: ``2025-03-28TMO``, ``PAST_REF`` for
            "recently", ``PRESENT_REF`` for "now", zone offsets on times).
        warm_up_chars: the first characters of text an Extractor processes (in whole
            batches, while its vocabulary has fewer than ``warm_up_lexemes`` entries) run
            outside spaCy's memory zones, so the words they contain stay in the vocabulary
            and the tokenizer's cache for good; every later batch runs in a memory zone
            and memory stays flat. Without a warm-up, a word first seen inside a zone is
            forgotten at the zone's end and tokenized from scratch every batch. 0 turns
            the warm-up off.
        warm_up_lexemes: the vocabulary size at which the warm-up ends early (bounds the
            memory a warm-up on odd text, such as random words, can take).
    """

    published: str | None = None
    kinds: frozenset[str] = field(default_factory=lambda: frozenset(KINDS))
    max_chars: int = 5_000_000
    time_limit: float | None = 30.0
    fix_mojibake: bool = False
    include_text: bool = False
    date_conventions: Literal["news", "timeml"] = "news"
    warm_up_chars: int = 2_000_000
    warm_up_lexemes: int = 100_000

    def __post_init__(self) -> None:
        if self.published is not None:
            object.__setattr__(self, "published", normalize_published(self.published))
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise UsageError(f"unknown kinds {sorted(unknown)}; choose from {', '.join(KINDS)}")
        object.__setattr__(self, "kinds", frozenset(self.kinds))
        if self.date_conventions not in DATE_CONVENTIONS:
            raise UsageError(
                f"unknown date conventions {self.date_conventions!r}; choose from {', '.join(DATE_CONVENTIONS)}"
            )

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def normalize_published(value: str | dt.date | dt.datetime) -> str:
    """An ISO 8601 date ("2025-03-29") or minute datetime ("2025-03-29T00:37")."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    m = _ISO_DATE.fullmatch(str(value).strip())
    if not m:
        m = _ISO_DATE.match(str(value).strip())
    if not m:
        raise UsageError(f"not an ISO 8601 date: {value!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    y, mo, d, h, mi = (int(x) if x else None for x in m.groups()[:5])
    try:
        dt.date(y, mo, d)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UsageError(f"not a calendar date: {value!r}") from exc
    if h is None:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}"

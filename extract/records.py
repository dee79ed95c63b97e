"""The article record: pydantic models that are the single source of the JSON Schema.

Field names follow ``CONTRACT.md`` and are fixed; fields added beyond it (provenance,
warnings, range links) are optional for readers and never renamed without a major
``schema_version`` change.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://newsfacts.dev/schemas/article-record-1.schema.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

EntityId = str
_ENTITY_ID = r"^e[1-9][0-9]*$"
_FIGURE_ID = r"^f[1-9][0-9]*$"
_DATE_ID = r"^d[1-9][0-9]*$"
_QUOTE_ID = r"^q[1-9][0-9]*$"
_PUBLISHED = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?$"

TimexMod = Literal[
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
]  # fmt: skip


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where the article came from."""

    path: str | None = Field(description="The input path as given, or null for stdin and the API.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the article text (UTF-8).")
    chars: int = Field(ge=0, description="Length of the article text in code points.")
    format: Literal["text", "html", "jsonl"]
    line: int | None = Field(default=None, ge=1, description="Line number in a .jsonl input.")


class ArticleMeta(_Model):
    """Header facts: what the page says about the article itself."""

    headline: str | None = None
    authors: list[str] = Field(default_factory=list, description="Writers from the byline, proper case.")
    outlet: str | None = None
    published: str | None = Field(
        default=None,
        pattern=_PUBLISHED,
        description="ISO 8601 date or minute datetime: the anchor of every relative date.",
    )
    published_source: Literal["given", "settings", "header", "dateline"] | None = Field(
        default=None, description="Where the publication date came from."
    )
    dateline: str | None = Field(default=None, description='"HANGZHOU, Nov. 28 (Xinhua) --" as written.')


class Mention(_Model):
    """A piece of the article text: ``text == article_text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class EntityMention(Mention):
    kind: Literal["name", "alias", "acronym", "surname", "nominal", "pronoun"] = "name"
    rule: str | None = Field(default=None, description="Id of the rule that found the mention.")


class Entity(_Model):
    id: str = Field(pattern=_ENTITY_ID)
    label: Literal["PERSON", "ORG", "GPE", "LOC"]
    name: str = Field(description="The fullest form in the article.")
    titles: list[str] = Field(default_factory=list)
    affiliation: str | None = Field(default=None, pattern=_ENTITY_ID)
    mentions: list[EntityMention] = Field(default_factory=list)


class Figure(_Model):
    id: str = Field(pattern=_FIGURE_ID)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: int | float = Field(description='After scale words: "2.63 trillion" -> 2630000000000.')
    unit: str | None = Field(
        default=None,
        description='ISO 4217 code for money, "percent", "percentage point", else the counted noun.',
    )
    kind: Literal[
        "money", "percent", "percentage_point", "basis_point", "count", "number",
        "multiplier", "fraction", "age", "measure",
    ]  # fmt: skip
    qualifier: str | None = Field(default=None, description='"more than", "about", "nearly", ...')
    equivalent_to: str | None = Field(default=None, pattern=_FIGURE_ID)
    range_with: str | None = Field(
        default=None, pattern=_FIGURE_ID, description="The other bound when this figure is one end of a range."
    )
    direction: Literal["up", "down"] | None = Field(
        default=None, description="For a change: whether the quantity rose or fell."
    )
    rule: str | None = None


class TimeExpression(_Model):
    id: str = Field(pattern=_DATE_ID)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = Field(default=None, description="ISO 8601 / TIMEX3 value.")
    mod: TimexMod | None = None
    anchor: Literal["published", "absolute"] | None = Field(
        default=None, description="What a relative value was resolved against."
    )
    rule: str | None = None


class Quotation(_Model):
    id: str = Field(pattern=_QUOTE_ID)
    kind: Literal["direct", "indirect", "mixed"]
    text: str = Field(description="The quoted words; for a direct quote, without the marks.")
    parts: list[Mention] = Field(min_length=1)
    speaker: str | None = Field(default=None, pattern=_ENTITY_ID)
    speaker_text: str | None = Field(default=None, description='"she", "Jiang", "an official".')
    cue: str | None = Field(default=None, description='"said", "told reporters", "according to".')
    speaker_mention: Mention | None = None
    cue_mention: Mention | None = None
    rule: str | None = None


class InputWarning(_Model):
    """Something odd in the input that did not stop the extraction."""

    code: str
    message: str
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)


class ArticleRecord(_Model):
    """Everything newsfacts found in one article."""

    model_config = ConfigDict(extra="forbid", title="ArticleRecord")

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(min_length=1)
    source: Source
    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[TimeExpression] = Field(default_factory=list)
    quotations: list[Quotation] = Field(default_factory=list)
    warnings: list[InputWarning] = Field(default_factory=list)
    text: str | None = Field(
        default=None,
        description="The article text every offset refers to; present only when asked for (--include-text).",
    )

    def to_json(self, *, indent: int | None = None) -> str:
        """The record as JSON text (no trailing newline), the same bytes on every run."""
        return self.model_dump_json(indent=indent, exclude={"text"} if self.text is None else None)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an article record."""
    body = ArticleRecord.model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **body}


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

"""quotes component (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..spans import GROUPS, ensure_extensions


class QuotesComponent:
    def __init__(self, nlp: Language, name: str = "newsfacts_quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        doc.spans[GROUPS["quotations"]] = []
        return doc

"""spaCy factories of the newsfacts components, in one place.

This module is what the ``spacy_factories`` entry point imports, so it stays cheap:
each factory imports its component only when spaCy calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

if TYPE_CHECKING:
    from .components.article import ArticleComponent
    from .components.dates import DatesComponent
    from .components.entities import EntitiesComponent
    from .components.figures import FiguresComponent
    from .components.quotes import QuotesComponent

FACTORIES = (
    "newsfacts_article",
    "newsfacts_entities",
    "newsfacts_dates",
    "newsfacts_figures",
    "newsfacts_quotes",
)


@Language.factory("newsfacts_article")
def make_article(nlp: Language, name: str) -> ArticleComponent:
    """Headline, byline, outlet, publication date, dateline; paragraph sentence starts."""
    from .components.article import ArticleComponent

    return ArticleComponent(nlp, name)


@Language.factory("newsfacts_entities")
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    """People, organizations and places with titles, affiliations and mention chains."""
    from .components.entities import EntitiesComponent

    return EntitiesComponent(nlp, name)


@Language.factory("newsfacts_dates", default_config={"conventions": "news"})
def make_dates(nlp: Language, name: str, conventions: str) -> DatesComponent:
    """Temporal expressions normalized to TIMEX3 values against the publication date
    ("news" or "timeml" conventions, see ``Settings.date_conventions``)."""
    from .components.dates import DatesComponent

    return DatesComponent(nlp, name, conventions=conventions)


@Language.factory("newsfacts_figures")
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    """Money, percentages, counts and other figures with value, unit and qualifier."""
    from .components.figures import FiguresComponent

    return FiguresComponent(nlp, name)


@Language.factory("newsfacts_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """Direct, indirect and mixed quotations with cue and speaker."""
    from .components.quotes import QuotesComponent

    return QuotesComponent(nlp, name)

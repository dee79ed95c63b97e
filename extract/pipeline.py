"""The nlp object (``spacy.blank("en")`` plus our components) and the Extractor."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import factories  # noqa: F401  (registers the newsfacts_* factories)
from .build import build_record
from .errors import ExtractionError, InputError
from .readers import Article, InputFailure, article_from_text
from .records import ArticleRecord
from .settings import Settings
from .spans import EXT, TEXT_KEY, ensure_extensions

# Component of each kind of fact; quotations need entities for their speakers.
_COMPONENTS = {
    "entities": "newsfacts_entities",
    "dates": "newsfacts_dates",
    "figures": "newsfacts_figures",
    "quotations": "newsfacts_quotes",
}


def customize_tokenizer(nlp: Language) -> None:
    """Split what news writes glued together, so that facts fall on token boundaries:
    "HK$5" -> "HK$", "5"; "1.5bn" -> "1.5", "bn"; "4.7pc"; "04:17am"; "Rs125"."""
    prefixes = [r"(?:[A-Z]{1,3})?\$(?=[0-9])", r"(?:Rs|INR|USD|EUR|CNY|RMB)\.?(?=[0-9])", *nlp.Defaults.prefixes]
    suffixes = [
        r"(?<=[0-9])(?:bn|mn|mln|bln|tn|trn|trln|pc|pct|am|pm|k|m|b|cr|[Mm]illion|[Bb]illion|[Tt]rillion)",
        r"(?<=[0-9])[%‰]",
        *nlp.Defaults.suffixes,
    ]
    infixes = [r"(?<=[0-9])[-–—](?=[0-9A-Za-z])", r"(?<=[A-Za-z])[–—](?=[A-Za-z0-9])", *nlp.Defaults.infixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_nlp(settings: Settings | None = None) -> Language:
    """``spacy.blank("en")`` with the newsfacts components for ``settings.kinds``."""
    settings = settings or Settings()
    ensure_extensions()
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    nlp.add_pipe("newsfacts_article")
    nlp.add_pipe("sentencizer")
    kinds = set(settings.kinds)
    if "quotations" in kinds:
        kinds.add("entities")
    for kind in ("entities", "dates", "figures", "quotations"):
        if kind in kinds:
            nlp.add_pipe(_COMPONENTS[kind])
    return nlp


class Extractor:
    """Loads the pipeline once; turns articles into records.

    Example:
        >>> ex = Extractor()
        >>> record = ex("LONDON, May 2 (Reuters) - Shares rose 2 percent on Friday.")
    """

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or build_nlp(self.settings)

    def __call__(
        self,
        text: str,
        *,
        published: str | None = None,
        id: str | None = None,
        headline: str | None = None,
    ) -> ArticleRecord:
        """The record of one article given as text."""
        article = article_from_text(
            text, id=id, published=published, headline=headline, max_chars=self.settings.max_chars
        )
        return self.extract(article)

    def extract(self, article: Article) -> ArticleRecord:
        """The record of one Article; raises ExtractionError if the pipeline fails."""
        result = next(self.pipe_results([article]))
        if isinstance(result, InputFailure):
            raise result.error
        if isinstance(result, ExtractionError):
            raise result
        return result

    def pipe(
        self, articles: Iterable[Article | str | dict[str, Any]], *, batch_size: int = 32
    ) -> Iterator[ArticleRecord]:
        """Records of many articles, in order; raises on the first article that fails."""
        for result in self.pipe_results(articles, batch_size=batch_size):
            if isinstance(result, InputFailure):
                raise result.error
            if isinstance(result, ExtractionError):
                raise result
            yield result

    def pipe_results(
        self, articles: Iterable[Article | str | dict[str, Any]], *, batch_size: int = 32
    ) -> Iterator[ArticleRecord | ExtractionError | InputFailure]:
        """Like ``pipe``, but a failed article yields its error in its place and the rest go on."""
        batch: list[Article | InputFailure] = []
        for item in articles:
            batch.append(self._to_article(item))
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _to_article(self, item: Article | str | dict[str, Any] | InputFailure) -> Article | InputFailure:
        if isinstance(item, (Article, InputFailure)):
            return item
        try:
            if isinstance(item, str):
                return article_from_text(item, max_chars=self.settings.max_chars)
            if isinstance(item, dict):
                return article_from_text(
                    item.get("text", ""),
                    id=item.get("id"),
                    published=item.get("published"),
                    headline=item.get("headline"),
                    format="jsonl",
                    max_chars=self.settings.max_chars,
                )
        except InputError as exc:
            return InputFailure(exc, id=item.get("id") if isinstance(item, dict) else None, path=None)
        raise TypeError(f"cannot extract from a {type(item).__name__}")

    def make_doc(self, article: Article) -> Doc:
        """A tokenized Doc carrying what the caller knows about the article."""
        doc = self.nlp.make_doc(article.text)
        doc.user_data[TEXT_KEY] = article.text
        given: dict[str, Any] = {"headline": article.headline}
        if article.published:
            given.update(published=article.published, published_source="given")
        elif self.settings.published:
            given.update(published=self.settings.published, published_source="settings")
        doc._.set(EXT, {"given": given})
        return doc

    def _run_batch(
        self, batch: list[Article | InputFailure]
    ) -> Iterator[ArticleRecord | ExtractionError | InputFailure]:
        articles = [a for a in batch if isinstance(a, Article)]
        done: dict[int, ArticleRecord | ExtractionError] = {}
        try:
            docs = list(self.nlp.pipe(self.make_doc(a) for a in articles))
            for article, doc in zip(articles, docs, strict=True):
                done[id(article)] = build_record(doc, article)
        except Exception:
            done = {id(a): self._run_one(a) for a in articles}
        for item in batch:
            yield item if isinstance(item, InputFailure) else done[id(item)]

    def _run_one(self, article: Article) -> ArticleRecord | ExtractionError:
        try:
            doc = self.make_doc(article)
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            return build_record(doc, article)
        except Exception as exc:
            err = ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}", path=article.path)
            err.__cause__ = exc
            return err


@functools.lru_cache(maxsize=4)
def default_extractor(settings: Settings | None = None) -> Extractor:
    """One Extractor per process and settings."""
    return Extractor(settings)


def extract_text(
    text: str, *, published: str | None = None, id: str | None = None, headline: str | None = None
) -> ArticleRecord:
    """The article record of ``text``, with relative dates resolved against ``published``
    (or the date the article itself gives)."""
    return default_extractor()(text, published=published, id=id, headline=headline)

"""The nlp object (``spacy.blank("en")`` plus our components) and the Extractor."""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import factories  # noqa: F401  (registers the newsfacts_* factories)
from .build import build_record
from .errors import ExtractionError, InputError, TimeLimitError
from .readers import Article, InputFailure, article_from_text
from .records import ArticleRecord
from .settings import Settings
from .spans import ensure_extensions, set_doc_data
from .tokenizer import TOKENIZER_CONFIG

# Component of each kind of fact; quotations need entities for their speakers.
_COMPONENTS = {
    "entities": "newsfacts_entities",
    "dates": "newsfacts_dates",
    "figures": "newsfacts_figures",
    "quotations": "newsfacts_quotes",
}


def build_nlp(settings: Settings | None = None) -> Language:
    """``spacy.blank("en")`` with the newsfacts components for ``settings.kinds``."""
    settings = settings or Settings()
    ensure_extensions()
    nlp = spacy.blank("en", config=TOKENIZER_CONFIG)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    nlp.add_pipe("newsfacts_article")  # also sets the sentence boundaries (no sentencizer needed)
    kinds = set(settings.kinds)
    if "quotations" in kinds:
        kinds.add("entities")
    for kind in ("entities", "dates", "figures", "quotations"):
        if kind in kinds:
            config = {"conventions": settings.date_conventions} if kind == "dates" else {}
            nlp.add_pipe(_COMPONENTS[kind], config=config)
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
        self._warm_up_left = self.settings.warm_up_chars

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
        self, articles: Iterable[Article | str | dict[str, Any] | InputFailure], *, batch_size: int = 64
    ) -> Iterator[ArticleRecord | ExtractionError | InputFailure]:
        """Like ``pipe``, but a failed article yields its error in its place and the rest go on.

        Each article runs on its own under the time guard; every ``batch_size`` articles
        share one spaCy memory zone, so long runs stay flat in memory (after a warm-up:
        see ``Settings.warm_up_chars``)."""
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
        given: dict[str, Any] = {"headline": article.headline}
        if article.published:
            given.update(published=article.published, published_source="given")
        elif self.settings.published:
            given.update(published=self.settings.published, published_source="settings")
        if article.authors:
            given["authors"] = list(article.authors)
        if article.outlet:
            given["outlet"] = article.outlet
        data: dict[str, Any] = {"given": given, "text": article.text}
        if article.warnings:
            data["warnings"] = [{"code": c, "message": m, "start": None, "end": None} for c, m in article.warnings]
        set_doc_data(doc, data)
        return doc

    def _run_batch(
        self, batch: list[Article | InputFailure]
    ) -> Iterator[ArticleRecord | ExtractionError | InputFailure]:
        chars = sum(len(item.text) for item in batch if isinstance(item, Article))
        warm = 0 < chars <= self._warm_up_left and len(self.nlp.vocab) < self.settings.warm_up_lexemes
        with contextlib.nullcontext() if warm else self.nlp.memory_zone():
            results = [result for group in _stage_groups(batch) for result in self._extract_batch(group)]
        if warm:
            self._warm_up_left -= chars
        yield from results

    def _extract_batch(
        self, batch: list[Article | InputFailure]
    ) -> list[ArticleRecord | ExtractionError | InputFailure]:
        """The results of a batch, in order. Each stage (tokenizer, each component, the
        record) runs over the whole batch before the next one starts, so that a
        component's code and tables stay in the CPU's caches. Measured on news with the
        two orders taking turns in one process: as fast as article by article when the
        process has the machine to itself, 8-15% faster when every core is busy (two such
        processes on two cores, as ``--jobs`` runs them). An article that fails or runs
        out of time drops out alone; its time is counted across stages."""
        results: list[Any] = list(batch)
        live = {i: item for i, item in enumerate(batch) if isinstance(item, Article)}
        with _TimeGuard(self.settings.time_limit) as guard:
            docs = {i: guard.run(i, article, self.make_doc, article) for i, article in live.items()}
            stages = [proc for _, proc in self.nlp.pipeline]
            for proc in stages:
                docs = {i: guard.run(i, live[i], proc, doc) for i, doc in docs.items() if i not in guard.failed}
            for i, doc in docs.items():
                if i not in guard.failed:
                    results[i] = guard.run(
                        i, live[i], build_record, doc, live[i], include_text=self.settings.include_text
                    )
            for i, error in guard.failed.items():
                results[i] = error
        for doc in docs.values():
            if doc is not None:  # None: the article failed at that stage
                _release(doc)
        return results

    def _run_one(self, article: Article) -> ArticleRecord | ExtractionError:
        """One article through every stage (what ``_extract_batch`` does for a batch of one)."""
        return self._extract_batch([article])[0]


STAGE_GROUP_CHARS = 500_000
"""At most this many characters of articles (one article at least) go through the
stages together. Their Docs are all alive at once, and a Doc with its annotations takes
about 90 bytes per character (measured on news): a batch of huge articles runs them one
at a time, as ordinary articles' batches hold some 45 MB at most."""


def _release(doc: Doc) -> None:
    """Drop a finished Doc's annotations. Its spans point back to it (Doc -> span groups and
    ``user_data`` -> Span -> Doc), so without this every Doc is a reference cycle that
    only the garbage collector's passes over the whole heap free; with it, the Doc goes
    as soon as the batch lets go of it."""
    doc.user_data.clear()
    doc.spans.clear()


def _stage_groups(batch: list[Article | InputFailure]) -> Iterator[list[Article | InputFailure]]:
    """The batch in consecutive groups of at most ``STAGE_GROUP_CHARS`` characters."""
    group: list[Article | InputFailure] = []
    chars = 0
    for item in batch:
        size = len(item.text) if isinstance(item, Article) else 0
        if group and chars + size > STAGE_GROUP_CHARS:
            yield group
            group, chars = [], 0
        group.append(item)
        chars += size
    if group:
        yield group


class _TimeGuard:
    """Runs the stages of a batch's articles, each article with its own time budget
    (``seconds`` in all, across stages), and keeps the error of each article that
    failed. The budget is enforced by SIGALRM where signals work (the main thread of a
    Unix process); elsewhere articles run unguarded but failures are still caught."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.failed: dict[int, ExtractionError] = {}
        self._spent: dict[int, float] = {}
        self._armed = False
        self._article: Article | None = None
        self._previous: Any = None
        self._usable = (
            seconds is not None
            and seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )

    def __enter__(self) -> _TimeGuard:
        if self._usable:
            self._previous = signal.signal(signal.SIGALRM, self._expire)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def _expire(self, signum: int, frame: object) -> None:
        # a signal handled late, once the stage has ended, is ignored
        if self._armed:
            self._armed = False
            raise self._time_error()

    def _time_error(self) -> TimeLimitError:
        path = self._article.path if self._article else None
        return TimeLimitError(f"extraction took longer than {self.seconds:g} s; abandoned", path=path)

    def run(self, i: int, article: Article, stage: Any, *args: Any, **kwargs: Any) -> Any:
        """``stage(*args, **kwargs)`` for article ``i``; None, with the error kept in
        ``failed``, when it raises or the article's budget runs out."""
        t0 = time.perf_counter()
        try:
            if self._usable:
                left = self.seconds - self._spent.get(i, 0.0)  # type: ignore[operator]
                if left <= 0:
                    raise self._time_error()
                self._article = article
                self._armed = True
                signal.setitimer(signal.ITIMER_REAL, left)
            try:
                return stage(*args, **kwargs)
            finally:
                if self._usable:
                    self._armed = False
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except TimeLimitError as exc:
            self.failed[i] = exc
        except Exception as exc:
            err = ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}", path=article.path)
            err.__cause__ = exc
            self.failed[i] = err
        finally:
            self._spent[i] = self._spent.get(i, 0.0) + time.perf_counter() - t0
        return None


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

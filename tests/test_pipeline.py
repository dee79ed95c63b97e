"""The Extractor: memory zones and their warm-up; a batch run stage by stage."""

from __future__ import annotations

import signal
import time

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extract.errors import ExtractionError, TimeLimitError
from extract.pipeline import Extractor
from extract.records import ArticleRecord
from extract.settings import Settings

TEXTS = [
    "WELLINGTON, June 3 - Orchard exports rose 4 percent in May, the trade ministry said.",
    "Kiwifruit growers in Te Puke expect a record harvest, Anna Brightwater said on Tuesday.",
    "The port handled 1.2 million containers last year, up from 1.1 million in 2023.",
]


def _known(ex: Extractor, word: str) -> bool:
    return word in ex.nlp.vocab.strings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(published="2025-06-04")


def test_words_of_the_warm_up_stay_in_the_vocabulary(settings: Settings) -> None:
    ex = Extractor(settings)
    list(ex.pipe(TEXTS[:1]))
    assert _known(ex, "Orchard")


def test_after_the_warm_up_new_words_are_forgotten_with_their_zone(settings: Settings) -> None:
    ex = Extractor(settings.with_(warm_up_chars=len(TEXTS[0])))
    list(ex.pipe(TEXTS[:1]))
    list(ex.pipe(TEXTS[1:2]))
    assert _known(ex, "Orchard")
    assert not _known(ex, "Kiwifruit")


def test_no_warm_up_keeps_nothing(settings: Settings) -> None:
    ex = Extractor(settings.with_(warm_up_chars=0))
    list(ex.pipe(TEXTS[:1]))
    assert not _known(ex, "Orchard")


def test_a_full_vocabulary_ends_the_warm_up(settings: Settings) -> None:
    ex = Extractor(settings.with_(warm_up_lexemes=1))
    list(ex.pipe(TEXTS[:1]))
    assert not _known(ex, "Orchard")


def test_a_batch_larger_than_what_is_left_runs_in_a_zone_and_the_warm_up_goes_on(settings: Settings) -> None:
    ex = Extractor(settings.with_(warm_up_chars=len(TEXTS[2]) + 5))
    list(ex.pipe(TEXTS[:2], batch_size=2))  # more than the budget: in a zone
    list(ex.pipe(TEXTS[2:]))  # fits: warm
    assert not _known(ex, "Kiwifruit")
    assert _known(ex, "containers")


def test_records_do_not_depend_on_the_warm_up(settings: Settings) -> None:
    warm = [r.to_json() for r in Extractor(settings).pipe(TEXTS, batch_size=1)]
    cold = [r.to_json() for r in Extractor(settings.with_(warm_up_chars=0)).pipe(TEXTS, batch_size=1)]
    half = [r.to_json() for r in Extractor(settings.with_(warm_up_chars=len(TEXTS[0]))).pipe(TEXTS, batch_size=1)]
    assert warm == cold == half


# --- stage by stage over a batch: failures and time budgets stay with their article ---

_SLEEP = 0.15


@Language.component("test_boom_or_sleep")
def _boom_or_sleep(doc: Doc) -> Doc:
    """Raises on an article that says BOOM; sleeps on one that says SLOW."""
    if "BOOM" in doc.text:
        raise RuntimeError("boom")
    if "SLOW" in doc.text:
        time.sleep(_SLEEP)
    return doc


def _with_test_stages(settings: Settings, stages: int = 1) -> Extractor:
    ex = Extractor(settings)
    for k in range(stages):
        ex.nlp.add_pipe("test_boom_or_sleep", name=f"test_stage_{k}")
    return ex


def test_a_failing_article_drops_out_of_its_batch_alone(settings: Settings) -> None:
    items = [{"id": f"a{n}", "text": t} for n, t in enumerate([*TEXTS[:2], "The BOOM article.", TEXTS[2]])]
    alone = [next(Extractor(settings).pipe_results([item])) for item in items]
    results = list(_with_test_stages(settings).pipe_results(items, batch_size=4))
    assert isinstance(results[2], ExtractionError) and "RuntimeError: boom" in str(results[2])
    for n in (0, 1, 3):
        assert isinstance(results[n], ArticleRecord) and results[n].to_json() == alone[n].to_json()


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the time guard needs setitimer")
def test_the_time_budget_counts_every_stage_of_an_article(settings: Settings) -> None:
    # two stages of 0.15 s each: within 0.25 s apiece, over it together
    ex = _with_test_stages(settings.with_(time_limit=0.25), stages=2)
    items = [TEXTS[0], "A SLOW article about exports.", TEXTS[1]]
    results = list(ex.pipe_results(items, batch_size=3))
    assert isinstance(results[1], TimeLimitError)
    assert "longer than 0.25 s" in str(results[1])
    assert all(isinstance(r, ArticleRecord) for r in (results[0], results[2]))


def test_no_time_limit_lets_a_slow_article_finish(settings: Settings) -> None:
    ex = _with_test_stages(settings.with_(time_limit=None), stages=2)
    (record,) = ex.pipe_results(["A SLOW article about exports."])
    assert isinstance(record, ArticleRecord)


_CALLS: list[str] = []


@Language.component("test_log_calls")
def _log_calls(doc: Doc) -> Doc:
    """Notes the first word of each article it sees."""
    _CALLS.append(doc.text.split()[0])
    return doc


def test_a_batch_goes_through_the_stages_in_groups_of_bounded_size(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "STAGE_GROUP_CHARS", 25)
    ex = Extractor(settings)
    ex.nlp.add_pipe("test_log_calls", name="log_a")
    ex.nlp.add_pipe("test_log_calls", name="log_b")
    _CALLS.clear()
    # 10 + 10 characters fit one group; the third article starts the next; the fourth,
    # longer than a group alone, makes a group of its own
    items = ["Alpha ran.", "Bravo ran.", "Charlie ran.", "Delta ran far, far away from here."]
    results = list(ex.pipe_results(items, batch_size=4))
    assert all(isinstance(r, ArticleRecord) for r in results)
    assert _CALLS == ["Alpha", "Bravo", "Alpha", "Bravo", "Charlie", "Charlie", "Delta", "Delta"]


def test_finished_docs_are_freed_without_the_garbage_collector(settings: Settings) -> None:
    """A Doc's spans point back to it; the batch drops its annotations once the record is
    built, so that the Doc goes when the batch lets go of it, not at a full collection."""
    import gc

    ex = Extractor(settings)
    list(ex.pipe_results(TEXTS))  # loads what loads on first use
    gc.collect()
    before = sum(isinstance(o, Doc) for o in gc.get_objects())
    gc.disable()
    try:
        results = list(ex.pipe_results(TEXTS * 3, batch_size=4))
        after = sum(isinstance(o, Doc) for o in gc.get_objects())
    finally:
        gc.enable()
    assert all(isinstance(r, ArticleRecord) for r in results)
    assert results[0].entities and results[0].quotations  # built before the Docs were emptied
    assert after == before

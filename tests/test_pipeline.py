"""The Extractor's memory zones and their warm-up."""

from __future__ import annotations

import pytest

from extract.pipeline import Extractor
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

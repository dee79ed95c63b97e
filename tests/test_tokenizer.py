"""The tokenizer: news splits, whitespace rules, and the guard against long runs."""

from __future__ import annotations

import pytest
import spacy

from extract.tokenizer import MAX_RUN


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("HK$5 billion", ["HK$", "5", "billion"]),
        ("1.5bn euros", ["1.5", "bn", "euros"]),
        ("4.7pc of GDP", ["4.7", "pc", "of", "GDP"]),
        ("at 04:17am EDT", ["at", "04:17", "am", "EDT"]),
        ("Rs125 crore", ["Rs", "125", "crore"]),
        ("20-25 billion", ["20", "-", "25", "billion"]),
    ],
)
def test_tokenizer_news_splits(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_tokenizer_whitespace_as_spacy_does(nlp):
    """Dropping spaCy's whitespace exceptions (for speed) leaves the tokens as they were."""
    plain = spacy.blank("en")
    text = "A  double\tspace\n\n and \u00a0nbsp :) <3 ' '' ’ — end.\nNext  line"
    ours = [(t.text, t.whitespace_, t.is_space) for t in nlp.make_doc(text)]
    theirs = [(t.text, t.whitespace_, t.is_space) for t in plain.make_doc(text)]
    assert ours == theirs


@pytest.mark.parametrize("run", ['"' * 5000, "“‘«»’”" * 1000, "1," * 3000, "x" * 10_000, "-–—" * 2000])
def test_tokenizer_long_runs_keep_the_text(nlp, run):
    text = f"Before {run} after."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert doc[0].text == "Before" and doc[-1].text == "." and doc[-2].text == "after"
    assert all(len(t) <= max(MAX_RUN, 100) for t in doc)


_SPECIALS = (
    "Mr. Okafor of Acme Inc., who joined the U.S. unit in Jan. 2020, said he's sure it'll "
    'work: "We can\'t wait," he said at 3 p.m. E-mail: a@b.io; 1.5bn euros (HK$5).'
)


def test_tokenizer_priming_leaves_the_tokens_as_they_were():
    """Chunks are tokenized on their own first so that spaCy caches them; the tokens of
    every text, cached or not, are those of spaCy's tokenizer with the same rules."""
    from extract.tokenizer import news_tokenizer

    primed = news_tokenizer(spacy.blank("en"))
    unprimed = news_tokenizer(spacy.blank("en"))
    unprimed._primed = None
    for text in (_SPECIALS, _SPECIALS.upper(), _SPECIALS + " " + _SPECIALS[::-1], _SPECIALS):
        ours = [(t.text, t.whitespace_, t.norm_) for t in primed(text)]
        assert ours == [(t.text, t.whitespace_, t.norm_) for t in unprimed(text)]


def test_tokenizer_priming_ends_at_the_first_memory_zone():
    from extract.tokenizer import news_tokenizer

    nlp = spacy.blank("en")
    nlp.tokenizer = news_tokenizer(nlp)
    nlp.make_doc("Outside words.")
    assert "words." in nlp.tokenizer._primed
    with nlp.memory_zone():
        nlp.make_doc("Zoned phrase here.")
    assert nlp.tokenizer._primed is None  # the warm-up is over

"""The tokenizer: spaCy's English rules, tuned for news and guarded against runaway input."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

MAX_RUN = 300
"""Longest run of non-space characters handed to spaCy's tokenizer as it is: spaCy
strips prefixes and suffixes one at a time, so a run of n punctuation marks costs
O(n^2) (100,000 quote marks take minutes). Longer runs are split here, linearly."""

CACHE_CHUNKS = 100_000
"""Chunks between spaces whose tokens spaCy's tokenizer keeps (spaCy's default: 10,000,
fewer than the distinct chunks of a few hundred news articles); about 8 MB when full."""

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_HAS_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1}}}")
"""Whether a long run exists: the same answer as ``_LONG_RUN``, and Python's regex engine
finds no run about twice as fast without the open end (measured: 27 -> 16 us on an
ordinary 1,500-character article)."""
_RUN_PIECES = re.compile(r"\w{1,100}|\W")


def news_tokenizer(nlp: Language) -> GuardedTokenizer:
    """spaCy's tokenizer for ``nlp``'s language, built once with the news splits
    ("HK$5" -> "HK$", "5"; "1.5bn" -> "1.5", "bn"; "4.7pc"; "04:17am"; "Rs125"),
    without the whitespace exceptions, and guarded against very long runs."""
    defaults = nlp.Defaults
    prefixes = [r"(?:[A-Z]{1,3})?\$(?=[0-9])", r"(?:Rs|INR|USD|EUR|CNY|RMB)\.?(?=[0-9])", *defaults.prefixes]
    suffixes = [
        r"(?<=[0-9])(?:bn|mn|mln|bln|tn|trn|trln|pc|pct|am|pm|k|m|b|cr|[Mm]illion|[Bb]illion|[Tt]rillion)",
        r"(?<=[0-9])[%‰]",
        *defaults.suffixes,
    ]
    infixes = [r"(?<=[0-9])[-–—](?=[0-9A-Za-z])", r"(?<=[A-Za-z])[–—](?=[A-Za-z0-9])", *defaults.infixes]
    # spaCy's English exceptions include the bare whitespace strings " ", "\t", "\n" and
    # "\xa0". They change nothing but the NORM of "\xa0", yet their presence sends
    # every document through the special-case matcher: tokenizing takes about four
    # times as long. Whitespace still becomes the same tokens without them.
    rules = {k: v for k, v in defaults.tokenizer_exceptions.items() if not k.isspace()}
    # Built in one call: setting prefix_search & co. one by one on a Tokenizer reloads
    # its special cases each time, which costs start-up time.
    tokenizer = Tokenizer(
        nlp.vocab,
        max_cache_size=CACHE_CHUNKS,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
    return GuardedTokenizer(tokenizer)


@registry.tokenizers("newsfacts.Tokenizer.v1")
def create_news_tokenizer() -> Callable[[Language], GuardedTokenizer]:
    """The registered tokenizer factory: ``spacy.blank("en", config=TOKENIZER_CONFIG)``."""
    return news_tokenizer


TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "newsfacts.Tokenizer.v1"}}}


def customize_tokenizer(nlp: Language) -> None:
    """Give an existing pipeline the newsfacts tokenizer."""
    nlp.tokenizer = news_tokenizer(nlp)


class GuardedTokenizer:
    """spaCy's tokenizer, except that runs longer than ``MAX_RUN`` non-space characters
    are cut into word pieces and single symbols by one linear regex pass. The Doc's
    text is always exactly the input text."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self._primed: set[str] | None = set()

    def __call__(self, text: str) -> Doc:
        if self._primed is not None:
            if self.vocab.in_memory_zone:
                self._primed = None  # the warm-up is over: spaCy caches nothing in a zone
            else:
                self._prime(text)
        if len(text) <= MAX_RUN or not _HAS_LONG_RUN.search(text):
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            self._add(text[pos : m.start()], words, spaces)
            for piece in _RUN_PIECES.finditer(m.group()):
                words.append(piece.group())
                spaces.append(False)
            pos = m.end()
        self._add(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _prime(self, text: str) -> None:
        """Tokenize each chunk between spaces that is new here on its own first, so that
        spaCy's cache holds it: spaCy caches no chunk of a text after the text's first
        special case ("U.S.", "don't": the flag stays set for the rest of the text), and
        nothing inside a memory zone, so most chunks of news were tokenized from scratch
        every time. The tokens are the same. Stops once the cache is full or at the
        first text inside a memory zone."""
        primed = self._primed
        assert primed is not None
        tokenize = self.tokenizer
        for chunk in set(text.split()):
            if chunk not in primed and len(chunk) <= MAX_RUN:
                primed.add(chunk)
                tokenize(chunk)
        if len(primed) >= self.tokenizer.max_cache_size:
            self._primed = None

    def _add(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if not segment:
            return
        # a single space right after the previous token is its trailing whitespace
        if words and not spaces[-1] and segment.startswith(" ") and not segment[1:2].isspace():
            spaces[-1] = True
            segment = segment[1:]
            if not segment:
                return
        for token in self.tokenizer(segment):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)

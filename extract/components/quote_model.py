"""What the quotes component works on: token arrays, cue and candidate records,
speaker records, and the closed word classes its rules share.

Kept apart from ``quotes.py`` so that cue analysis (``quote_cues.py``) and speaker
resolution (``quote_speakers.py``) can share them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from .quote_lexicon import CueWord
from .quote_marks import MarkedQuote, append_trimmed

_MAX_CUES_PER_SENTENCE = 40
_MAX_NP = 16
_BOUNDARY = frozenset({",", ";", ":", "(", "—", "–", "--", ".", "!", "?", "…", "|"})
_QUOTE_CHARS = frozenset("\"“”„«»'‘’")
_SENT_END = frozenset({".", "!", "?"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "some",
     "any", "no", "every", "each", "'s", "’s", "such", "another", "other", "many", "several", "both"}
)  # fmt: skip
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_CONJUNCTIONS = frozenset({"and", "but", "or"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "there", "this", "you"})
_FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})
_HISTORY = 40  # how far back speakers are searched (keeps long documents linear)
_MODALS = frozenset({"can", "could", "may", "might", "will", "would", "should", "must", "shall"})
_CLAUSE_STOPS = frozenset({";", ",", "and", "but", "or", "according"})  # words that may end a reported clause
_TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "by", "from", "until", "before", "after"})
_PRONOUN_SECTIONS = {
    "pronouns_male": "male",
    "pronouns_female": "female",
    "pronouns_singular_neuter": "neuter",
    "pronouns_plural": "plural",
}


@dataclass(slots=True)
class _Cue:
    """A cue and what its analysis found around it (token indices)."""

    i: int
    j: int
    word: CueWord
    lo: int
    hi: int
    in_quote: bool = False
    subject: tuple[int, int] | None = None
    side: str | None = None  # left, right, participle, coordinated, relative
    governor: _Cue | None = None
    complement: tuple[int, int] | None = None  # token range of the reported clause
    comp_kind: str | None = None  # that, bare, to, np, quote
    negated: bool = False
    modal: bool = False  # "residents can expect delays": the writer's prediction
    takes_object: bool = False  # a noun-like cue read as a verb before its object ("Acme forecast revenue of")
    rejected: bool = False
    consumed: bool = False
    appositive: tuple[int, int] | None = None
    addressee: tuple[int, int] | None = None

    def speaker_cue(self) -> _Cue | None:
        """The cue whose subject is this cue's speaker (itself, or the one it continues)."""
        cue: _Cue | None = self
        for _ in range(8):
            if cue is None or cue.side not in ("participle", "coordinated"):
                return cue
            if cue.governor is None and cue.subject is not None:
                return cue  # continues a sentence whose subject was read off its start
            cue = cue.governor
        return None


@dataclass(slots=True)
class _Candidate:
    kind: str
    parts: list[tuple[int, int]]
    rule: str
    cue: _Cue | None = None
    speaker_np: tuple[int, int] | None = None  # token range
    text: str | None = None
    inherit: bool = False
    headline: bool = False
    speaker_text_override: str | None = None
    marked: MarkedQuote | None = None


@dataclass(slots=True)
class _Speaker:
    entity: str | None
    text: str | None
    mention: tuple[int, int] | None
    person: bool | None = False  # None: not known (a lone capitalized word)
    at: int = -1  # where the speaker was last attributed
    pending: str | None = None  # an unresolved "the <role>": the role word
    plural: bool = False
    np_text: str = ""
    is_data: bool = False
    gender: str | None = None


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    entity: str
    kind: str
    label: str


class _Tokens:
    """Cheap token access over numpy arrays of the doc (no Token objects): ``starts``,
    ``ends``, ``lows`` (lower-cased words), ``spaces`` (whitespace tokens), sentence
    starts. ``lows`` and ``spaces`` carry two empty entries at the end, so that indices
    -2..n+1 read as "no token"; the hot loops index them directly."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self.n = len(doc)
        if self.n:
            arr = doc.to_array([IDX, LENGTH, SENT_START, IS_SPACE]).view(np.int64)
            starts = arr[:, 0]
            self.starts: list[int] = starts.tolist()
            self.ends: list[int] = (starts + arr[:, 1]).tolist()
            sents = (arr[:, 2] == 1).nonzero()[0].tolist()
            self.space_tokens: list[int] = arr[:, 3].nonzero()[0].tolist()
        else:
            self.starts, self.ends, sents, self.space_tokens = [], [], [], []
        if not sents or sents[0] != 0:
            sents.insert(0, 0)
        self.sent_starts: list[int] = sents
        lowered = text.lower()
        if len(lowered) == len(text):
            self.lows = [lowered[s:e] for s, e in zip(self.starts, self.ends, strict=True)]
        else:  # a few characters change length when lowered ("İ")
            self.lows = [text[s:e].lower() for s, e in zip(self.starts, self.ends, strict=True)]
        self.lows += ["", ""]
        self.spaces = [False] * (self.n + 2)
        for i in self.space_tokens:
            self.spaces[i] = True

    def word(self, i: int) -> str:
        if 0 <= i < self.n:
            return self.text[self.starts[i] : self.ends[i]]
        return ""

    def sentence(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sent_starts, i) - 1
        lo = self.sent_starts[k]
        hi = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else self.n
        return lo, hi

    def at(self, char: int) -> int:
        """The token that contains ``char`` (or the one before it)."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def from_char(self, char: int) -> int:
        """The first token that starts at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph ranges: the breaks are whitespace tokens with a newline that are
        followed by a sentence start (set by the article component)."""
        out: list[tuple[int, int]] = []
        text = self.text
        pos = 0
        starts = set(self.sent_starts)
        for i in self.space_tokens:
            if "\n" in self.lows[i] and i + 1 in starts:
                append_trimmed(text, pos, self.starts[i], out)
                pos = self.ends[i]
        append_trimmed(text, pos, len(text), out)
        return out

    def is_acronym(self, i: int) -> bool:
        """Whether token ``i`` is written in capitals, two or more ("WHO", not "who")."""
        word = self.word(i)
        return word.isupper() and len(word) > 1

    def is_cap(self, i: int) -> bool:
        if not 0 <= i < self.n:
            return False
        ch = self.text[self.starts[i]]
        return ch.isupper() or (ch.isdigit() and i > 0 and self.text[self.starts[i - 1]].isupper())

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character range of tokens [a, b)."""
        return self.starts[a], self.ends[b - 1]

    def span(self, start: int, end: int, label: str) -> Span | None:
        """The span of the characters [start, end), widened to whole tokens
        (``make_span`` without its values; cheaper where the range is token-aligned)."""
        a = bisect.bisect_left(self.starts, start)
        if a < self.n and self.starts[a] == start:
            b = bisect.bisect_left(self.ends, end, a)
            if b < self.n and self.ends[b] == end:
                return Span(self.doc, a, b + 1, label=label)
        span = self.doc.char_span(start, end, label=label, alignment_mode="expand")
        return span if span is not None and len(span) else None


_NAME_LINKS = frozenset(
    {"of", "for", "and", "bin", "bint", "al", "de", "van", "von", "der", "da", "di", "le", "la", "-"}
)
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_ANY_QUOTE_MARK = re.compile("[\"“”„«»‘]|(?:^|\\s)'")
_DATELINE_TAIL = re.compile(r"[\s\-–—:]*")
_PERSON_LINKS = frozenset({"bin", "bint", "al", "de", "van", "von", "der", "da", "di", "le", "la", "-"})
_ORG_LINKS = frozenset({"of", "for", "and", "the", "-", "&"})
_RELATIVES = frozenset({"who", "which", "that", "whose"})
# Adjectives that follow the head of a source's description ("an aide familiar with ...").
_POSTMODIFIERS = frozenset({"familiar", "close", "involved", "briefed", "knowledgeable", "speaking"})


def _copy_inherited(sp: _Speaker) -> _Speaker:
    return _Speaker(sp.entity, sp.text, None, person=sp.person, plural=sp.plural, np_text=sp.np_text,
                    is_data=sp.is_data, gender=sp.gender)  # fmt: skip


def _words(text: str, start: int = 0, end: int | None = None, cap: int = 1 << 30) -> int:
    """The number of words in ``text[start:end]``, counted up to ``cap`` (the rules only
    compare it with small numbers, and a quote may be long)."""
    n = 0
    for _ in _WORD.finditer(text, start, len(text) if end is None else end):
        n += 1
        if n >= cap:
            break
    return n


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _word_count(text: str, parts: list[tuple[int, int]], cap: int) -> int:
    """The number of words in the parts, counted up to ``cap``."""
    n = 0
    for s, e in parts:
        n += _words(text, s, e, cap - n)
        if n >= cap:
            break
    return n

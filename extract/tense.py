"""The tense of the clause around a time expression, from word lists over the tokens.

There is no tagger: a clause is past or future by the nearest marker ("said", "-ed"
verbs, "ago" vs "will", "is expected to", "next"), strong markers before weak ones,
markers in the expression's clause before the rest of its sentence.
"""

from __future__ import annotations

import bisect
import operator
from itertools import compress
from typing import Any

from .tokenarrays import LENGTH_COL, LOWER_COL, START_COL, SUFFIX_COL, TokenArrays

_TENSE_TOKENS = 20  # tokens read on each side of an expression for its tense


_BOUND, _FUTURE, _PAST, _PHRASE, _WEAK_EXCEPTION, _PARTICIPLE_BEFORE, _MAY, _DEADLINE, _BEFORE, _REPORTING, _SINCE = (
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024,
)  # fmt: skip


class TenseRules:
    """Word lists that mark the tense of a clause (``tense`` in dates_words.json), as one
    table from the vocabulary's hash of a lower-cased word to its classes (bit flags), so
    that a token costs one lookup."""

    def __init__(self, words: dict[str, Any], strings: Any) -> None:
        tense = words["tense"]
        self.classes: dict[int, int] = {}

        def mark(items: list[str], flag: int) -> None:
            for word in items:
                h = strings.add(word)
                self.classes[h] = self.classes.get(h, 0) | flag

        mark(tense["clause_words"] + tense["clause_marks"], _BOUND)
        mark(tense["future_words"], _FUTURE)
        mark(tense["past_words"], _PAST)
        mark(tense["weak_past_exceptions"], _WEAK_EXCEPTION)
        mark(tense["participle_before"], _PARTICIPLE_BEFORE)
        mark(["may"], _MAY)
        mark(["by", "until", "till"], _DEADLINE)
        mark(["before"], _BEFORE)
        mark(["since"], _SINCE)
        mark(tense["reporting_words"], _REPORTING)
        self.phrases: dict[tuple[int, int], list[tuple[int, ...]]] = {}  # first two words -> the rest
        for phrase in tense["future_phrases"]:
            parts = tuple(strings.add(w) for w in phrase.split())
            self.phrases.setdefault(parts[:2], []).append(parts[2:])
        mark([phrase.split()[0] for phrase in tense["future_phrases"]], _PHRASE)
        self.ed_suffixes = frozenset(strings.add(f"{c}ed") for c in "abcdefghijklmnopqrstuvwxyz")
        self.yet = strings.add("yet")


class Tense:
    """Tense lookups for one document, from its tokens.

    A marker is (start char, end char, tense, strong, a verb of saying); bounds are the start characters of
    clause boundaries (commas, "that", "and", ...). Each sentence is read once; an
    expression looks at the markers within ``_TENSE_TOKENS`` tokens of it."""

    def __init__(self, rules: TenseRules, text: str, tokens: TokenArrays) -> None:
        self.rules = rules
        self.text = text
        self.tokens = tokens
        self.token_starts = tokens.column(START_COL)
        self.sentence_starts = tokens.sentence_starts
        self._cache: dict[int, tuple[list[tuple[int, int, str, bool, bool]], list[int], list[int]]] = {}

    def _sentence(self, s: int) -> tuple[list[tuple[int, int, str, bool, bool]], list[int], list[int]]:
        """Markers (with their start characters, for bisecting) and bounds of sentence ``s``."""
        cached = self._cache.get(s)
        if cached is not None:
            return cached
        rules, text, tokens = self.rules, self.text, self.tokens
        lower, start_of, length_of = tokens.column(LOWER_COL), self.token_starts, tokens.column(LENGTH_COL)
        classes, ed_suffixes = rules.classes, rules.ed_suffixes
        first = self.sentence_starts[s] if s >= 0 else 0
        last = self.sentence_starts[s + 1] if s + 1 < len(self.sentence_starts) else len(lower)
        # the SUFFIX column of this sentence alone (suffixes[j - first] is token j's): the
        # rest of the document is never read here
        suffixes = tokens.arr[first:last, SUFFIX_COL].tolist()
        markers: list[tuple[int, int, str, bool, bool]] = []
        bounds: list[int] = []
        read_until = first
        # only the tokens of a word class or with an "-ed" ending can mark anything; they
        # are picked in C (compress, map): no Python step per token
        in_class = map(classes.__contains__, lower[first:last])
        with_ed = map(ed_suffixes.__contains__, suffixes)
        for j in compress(range(first, last), map(operator.or_, in_class, with_ed)):
            if j < read_until:
                continue  # inside a phrase already read
            low = lower[j]
            cls = classes.get(low, 0)
            start = start_of[j]
            ed = suffixes[j - first] in ed_suffixes
            if cls == _BOUND and not ed:
                bounds.append(start)  # most hits: a comma, "and", "that" ... and nothing more
                continue
            length = length_of[j]
            if cls & _BOUND:
                bounds.append(start)
            if cls & _PHRASE and j + 1 < last:
                rests = rules.phrases.get((low, lower[j + 1]))
                phrase_end = _phrase_at(lower, j + 2, last, rests) if rests else 0
                if phrase_end:
                    markers.append((start, start_of[phrase_end - 1] + length_of[phrase_end - 1], "future", True, False))
                    read_until = phrase_end
                    continue
            if cls & _FUTURE or (cls & _MAY and text[start] == "m"):  # "may", not "May"
                markers.append((start, start + length, "future", True, False))
            elif (cls & _PAST or (length > 3 and not cls & _WEAK_EXCEPTION and ed)) and (
                j == first or not classes.get(lower[j - 1], 0) & _PARTICIPLE_BEFORE
            ):  # after "be"/"to" a past form is a participle ("will be held"), not a tense
                if j > first and lower[j - 1] == rules.yet:
                    # "have not yet felt the April increases": what has not happened yet is ahead
                    markers.append((start, start + length, "future", True, False))
                else:
                    markers.append((start, start + length, "past", bool(cls & _PAST), bool(cls & _REPORTING)))
        result = (markers, [m[0] for m in markers], bounds)
        self._cache[s] = result
        return result

    def boundary_between(self, start: int, end: int) -> bool:
        """Whether a clause boundary lies between two character positions of a sentence."""
        near = bisect.bisect_right(self.token_starts, end) - 1
        bounds = self._sentence(bisect.bisect_right(self.sentence_starts, near) - 1)[2]
        i = bisect.bisect_left(bounds, start)
        return i < len(bounds) and bounds[i] < end

    def at(self, start: int, end: int) -> str | None:
        """ "past", "future" or None for the expression at [start, end): the tense of the
        nearest marker in its clause (strong forms first), else in its sentence. A
        deadline ("by June", "until Friday", "before July") is future unless its clause
        is in the past; a start after "since" is past."""
        near = bisect.bisect_right(self.token_starts, start) - 1
        s = bisect.bisect_right(self.sentence_starts, near) - 1
        markers, starts, bounds = self._sentence(s)
        s_start = self.token_starts[self.sentence_starts[s]] if s >= 0 and self.token_starts else 0
        i = bisect.bisect_right(bounds, start)
        lo = bounds[i - 1] if i > 0 else s_start
        j = bisect.bisect_left(bounds, end)
        hi = bounds[j] if j < len(bounds) else len(self.text)
        starts_ = self.token_starts
        w_lo = starts_[max(0, near - _TENSE_TOKENS)]
        w_hi = starts_[min(len(starts_) - 1, near + _TENSE_TOKENS)]
        best: tuple[int, int] | None = None
        best_tense = None
        past_in_clause = False  # a strong past marker in the clause
        any_past_in_clause = False
        for k in range(bisect.bisect_left(starts, w_lo), bisect.bisect_right(starts, w_hi)):
            m_start, m_end, tense, strong, reporting = markers[k]
            if m_end <= start:
                distance = start - m_end
            elif m_start >= end:
                distance = m_start - end
            else:
                continue
            in_clause = lo <= m_start < hi
            if reporting and not in_clause:
                continue  # "X said Monday, ... before the August recess": "said" frames the report
            if in_clause and tense == "past":
                any_past_in_clause = True
                past_in_clause = past_in_clause or strong
            key = ((0 if in_clause else 2) + (0 if strong else 1), distance)
            if best is None or key < best:
                best, best_tense = key, tense
        before = self._classes_before(near)
        if before & _SINCE:
            return "past"  # "has cut rates six times since June": a start in the past
        if (before & _DEADLINE and not past_in_clause) or (before & _BEFORE and not any_past_in_clause):
            return "future"
        return best_tense

    def _classes_before(self, near: int) -> int:
        """The word classes of the word before token ``near`` ("by", "until", "before" ...)."""
        k = near - 1
        while k >= 0 and self.text[self.token_starts[k]].isspace():
            k -= 1
        return self.rules.classes.get(self.tokens.column(LOWER_COL)[k], 0) if k >= 0 else 0


def _phrase_at(lower: list[int], j: int, last: int, rests: list[tuple[int, ...]]) -> int:
    """The token index after the rest of a phrase (word hashes) from token ``j``, or 0."""
    for rest in rests:
        n = len(rest)
        if j + n <= last and all(lower[j + k] == rest[k] for k in range(n)):
            return j + n
    return 0

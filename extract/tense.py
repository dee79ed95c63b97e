"""The tense of the clause around a time expression, from word lists over the tokens.

There is no tagger: a clause is past or future by the nearest marker ("said", "-ed"
verbs, "ago" vs "will", "is expected to", "next"), strong markers before weak ones,
markers in the expression's clause before the rest of its sentence.
"""

from __future__ import annotations

import bisect
from typing import Any

_TENSE_TOKENS = 20  # tokens read on each side of an expression for its tense


class TenseRules:
    """Word lists that mark the tense of a clause (``tense`` in dates_words.json), as the
    vocabulary's hashes of lower-cased words, so that tokens are checked without strings."""

    def __init__(self, words: dict[str, Any], strings: Any) -> None:
        tense = words["tense"]

        def hashes(items: list[str]) -> frozenset[int]:
            return frozenset(strings.add(w) for w in items)

        self.future = hashes(tense["future_words"])
        self.may = strings.add("may")
        self.phrases: dict[int, list[tuple[int, ...]]] = {}
        for phrase in tense["future_phrases"]:
            parts = tuple(strings.add(w) for w in phrase.split())
            self.phrases.setdefault(parts[0], []).append(parts)
        self.past = hashes(tense["past_words"])
        self.weak_exceptions = hashes(tense["weak_past_exceptions"])
        self.participle_before = hashes(tense["participle_before"])
        self.bounds = hashes(tense["clause_words"] + tense["clause_marks"])
        self.ed_suffixes = hashes([f"{c}ed" for c in "abcdefghijklmnopqrstuvwxyz"])


class Tense:
    """Tense lookups for one document, from its tokens.

    A marker is (start char, end char, tense, strong); bounds are the start characters of
    clause boundaries (commas, "that", "and", ...). Only the tokens of the expression's
    sentence within ``_TENSE_TOKENS`` of it are read."""

    def __init__(self, rules: TenseRules, text: str, rows: list[list[int]], sentence_starts: list[int]) -> None:
        self.rules = rules
        self.text = text
        self.rows = rows  # token rows: LOWER, SHAPE, IDX, SENT_START, LENGTH, SUFFIX
        self.token_starts = [row[2] for row in rows]
        self.sentence_starts = sentence_starts  # first token of each sentence
        self._cache: dict[tuple[int, int], tuple[list[tuple[int, int, str, bool]], list[int], int]] = {}

    def _window(self, pos: int) -> tuple[list[tuple[int, int, str, bool]], list[int], int]:
        """Markers, bounds and the sentence start (char) around character ``pos``."""
        near = bisect.bisect_right(self.token_starts, pos) - 1
        s = bisect.bisect_right(self.sentence_starts, near) - 1
        sent_first = self.sentence_starts[s] if s >= 0 else 0
        sent_end = self.sentence_starts[s + 1] if s + 1 < len(self.sentence_starts) else len(self.rows)
        first, last = max(sent_first, near - _TENSE_TOKENS), min(sent_end, near + _TENSE_TOKENS)
        cached = self._cache.get((first, last))
        if cached is not None:
            return cached
        rules, text, rows = self.rules, self.text, self.rows
        markers: list[tuple[int, int, str, bool]] = []
        bounds: list[int] = []
        j = first
        while j < last:
            low, _, start, _, length, suffix = rows[j]
            if low in rules.bounds:
                bounds.append(start)
            phrases = rules.phrases.get(low)
            phrase_end = _phrase_at(rows, j, last, phrases) if phrases else 0
            if phrase_end:
                end_row = rows[phrase_end - 1]
                markers.append((start, end_row[2] + end_row[4], "future", True))
                j = phrase_end
                continue
            past = low in rules.past or (
                suffix in rules.ed_suffixes and length > 3 and low not in rules.weak_exceptions
            )
            if low in rules.future or (low == rules.may and text[start] == "m"):  # "may", not "May"
                markers.append((start, start + length, "future", True))
            elif past and (j == first or rows[j - 1][0] not in rules.participle_before):
                # after "be"/"to" a past form is a participle ("will be held"), not a tense
                markers.append((start, start + length, "past", low in rules.past))
            j += 1
        result = (markers, bounds, self.rows[sent_first][2] if self.rows else 0)
        self._cache[(first, last)] = result
        return result

    def boundary_between(self, start: int, end: int) -> bool:
        """Whether a clause boundary lies between two character positions."""
        bounds = self._window(end)[1]
        i = bisect.bisect_left(bounds, start)
        return i < len(bounds) and bounds[i] < end

    def at(self, start: int, end: int, before: str) -> str | None:
        """ "past", "future" or None for the expression at [start, end): the tense of the
        nearest marker in its clause (strong forms first), else in its sentence. A
        deadline ("by June", "until Friday") is future unless its clause is in the past."""
        markers, bounds, s_start = self._window(start)
        i = bisect.bisect_right(bounds, start)
        lo = bounds[i - 1] if i > 0 else s_start
        j = bisect.bisect_left(bounds, end)
        hi = bounds[j] if j < len(bounds) else len(self.text)
        best: tuple[int, int] | None = None
        best_tense = None
        past_in_clause = False
        for m_start, m_end, tense, strong in markers:
            if m_end <= start:
                distance = start - m_end
            elif m_start >= end:
                distance = m_start - end
            else:
                continue
            in_clause = lo <= m_start < hi
            past_in_clause = past_in_clause or (in_clause and strong and tense == "past")
            key = ((0 if in_clause else 2) + (0 if strong else 1), distance)
            if best is None or key < best:
                best, best_tense = key, tense
        if before in ("by", "until", "till") and not past_in_clause:
            return "future"
        return best_tense


def _phrase_at(rows: list[list[int]], j: int, last: int, phrases: Any) -> int:
    """The token index after a phrase (of word hashes) that starts at token ``j``, or 0."""
    for phrase in phrases:
        n = len(phrase)
        if j + n <= last and all(rows[j + k][0] == phrase[k] for k in range(1, n)):
            return j + n
    return 0

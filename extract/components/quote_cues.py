"""Cue analysis for the quotes component: around each reporting verb or attribution
phrase, the speaker's noun phrase (left, right, appositive, participle, coordinated
verb) and the reported clause (that-clause, bare clause, to- or noun-phrase
complement), each read in a bounded window of its sentence.

A mixin of ``quotes._Run``: it reads the run's tokens (``self.t``), word lists
(``self.c``) and cues (``self.cues``, ``self.cue_at``).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from .quote_model import (
    _BOUNDARY,
    _CLAUSE_STOPS,
    _CONJUNCTIONS,
    _DETERMINERS,
    _MAX_CUES_PER_SENTENCE,
    _MAX_NP,
    _MODALS,
    _NAME_LINKS,
    _QUOTE_CHARS,
    _SENT_END,
    _SUBJECT_PRONOUNS,
    _TIME_PREPS,
    _WEEKDAYS,
    _Cue,
)

if TYPE_CHECKING:
    from .quote_model import _Tokens


def _longest_first(cue: _Cue) -> tuple[int, int]:
    return (cue.i, cue.i - cue.j)


_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
_PASSIVE_SUBJECTS = frozenset({"it", "that", "this", "what", "there", "which"})  # "it's said that"


# words that open a place or time phrase between a verb of saying and its "that"
_PHRASE_OPENERS = frozenset({"in", "on", "at", "during", "last", "earlier", "this", "late", "after"})
_OBJECT_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her"})
_CURRENCY_SIGNS = frozenset("$€£¥")


class CueAnalysis:
    """Finds each cue's speaker phrase and reported clause."""

    t: _Tokens

    def _live_cue(self, i: int) -> bool:
        """Whether a cue that is not rejected starts at token ``i``."""
        cue = self.cue_at.get(i)
        return cue is not None and not cue.rejected

    def _find_cues(self) -> list[_Cue]:
        t = self.t
        lows, starts, ends = t.lows, t.starts, t.ends
        lexicon = self.lex.cues
        zones = self.zones
        quote_ranges = self.quote_ranges
        cues: list[_Cue] = []
        per_sentence: dict[int, int] = {}
        for _, start, end in self.matches:
            word = lexicon.get(lows[start] if end - start == 1 else " ".join(lows[start:end]))
            if word is None:
                continue
            first_char, last_char = starts[start], ends[end - 1]
            for zs, ze in zones:
                if zs <= first_char and last_char <= ze:
                    break
            else:
                continue  # outside the headline and body
            lo, hi = t.sentence(start)
            count = per_sentence.get(lo, 0)
            if count >= _MAX_CUES_PER_SENTENCE:
                if count == _MAX_CUES_PER_SENTENCE:
                    self.warnings.append(
                        {
                            "code": "too_many_cues",
                            "message": "a sentence has too many reporting verbs; the rest were not read",
                            "start": first_char,
                            "end": last_char,
                        }
                    )
                    per_sentence[lo] = count + 1
                continue
            per_sentence[lo] = count + 1
            cue = _Cue(start, end, word, lo, hi)
            if quote_ranges:
                k = bisect.bisect_right(quote_ranges, (first_char, 1 << 62)) - 1
                if k >= 0 and quote_ranges[k][0] <= first_char < quote_ranges[k][1]:
                    cue.in_quote = True
                    qs, qe = quote_ranges[k]
                    cue.lo = max(lo, t.from_char(qs))
                    cue.hi = min(hi, t.at(qe - 1) + 1)
            cues.append(cue)
        # longest match first at each start: "pointed out" over "pointed"
        cues.sort(key=_longest_first)
        out: list[_Cue] = []
        last_end = -1
        for cue in cues:
            if cue.i < last_end:
                continue
            out.append(cue)
            last_end = cue.j
        return out

    def _prefilter(self, cue: _Cue) -> None:
        """Reject the cue words that are no verbs of saying here: nouns, passives,
        parts of names."""
        t, c = self.t, self.c
        lows = t.lows
        i, j, lo, hi = cue.i, cue.j, cue.lo, cue.hi
        word = cue.word
        form = word.form
        prev = lows[i - 1] if i > lo else ""
        if (
            i > lo
            and self.text[t.starts[i]].isupper()
            and prev not in _QUOTE_CHARS
            and prev not in (":", "—", "–")
            and not self._in_headline(t.starts[i])
        ):
            cue.rejected = True  # part of a name: "the State Council", "Government Work Report"
            return
        if form != "phrase" and prev in _DETERMINERS and not self._verb_after_determiner(cue, prev):
            cue.rejected = True  # "the report", "his warning", "the expected growth"
            return
        nxt = lows[j]
        if prev in ("-", "–") or nxt in ("-", "–"):
            cue.rejected = True  # part of a compound: "no-shows", "state-owned"
            return
        if form == "ing" and prev not in (",", "as") and prev not in c.aux:
            cue.rejected = True  # "when answering a query"
            return
        if form == "past":
            if prev in ("than", "as"):
                cue.rejected = True  # "better than expected", "as predicted"
                return
            k = i - 1
            while k > lo and (lows[k] in c.adverbs or lows[k].endswith("ly")):
                k -= 1
            if lows[k] in _PASSIVE_AUX and not (lows[k] in ("'s", "’s") and self._has_or_name(k)):
                cue.rejected = True  # passive: "is expected to", "was provisionally estimated"
                return
        if j < hi and nxt == "by" and form != "phrase":
            cue.rejected = True  # "predicted by most economists"
            return
        if (
            "noun" in word.tags
            and form in ("base", "third")
            and (nxt if j < hi else "") not in ("that", ",", ":")
            and nxt not in _QUOTE_CHARS
            and not self._noun_cue_as_verb(cue)
        ):
            cue.rejected = True  # "a preliminary report", "the state media"

    def _verb_after_determiner(self, cue: _Cue, prev: str) -> bool:
        """A past form of a plain verb of saying after a word that usually opens a noun
        phrase: "have both said", "Sainsbury's said", "he's said" (not "the expected
        growth", "Apple's forecast revenue": forecast and noun-like verbs stay out)."""
        word = cue.word
        if word.form != "past" or "forecast" in word.tags or "noun" in word.tags:
            return False
        if prev in ("both", "each"):
            return True
        return prev in ("'s", "’s") and self._has_or_name(cue.i - 1)

    def _has_or_name(self, k: int) -> bool:
        """Whether the "'s" at token ``k`` before a cue is "has" or ends a name ("he's
        said", "Sainsbury's said"), not the "is" of a passive ("it's said that ...")."""
        if k == 0 or self.t.spaces[k - 1] or self.t.ends[k - 1] != self.t.starts[k]:
            return False
        return self.t.lows[k - 1] not in _PASSIVE_SUBJECTS

    def _noun_cue_as_verb(self, cue: _Cue) -> bool:
        """Whether a cue word that is also a noun ("forecast", "estimates") is a verb
        all the same: right after a name or an organization noun, either a place or time
        phrase then "that" ("the Agriculture Ministry forecast in a report last week
        that ...") or, in the -s form, the end of a clause-first attribution whose
        subject follows the comma ("..., the WHO estimates.")."""
        t, c = self.t, self.c
        lows = t.lows
        i, j, lo, hi = cue.i, cue.j, cue.lo, cue.hi
        if i - 1 < lo:
            return False
        prev = lows[i - 1]
        if not (t.is_cap(i - 1) or prev in c.org_words or prev in c.corporate):
            return False
        nxt = lows[j] if j < hi else ""
        if j < hi and self._object_after_subject(cue, nxt):
            cue.takes_object = True
            return True
        if nxt in _PHRASE_OPENERS:
            for k in range(j + 1, min(hi, j + 9)):
                if lows[k] == "that":
                    after = lows[k + 1] if k + 1 < hi else ""
                    # "in its report that was published ...": a relative clause of the noun
                    return after not in c.aux and after not in c.finite and after not in self.lex.cues
                if lows[k] in _BOUNDARY or lows[k] in _QUOTE_CHARS:
                    break
            return False
        if cue.word.form != "third" or nxt not in ("", ".", "!", "?"):
            return False
        k = i - 1
        if t.is_cap(k):
            while k - 1 >= lo and t.is_cap(k - 1):
                k -= 1
        k -= 1
        if k >= lo and lows[k] == "the":
            k -= 1
        return k >= lo and lows[k] == ","

    def _object_after_subject(self, cue: _Cue, nxt: str) -> bool:
        """ "Lumora forecast revenue of $900 mln to $960 mln", "the IMF forecasts a 3%
        rise": right after a name or an organization noun, a noun-like cue that opens
        its object is a verb. A determiner or a number opens one after either form; a
        plain word only after a form that is a past tense too ("forecast"), as in "the
        Acme project costs" the cue stays a noun, and not when the word is a verb ("the
        bank forecast was cut")."""
        t, c = self.t, self.c
        i, j = cue.i, cue.j
        prev = t.lows[i - 1]
        if not (self._name_ends_at(t.ends[i - 1]) or prev in c.org_words or prev in c.corporate):
            return False
        if nxt in _OBJECT_DETERMINERS or nxt[:1].isdigit() or nxt[:1] in _CURRENCY_SIGNS:
            return True
        if cue.word.form != "base" or "past_is_base" not in cue.word.tags:
            return False
        if not nxt.isalpha() or t.is_cap(j) or any(nxt in words for words in (c.aux, c.finite, c.preps, c.subords)):
            return False
        return nxt not in _CONJUNCTIONS and nxt not in self.lex.cues

    def _analyse(self, cue: _Cue) -> None:
        """Find the cue's speaker phrase and reported clause; mark it rejected when it
        is no statement (negated, a future, ...)."""
        lows = self.t.lows
        i, lo = cue.i, cue.lo
        word = cue.word
        if word.lemma == "according to":
            self._analyse_according(cue)
            return
        k = self._skip_left(cue)
        if cue.rejected:
            return
        before = lows[k] if k >= lo else None
        if word.form == "ing":
            if lows[i - 1] == "as" and lows[i - 2] in ("quoted", "cited"):
                cue.side = "left"
            else:
                cue.side = "participle"
                cue.governor = self._previous_cue(cue)
                if cue.governor is None:
                    cue.subject = self._sentence_subject(cue)
        elif before is None:
            pass
        elif before in _CONJUNCTIONS:
            cue.side = "coordinated"
            cue.governor = self._previous_cue(cue)
            if cue.governor is None:
                cue.subject = self._sentence_subject(cue)
        elif before in ("who", "which") and self._is_subord(k):
            cue.side = "relative"
            b = k - 1
            if b >= lo and lows[b] == ",":
                b -= 1
            np_range = self._left_np(b, lo) if b >= lo else None
            cue.subject = np_range
        elif before == ",":
            self._comma_left(cue, k)
        elif not self.t.spaces[k] and before not in _BOUNDARY and before not in _QUOTE_CHARS:
            np_range = self._left_np(k, lo)
            if "data" in word.tags:
                np_range = self._data_subject(k, lo) or np_range
            if np_range is not None:
                cue.subject = np_range
                cue.side = "left"
                self._appositive_before(cue, np_range)
        if cue.side is None:
            cue.side = "right"
        self._analyse_right(cue)

    def _data_subject(self, k: int, lo: int) -> tuple[int, int] | None:
        """ "Figures the ministry released in June showed ...": a data subject with a
        reduced relative clause, from the data noun that opens the clause to the cue."""
        lows = self.t.lows
        t, c = self.t, self.c
        for x in range(k, max(lo - 1, k - 14), -1):
            w = lows[x]
            if w in _BOUNDARY or t.spaces[x] or lows[x] in _QUOTE_CHARS:
                break
            if w in c.data_nouns:
                start = x
                while start - 1 >= lo and (
                    lows[start - 1] in _DETERMINERS or lows[start - 1] in ("latest", "new", "official")
                ):
                    start -= 1
                if start == lo or lows[start - 1] in (",", ";", ":") or t.spaces[start - 1]:
                    return (start, k + 1)
        return None

    def _skip_left(self, cue: _Cue) -> int:
        """Index of the first token left of the cue that is not an adverb, auxiliary,
        negation or time phrase; sets ``negated`` and ``rejected`` on the way."""
        t, c = self.t, self.c
        lows = t.lows
        k = cue.i - 1
        lo = cue.lo
        for _ in range(14):
            if k < lo:
                break
            w = lows[k]
            if w in c.negations:
                cue.negated = True
            elif w in c.blockers:
                cue.rejected = True
                return k
            elif (
                w in c.aux
                or w in c.adverbs
                or (len(w) > 4 and w.endswith("ly") and not t.is_cap(k))
                or w in ("both", "each")  # "have both said"
                or (w in ("'s", "’s") and k > lo and lows[k - 1] in c.pronouns and self._has_or_name(k))
            ):  # "he's said": has
                if w in _MODALS:
                    cue.modal = True
            elif w == "to":
                gov = lows[k - 1] if k - 1 >= lo else ""
                if gov in c.allowed_governors:
                    k -= 2
                    if gov == "on" and k >= lo and lows[k] in ("went", "goes", "go", "going"):
                        k -= 1
                    continue
                cue.rejected = True  # "set to announce", "important to note"
                return k
            elif w in c.time_words and lows[k + 1] not in ("'s", "’s"):
                while k - 1 >= lo and lows[k - 1] in c.time_words:
                    k -= 1
                if k - 1 >= lo and lows[k - 1] in _TIME_PREPS:
                    k -= 1
            elif w == "," and k - 2 >= lo and lows[k - 1] in ("however", "though", "too") and lows[k - 2] == ",":
                k -= 2
            else:
                break
            k -= 1
        return k

    def _skip_right(self, r: int, hi: int) -> int:
        lows = self.t.lows
        c = self.c
        adverbs, time_words = c.adverbs, c.time_words
        for _ in range(14):
            if r >= hi:
                break
            w = lows[r]
            if w in adverbs or w == "out" or (w in time_words and lows[r + 1] not in ("'s", "’s")):
                r += 1
            elif w in _TIME_PREPS and r + 1 < hi and lows[r + 1] in time_words and lows[r + 2] not in ("'s", "’s"):
                r += 2
            elif w == "," and r + 2 < hi and lows[r + 1] in ("however", "though", "too") and lows[r + 2] == ",":
                r += 3
            else:
                break
        return r

    def _previous_cue(self, cue: _Cue) -> _Cue | None:
        cues = self.cues
        k = self._cue_index(cue) - 1
        while k >= 0:
            prev = cues[k]
            if prev.i < cue.lo:
                return None
            if prev.word.lemma != "according to" and not (prev.rejected and prev.subject is None):
                return prev
            k -= 1
        return None

    def _cue_index(self, cue: _Cue) -> int:
        """The position of ``cue`` in ``self.cues`` (in order of their first token)."""
        return bisect.bisect_left(self.cue_starts, cue.i)

    def _comma_left(self, cue: _Cue, k: int) -> None:
        """A comma right before the cue: an appositive ("X, a professor, said") or the
        end of a clause that the cue attributes ("CLAUSE, said X")."""
        lows = self.t.lows
        t = self.t
        lo = cue.lo
        c0 = None
        for b in range(k - 1, max(lo - 1, k - 30), -1):
            w = lows[b]
            if w == ",":
                c0 = b
                break
            if w in (";", ":") or lows[b] in _QUOTE_CHARS or t.spaces[b]:
                break
        if c0 is None or c0 <= lo:
            return
        if not self._appositive_like(c0 + 1, k):
            return
        np_range = self._left_np(c0 - 1, lo)
        if np_range is None:
            return
        a, b = np_range
        last = lows[b - 1]
        if not (
            t.is_cap(b - 1)
            or self._name_ends_at(t.ends[b - 1])
            or last == ")"
            or last in _SUBJECT_PRONOUNS
            or last in self.c.person_roles
            or last in self.c.group_nouns
            or self._role_before_prep(a, b)
        ):
            return
        cue.subject = np_range
        cue.appositive = (c0 + 1, k)
        cue.side = "left"

    def _appositive_before(self, cue: _Cue, np_range: tuple[int, int]) -> None:
        """ "Mark Bolsom, head of the desk at X comments, ...": the phrase before the cue
        is a title after a name; the name is the speaker."""
        t, c = self.t, self.c
        a, _b = np_range
        if a - 2 < cue.lo or t.lows[a - 1] != "," or not (t.lows[a] in c.titles or t.lows[a] in c.person_roles):
            return
        name = self._left_np(a - 2, cue.lo)
        if name is None or not (self._name_token(name[1] - 1) or self._name_ends_at(t.ends[name[1] - 1])):
            return
        if name[0] > cue.lo and t.lows[name[0] - 1] not in _BOUNDARY and not t.spaces[name[0] - 1]:
            return
        cue.subject = name
        cue.appositive = np_range

    def _role_before_prep(self, a: int, b: int) -> bool:
        """ "A trader at a Sao Paulo exporting house": a role noun heads the phrase, before
        the preposition that opens its complement."""
        lows, c = self.t.lows, self.c
        for x in range(a + 1, min(b, a + 5)):
            if lows[x] in c.preps:
                return lows[x - 1] in c.person_roles
        return False

    def _sentence_subject(self, cue: _Cue) -> tuple[int, int] | None:
        """ "Norges Bank, which manages the fund, kept its rate ... and said ...", "The bank
        held rates, saying ...": the named person or organization, or the definite
        description of one, that opens the sentence (after its dateline) is the subject of
        a verb of saying that continues it; its token range."""
        t, c = self.t, self.c
        x = cue.lo
        if self.dateline_end is not None and t.starts[x] < self.dateline_end:
            x = t.from_char(self.dateline_end)
        while x < cue.i and (t.spaces[x] or t.lows[x] in ("—", "–", "-")):
            x += 1
        the = x
        if x < cue.i and t.lows[x] == "the":
            x += 1
        if x >= cue.i or cue.in_quote:
            return None
        k = bisect.bisect_left(self.mention_starts, t.starts[x])
        if k >= len(self.mentions) or self.mentions[k].start != t.starts[x]:
            # "The central bank kept ...": a definite description of an organization or a person
            end = x
            while end < cue.i and end - x < 4 and not t.is_cap(end) and t.lows[end].isalpha():
                if t.lows[end] in c.finite or t.lows[end] in c.aux or self._verbish(end):
                    break
                end += 1
            head = t.lows[end - 1] if end > x else ""
            verb = t.lows[end]
            if the == x or not (head in c.group_nouns or head in c.person_roles):
                return None
            if not (verb in c.finite or verb in c.aux or self._verbish(end)):
                return None
            return (the, end)
        m = self.mentions[k]
        if m.label not in ("PERSON", "ORG") or m.kind == "pronoun" or m.end > t.starts[cue.i]:
            return None
        end = t.at(m.end - 1) + 1
        if t.lows[end] in ("'s", "’s", "'"):
            return None  # "Apple's chief executive ...": the name only qualifies the subject
        return (x, end)

    def _name_ends_at(self, char: int) -> bool:
        """Whether an entity's name (not a pronoun) ends at ``char`` ("Lee Soo-min", whose
        last token is in lower case)."""
        k = bisect.bisect_left(self.mention_starts, char) - 1
        return k >= 0 and self.mentions[k].end == char and self.mentions[k].kind != "pronoun"

    def _appositive_like(self, a: int, b: int) -> bool:
        lows = self.t.lows
        t, c = self.t, self.c
        if b - a < 1 or b - a > 25:
            return False
        first = lows[a]
        if first in ("who", "which", "whose"):
            return True
        if b - a == 1 and first.isdigit():
            return True  # an age: "John Smith, 45, said"
        if first in c.appositive_adverbs and b - a > 2:
            return self._appositive_like(a + 1, b)  # "Acme, once the country's biggest builder, said"
        if first.endswith("ing") and first not in c.ing_cues_blocked and lows[a + 1] not in (",", "."):
            return self._participial(a, b)  # "Officials, speaking on condition of anonymity, said"
        if not (
            first in _DETERMINERS
            or t.is_cap(a)
            or any(lows[x] in c.titles or lows[x] in c.person_roles for x in range(a, min(b, a + 4)))
        ):
            return False
        for x in range(a, b):
            w = lows[x]
            if w in _SENT_END or w in _QUOTE_CHARS:
                return False
            if x > a and t.is_cap(x - 1) and t.is_cap(x + 1) and not t.is_cap(x):
                continue  # a particle inside a name ("Cooperativa do Sul"), not a verb
            if w in c.aux or w == "that":
                return False
            if w in c.finite and x > a and not t.is_cap(x):
                return False
        return True

    def _participial(self, a: int, b: int) -> bool:
        """A participial phrase between commas ("speaking at a forum in Davos")."""
        lows, c = self.t.lows, self.c
        return not any(lows[x] in c.aux or lows[x] in _SENT_END or lows[x] in _QUOTE_CHARS for x in range(a, b))

    def _left_np(self, k: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase that ends at token ``k``, read leftwards."""
        t, c = self.t, self.c
        lows, spaces = t.lows, t.spaces
        if lows[k] in c.pronouns and not (t.word(k) == "He" and k > lo and lows[k - 1] not in _QUOTE_CHARS):
            return (k, k + 1)
        subords, aux, finite, cue_at = c.subords, c.aux, c.finite, self.cue_at
        start = k + 1
        x = k
        while x >= lo and k - x < _MAX_NP:
            w = lows[x]
            if spaces[x]:
                break
            if w == ")":
                y = x - 1
                while y >= lo and x - y < 10 and lows[y] != "(":
                    y -= 1
                if y < lo or lows[y] != "(":
                    break
                start = y
                x = y - 1
                continue
            if w in _BOUNDARY or w in _QUOTE_CHARS or (w in ("-", "–") and not self._glued(x)):
                break
            if (w in subords and self._is_subord(x)) or w in aux:
                break
            cue = cue_at.get(x)
            if cue is not None and not cue.rejected:
                break
            if w in _CONJUNCTIONS and (x - 1 < lo or lows[x - 1] == ","):
                break
            if (w in finite or w.endswith("ed")) and self._verbish(x) and not t.is_cap(x):
                break
            start = x
            x -= 1
        if start > k:
            return None
        while start <= k and (lows[start] in _CONJUNCTIONS or (lows[start] in c.adverbs and not t.is_cap(start))):
            start += 1
        if start > k:
            return None
        if lows[start] in c.preps or (lows[start] in c.time_words and not t.is_cap(start)):
            return self._last_cap_run(start, k + 1)
        return (start, k + 1)

    def _verbish(self, x: int) -> bool:
        """Whether token ``x`` looks like a finite verb (not a participle modifier)."""
        lows = self.t.lows
        w = lows[x]
        if w in self.c.finite:
            return True
        if len(w) > 4 and w.endswith("ed") and lows[x + 1] != "by":
            prev = lows[x - 1]
            if prev in ("-", "–") and self._glued(x - 1):
                return False  # "Bengaluru-based", "state-owned"
            return prev not in _DETERMINERS and not prev.endswith("ly")
        return False

    def _is_subord(self, x: int) -> bool:
        """A subordinating word ("which", "after"), not an acronym ("WHO")."""
        return self.t.lows[x] in self.c.subords and not self.t.is_acronym(x)

    def _name_token(self, x: int) -> bool:
        """A capitalized word that can be part of a name (not "In", "The", "Monday")."""
        t, c = self.t, self.c
        if not t.is_cap(x):
            return False
        w = t.lows[x]
        if not (
            w in c.preps or w in _DETERMINERS or w in c.subords or w in _WEEKDAYS or w in c.adverbs or w in c.pronouns
        ):
            return True
        if t.is_acronym(x):
            return True  # "WHO", "IN"
        word = t.word(x)
        if w in c.pronouns:
            return word == "He" and self._name_token(x + 1) if x + 1 < t.n else False
        return False

    def _last_cap_run(self, a: int, b: int) -> tuple[int, int] | None:
        """The last run of name words in [a, b) (names may hold "of", "bin", "-", ...)."""
        lows = self.t.lows
        x = b - 1
        while x >= a and not self._name_token(x):
            x -= 1
        if x < a:
            return None
        end = x + 1
        start = x
        x -= 1
        while x >= a:
            if self._name_token(x) or (lows[x] in _NAME_LINKS and x - 1 >= a and self._name_token(x - 1)):
                start = x
            else:
                break
            x -= 1
        return (start, end)

    def _right_np(self, r: int, hi: int) -> tuple[int, int] | None:
        """The noun phrase that starts at token ``r`` ("said Jiang Xiaojuan, a professor
        at ...", "according to data from the ministry")."""
        t, c = self.t, self.c
        lows, spaces = t.lows, t.spaces
        if lows[r] in _CONJUNCTIONS or self._is_subord(r):
            return None
        preps, time_words, subords, aux, finite = c.preps, c.time_words, c.subords, c.aux, c.finite
        x = r
        end = r
        while x < hi and x - r < 24:
            w = lows[x]
            if spaces[x] or w in _SENT_END or w in (";", ":") or w in _QUOTE_CHARS:
                break
            if w == "(":
                y = x + 1
                while y < hi and y - x < 10 and lows[y] != ")":
                    y += 1
                if y >= hi or lows[y] != ")":
                    break
                x = end = y + 1
                continue
            if w == ",":
                if x > r and self._appositive_like(x + 1, self._next_comma(x + 1, hi)) and self._name_like(r, x):
                    end = self._next_comma(x + 1, hi)
                break
            if w in preps:
                inside_name = t.is_cap(x - 1) and (t.is_cap(x + 1) or (lows[x + 1] == "the" and t.is_cap(x + 2)))
                after_noun = (
                    x > r
                    and not t.is_cap(x - 1)
                    and (lows[x - 1] in c.person_roles or lows[x - 1] in c.data_nouns or lows[x - 1] in c.group_nouns)
                )
                publisher = w in c.publisher_links and x > r and lows[x - 1] in c.publisher_or_data
                if not (w in ("of", "for", "from", "at", "by", "in") and (inside_name or after_noun or publisher)):
                    break
                if w == "by" and not publisher:
                    break
            elif (
                (w in time_words and (not t.is_cap(x) or (x > r and w in _WEEKDAYS)))
                or (w in subords and self._is_subord(x))
                or w in aux
                or (
                    (w in finite or w.endswith("ed"))
                    and self._verbish(x)
                    and not (w in c.publisher_links and lows[x + 1] == "by")
                )
            ):
                break
            x += 1
            end = x
        return (r, end) if end > r else None

    def _next_comma(self, a: int, hi: int) -> int:
        t = self.t
        for x in range(a, min(hi, a + 25)):
            w = t.lows[x]
            if w == ",":
                return x
            if w in _SENT_END or w in (";", ":"):
                return x
        return min(hi, a + 25)

    def _name_like(self, a: int, b: int) -> bool:
        t = self.t
        return any(t.is_cap(x) for x in range(a, b)) or t.lows[a] in _DETERMINERS

    def _analyse_according(self, cue: _Cue) -> None:
        t = self.t
        i, j, lo, hi = cue.i, cue.j, cue.lo, cue.hi
        cue.side = "right"
        cue.subject = self._right_np(j, hi)
        if cue.subject is None:
            cue.rejected = True
            return
        _, se = cue.subject
        clause_first = i == lo or (i == self._clause_start_token(lo))
        comma = None
        if clause_first:
            for x in range(se, min(hi, se + 20)):
                w = t.lows[x]
                if w == ",":
                    comma = x
                    break
                if w in _SENT_END or w in (";", ":") or t.lows[x] in _QUOTE_CHARS:
                    break
        if comma is not None:
            start = comma + 1
            end = self._clause_end(start, hi)
            cue.complement = (start, end) if end > start else None  # "According to X," ends the text
            cue.comp_kind = "according_first"
        else:
            start = self._clause_start_token(lo)
            end = i
            if end - 1 >= start and t.lows[end - 1] == ",":
                end -= 1
            # "A, but B, according to X": X is the source of B
            for x in range(end - 1, max(start, end - 60), -1):
                if t.lows[x] == ";" or (t.lows[x] in ("but", "while", "whereas") and t.lows[x - 1] == ","):
                    start = x + 1
                    break
            cue.complement = (start, end) if end > start else None
            cue.comp_kind = "according_last"

    def _clause_start_token(self, lo: int) -> int:
        if self.dateline_end is not None and self.t.starts[lo] < self.dateline_end:
            return max(lo, self.t.from_char(self.dateline_end))
        return lo

    def _analyse_right(self, cue: _Cue) -> None:
        """The reported clause after the cue, or the speaker after it ("..., said X")."""
        lows = self.t.lows
        t, c = self.t, self.c
        j, hi = cue.j, cue.hi
        word = cue.word
        r = self._skip_right(j, hi)
        if cue.side == "right":
            np_range = self._right_np(r, hi) if r < hi else None
            if np_range is None:
                cue.side = None
                return
            cue.subject = np_range
            return
        if "object" in word.tags and r < hi:
            r2 = self._skip_object(r, hi)
            if r2 > r:
                cue.addressee = (r, r2)
                r = self._skip_right(r2, hi)
        if r >= hi or t.spaces[r]:
            return
        w = lows[r]
        if w in _SENT_END or w in (",", ";", ")"):
            return
        if w == "that":
            self._set_complement(cue, r + 1, "that")
            return
        if w == ":":
            cue.comp_kind = "colon"
            return
        if lows[r] in _QUOTE_CHARS:
            cue.comp_kind = "quote"
            self._set_complement(cue, r, "quote")
            return
        core = "core" in word.tags
        to_ok = core or "to" in word.tags  # "vowed to ...": a to-infinitive, not a noun
        if w in c.preps or w == "by":
            if w == "to" and to_ok and self._infinitive_at(r):
                self._set_complement(cue, r, "to")
                return
            for x in range(r, min(hi, r + 25)):
                lw = lows[x]
                if lw == "that":
                    self._set_complement(cue, x + 1, "that")
                    return
                if lw in _BOUNDARY or t.spaces[x] or self._live_cue(x):
                    if lows[x] in _QUOTE_CHARS and to_ok and lows[x - 1] == "to":
                        self._set_complement(cue, x - 1, "to")
                    return
                if lw == "to" and to_ok and self._infinitive_at(x):
                    self._set_complement(cue, x, "to")
                    return
            return
        self._set_complement(cue, r, "np" if core else "bare")

    def _infinitive_at(self, x: int) -> bool:
        t = self.t
        nxt = t.word(x + 1)
        if nxt in _QUOTE_CHARS:
            return True
        return bool(nxt) and nxt[0].islower() and nxt.isalpha() and nxt.lower() not in _DETERMINERS

    def _skip_object(self, r: int, hi: int) -> int:
        """The addressee of "told" and its kind: "reporters", "Reuters", "a press conference"."""
        t, c = self.t, self.c
        w = t.lows[r]
        if w in ("him", "her", "them", "us", "me"):
            return r + 1
        if w in c.addressees:
            return self._more_addressee(r + 1, hi)
        if t.is_cap(r):
            x = r
            while x < hi and x - r < 6 and t.is_cap(x):
                x += 1
            return self._more_addressee(x, hi)
        if w in _DETERMINERS:
            for x in range(r + 1, min(hi, r + 6)):
                if t.lows[x] in c.addressees:
                    return self._more_addressee(x + 1, hi)
                if t.lows[x] in _BOUNDARY:
                    break
        return r

    def _more_addressee(self, x: int, hi: int) -> int:
        """Past further addressee nouns: "a press conference", "Deutschlandfunk radio"."""
        while x < hi and self.t.lows[x] in self.c.addressees:
            x += 1
        return x

    def _set_complement(self, cue: _Cue, start: int, kind: str) -> None:
        lows, spaces = self.t.lows, self.t.spaces
        hi = cue.hi
        while start < hi and (lows[start] in (",", "that") or spaces[start]):
            start += 1
        if start >= hi:
            return
        end = self._clause_end(start, hi)
        if end <= start:
            return
        cue.complement = (start, end)
        cue.comp_kind = kind

    def _clause_end(self, start: int, hi: int) -> int:
        """Where a reported clause that starts at ``start`` ends: the sentence end, or
        before ", adding that", ", according to", "and said", a following quote, ..."""
        lows, spaces = self.t.lows, self.t.spaces
        limit = min(hi, start + 150)
        for x in range(start, limit):
            w = lows[x]
            if w not in _CLAUSE_STOPS and not spaces[x]:
                continue
            if spaces[x] or w == ";":
                return x
            if w == ",":
                c = self.c
                n1 = lows[x + 1]
                if n1 in c.ing_cues or n1 in c.breakers or n1 == "according":
                    return x
                if self._attribution_follows(x + 1, limit):
                    return x
                if n1 in _CONJUNCTIONS and self._cue_follows(x + 2, limit):
                    return x
                if n1 and n1 in '“«„"‘' and x + 1 < limit:
                    return x
            elif w == "according":
                if lows[x + 1] == "to":
                    return x
            elif self._cue_follows(x + 1, limit):  # "and", "but", "or"
                return x
        return limit

    def _attribution_follows(self, x: int, limit: int) -> bool:
        """ "..., it said in a statement": an attribution closes the reported clause
        (not a relative clause: "..., which it described as ...")."""
        t = self.t
        lows, spaces = t.lows, t.spaces
        if lows[x] in self.c.subords and self._is_subord(x):
            return False
        cue_at, aux = self.cue_at, self.c.aux
        for y in range(x, min(limit, x + 7)):
            cue = cue_at.get(y)
            if cue is not None and not cue.rejected and cue.word.form in ("past", "third"):
                return True
            w = lows[y]
            if w in (",", ";", ".", "that", ":") or spaces[y] or w in aux:
                return False
        return False

    def _cue_follows(self, x: int, limit: int) -> bool:
        """Whether a cue (a verb of saying, perhaps after a pronoun or adverb) or a
        negation verb starts at token ``x``: "and said", "but it reiterated"."""
        lows, c, cue_at = self.t.lows, self.c, self.cue_at
        for y in range(x, min(limit, x + 3)):
            w = lows[y]
            cue = cue_at.get(y)
            if cue is not None and cue.word.form != "ing":
                return True
            if y == x and w in ("refused", "declined", "failed"):
                return True
            if not (w in c.pronouns or w in c.adverbs):
                return False
        return False

    def _glued(self, x: int) -> bool:
        """Whether token ``x`` and the next one touch (no space between them)."""
        t = self.t
        return 0 <= x < t.n - 1 and t.ends[x] == t.starts[x + 1]

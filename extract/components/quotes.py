"""Quotations with their speakers: direct (in quote marks), indirect (reported speech)
and mixed (reported speech with a quoted fragment of four or more words).

How it works, in linear time:

1. ``quote_marks.scan_quotes`` finds every quoted passage in one scan of the text.
2. A PhraseMatcher finds the cues (reporting verbs in every inflection, "according to",
   "quoted as saying"). Each cue is analysed in a bounded window of its sentence: the
   speaker's noun phrase (left: "X said", right: "..., said X", an appositive
   "X, a professor, said", a participle ", adding that" or a coordinated "and said"
   that share the speaker of the cue before), and the reported clause (a that-clause,
   a bare clause, a to- or noun-phrase complement for core verbs, or the clause before
   an attribution at the end of the sentence).
3. Direct quotes take the attribution next to their marks ("...," she said /
   She said: "..."); a quote split by its attribution is one quotation with two parts;
   a quote paragraph without attribution goes to the speaker of the quote before it.
4. Speakers are resolved in document order: entity mentions of the entities component
   first (a person in the speaker phrase, else its organization), pronouns to the most
   recent compatible person, definite descriptions ("the minister", "the ministry") to
   the entity with that title or name, an unnamed source ("an official") kept as
   ``speaker_text`` with ``speaker: None``.

Every quotation records its cue and the id of the rule that found it (``RULES``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..spans import EXT, GROUPS, annotated_ranges, doc_data, doc_text, ensure_extensions
from .article import is_hard_wrapped
from .quote_lexicon import CueWord, Lexicon, load_lexicon
from .quote_marks import MarkedQuote, paragraph_ranges, scan_quotes

RULES = {
    "direct.cue_after": 'a direct quote followed by its attribution: "...," she said',
    "direct.cue_before": 'a direct quote after its attribution: He added: "..."',
    "direct.after_clause": 'a direct quote after a reported clause: X believes that ..., "..."',
    "direct.complement": 'a direct quote that is a whole complement: vowed to "..."',
    "direct.sentence_cue": "a direct quote inside a sentence whose cue names the speaker",
    "direct.follows_speaker": "a quote paragraph without attribution: the speaker of the quote before",
    "direct.unattributed": "a quote paragraph without attribution and no quote before it",
    "indirect.that_clause": "X said (on Thursday) that CLAUSE",
    "indirect.bare_clause": "X said CLAUSE",
    "indirect.complement": "X stressed the need to ... (core verbs: to- or noun-phrase complement)",
    "indirect.clause_first": "CLAUSE, X said. / CLAUSE, said X.",
    "indirect.according_to_first": "According to X, CLAUSE",
    "indirect.according_to_last": "CLAUSE, according to X",
    "indirect.participle": "..., adding that CLAUSE (the speaker of the cue before)",
    "indirect.coordinated": "... and said CLAUSE (the speaker of the cue before)",
    "indirect.headline_colon": "a headline CLAUSE: SPEAKER or SPEAKER: CLAUSE",
}
"""Every rule id that can appear in a quotation's ``rule``, with what it matches;
mixed quotations use the indirect ids with the prefix ``mixed.``."""

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
_NEG_GOVERNORS = frozenset({"refused", "declined", "failed", "did", "does", "would", "could"})
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
    """Cheap token access over numpy arrays of the doc (no Token objects). The lists
    carry two empty entries at the end, so that indices -2..n+1 read as "no token"."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.n = len(doc)
        if self.n:
            arr = doc.to_array([IDX, LENGTH, SENT_START, IS_SPACE])
            starts = arr[:, 0].astype(np.int64)
            self.starts: list[int] = starts.tolist()
            self.ends: list[int] = (starts + arr[:, 1].astype(np.int64)).tolist()
            sents = np.flatnonzero(arr[:, 2] == 1).tolist()
            self.space_tokens: list[int] = np.flatnonzero(arr[:, 3] == 1).tolist()
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

    def low(self, i: int) -> str:
        return self.lows[i]

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

    def is_space(self, i: int) -> bool:
        return self.spaces[i]

    def paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph ranges: the breaks are whitespace tokens with a newline that are
        followed by a sentence start (set by the article component)."""
        out: list[tuple[int, int]] = []
        text = self.text
        pos = 0
        starts = set(self.sent_starts)
        for i in self.space_tokens:
            if "\n" in self.lows[i] and i + 1 in starts:
                _add_trimmed(text, pos, self.starts[i], out)
                pos = self.ends[i]
        _add_trimmed(text, pos, len(text), out)
        return out

    def is_cap(self, i: int) -> bool:
        if not 0 <= i < self.n:
            return False
        ch = self.text[self.starts[i]]
        return ch.isupper() or (ch.isdigit() and i > 0 and self.text[self.starts[i - 1]].isupper())

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character range of tokens [a, b)."""
        return self.starts[a], self.ends[b - 1]


class QuotesComponent:
    """Finds quotations and their speakers; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "newsfacts_quotes") -> None:
        self.name = name
        self.lex: Lexicon = load_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("CUE", [nlp.make_doc(phrase) for phrase in self.lex.cues])
        w = self.lex.words
        self.adverbs = w["adverbs"]
        self.aux = w["auxiliaries"]
        self.negations = w["negations"]
        self.blockers = w["blockers"]
        self.time_words = w["time_words"]
        self.preps = w["prepositions"]
        self.subords = w["subordinators"]
        self.titles = w["titles"]
        self.person_roles = w["person_roles"]
        self.group_nouns = w["group_nouns"]
        self.data_nouns = w["data_nouns"]
        self.publisher_links = w["publisher_links"]
        self.addressees = w["addressees"]
        self.finite = w["finite_verbs"]
        self.breakers = w["clause_breakers"]
        self.continuations = w["continuations"]
        self.corporate = w["corporate_nouns"]
        self.allowed_governors = w["allowed_governors"]
        self.org_words = w["org_words"]
        self.elisions = w["elisions"]
        self.female_words = w["female_words"]
        self.male_words = w["male_words"]
        self.pronouns = {p: kind for section, kind in _PRONOUN_SECTIONS.items() for p in w[section]}
        self.ing_cues = frozenset(k for k, v in self.lex.cues.items() if v.form == "ing")
        # "-ing" words that open a clause of their own, not an appositive
        self.ing_cues_blocked = frozenset({"including", "according", "following", "during", "notwithstanding"})

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        data = doc_data(doc)
        doc.spans[GROUPS["quotations"]] = []
        data["quotations"] = []
        text = doc_text(doc)
        if not text.strip() or len(doc) == 0:
            return doc
        matches = self.matcher(doc)
        if not matches and ":" not in text and _ANY_QUOTE_MARK.search(text) is None:
            return doc  # no cue, no quote mark, no "CLAUSE: SOURCE" headline
        run = _Run(self, doc, text, matches)
        quotations = run.extract()
        data["quotations"] = quotations
        if run.warnings:
            data.setdefault("warnings", []).extend(run.warnings)
        spans = []
        for q in quotations:
            for start, end in q["parts"]:
                span = _shared_span(doc, start, end, q["kind"], {"quote": q["id"]})
                if span is not None:
                    spans.append(span)
        doc.spans[GROUPS["quotations"]] = spans
        return doc


class _Run:
    """The work on one doc."""

    def __init__(self, comp: QuotesComponent, doc: Doc, text: str, matches: list[tuple[int, int, int]]) -> None:
        self.matches = matches
        self.c = comp
        self.lex = comp.lex
        self.doc = doc
        self.text = text
        self.t = _Tokens(doc, text)
        self.warnings: list[dict[str, Any]] = []
        self.zones = annotated_ranges(doc)
        self.headline: tuple[int, int] | None = None
        self.dateline_end: int | None = None
        for span in doc.spans.get(GROUPS["article"], []):
            if span.label_ == "headline":
                self.headline = (span.start_char, span.end_char)
            elif span.label_ == "dateline":
                end = span.end_char
                m = _DATELINE_TAIL.match(text, end)
                self.dateline_end = m.end() if m else end
        self.mentions = self._entity_mentions()
        self.mention_starts = [m.start for m in self.mentions]
        self._mentions_by_entity: dict[str, list[int]] | None = None
        self.clusters = {c["id"]: c for c in doc_data(doc).get("entities") or []}
        self._occurrence_cache: dict[str, list[int]] = {}
        self.genders: dict[str, str] = {}
        self.content_ranges: list[tuple[int, int]] = []
        self.current_parts: list[tuple[int, int]] = []
        self._full_name_cache: dict[str, list[tuple[int, str]]] = {}
        self.quote_ranges: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ helpers

    def _entity_mentions(self) -> list[_Mention]:
        out = []
        # span values live in doc.user_data under (".\_.", name, start_char, end_char);
        # reading them there skips building an Underscore object per span
        user_data = self.doc.user_data
        for span in self.doc.spans.get(GROUPS["entities"], []):
            s, e = span.start_char, span.end_char
            v = user_data.get(("._.", EXT, s, e)) or {}
            if v.get("entity"):
                out.append(_Mention(s, e, v["entity"], v.get("kind", "name"), span.label_))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def in_zones(self, start: int, end: int) -> bool:
        for s, e in self.zones:  # noqa: SIM110 (a plain loop: called for every cue)
            if s <= start and end <= e:
                return True
        return False

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quote_ranges, (char, 1 << 62)) - 1
        return k >= 0 and self.quote_ranges[k][0] <= char < self.quote_ranges[k][1]

    def _live_cue(self, i: int) -> bool:
        """Whether a cue that is not rejected starts at token ``i``."""
        cue = self.cue_at.get(i)
        return cue is not None and not cue.rejected

    # ------------------------------------------------------------------ main flow

    def extract(self) -> list[dict[str, Any]]:
        text = self.text
        if doc_data(self.doc).get("zones") is not None:
            # the article component made each paragraph start a sentence
            paragraphs = self.t.paragraphs()
        else:
            paragraphs = paragraph_ranges(text, is_hard_wrapped(text))
        paragraphs = [p for p in paragraphs if self.in_zones(*p)]
        self.paragraphs = paragraphs
        self.para_starts = [p[0] for p in paragraphs]
        scan = scan_quotes(text, paragraphs, self.c.elisions)
        self.warnings.extend(scan.warnings)
        counts = [_word_count(text, q.parts) for q in scan.quotes]
        marked = [q for q, n in zip(scan.quotes, counts, strict=True) if n >= 4]
        # a short passage is a quotation only when it is spoken: it opens its sentence,
        # ends in punctuation and has its attribution next to it ("Why now?" he asked)
        self.short = [
            q
            for q, n in zip(scan.quotes, counts, strict=True)
            if 1 <= n < 4 and len(q.parts) == 1 and text[q.parts[0][1] - 1 : q.parts[0][1]] in (",", ".", "?", "!")
        ]
        for q in marked:
            for s, e in q.parts:
                self.quote_ranges.append((s, e))
        self.quote_ranges.sort()
        self.marked = marked
        self.cues = self._find_cues()
        self.cue_at = {}
        for cue in self.cues:
            self.cue_at.setdefault(cue.i, cue)
        for cue in self.cues:
            self._prefilter(cue)
        for cue in self.cues:
            if not cue.rejected:
                self._analyse(cue)
        candidates = self._direct_candidates(sorted(marked + self.short, key=lambda q: q.close))
        candidates += self._indirect_candidates()
        candidates += self._headline_colon(candidates)
        candidates = self._reconcile(candidates)
        candidates.sort(key=lambda c: c.parts[0][0])
        return self._resolve_and_build(candidates)

    # ------------------------------------------------------------------ cues

    def _find_cues(self) -> list[_Cue]:
        t = self.t
        cues: list[_Cue] = []
        per_sentence: dict[int, int] = {}
        for _, start, end in self.matches:
            key = t.lows[start] if end - start == 1 else " ".join(t.lows[k] for k in range(start, end))
            word = self.lex.cues.get(key)
            if word is None:
                continue
            if not self.in_zones(t.starts[start], t.ends[end - 1]):
                continue
            lo, hi = t.sentence(start)
            count = per_sentence.get(lo, 0)
            if count >= _MAX_CUES_PER_SENTENCE:
                if count == _MAX_CUES_PER_SENTENCE:
                    self.warnings.append(
                        {
                            "code": "too_many_cues",
                            "message": "a sentence has too many reporting verbs; the rest were not read",
                            "start": t.starts[start],
                            "end": t.ends[end - 1],
                        }
                    )
                    per_sentence[lo] = count + 1
                continue
            per_sentence[lo] = count + 1
            cue = _Cue(start, end, word, lo, hi)
            char = t.starts[start]
            if self.in_quote(char):
                cue.in_quote = True
                k = bisect.bisect_right(self.quote_ranges, (char, 1 << 62)) - 1
                qs, qe = self.quote_ranges[k]
                cue.lo = max(lo, t.from_char(qs))
                cue.hi = min(hi, t.at(qe - 1) + 1)
            cues.append(cue)
        # longest match first at each start: "pointed out" over "pointed"
        cues.sort(key=lambda c: (c.i, -(c.j - c.i)))
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
        lows = self.t.lows
        t, c = self.t, self.c
        i, j, lo, hi = cue.i, cue.j, cue.lo, cue.hi
        word = cue.word
        prev = lows[i - 1] if i > lo else ""
        if (
            t.word(i)[:1].isupper()
            and i > lo
            and prev not in _QUOTE_CHARS
            and prev not in (":", "—", "–")
            and not self._in_headline(t.starts[i])
        ):
            cue.rejected = True  # part of a name: "the State Council", "Government Work Report"
            return
        if word.form != "phrase" and prev in _DETERMINERS:
            cue.rejected = True  # "the report", "his warning", "the expected growth"
            return
        if prev in ("-", "–") or lows[j] in ("-", "–"):
            cue.rejected = True  # part of a compound: "no-shows", "state-owned"
            return
        if word.form == "ing" and prev not in (",", "as") and prev not in c.aux:
            cue.rejected = True  # "when answering a query"
            return
        if word.form == "past" and prev in ("than", "as"):
            cue.rejected = True  # "better than expected", "as predicted"
            return
        if word.form == "past":
            k = i - 1
            while k > lo and (lows[k] in c.adverbs or lows[k].endswith("ly")):
                k -= 1
            if lows[k] in ("is", "are", "was", "were", "be", "been", "being", "'s", "’s"):
                cue.rejected = True  # passive: "is expected to", "was provisionally estimated"
                return
        if j < hi and lows[j] == "by" and word.form != "phrase":
            cue.rejected = True  # "predicted by most economists"
            return
        if "noun" in word.tags and word.form in ("base", "third"):
            nxt = lows[j] if j < hi else ""
            if nxt not in ("that", ",", ":") and lows[j] not in _QUOTE_CHARS:
                cue.rejected = True  # "a preliminary report", "the state media"

    def _analyse(self, cue: _Cue) -> None:
        """Find the cue's speaker phrase and reported clause; mark it rejected when it
        is no statement (negated, a future, ...)."""
        t = self.t
        i, lo = cue.i, cue.lo
        word = cue.word
        if word.lemma == "according to":
            self._analyse_according(cue)
            return
        k = self._skip_left(cue)
        if cue.rejected:
            return
        if word.form == "ing":
            if t.lows[i - 1] == "as" and t.lows[i - 2] in ("quoted", "cited"):
                cue.side = "left"
            else:
                cue.side = "participle"
                cue.governor = self._previous_cue(cue)
        elif k >= lo and t.lows[k] in _CONJUNCTIONS:
            cue.side = "coordinated"
            cue.governor = self._previous_cue(cue)
        elif k >= lo and t.lows[k] in ("who", "which") and self._is_subord(k):
            cue.side = "relative"
            b = k - 1
            if b >= lo and t.lows[b] == ",":
                b -= 1
            np_range = self._left_np(b, lo) if b >= lo else None
            cue.subject = np_range
        elif k >= lo and t.lows[k] == ",":
            self._comma_left(cue, k)
        elif k >= lo and not t.is_space(k) and t.lows[k] not in _BOUNDARY and t.lows[k] not in _QUOTE_CHARS:
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
            if w in _BOUNDARY or t.is_space(x) or lows[x] in _QUOTE_CHARS:
                break
            if w in c.data_nouns:
                start = x
                while start - 1 >= lo and (
                    lows[start - 1] in _DETERMINERS or lows[start - 1] in ("latest", "new", "official")
                ):
                    start -= 1
                if start == lo or lows[start - 1] in (",", ";", ":") or t.is_space(start - 1):
                    return (start, k + 1)
        return None

    def _skip_left(self, cue: _Cue) -> int:
        """Index of the first token left of the cue that is not an adverb, auxiliary,
        negation or time phrase; sets ``negated`` and ``rejected`` on the way."""
        lows = self.t.lows
        t, c = self.t, self.c
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
            elif w in c.aux or w in c.adverbs or (len(w) > 4 and w.endswith("ly") and not t.is_cap(k)):
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
        _t, c = self.t, self.c
        for _ in range(14):
            if r >= hi:
                break
            w = lows[r]
            if w in c.adverbs or w == "out" or (w in c.time_words and lows[r + 1] not in ("'s", "’s")):
                r += 1
            elif w in _TIME_PREPS and r + 1 < hi and lows[r + 1] in c.time_words and lows[r + 2] not in ("'s", "’s"):
                r += 2
            elif w == "," and r + 2 < hi and lows[r + 1] in ("however", "though", "too") and lows[r + 2] == ",":
                r += 3
            else:
                break
        return r

    def _previous_cue(self, cue: _Cue) -> _Cue | None:
        k = self._cue_index(cue) - 1
        while k >= 0:
            prev = self.cues[k]
            if prev.i < cue.lo:
                return None
            if prev.word.lemma != "according to" and not (prev.rejected and prev.subject is None):
                return prev
            k -= 1
        return None

    def _cue_index(self, cue: _Cue) -> int:
        lo, hi = 0, len(self.cues)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cues[mid].i < cue.i:
                lo = mid + 1
            else:
                hi = mid
        return lo

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
            if w in (";", ":") or lows[b] in _QUOTE_CHARS or t.is_space(b):
                break
        if c0 is None or c0 <= lo:
            return
        if not self._appositive_like(c0 + 1, k):
            return
        np_range = self._left_np(c0 - 1, lo)
        if np_range is None:
            return
        _a, b = np_range
        last = lows[b - 1]
        if not (
            t.is_cap(b - 1)
            or last == ")"
            or last in _SUBJECT_PRONOUNS
            or last in self.c.person_roles
            or last in self.c.group_nouns
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
        if name is None or not self._name_token(name[1] - 1):
            return
        if name[0] > cue.lo and t.lows[name[0] - 1] not in _BOUNDARY and not t.is_space(name[0] - 1):
            return
        cue.subject = name
        cue.appositive = np_range

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
            if w in c.aux or w == "that" or w in _SENT_END or w in _QUOTE_CHARS:
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
        lows = self.t.lows
        t, c = self.t, self.c
        if lows[k] in c.pronouns and not (t.word(k) == "He" and k > lo and lows[k - 1] not in _QUOTE_CHARS):
            return (k, k + 1)
        start = k + 1
        x = k
        while x >= lo and k - x < _MAX_NP:
            w = lows[x]
            if t.is_space(x):
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
            if w in _BOUNDARY or lows[x] in _QUOTE_CHARS or (w in ("-", "–") and not self._glued(x)):
                break
            if self._is_subord(x) or w in c.aux or self._live_cue(x):
                break
            if w in _CONJUNCTIONS and (x - 1 < lo or lows[x - 1] == ","):
                break
            if self._verbish(x) and not t.is_cap(x):
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
            run = self._last_cap_run(start, k + 1)
            return run
        return (start, k + 1)

    def _verbish(self, x: int) -> bool:
        """Whether token ``x`` looks like a finite verb (not a participle modifier)."""
        t, c = self.t, self.c
        w = t.lows[x]
        if w in c.finite:
            return True
        if len(w) > 4 and w.endswith("ed") and t.lows[x + 1] != "by":
            prev = t.lows[x - 1]
            if prev in ("-", "–") and self._glued(x - 1):
                return False  # "Bengaluru-based", "state-owned"
            return prev not in _DETERMINERS and not prev.endswith("ly")
        return False

    def _is_subord(self, x: int) -> bool:
        """A subordinating word ("which", "after"), not an acronym ("WHO")."""
        if self.t.lows[x] not in self.c.subords:
            return False
        word = self.t.word(x)
        return not (word.isupper() and len(word) > 1)

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
        word = t.word(x)
        if word.isupper() and len(word) > 1:
            return True  # an acronym: "WHO", "IN"
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
        lows = self.t.lows
        t, c = self.t, self.c
        if lows[r] in _CONJUNCTIONS or self._is_subord(r):
            return None
        x = r
        end = r
        while x < hi and x - r < 24:
            w = lows[x]
            if t.is_space(x) or w in _SENT_END or w in (";", ":") or lows[x] in _QUOTE_CHARS:
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
            if w in c.preps:
                inside_name = t.is_cap(x - 1) and (t.is_cap(x + 1) or (lows[x + 1] == "the" and t.is_cap(x + 2)))
                after_noun = (
                    x > r
                    and not t.is_cap(x - 1)
                    and (lows[x - 1] in c.person_roles or lows[x - 1] in c.data_nouns or lows[x - 1] in c.group_nouns)
                )
                publisher = w in c.publisher_links and x > r and lows[x - 1] in c.publisher_links | c.data_nouns
                if not (w in ("of", "for", "from", "at", "by", "in") and (inside_name or after_noun or publisher)):
                    break
                if w == "by" and not publisher:
                    break
            elif (
                (w in c.time_words and not t.is_cap(x))
                or (w in c.time_words and x > r and w in _WEEKDAYS)
                or self._is_subord(x)
                or w in c.aux
                or (self._verbish(x) and not (w in c.publisher_links and lows[x + 1] == "by"))
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
            cue.complement = (start, end)
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
        if r >= hi or t.is_space(r):
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
                if lw in _BOUNDARY or t.is_space(x) or self._live_cue(x):
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
        while x < hi and self.t.low(x) in self.c.addressees:
            x += 1
        return x

    def _set_complement(self, cue: _Cue, start: int, kind: str) -> None:
        t = self.t
        hi = cue.hi
        while start < hi and (t.lows[start] in (",", "that") or t.is_space(start)):
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
        lows = self.t.lows
        t, c = self.t, self.c
        limit = min(hi, start + 150)
        x = start
        while x < limit:
            w = lows[x]
            if t.is_space(x) or w == ";":
                return x
            if w == ",":
                n1 = lows[x + 1]
                if n1 in self.c.ing_cues or n1 in c.breakers or n1 == "according":
                    return x
                if self._attribution_follows(x + 1, limit):
                    return x
                if n1 in _CONJUNCTIONS and self._cue_follows(x + 2, limit):
                    return x
                if t.word(x + 1) in '“«„"‘' and x + 1 < limit and t.word(x + 1):
                    return x
            elif (w in _CONJUNCTIONS and self._cue_follows(x + 1, limit)) or (w == "according" and lows[x + 1] == "to"):
                return x
            x += 1
        return limit

    def _attribution_follows(self, x: int, limit: int) -> bool:
        """ "..., it said in a statement": an attribution closes the reported clause
        (not a relative clause: "..., which it described as ...")."""
        lows = self.t.lows
        if self._is_subord(x):
            return False
        for y in range(x, min(limit, x + 7)):
            cue = self.cue_at.get(y)
            if cue is not None and not cue.rejected and cue.word.form in ("past", "third"):
                return True
            if lows[y] in (",", ";", ".", "that", ":") or self.t.is_space(y) or lows[y] in self.c.aux:
                return False
        return False

    def _cue_follows(self, x: int, limit: int) -> bool:
        """Whether a cue (a verb of saying, perhaps after a pronoun or adverb) or a
        negation verb starts at token ``x``: "and said", "but it reiterated"."""
        lows = self.t.lows
        _t, c = self.t, self.c
        for y in range(x, min(limit, x + 3)):
            w = lows[y]
            cue = self.cue_at.get(y)
            if cue is not None and cue.word.form != "ing":
                return True
            if w in _NEG_GOVERNORS and y == x and w in ("refused", "declined", "failed"):
                return True
            if not (w in self.c.pronouns or w in c.adverbs):
                return False
        return False

    # ------------------------------------------------------------------ direct quotes

    def _direct_candidates(self, marked: list[MarkedQuote]) -> list[_Candidate]:
        t = self.t
        out: list[_Candidate] = []
        short = {id(q) for q in self.short}
        for q in marked:
            parts = [self._trim_part(s, e, last=(n == len(q.parts) - 1)) for n, (s, e) in enumerate(q.parts)]
            parts = [p for p in parts if p[1] > p[0]]
            if not parts:
                continue
            cand = _Candidate("direct", parts, "direct.unattributed", marked=q)
            open_tok = t.at(q.opens[0])
            close_tok = t.at(q.close)
            after = self._attribution_after(close_tok)
            if id(q) in short:
                if after is None or not self._starts_unit(open_tok, q.opens[0]):
                    continue
                after.consumed = True
                cand.cue, cand.rule = after, "direct.cue_after"
                out.append(cand)
                continue
            if after is not None:
                after.consumed = True
                cand.cue, cand.rule = after, "direct.cue_after"
            else:
                before, rule = self._attribution_before(open_tok, q.opens[0])
                if before is not None:
                    cand.cue, cand.rule = before, rule
                elif self._starts_unit(open_tok, q.opens[0]):
                    if self._used_as_name(q):
                        continue  # '"The Last Harvest" opened in Berlin': a title, not words said
                    cand.inherit = True
                    cand.rule = "direct.follows_speaker"
                else:
                    cand.rule = "embedded"
            out.append(cand)
        return self._merge_split(out)

    def _used_as_name(self, q: MarkedQuote) -> bool:
        """A quoted passage that ends without punctuation and runs on into its sentence
        ('"Make Work Pay" became the slogan') names something; speech ends in a mark."""
        text = self.text
        inner_end = q.parts[-1][1]
        if text[inner_end - 1 : inner_end] in ",.?!;:…—-":
            return False
        after = text[q.close + 1 : q.close + 3]
        return bool(after) and after[0] == " " and after[1:2].isalpha()

    def _trim_part(self, s: int, e: int, last: bool) -> tuple[int, int]:
        text = self.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if last:
            while e > s and text[e - 1] in ",.":
                e -= 1
                while e > s and text[e - 1].isspace():
                    e -= 1
        return s, e

    def _attribution_after(self, close_tok: int) -> _Cue | None:
        """The cue right after a closing mark: "...," she said / "...," said Jiang."""
        lows = self.t.lows
        t = self.t
        x = close_tok + 1
        while x < t.n and lows[x] in (",", "—", "–", "-") and not t.is_space(x):
            x += 1
        if x >= t.n or t.is_space(x):
            return None
        for y in range(x, min(t.n, x + 18)):
            if t.is_space(y) or lows[y] in _QUOTE_CHARS:
                return None
            cue = self.cue_at.get(y)
            if cue is None:
                if lows[y] in _SENT_END:
                    return None
                continue
            if cue.in_quote or (cue.rejected and not cue.negated and cue.subject is None):
                return None
            if cue.side == "left" and cue.subject is not None and cue.subject[0] == x and cue.complement is None:
                return cue
            if cue.side == "right" and cue.subject is not None and self._only_skippable(x, cue.i):
                return cue
            return None
        return None

    def _only_skippable(self, a: int, b: int) -> bool:
        c = self.c
        return all(self.t.low(x) in c.adverbs for x in range(a, b))

    def _attribution_before(self, open_tok: int, open_char: int) -> tuple[_Cue | None, str]:
        """The cue before an opening mark: He added: "..." / Lin said, "..."."""
        lows = self.t.lows
        t = self.t
        b = open_tok - 1
        para_start = self._paragraph_start(open_char)
        while b >= 0 and t.is_space(b) and "\n" not in t.word(b):
            b -= 1
        if b >= 0 and t.is_space(b) and para_start == open_char:
            # a paragraph that ends with a colon introduces the quote paragraph after it
            while b >= 0 and t.is_space(b):
                b -= 1
            if b < 0 or lows[b] != ":":
                return None, ""
            para_start = self._paragraph_start(t.starts[b])
        if b < 0 or t.is_space(b) or lows[b] not in (":", ",", "—", "–"):
            return None, ""
        floor = max(0, b - 45)
        for y in range(b - 1, floor - 1, -1):
            if t.starts[y] < para_start:
                break
            cue = self.cue_at.get(y)
            if cue is None or cue.word.lemma == "according to":
                continue
            if cue.in_quote or cue.consumed:
                return None, ""
            if cue.rejected and not cue.negated:
                return None, ""
            if cue.complement is None or (cue.complement[1] >= b - 1 and cue.comp_kind in ("quote",)):
                if self._speaker_of(cue) is None:
                    return None, ""
                cue.consumed = True
                return cue, "direct.cue_before"
            if cue.complement[1] >= b - 1:
                return (cue, "direct.after_clause") if self._speaker_of(cue) is not None else (None, "")
            return None, ""
        return None, ""

    def _speaker_of(self, cue: _Cue) -> tuple[int, int] | None:
        gov = cue.speaker_cue()
        return gov.subject if gov is not None else None

    def _paragraph_start(self, char: int) -> int:
        k = bisect.bisect_right(self.para_starts, char) - 1
        return self.para_starts[k] if k >= 0 else 0

    def _starts_unit(self, open_tok: int, open_char: int) -> bool:
        """Whether a quote opens its paragraph or a sentence."""
        if self._paragraph_start(open_char) == open_char:
            return True
        t = self.t
        b = open_tok - 1
        while b >= 0 and t.is_space(b):
            b -= 1
        return b < 0 or t.lows[b] in _SENT_END or (t.lows[b] in ("”", '"') and t.lows[b - 1] in _SENT_END)

    def _merge_split(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Join "First," she said, "second." into one quotation with two parts."""
        out: list[_Candidate] = []
        for cand in cands:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.rule == "direct.cue_after"
                and cand.rule in ("direct.follows_speaker", "embedded", "direct.unattributed")
                and prev.marked is not None
                and cand.marked is not None
                and self._paragraph_start(prev.marked.close) == self._paragraph_start(cand.marked.opens[0])
                and self._gap_is_attribution(prev, cand)
            ):
                prev.parts = prev.parts + cand.parts
                if len(prev.parts) >= 2:
                    s, e = prev.parts[-2]
                    if prev.parts[-2] is not None:
                        prev.parts[-2] = self._trim_part(s, e, last=True)
                continue
            out.append(cand)
        return out

    def _gap_is_attribution(self, prev: _Candidate, cand: _Candidate) -> bool:
        assert prev.marked is not None and cand.marked is not None and prev.cue is not None
        gap_start, gap_end = prev.marked.close + 1, cand.marked.opens[0]
        if gap_end - gap_start > 220:
            return False
        gap = self.text[gap_start:gap_end].rstrip()
        if not gap or gap[-1] not in ",.:;—":
            return False
        inner = gap[:-1]
        if re.search(r"[.!?]\s", inner):
            return False
        cue_char = self.t.starts[prev.cue.i]
        return gap_start <= cue_char < gap_end

    # ------------------------------------------------------------------ indirect

    def _indirect_candidates(self) -> list[_Candidate]:
        t, _c = self.t, self.c
        out: list[_Candidate] = []
        for cue in self.cues:
            if cue.consumed or cue.rejected or cue.negated:
                continue
            tags = cue.word.tags
            if "direct" in tags:
                continue
            if cue.word.lemma == "according to":
                if cue.in_quote:
                    continue
                cand = self._according_candidate(cue)
                if cand is not None:
                    out.append(cand)
                continue
            speaker_cue = cue.speaker_cue()
            if speaker_cue is None or speaker_cue.subject is None:
                continue
            subject = speaker_cue.subject
            if cue.in_quote and (
                t.lows[subject[0]] in self.c.pronouns or cue.side != "left" or not self._speakerish(subject)
            ):
                continue
            if subject[1] - subject[0] == 1 and t.lows[subject[0]] in _FIRST_SECOND:
                continue
            if cue.complement is not None and cue.comp_kind != "quote":
                cand = self._forward_candidate(cue, subject)
                if cand is not None:
                    out.append(cand)
                continue
            if cue.complement is None and cue.side in ("left", "right") and not cue.in_quote:
                cand = self._clause_first_candidate(cue)
                if cand is not None:
                    out.append(cand)
        return out

    def _subject_ok(self, cue: _Cue, subject: tuple[int, int]) -> bool:
        """Whether the subject can be a source for this cue's tags."""
        t, c = self.t, self.c
        tags = cue.word.tags
        words = [t.lows[x] for x in range(*subject)]
        if "data" in tags:
            return any(w in c.data_nouns for w in words)
        if "forecast" in tags:
            return self._speakerish(subject)
        return True

    def _speakerish(self, subject: tuple[int, int]) -> bool:
        """Whether a phrase can name a source: a name, a pronoun, an entity, a role."""
        t, c = self.t, self.c
        a, b = subject
        if any(m.start < t.ends[b - 1] and t.starts[a] < m.end for m in self._mentions_in(t.starts[a], t.ends[b - 1])):
            return True
        for x in range(a, b):
            w = t.lows[x]
            if t.is_cap(x) or w in c.person_roles or w in c.group_nouns or w in c.data_nouns or w in c.pronouns:
                return True
        return False

    def _forward_candidate(self, cue: _Cue, subject: tuple[int, int]) -> _Candidate | None:
        t, c = self.t, self.c
        assert cue.complement is not None
        a, b = cue.complement
        kind = cue.comp_kind
        tags = cue.word.tags
        core = "core" in tags
        if not self._subject_ok(cue, subject):
            return None
        if kind in ("bare", "np"):
            if "that" in tags or (cue.word.form in ("base", "third") and "noun" in tags):
                return None
            if kind == "np" or core or "forecast" in tags:
                # core verbs take a noun phrase ("announced a prize"); so do forecasts by
                # a named or described forecaster ("the central bank expects growth of 3%")
                if not self._speakerish(subject) or ("forecast" in tags and cue.modal):
                    return None
            else:
                clause = (
                    self._looks_like_clause(a, b)
                    or ("bare" in tags and b - a >= 3 and t.lows[a] not in c.preps)
                    or ("bare" in tags and self._in_headline(t.starts[cue.i]))
                )
                if not clause or (not self._speakerish(subject) and "data" not in tags):
                    return None
        elif kind == "to" and not (core or "to" in tags):
            return None
        start, end = self._trim_clause(*t.chars(a, b))
        if _words(self.text[start:end]) < 2:
            return None
        if cue.side == "participle":
            rule = "indirect.participle"
        elif cue.side == "coordinated":
            rule = "indirect.coordinated"
        elif kind == "that":
            rule = "indirect.that_clause"
        elif kind in ("np", "to"):
            rule = "indirect.complement"
        else:
            rule = "indirect.bare_clause"
        return _Candidate("indirect", [(start, end)], rule, cue=cue, speaker_np=subject)

    def _looks_like_clause(self, a: int, b: int) -> bool:
        lows = self.t.lows
        _t, c = self.t, self.c
        first = lows[a]
        if first in _SUBJECT_PRONOUNS:
            return True
        if first in c.preps or first in _BOUNDARY:
            return False
        for x in range(a + 1, min(b, a + 25)):
            w = lows[x]
            if w in c.subords and w != "that":
                return False
            if w in c.aux or w in c.finite:
                return True
            if len(w) > 4 and w.endswith("ed") and lows[x - 1] not in _DETERMINERS and lows[x + 1] != "by":
                return True
        return False

    def _has_finite(self, a: int, b: int) -> bool:
        """Whether tokens [a, b) hold a finite verb (an auxiliary, a known verb form or
        a word in -ed that no determiner precedes)."""
        lows = self.t.lows
        _t, c = self.t, self.c
        for x in range(a, min(b, a + 80)):
            w = lows[x]
            if w in c.aux or w in c.finite:
                return True
            if len(w) > 4 and w.endswith("ed") and lows[x - 1] not in _DETERMINERS:
                return True
        return False

    def _clause_first_candidate(self, cue: _Cue) -> _Candidate | None:
        """CLAUSE, X said. / CLAUSE, said X."""
        t = self.t
        subject = cue.subject
        if subject is None:
            return None
        if cue.side == "left":
            first = subject[0]
            comma = first - 1
        else:
            comma = cue.i - 1
        if comma < cue.lo or t.lows[comma] != "," or cue.comp_kind == "colon":
            return None
        if not self._speakerish(subject):
            return None
        # after the cue and its speaker: only adverbials to the end of the sentence
        tail = max(cue.j, subject[1]) if cue.side == "right" else cue.j
        if cue.side == "right" and cue.appositive is None:
            pass
        if not self._tail_is_adverbial(tail, cue.hi):
            return None
        if not self._subject_ok(cue, subject):
            return None
        start_tok = self._clause_start_token(cue.lo)
        if start_tok >= comma:
            return None
        start, end = self._trim_clause(t.starts[start_tok], t.ends[comma - 1])
        if end <= start or _words(self.text[start:end]) < 2:
            return None
        parts = [(start, end)]
        finite = self._has_finite(start_tok, comma)
        if finite:
            more = self._continuation(tail, cue.hi)
        else:
            # "The rest of the town, officials said, is safe": the attribution splits its clause
            more = self._predicate_after(tail, cue.hi)
            if more is None and not (
                self._in_headline(start)
                or (_words(self.text[start:end]) >= 6 and t.lows[start_tok] not in self.c.preps)
            ):
                return None
        if more is None and not finite and _words(self.text[start:end]) < 3:
            return None
        if self._overlaps_marked(start, end):
            return None
        if more is not None:
            parts.append(more)
        return _Candidate("indirect", parts, "indirect.clause_first", cue=cue, speaker_np=subject)

    def _predicate_after(self, x: int, hi: int) -> tuple[int, int] | None:
        """The rest of a clause after a parenthetical attribution: ", is safe."."""
        t = self.t
        lows = t.lows
        x = self._skip_right(x, hi)
        if x >= hi or lows[x] != ",":
            return None
        y = x + 1
        while y < hi and (lows[y] in self.c.adverbs or lows[y].endswith("ly")):
            y += 1
        if y >= hi or not (lows[y] in self.c.aux or lows[y] in self.c.finite or self._verbish(y)):
            return None
        end = self._clause_end(x + 1, hi)
        s, e = self._trim_clause(t.starts[x + 1], t.ends[end - 1])
        return (s, e) if e > s else None

    def _continuation(self, x: int, hi: int) -> tuple[int, int] | None:
        """ "CLAUSE, the ministry said, with MORE.": the reported clause goes on after
        its attribution."""
        t = self.t
        x = self._skip_right(x, hi)
        y = x
        while y < hi and y - x < 12 and t.lows[y] != ",":
            if t.lows[y] in _SENT_END or t.is_space(y) or t.lows[y] in ("that", ";", ":"):
                return None
            y += 1
        if y >= hi or t.lows[y] != "," or t.lows[y + 1] not in self.c.continuations:
            return None
        end = self._clause_end(y + 2, hi)
        if end <= y + 2:
            return None
        s, e = self._trim_clause(t.starts[y + 1], t.ends[end - 1])
        return (s, e) if e > s else None

    def _tail_is_adverbial(self, x: int, hi: int) -> bool:
        """Whether the rest of the sentence after an attribution holds no new clause:
        "in a statement.", "on Tuesday, adding that ...", "as the figures came out."."""
        lows = self.t.lows
        t, c = self.t, self.c
        x = self._skip_right(x, hi)
        if x >= hi or t.is_space(x):
            return True
        w = lows[x]
        if w in _SENT_END or w == "," or w in c.subords or w in (";", ":", "—", "–"):
            return True
        if w in c.preps or w in c.addressees or w in _DETERMINERS:
            # a prepositional phrase ("in an interview with ...") or an addressee
            # ("told a press conference") up to the end of the sentence or a comma
            for y in range(x, min(hi, x + 20)):
                lw = lows[y]
                if lw in _SENT_END or lw == "," or t.is_space(y):
                    return True
                if lw == "that" or lows[y] in _QUOTE_CHARS or self._live_cue(y):
                    return False
            return False
        return False

    def _overlaps_marked(self, start: int, end: int) -> bool:
        ranges = self.quote_ranges
        k = bisect.bisect_left(ranges, (start, -1))
        # the range that starts before ``start`` may reach into it; the next starts inside
        return (k > 0 and ranges[k - 1][1] > start) or (k < len(ranges) and ranges[k][0] < end)

    def _according_candidate(self, cue: _Cue) -> _Candidate | None:
        if cue.complement is None or cue.subject is None:
            return None
        t = self.t
        a, b = cue.complement
        start, end = self._trim_clause(*t.chars(a, b))
        if end <= start or _words(self.text[start:end]) < 3:
            return None
        if cue.comp_kind == "according_last":
            # a quote only relayed by a second source ("...," he added, according to X)
            if self._overlaps_marked(start, end):
                return None
            k = self._cue_index(cue) - 1
            while k >= 0 and t.starts[self.cues[k].i] >= start:
                if self.cues[k].consumed:
                    return None
                k -= 1
            rule = "indirect.according_to_last"
        else:
            rule = "indirect.according_to_first"
        return _Candidate("indirect", [(start, end)], rule, cue=cue, speaker_np=cue.subject)

    def _trim_clause(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
            start += 1
        if text.startswith("that ", start):
            start += 5
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:—–-"):
            end -= 1
        return start, end

    # ------------------------------------------------------------------ headline

    def _headline_colon(self, cands: list[_Candidate]) -> list[_Candidate]:
        """A headline "CLAUSE: SPEAKER" or "SPEAKER: CLAUSE" (a source label, not a cue)."""
        if self.headline is None:
            return []
        hs, he = self.headline
        if any(hs <= c.parts[0][0] < he for c in cands):
            return []
        line = self.text[hs:he]
        if line.count(":") != 1:
            return []
        colon = line.index(":")
        left, right = line[:colon].strip(), line[colon + 1 :].strip()
        if self._source_label(right) and _words(left) >= 3:
            clause = (hs, hs + len(line[:colon].rstrip()))
            label = (he - len(line[colon + 1 :].lstrip()), he)
        elif self._source_label(left) and _words(right) >= 3:
            label = (hs, hs + len(line[:colon].rstrip()))
            clause = (he - len(line[colon + 1 :].lstrip()), he)
        else:
            return []
        start, end = self._trim_clause(*clause)
        t = self.t
        np_range = (t.at(label[0]), t.at(label[1] - 1) + 1)
        cand = _Candidate("indirect", [(start, end)], "indirect.headline_colon", speaker_np=np_range, headline=True)
        return [cand]

    def _source_label(self, phrase: str) -> bool:
        words = phrase.split()
        if not 1 <= len(words) <= 5:
            return False
        low = [w.lower().strip(".,'’\"") for w in words]
        return any(w in self.c.person_roles or w in self.c.titles for w in low[-2:])

    # ------------------------------------------------------------------ mixed / fragments

    def _reconcile(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Decide between direct, indirect and mixed where quoted passages lie inside
        reported clauses; drop duplicates."""
        text = self.text
        directs = [c for c in cands if c.kind == "direct"]
        indirects = self._drop_same_speaker_nested([c for c in cands if c.kind != "direct"])
        fragments: set[int] = set()
        kept_indirect: list[_Candidate] = []
        loose = sorted(
            (d.marked.opens[0], n, d)
            for n, d in enumerate(directs)
            if d.rule in ("embedded", "direct.follows_speaker", "direct.unattributed") and d.marked is not None
        )
        loose_starts = [x[0] for x in loose]
        for ind in indirects:
            start, end = ind.parts[0]
            k = bisect.bisect_left(loose_starts, start - 1)
            inside = []
            while k < len(loose) and loose[k][0] < end:
                d = loose[k][2]
                if d.marked is not None and d.marked.close <= end + 1:
                    inside.append(d)
                k += 1
            if not inside:
                kept_indirect.append(ind)
                continue
            if len(inside) == 1 and inside[0].marked is not None:
                d = inside[0]
                q = d.marked
                assert q is not None
                lead = _words(text[start : q.opens[0]])
                trail = _words(text[q.close : end])
                if lead <= 1 and trail == 0:
                    d.rule = "direct.complement"
                    d.cue = ind.cue
                    d.speaker_np = ind.speaker_np
                    d.inherit = False
                    if ind.cue is not None:
                        ind.cue.consumed = True
                    continue
            for d in inside:
                fragments.add(id(d))
            ind.kind = "mixed"
            ind.rule = "mixed." + ind.rule.split(".", 1)[1]
            marks = {q.opens[0] for q in (d.marked for d in inside) if q is not None}
            marks |= {q.close for q in (d.marked for d in inside) if q is not None}
            ind.text = "".join(ch for pos, ch in enumerate(text[start:end], start) if pos not in marks)
            ind.text = " ".join(ind.text.split())
            kept_indirect.append(ind)
        kept: list[_Candidate] = []
        for d in directs:
            if id(d) in fragments:
                continue
            if d.rule == "embedded":
                cue = self._sentence_cue(d)
                if cue is None:
                    continue
                d.cue, d.rule = cue, "direct.sentence_cue"
            kept.append(d)
        for d in kept:
            if d.inherit and d.rule == "direct.follows_speaker":
                continue
        return self._dedupe(kept + kept_indirect)

    def _drop_same_speaker_nested(self, cands: list[_Candidate]) -> list[_Candidate]:
        """ "Jiang said she expects X": one statement, not two; a nested attribution
        counts apart only when it names another source ("X said Y told him that Z")."""
        t = self.t
        spans = sorted((c.parts[0][0], c.parts[-1][1]) for c in cands)
        out = []
        for cand in cands:
            cue = cand.cue
            np_range = cand.speaker_np
            if cue is not None and np_range is not None and np_range[1] - np_range[0] == 1:
                word = t.lows[np_range[0]]
                char = t.starts[cue.i]
                k = bisect.bisect_right(spans, (char, 1 << 62)) - 1
                nested = any(s < char < e for s, e in spans[max(0, k - 3) : k + 1])
                if nested and word in self.c.pronouns and word not in ("it", "they"):
                    continue
            out.append(cand)
        return out

    def _sentence_cue(self, d: _Candidate) -> _Cue | None:
        """A cue earlier in the quote's sentence with a speaker: described it as "..."."""
        assert d.marked is not None
        t = self.t
        open_tok = t.at(d.marked.opens[0])
        lo, _ = t.sentence(open_tok)
        for y in range(open_tok - 1, max(lo - 1, open_tok - 40), -1):
            cue = self.cue_at.get(y)
            if cue is None or cue.in_quote:
                continue
            if cue.rejected or cue.negated or cue.word.lemma == "according to":
                return None
            return cue if self._speaker_of(cue) is not None else None
        return None

    def _speaker_range(self, cand: _Candidate) -> tuple[int, int] | None:
        if cand.speaker_np is not None:
            return cand.speaker_np
        return self._speaker_of(cand.cue) if cand.cue is not None else None

    def _dedupe(self, cands: list[_Candidate]) -> list[_Candidate]:
        order = {"direct": 0, "mixed": 1, "indirect": 2}
        cands.sort(key=lambda c: (c.parts[0][0], order[c.kind]))
        out: list[_Candidate] = []
        for cand in cands:
            s, e = cand.parts[0][0], cand.parts[-1][1]
            dup = False
            for other in out[-4:]:
                os_, oe = other.parts[0][0], other.parts[-1][1]
                inter = min(e, oe) - max(s, os_)
                same_source = other.cue is cand.cue or self._speaker_range(other) == self._speaker_range(cand)
                if inter > 0 and inter >= 0.8 * (e - s) and inter >= 0.8 * (oe - os_) and same_source:
                    dup = True
                    break
            if not dup:
                out.append(cand)
        return out

    # ------------------------------------------------------------------ speakers

    def _resolve_and_build(self, cands: list[_Candidate]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        history: list[_Speaker] = []
        headline_cands = [c for c in cands if c.headline or self._in_headline(c.parts[0][0])]
        body_cands = [c for c in cands if c not in headline_cands]
        resolved: dict[int, _Speaker | None] = {}
        # reported words: a name inside them is rarely what a later pronoun refers to
        self.content_ranges = sorted(p for c in cands for p in c.parts)
        for cand in body_cands:
            self.current_parts = cand.parts
            speaker = self._resolve(cand, history, cataphora=False)
            resolved[id(cand)] = speaker
            if speaker is not None and (speaker.entity or speaker.text):
                cue = cand.cue
                speaker.at = self.t.starts[cue.i] if cue is not None else cand.parts[0][0]
                history.append(speaker)
        for n, cand in enumerate(body_cands):
            speaker = resolved.get(id(cand))
            if speaker is not None and speaker.pending:
                named = self._named_after(cand, speaker.pending, body_cands, n + 1, resolved)
                if named is not None:
                    resolved[id(cand)] = named
        for cand in headline_cands:
            resolved[id(cand)] = self._resolve(cand, history, cataphora=True)
        cands = self._drop_repeated_speaker(cands, resolved)
        for n, cand in enumerate(cands, 1):
            speaker = resolved.get(id(cand))
            out.append(self._record(n, cand, speaker))
        return out

    def _drop_repeated_speaker(self, cands: list[_Candidate], resolved: dict[int, _Speaker | None]) -> list[_Candidate]:
        """A cue inside the reported words of the same speaker ("Halbach expects X, it
        said") adds no statement of its own."""
        out = []
        starts = [c.parts[0][0] for c in cands]  # cands are in document order
        for cand in cands:
            cue = cand.cue
            sp = resolved.get(id(cand))
            if cue is not None and sp is not None and cand.kind != "direct":
                char = self.t.starts[cue.i]
                key = self._speaker_key(sp)
                k = bisect.bisect_left(starts, char)
                outer = [o for o in cands[max(0, k - 4) : k] if o is not cand and any(s < char < e for s, e in o.parts)]
                if any(self._speaker_key(resolved.get(id(o))) == key for o in outer):
                    continue
            out.append(cand)
        return out

    def _speaker_key(self, sp: _Speaker | None) -> str | None:
        """The speaker's name, to compare two speakers."""
        if sp is None:
            return None
        if sp.entity:
            return str((self.clusters.get(sp.entity) or {}).get("name") or sp.entity).lower()
        return (sp.text or "").lower() or None

    def _named_after(
        self,
        cand: _Candidate,
        role: str,
        cands: list[_Candidate],
        first: int,
        resolved: dict[int, _Speaker | None],
    ) -> _Speaker | None:
        """A lead paragraph's "the finance minister said" is named in the next
        paragraphs (newswire convention): the first person named there whose titles do
        not contradict the role."""
        end = cand.parts[-1][1]
        k = bisect.bisect_right(self.para_starts, end)
        limit = self.para_starts[k + 2] if k + 2 < len(self.para_starts) else len(self.text)
        m = self._first_person_after(end, limit, role)
        if m is not None:
            sp = self._speaker_of_mention(m)
            described = resolved[id(cand)]
            if described is not None:  # keep the words that stand in the quote's place
                sp.text, sp.mention = described.text, described.mention
            return sp
        if self.mentions:
            return None
        for other in cands[first : first + 20]:
            if other.parts[0][0] >= limit:
                break
            sp = resolved.get(id(other))
            described = resolved[id(cand)]
            if sp is not None and sp.person is True and sp.text and len(sp.text.split()) >= 2 and described:
                return _Speaker(None, sp.text, described.mention, person=True)
        return None

    def _first_person_after(self, start: int, limit: int, role: str) -> _Mention | None:
        k = self._mention_index(start)
        while k < len(self.mentions) and self.mentions[k].start < limit:
            m = self.mentions[k]
            k += 1
            if m.label != "PERSON" or m.kind == "pronoun" or self.in_quote(m.start):
                continue
            titles = " ".join((self.clusters.get(m.entity) or {}).get("titles") or []).lower().split()
            if titles and role not in titles:
                continue
            return m
        return None

    def _speaker_of_mention(self, m: _Mention) -> _Speaker:
        cluster = self.clusters.get(m.entity) or {}
        return _Speaker(m.entity, self.text[m.start : m.end], (m.start, m.end), person=cluster.get("label") == "PERSON")

    def _in_headline(self, char: int) -> bool:
        return self.headline is not None and self.headline[0] <= char < self.headline[1]

    def _record(self, n: int, cand: _Candidate, speaker: _Speaker | None) -> dict[str, Any]:
        t = self.t
        text = cand.text
        if text is None:
            text = " ".join(self.text[s:e] for s, e in cand.parts)
        cue = cand.cue
        cue_text, cue_mention = None, None
        if cue is not None:
            a, b = t.chars(cue.i, cue.j)
            if cue.addressee is not None:
                b = t.ends[cue.addressee[1] - 1]
            cue_text, cue_mention = self.text[a:b], (a, b)
        rule = cand.rule
        if rule == "direct.follows_speaker" and (speaker is None or not (speaker.entity or speaker.text)):
            rule = "direct.unattributed"
        return {
            "id": f"q{n}",
            "kind": cand.kind,
            "text": text,
            "parts": [tuple(p) for p in cand.parts],
            "speaker": speaker.entity if speaker else None,
            "speaker_text": speaker.text if speaker else None,
            "cue": cue_text,
            "speaker_mention": speaker.mention if speaker and not cand.inherit else None,
            "cue_mention": cue_mention,
            "rule": rule,
        }

    def _resolve(self, cand: _Candidate, history: list[_Speaker], cataphora: bool) -> _Speaker | None:
        if cand.inherit:
            return _copy_inherited(history[-1]) if history else None
        np_range = cand.speaker_np
        if np_range is None and cand.cue is not None:
            np_range = self._speaker_of(cand.cue)
        if np_range is None:
            return None
        return self._resolve_np(np_range, history, cataphora)

    def _resolve_np(self, np_range: tuple[int, int], history: list[_Speaker], cataphora: bool) -> _Speaker | None:
        t, c = self.t, self.c
        a, b = np_range
        # drop a leading "and"/adverb and a trailing comma
        while a < b and (t.lows[a] in _CONJUNCTIONS or t.lows[a] in (",", ":")):
            a += 1
        while b > a and t.lows[b - 1] in (",", ":", "."):
            b -= 1
        if a >= b:
            return None
        start_char, end_char = t.chars(a, b)
        head_end = self._head_end(a, b)
        if head_end - a > 2 and t.lows[head_end - 1] == ")":
            for y in range(head_end - 2, max(a, head_end - 10), -1):
                if t.lows[y] == "(":
                    head_end = y
                    break
        head = (a, head_end)
        head_words = [t.lows[x] for x in range(a, head_end)]
        # a pronoun
        if head_end - a == 1 and head_words[0] in c.pronouns:
            mention = self._mention_over(start_char, end_char)
            if mention is not None and mention.kind != "pronoun" and t.word(a)[0].isupper() and a != t.sentence(a)[0]:
                return self._from_mention(mention, a, b)
            if t.word(a) == "He" and a != t.sentence(a)[0]:
                named = self._registry_lookup("He", start_char)
                if named is not None:
                    return _Speaker(None, named, (start_char, end_char), person=True)
            return self._resolve_pronoun(head_words[0], start_char, end_char, history)
        # data and publications: their publisher speaks ("statistics institute Insee" is
        # named by its last word, "data from the customs office" by its publisher)
        if self._data_headed(a, head_end, b):
            return self._resolve_data(a, b, head, history)
        # entities inside the head
        mentions = self._mentions_in(*t.chars(*head))
        last_word = head_words[-1]
        role_head = last_word in c.person_roles or last_word in c.titles
        persons = [m for m in mentions if m.label == "PERSON" and m.kind != "pronoun"]
        if persons:
            return self._from_mention(persons[-1], a, b)
        heads = [m for m in mentions if not self._modifier_mention(m)]
        if heads and not role_head:
            return self._from_mention(heads[-1], a, b)
        # a name written without an entity mention (the fallback when entities are absent)
        if self._name_token(head_end - 1) and last_word not in c.titles and last_word not in c.person_roles:
            run = self._last_cap_run(a, head_end)
            if run is not None:
                return self._from_name(run, start_char, end_char)
        # a description
        desc_text = self._description_text(a, b)
        definite = head_words[0] in _DEFINITE and not any(t.lows[x] in ("of", "for", "at") for x in range(head_end, b))
        if definite or (t.lows[a] in ("the",) and head_end == b):
            found = self._resolve_description(head, history, start_char, cataphora)
            if found is not None:
                return found
        if cataphora:
            found = self._resolve_description(head, history, start_char, cataphora)
            if found is not None:
                return found
        plural = last_word.endswith("s") and last_word not in ("ministry",)
        speaker = _Speaker(None, desc_text, (start_char, end_char), person=last_word in c.person_roles,
                           plural=plural, np_text=self.text[start_char:end_char])  # fmt: skip
        if definite and not plural and (last_word in c.person_roles or last_word in c.titles):
            speaker.pending = last_word  # "the finance minister said": named in what follows?
        return speaker

    def _modifier_mention(self, m: _Mention) -> bool:
        """A mention that only qualifies the head of its phrase: a possessive
        ("Singapore's ministry") or a complement ("the department of the region")."""
        t = self.t
        first, last = t.at(m.start), t.at(m.end - 1)
        if t.lows[last + 1] in ("'s", "’s", "'"):
            return True
        if t.lows[last + 1] in ("-", "–") and self._glued(last):
            return True  # "Bengaluru-based company"
        before = first - 1
        if t.lows[before] == "(":
            return True  # an acronym in parentheses repeats the name before it
        if t.lows[before] in ("the", "a", "an"):
            before -= 1
        return t.lows[before] in ("of", "for", "at", "in", "from")

    def _data_headed(self, a: int, head_end: int, b: int) -> bool:
        t, c = self.t, self.c
        last = head_end - 1
        if t.lows[last] in c.data_nouns and not t.is_cap(last):
            return True
        for x in range(a, head_end):
            if t.lows[x] in c.data_nouns and t.lows[x + 1] in c.publisher_links and not t.is_cap(x + 1):
                return (not t.is_cap(x)) or x == a
            if x == a and t.lows[x] in c.data_nouns and t.lows[x + 1] in ("the", "a", "an"):
                return True  # "figures the ministry released"
        return False

    def _head_end(self, a: int, b: int) -> int:
        """End of the head of a noun phrase: before a preposition that is not inside a
        name, a participle ("chaired by"), a relative pronoun or a comma."""
        lows = self.t.lows
        t, c = self.t, self.c
        for x in range(a, b):
            w = lows[x]
            if w in (",", "(") and x > a:
                if w == "(" and x + 2 < b and lows[x + 2] == ")":
                    continue
                return x
            if w == ")":
                continue
            if x > a and w in ("who", "which", "that", "whose"):
                return x
            if x > a and w in c.preps:
                prev = lows[x - 1]
                if t.is_cap(x - 1):  # "Analysts at X" opening a sentence; not "Office for X"
                    head_noun = x - 1 == a and prev in c.person_roles
                else:
                    head_noun = prev in c.person_roles or prev in c.group_nouns or prev in c.data_nouns
                inside_name = t.is_cap(x - 1) and (t.is_cap(x + 1) or (lows[x + 1] == "the" and t.is_cap(x + 2)))
                if head_noun or not inside_name:
                    return x
            if x > a and self._verbish(x) and lows[x + 1] == "by":
                return x
            if x > a and w in c.publisher_links and lows[x + 1] == "by":
                return x
        return b

    def _description_text(self, a: int, b: int) -> str:
        """The words of an unnamed source, up to a participle or relative clause."""
        t, _c = self.t, self.c
        end = b
        for x in range(a + 1, b):
            w = t.lows[x]
            if w in (",", "who", "which", "whose") or (w.endswith("ed") and t.lows[x + 1] == "by"):
                end = x
                break
        return self.text[t.starts[a] : t.ends[end - 1]]

    def _mentions_in(self, start: int, end: int) -> list[_Mention]:
        ms = self.mentions
        k = bisect.bisect_left(self.mention_starts, start)
        out = []
        while k < len(ms) and ms[k].start < end:
            if ms[k].end <= end:
                out.append(ms[k])
            k += 1
        return out

    def _mention_index(self, start: int) -> int:
        return bisect.bisect_left(self.mention_starts, start)

    def _mention_over(self, start: int, end: int) -> _Mention | None:
        for m in self._mentions_in(start, end):
            if m.start == start and m.end == end:
                return m
        return None

    def _from_mention(self, m: _Mention, a: int, b: int) -> _Speaker:
        cluster = self.clusters.get(m.entity) or {}
        label = cluster.get("label", m.label)
        return _Speaker(
            m.entity,
            self.text[m.start : m.end],
            (m.start, m.end),
            person=label == "PERSON",
            plural=False,
            np_text=self.text[self.t.starts[a] : self.t.ends[b - 1]],
            gender=cluster.get("gender"),
        )

    def _from_name(self, run: tuple[int, int], np_start: int, np_end: int) -> _Speaker:
        """A speaker named in capitals with no entity mention: strip the title words
        ("Labour Minister Michel Sapin" -> "Michel Sapin") and expand a lone surname."""
        t, c = self.t, self.c
        a, b = run
        last_title = None
        for x in range(a, b):
            if t.lows[x] in c.titles:
                last_title = x
        if (
            last_title is not None
            and last_title + 1 < b
            and not any(t.lows[x] in c.org_words for x in range(last_title + 1, b))
        ):
            a = last_title + 1
        while a < b and t.lows[a] in ("of", "for", "and", "the"):
            a += 1
        s, e = t.chars(a, b)
        name = self.text[s:e]
        name = re.sub(r"\s*\([^)]*\)$", "", name)
        words = name.split()
        is_org = any(w.lower().strip(".,") in c.org_words for w in words)
        if len(words) == 1 and not is_org and not name.isupper():
            full = self._registry_lookup(name, s)
            if full is not None:
                return _Speaker(None, full, (s, e), person=True, np_text=self.text[np_start:np_end])
        # a lone capitalized word may be a surname or a country: unknown until resolved
        person: bool | None = False if is_org else (True if len(words) >= 2 else None)
        return _Speaker(None, name, (s, s + len(name)), person=person, np_text=self.text[np_start:np_end])

    def _occurrences(self, word: str) -> list[int]:
        """Token indices where ``word`` (as written) stands alone in the article."""
        found = self._occurrence_cache.get(word)
        if found is None:
            found = []
            text, t = self.text, self.t
            n = len(word)
            for zs, ze in self.zones:
                pos = text.find(word, zs, ze)
                while pos >= 0:
                    before = text[pos - 1] if pos > 0 else " "
                    after = text[pos + n] if pos + n < len(text) else " "
                    if not (before.isalnum() or before in "'’-") and not (after.isalnum() or after == "-"):
                        x = t.at(pos)
                        if t.starts[x] == pos:
                            found.append(x)
                    pos = text.find(word, pos + n, ze)
            self._occurrence_cache[word] = found
        return found

    def _name_around(self, x: int, links: frozenset[str]) -> tuple[int, int]:
        """The run of name words that holds token ``x`` ("Cheong In-kyo" is three tokens
        without spaces between them)."""
        lows = self.t.lows
        t = self.t
        a, b = x, x + 1
        while b < t.n and b - x < 10:
            if self._glued(b - 1) and lows[b] in ("-", "–"):
                b += 2
            elif self._name_token(b) or (t.is_cap(b) and self._glued(b) and lows[b + 1] == "-"):
                b += 1
            elif lows[b] in links and self._name_token(b + 1):
                b += 2
            else:
                break
        b = min(b, t.n)
        while a > 0 and x - a < 10:
            if lows[a - 1] in ("-", "–") and self._glued(a - 2) and self._glued(a - 1):
                a -= 2
            elif self._name_token(a - 1):
                a -= 1
            elif lows[a - 1] in links and self._name_token(a - 2):
                a -= 2
            else:
                break
        return max(a, 0), b

    def _glued(self, x: int) -> bool:
        """Whether token ``x`` and the next one touch (no space between them)."""
        t = self.t
        return 0 <= x < t.n - 1 and t.ends[x] == t.starts[x + 1]

    def _registry_lookup(self, surname: str, before: int) -> str | None:
        """The full name that a lone surname stands for: the nearest earlier run of name
        words that starts or ends with it ("Jiang" -> "Jiang Xiaojuan"), else the first later one."""
        names = self._full_name_cache.get(surname)
        if names is None:
            names = []
            t, c = self.t, self.c
            for x in self._occurrences(surname):
                a, b = self._name_around(x, _PERSON_LINKS)
                titled = [y for y in range(a, b) if t.lows[y] in c.titles]
                if titled:
                    a = titled[-1] + 1
                if any(t.lows[y] in c.org_words for y in range(a, b)):
                    continue
                if b - a < 2 or x not in (a, b - 1):
                    continue
                names.append((t.starts[a], self.text[t.starts[a] : t.ends[b - 1]]))
            self._full_name_cache[surname] = names
        if not names:
            return None
        k = bisect.bisect_left(names, (before, ""))
        return names[k - 1][1] if k > 0 else names[0][1]

    def _organization_named(self, noun: str, before: int) -> str | None:
        """The nearest earlier organization name that holds ``noun`` ("the ministry" ->
        "Ministry of Commerce")."""
        t = self.t
        occurrences = self._occurrences(noun.capitalize())
        k = bisect.bisect_left(occurrences, t.at(before))
        if k == 0:
            return None
        a, b = self._name_around(occurrences[k - 1], _ORG_LINKS)
        if b - a < 2:
            return None
        return self.text[t.starts[a] : t.ends[b - 1]]

    def _resolve_pronoun(self, pronoun: str, start: int, end: int, history: list[_Speaker]) -> _Speaker | None:
        """ "she said": the most recent compatible person, whether named in the text
        (outside reported words) or attributed as a speaker; "it said": the most recent
        organization."""
        kind = self.c.pronouns.get(pronoun)
        if kind in ("male", "female"):
            m = self._recent_mention(start, ("PERSON",), kind, skip_content=True)
            # a speaker is vetoed only by firm evidence (a title, an earlier pronoun): the
            # entities' gender hint is a guess from nearby pronouns, good enough for names
            sp = next(
                (
                    x
                    for x in reversed(history[-_HISTORY:])
                    if x.person is not False and self._firm_gender(x) in (None, kind)
                ),
                None,
            )
            if sp is not None and (m is None or sp.at >= m.start):
                self._learn_gender(sp.entity, sp.text, kind)
                if sp.entity:
                    self._add_pronoun_mention(start, end, sp.entity, "PERSON")
                words = self.text[start:end] if sp.entity else sp.text
                return _Speaker(sp.entity, words, (start, end), person=True, gender=kind, np_text=sp.np_text)
            if m is not None:
                self._learn_gender(m.entity, None, kind)
                self._add_pronoun_mention(start, end, m.entity, "PERSON")
                return _Speaker(m.entity, self.text[start:end], (start, end), person=True, gender=kind)
            return _Speaker(None, self.text[start:end], (start, end), person=True)
        if kind in ("neuter", "plural"):
            plural = kind == "plural"
            sp = next(
                (
                    x
                    for x in reversed(history[-3:])
                    if x.person is not True and (x.plural == plural or x.entity or x.person is None)
                ),
                None,
            )
            lo, _ = self.t.sentence(self.t.at(start))
            same_sentence = sp is not None and sp.at >= self.t.starts[lo]
            m = None
            if not plural and not same_sentence:
                m = self._recent_mention(start, ("ORG",), None, skip_content=True)
                if m is None and sp is None:
                    m = self._recent_mention(start, ("GPE",), None, skip_content=True)
            if m is not None and (sp is None or m.start > sp.at):
                cluster = self.clusters.get(m.entity) or {}
                self._add_pronoun_mention(start, end, m.entity, cluster.get("label", "ORG"))
                return _Speaker(m.entity, self.text[start:end], (start, end))
            if sp is not None:
                if sp.entity:
                    cluster = self.clusters.get(sp.entity) or {}
                    self._add_pronoun_mention(start, end, sp.entity, cluster.get("label", "ORG"))
                words = self.text[start:end] if sp.entity else sp.text
                return _Speaker(sp.entity, words, (start, end), plural=sp.plural, np_text=sp.np_text)
        return _Speaker(None, self.text[start:end], (start, end))

    def _recent_mention(
        self, before: int, labels: tuple[str, ...], gender: str | None, skip_content: bool
    ) -> _Mention | None:
        """The most recent entity mention with one of ``labels`` before ``before``."""
        ms = self.mentions
        k = self._mention_index(before) - 1
        floor = max(0, k - 200)
        while k >= floor:
            m = ms[k]
            k -= 1
            if m.label not in labels or m.end > before or m.kind == "pronoun":
                continue
            if self.in_quote(m.start) or (skip_content and self._in_content(m.start)):
                continue
            if gender is not None and self._gender_of(m.entity, None, None) not in (None, gender):
                continue
            return m
        return None

    def _in_content(self, char: int) -> bool:
        """Whether ``char`` lies in the words of another quotation than the one being
        resolved (its own words may name its speaker: "Halbach expects ..., it said")."""
        if any(s <= char < e for s, e in self.current_parts):
            return False
        ranges = self.content_ranges
        k = bisect.bisect_right(ranges, (char, 1 << 62)) - 1
        return k >= 0 and ranges[k][0] <= char < ranges[k][1]

    def _gender_of(self, entity: str | None, text: str | None, known: str | None) -> str | None:
        if known:
            return known
        key = entity or text
        if key in self.genders:
            return self.genders[key]
        if entity:
            cluster = self.clusters.get(entity) or {}
            return cluster.get("gender") or self._gender_from_titles(cluster)
        return None

    def _firm_gender(self, sp: _Speaker) -> str | None:
        key = sp.entity or sp.text
        if key in self.genders:
            return self.genders[key]
        if sp.entity:
            return self._gender_from_titles(self.clusters.get(sp.entity) or {})
        return None

    def _learn_gender(self, entity: str | None, text: str | None, gender: str) -> None:
        key = entity or text
        if key and key not in self.genders:
            self.genders[key] = gender

    def _gender_from_titles(self, cluster: dict[str, Any]) -> str | None:
        for title in cluster.get("titles") or []:
            for w in title.lower().split():
                if w in self.c.female_words:
                    return "female"
                if w in self.c.male_words:
                    return "male"
        return None

    def _add_pronoun_mention(self, start: int, end: int, entity: str, label: str, kind: str = "pronoun") -> None:
        if any(m.start == start and m.end == end for m in self._mentions_in(start, end)):
            return
        span = _shared_span(
            self.doc, start, end, label, {"entity": entity, "kind": kind, "rule": "quotes.speaker_" + kind}
        )
        if span is None:
            return
        group = self.doc.spans.get(GROUPS["entities"], None)
        if group is None:
            self.doc.spans[GROUPS["entities"]] = [span]
        else:
            group.append(span)

    def _resolve_data(self, a: int, b: int, head: tuple[int, int], history: list[_Speaker]) -> _Speaker | None:
        """ "Data from the customs office shows" -> the customs office; "government data"
        -> itself; "the data" -> the publisher of the data quoted before."""
        t, c = self.t, self.c
        # "figures the ministry released": the publisher between the data noun and its verb
        for x in range(head[0], b - 2):
            if t.lows[x] in c.data_nouns and t.lows[x + 1] in _DETERMINERS | {"the"}:
                for y in range(x + 2, min(b, x + 8)):
                    if t.lows[y] in c.publisher_links and y > x + 2:
                        found = self._resolve_np((x + 1, y), history, cataphora=False)
                        if found is not None:
                            found.is_data = True
                            return found
                        break
        # a publisher after "from", "by", "released by", ...
        for x in range(head[0], b):
            w = t.lows[x]
            if (
                w in ("from", "by", "of")
                and x > head[0]
                and (t.lows[x - 1] in c.data_nouns or t.lows[x - 1] in c.publisher_links)
            ):
                pub = self._right_np(x + 1, b)
                if pub is not None:
                    found = self._resolve_np(pub, history, cataphora=False)
                    if found is not None:
                        found.is_data = True
                        return found
        # "the ministry's report", "Eurostat data"
        mentions = self._mentions_in(*t.chars(*head))
        if mentions:
            sp = self._from_mention(mentions[-1], a, b)
            sp.is_data = True
            return sp
        for x in range(head[0], head[1]):
            if t.lows[x] in ("'s", "’s") and x > head[0]:
                owner = self._left_np(x - 1, head[0])
                if owner is not None:
                    found = self._resolve_np(owner, history, cataphora=False)
                    if found is not None:
                        found.is_data = True
                        return found
        words = [t.lows[x] for x in range(head[0], head[1])]
        if words[0] in _DEFINITE and len([w for w in words if w not in _DETERMINERS]) <= 2:
            for sp in reversed(history[-_HISTORY:]):
                if sp.is_data:
                    return _Speaker(sp.entity, sp.text, None, is_data=True)
        s, e = t.chars(*head)
        return _Speaker(None, self.text[s:e], (s, e), is_data=True)

    def _resolve_description(
        self, head: tuple[int, int], history: list[_Speaker], before: int, cataphora: bool
    ) -> _Speaker | None:
        """ "the minister" -> the person with that title; "the ministry" -> the most recent
        organization of that name; else the most recent speaker described that way."""
        t, c = self.t, self.c
        if head[1] <= head[0]:
            return None
        noun = t.lows[head[1] - 1]
        # the role words of the description, without names and determiners ("the BCCI
        # Secretary" -> secretary; "the finance minister" -> finance minister)
        words = [
            t.lows[x]
            for x in range(*head)
            if t.lows[x] not in _DETERMINERS and t.lows[x] not in ("'s", "’s") and not t.is_cap(x)
        ]
        if noun not in words:
            words.append(noun)
        is_person = noun in c.person_roles or noun in c.titles
        s, e = t.chars(*head)
        # clusters: titles for people, names for organizations
        best: tuple[int, dict[str, Any]] | None = None
        for cluster in self.clusters.values():
            if cluster.get("label") == "PERSON":
                titles = " ".join(cluster.get("titles") or []).lower().split()
                ok = is_person and all(w in titles for w in words)
            else:
                name = (cluster.get("name") or "").lower().split()
                ok = not is_person and noun in name
            if not ok:
                continue
            last = self._last_mention_before(cluster["id"], before)
            key = last if last is not None else (-1 if cataphora else None)
            if key is None:
                continue
            if best is None or key > best[0]:
                best = (key, cluster)
        if best is not None:
            cluster = best[1]
            kind = "nominal"
            self._add_pronoun_mention(s, e, cluster["id"], cluster.get("label", "PERSON"), kind=kind)
            return _Speaker(cluster["id"], self.text[s:e], (s, e), person=cluster.get("label") == "PERSON")
        # earlier speakers described with the same noun ("the agency" -> "the Japan Tourism Agency")
        for sp in reversed(history[-_HISTORY:]):
            np_words = re.findall(r"[\w'-]+", sp.np_text.lower())
            if noun in np_words and (sp.entity or sp.text):
                words = self.text[s:e] if sp.entity else sp.text
                return _Speaker(sp.entity, words, (s, e), person=sp.person, np_text=sp.np_text)
        if cataphora:
            return None
        # organizations named earlier in the text ("the ministry" -> "Ministry of Commerce")
        if noun in c.group_nouns:
            name = self._organization_named(noun, before)
            if name is not None:
                return _Speaker(None, name, (s, e))
        # "the company", "the lender": the organization last quoted or named
        if noun in c.corporate:
            for sp in reversed(history[-4:]):
                if sp.person is False and sp.entity and (self.clusters.get(sp.entity) or {}).get("label") == "ORG":
                    return _Speaker(sp.entity, self.text[s:e], (s, e), np_text=sp.np_text)
            m = self._recent_mention(before, ("ORG",), None, skip_content=False)
            if m is not None:
                self._add_pronoun_mention(s, e, m.entity, "ORG", kind="nominal")
                return _Speaker(m.entity, self.text[s:e], (s, e))
        return None

    def _last_mention_before(self, entity: str, before: int) -> int | None:
        if self._mentions_by_entity is None:
            self._mentions_by_entity = {}
            for m in self.mentions:
                self._mentions_by_entity.setdefault(m.entity, []).append(m.start)
        starts = self._mentions_by_entity.get(entity, [])
        k = bisect.bisect_left(starts, before)
        return starts[k - 1] if k > 0 else None


_NAME_LINKS = frozenset(
    {"of", "for", "and", "bin", "bint", "al", "de", "van", "von", "der", "da", "di", "le", "la", "-"}
)
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_ANY_QUOTE_MARK = re.compile("[\"“”„«»‘]|(?:^|\\s)'")
_DATELINE_TAIL = re.compile(r"[\s\-–—:]*")
_PERSON_LINKS = frozenset({"bin", "bint", "al", "de", "van", "von", "der", "da", "di", "le", "la", "-"})
_ORG_LINKS = frozenset({"of", "for", "and", "the", "-", "&"})


def _shared_span(doc: Doc, start: int, end: int, label: str, values: dict[str, Any]) -> Span | None:
    """Like ``make_span``, but never clobbers the values that another component keeps at
    the same character offsets (spaCy keys span values by offsets): the keys are added
    to them, or the span is left out when a key would collide."""
    span = doc.char_span(start, end, label=label)
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    key = ("._.", EXT, span.start_char, span.end_char)
    existing = doc.user_data.get(key)
    if existing is None or not existing:
        doc.user_data[key] = dict(values)
    elif any(k in existing for k in values):
        return None
    else:
        doc.user_data[key] = {**existing, **values}
    return span


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _copy_inherited(sp: _Speaker) -> _Speaker:
    return _Speaker(sp.entity, sp.text, None, person=sp.person, plural=sp.plural, np_text=sp.np_text,
                    is_data=sp.is_data, gender=sp.gender)  # fmt: skip


def _words(text: str) -> int:
    return len(_WORD.findall(text))


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _word_count(text: str, parts: list[tuple[int, int]]) -> int:
    return sum(_words(text[s:e]) for s, e in parts)

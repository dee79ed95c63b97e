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
Modules: ``quote_marks`` (the scan), ``quote_lexicon`` (word lists from
``extract/patterns``), ``quote_cues`` (step 2), ``quote_speakers`` (step 4),
``quote_model`` (the records they share); this one runs the steps and builds the output.
"""

from __future__ import annotations

import bisect
import operator
import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..spans import doc_data, doc_text, group_spans, set_group, set_span_values, values_at
from .article import is_hard_wrapped
from .quote_cues import CueAnalysis
from .quote_lexicon import Lexicon, load_lexicon
from .quote_marks import MarkedQuote, paragraph_ranges, scan_quotes
from .quote_model import (
    _ANY_QUOTE_MARK,
    _BOUNDARY,
    _DATELINE_TAIL,
    _DETERMINERS,
    _FIRST_SECOND,
    _PRONOUN_SECTIONS,
    _QUOTE_CHARS,
    _SENT_END,
    _SUBJECT_PRONOUNS,
    _Candidate,
    _Cue,
    _Mention,
    _Speaker,
    _Tokens,
    _word_count,
    _words,
)
from .quote_speakers import SpeakerResolution

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


_SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _inside(char: int, parts: list[tuple[int, int]]) -> bool:
    """Whether ``char`` lies strictly inside one of the parts."""
    for s, e in parts:  # noqa: SIM110 (a plain loop: cheaper than any() over a generator)
        if s < char < e:
            return True
    return False


class QuotesComponent:
    """Finds quotations and their speakers; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "newsfacts_quotes") -> None:
        self.name = name
        self.lex: Lexicon = load_lexicon()
        self.headline_label = nlp.vocab.strings.add("headline")
        self.dateline_label = nlp.vocab.strings.add("dateline")
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("CUE", [nlp.make_doc(phrase) for phrase in self.lex.cues])
        w = self.lex.words
        self.adverbs = w["adverbs"]
        self.appositive_adverbs = w["appositive_adverbs"]
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
        self.publisher_or_data = self.publisher_links | self.data_nouns
        self.allowed_governors = w["allowed_governors"]
        self.org_words = w["org_words"]
        self.public_bodies = w["public_bodies"]
        self.elisions = w["elisions"]
        self.female_words = w["female_words"]
        self.male_words = w["male_words"]
        self.pronouns = {p: kind for section, kind in _PRONOUN_SECTIONS.items() for p in w[section]}
        self.ing_cues = frozenset(k for k, v in self.lex.cues.items() if v.form == "ing")
        # "-ing" words that open a clause of their own, not an appositive
        self.ing_cues_blocked = frozenset({"including", "according", "following", "during", "notwithstanding"})

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc: Doc) -> Doc:
        data = doc_data(doc)
        data["quotations"] = []
        text = data.get("text")
        if text is None:
            text = doc_text(doc)
        if not text or text.isspace() or len(doc) == 0:  # (no copy of the text, as strip() makes)
            set_group(doc, "quotations", [])
            return doc
        matches = self.matcher(doc)
        if not matches and ":" not in text and _ANY_QUOTE_MARK.search(text) is None:
            set_group(doc, "quotations", [])
            return doc  # no cue, no quote mark, no "CLAUSE: SOURCE" headline
        run = _Run(self, doc, data, text, matches)
        quotations = run.extract()
        data["quotations"] = quotations
        if run.warnings:
            data.setdefault("warnings", []).extend(run.warnings)
        spans = []
        for q in quotations:
            for start, end in q["parts"]:
                span = run.t.span(start, end, q["kind"])
                if span is not None:
                    set_span_values(span, {"quote": q["id"]})
                    spans.append(span)
        set_group(doc, "quotations", spans)
        return doc


class _Run(CueAnalysis, SpeakerResolution):
    """The work on one doc."""

    def __init__(
        self, comp: QuotesComponent, doc: Doc, data: dict[str, Any], text: str, matches: list[tuple[int, int, int]]
    ) -> None:
        self.matches = matches
        self.c = comp
        self.lex = comp.lex
        self.doc = doc
        self.data = data
        self.text = text
        self.t = _Tokens(doc, text)
        self.warnings: list[dict[str, Any]] = []
        zones = data.get("zones")  # as ``annotated_ranges(doc)``, from the data read once
        self.zones: list[tuple[int, int]] = [tuple(r) for r in zones["annotate"]] if zones else [(0, len(text))]
        self.headline: tuple[int, int] | None = None
        self.dateline_end: int | None = None
        for span in group_spans(doc, "article"):
            label = span.label  # a hash: cheaper than reading ``label_`` back as a string
            if label == comp.headline_label:
                self.headline = (span.start_char, span.end_char)
            elif label == comp.dateline_label:
                end = span.end_char
                m = _DATELINE_TAIL.match(text, end)
                self.dateline_end = m.end() if m else end
        self.mentions = self._entity_mentions()
        self.mention_starts = [m.start for m in self.mentions]
        self._mentions_by_entity: dict[str, list[int]] | None = None
        self._corporate_entities: dict[str, bool] = {}  # entity -> may be "the company"
        self.clusters = {c["id"]: c for c in data.get("entities") or []}
        self._occurrence_cache: dict[str, list[int]] = {}
        self.genders: dict[str, str] = {}
        self.content_ranges: list[tuple[int, int]] = []
        self.current_parts: list[tuple[int, int]] = []
        self._full_name_cache: dict[str, list[tuple[int, str]]] = {}
        self.quote_ranges: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ helpers

    def _entity_mentions(self) -> list[_Mention]:
        out = []
        doc = self.doc
        for span in group_spans(doc, "entities"):
            s, e, label = span.start_char, span.end_char, span.label
            v = values_at(doc, s, e, label)
            if v.get("entity"):
                out.append(_Mention(s, e, v["entity"], v.get("kind", "name"), span.label_))
        out.sort(key=operator.attrgetter("start", "end"))
        return out

    def in_zones(self, start: int, end: int) -> bool:
        for s, e in self.zones:  # noqa: SIM110 (a plain loop: called for every cue)
            if s <= start and end <= e:
                return True
        return False

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quote_ranges, (char, 1 << 62)) - 1
        return k >= 0 and self.quote_ranges[k][0] <= char < self.quote_ranges[k][1]

    def extract(self) -> list[dict[str, Any]]:
        text = self.text
        if self.data.get("zones") is not None:
            # the article component made each paragraph start a sentence
            paragraphs = self.t.paragraphs()
        else:
            paragraphs = paragraph_ranges(text, is_hard_wrapped(text))
        paragraphs = [p for p in paragraphs if self.in_zones(*p)]
        self.paragraphs = paragraphs
        self.para_starts = [p[0] for p in paragraphs]
        scan = scan_quotes(text, paragraphs, self.c.elisions)
        self.warnings.extend(scan.warnings)
        counts = [_word_count(text, q.parts, 4) for q in scan.quotes]
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
        self.cue_starts = [cue.i for cue in self.cues]
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
        while x < t.n and lows[x] in (",", "—", "–", "-") and not t.spaces[x]:
            x += 1
        if x >= t.n or t.spaces[x]:
            return None
        for y in range(x, min(t.n, x + 18)):
            if t.spaces[y] or lows[y] in _QUOTE_CHARS:
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
        return all(self.t.lows[x] in c.adverbs for x in range(a, b))

    def _attribution_before(self, open_tok: int, open_char: int) -> tuple[_Cue | None, str]:
        """The cue before an opening mark: He added: "..." / Lin said, "..."."""
        lows = self.t.lows
        t = self.t
        b = open_tok - 1
        para_start = self._paragraph_start(open_char)
        while b >= 0 and t.spaces[b] and "\n" not in t.word(b):
            b -= 1
        if b >= 0 and t.spaces[b] and para_start == open_char:
            # a paragraph that ends with a colon introduces the quote paragraph after it
            while b >= 0 and t.spaces[b]:
                b -= 1
            if b < 0 or lows[b] != ":":
                return None, ""
            para_start = self._paragraph_start(t.starts[b])
        if b < 0 or t.spaces[b] or lows[b] not in (":", ",", "—", "–"):
            return None, ""
        # the cues among the 45 tokens before the mark, in its paragraph, nearest first
        lowest = max(0, b - 45, t.from_char(para_start))
        for cue in self._cues_between(lowest, b - 1):
            if cue.word.lemma == "according to":
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

    def _cues_between(self, first: int, last: int) -> list[_Cue]:
        """The cues that start at tokens ``first``..``last``, the last one first."""
        starts = self.cue_starts
        a, b = bisect.bisect_left(starts, first), bisect.bisect_right(starts, last)
        return self.cues[a:b][::-1]

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
        while b >= 0 and t.spaces[b]:
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
        if _SENTENCE_BREAK.search(inner):
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
        tags = cue.word.tags
        if "data" in tags:
            data_nouns, lows = self.c.data_nouns, self.t.lows
            return any(lows[x] in data_nouns for x in range(*subject))
        if "forecast" in tags:
            return self._speakerish(subject)
        return True

    def _speakerish(self, subject: tuple[int, int]) -> bool:
        """Whether a phrase can name a source: a name, a pronoun, an entity, a role."""
        t, c = self.t, self.c
        a, b = subject
        if self._has_mention(t.starts[a], t.ends[b - 1]):
            return True
        lows = t.lows
        for x in range(a, b):
            w = lows[x]
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
            if "that" in tags or (cue.word.form in ("base", "third") and "noun" in tags and not cue.takes_object):
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
        if _words(self.text, start, end, 2) < 2:
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
        aux, finite = self.c.aux, self.c.finite
        for x in range(a, min(b, a + 80)):
            w = lows[x]
            if w in aux or w in finite:
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
        if not self._tail_is_adverbial(tail, cue.hi):
            return None
        if not self._subject_ok(cue, subject):
            return None
        start_tok = self._clause_start_token(cue.lo)
        if start_tok >= comma:
            return None
        start, end = self._trim_clause(t.starts[start_tok], t.ends[comma - 1])
        if end <= start or _words(self.text, start, end, 2) < 2:
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
                or (_words(self.text, start, end, 6) >= 6 and t.lows[start_tok] not in self.c.preps)
            ):
                return None
        if more is None and not finite and _words(self.text, start, end, 3) < 3:
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
            if t.lows[y] in _SENT_END or t.spaces[y] or t.lows[y] in ("that", ";", ":"):
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
        if x >= hi or t.spaces[x]:
            return True
        w = lows[x]
        if w in _SENT_END or w == "," or w in c.subords or w in (";", ":", "—", "–"):
            return True
        if w in c.preps or w in c.addressees or w in _DETERMINERS:
            # a prepositional phrase ("in an interview with ...") or an addressee
            # ("told a press conference") up to the end of the sentence or a comma
            for y in range(x, min(hi, x + 20)):
                lw = lows[y]
                if lw in _SENT_END or lw == "," or t.spaces[y]:
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
        if end <= start or _words(self.text, start, end, 3) < 3:
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
        if self._source_label(right) and _words(left, cap=3) >= 3:
            clause = (hs, hs + len(line[:colon].rstrip()))
            label = (he - len(line[colon + 1 :].lstrip()), he)
        elif self._source_label(left) and _words(right, cap=3) >= 3:
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
                lead = _words(text, start, q.opens[0], 2)
                trail = _words(text, q.close, end, 1)
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
            pieces, pos = [], start  # the clause without the marks of the fragments
            for mark in sorted(m for m in marks if start <= m < end):
                pieces.append(text[pos:mark])
                pos = mark + 1
            pieces.append(text[pos:end])
            ind.text = " ".join("".join(pieces).split())
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
                if word in self.c.pronouns and word not in ("it", "they"):
                    char = t.starts[cue.i]
                    k = bisect.bisect_right(spans, (char, 1 << 62)) - 1
                    if _inside(char, spans[max(0, k - 3) : k + 1]):
                        continue
            out.append(cand)
        return out

    def _sentence_cue(self, d: _Candidate) -> _Cue | None:
        """A cue earlier in the quote's sentence with a speaker: described it as "..."."""
        assert d.marked is not None
        t = self.t
        open_tok = t.at(d.marked.opens[0])
        lo, _ = t.sentence(open_tok)
        for cue in self._cues_between(max(lo, open_tok - 39), open_tok - 1):
            if cue.in_quote:
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
                inter = (e if e < oe else oe) - (s if s > os_ else os_)
                if (
                    inter > 0
                    and inter >= 0.8 * (e - s)
                    and inter >= 0.8 * (oe - os_)
                    and (other.cue is cand.cue or self._speaker_range(other) == self._speaker_range(cand))
                ):
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
        # (``in`` compares candidates by value, as it always has)
        body_cands = [c for c in cands if c not in headline_cands] if headline_cands else list(cands)
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
            if cue is not None and cand.kind != "direct":
                sp = resolved.get(id(cand))
                if sp is not None:
                    char = self.t.starts[cue.i]
                    k = bisect.bisect_left(starts, char)
                    outer = [o for o in cands[max(0, k - 4) : k] if o is not cand and _inside(char, o.parts)]
                    if outer:
                        key = self._speaker_key(sp)
                        if any(self._speaker_key(resolved.get(id(o))) == key for o in outer):
                            continue
            out.append(cand)
        return out

    def _in_headline(self, char: int) -> bool:
        return self.headline is not None and self.headline[0] <= char < self.headline[1]

    def _record(self, n: int, cand: _Candidate, speaker: _Speaker | None) -> dict[str, Any]:
        t = self.t
        text = cand.text
        if text is None:
            parts = cand.parts
            text = (
                self.text[parts[0][0] : parts[0][1]] if len(parts) == 1 else " ".join(self.text[s:e] for s, e in parts)
            )
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

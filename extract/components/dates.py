"""Temporal expressions: TimeML TIMEX3 extents normalized against the publication date.

How it works, per article:

1. **Find.** Trigger words (month and weekday names, "year", "today", four-digit
   numbers, clock times ...) are picked from the token arrays. At each trigger, and at
   the few words before it that can open an expression ("the first half of"), the
   rules of ``patterns/dates_grammar.txt`` that can start there (indexed by their first
   characters, ``extract.timegrammar``) are tried in grammar order; the first match
   accepted in context wins (``_accept``: "1984 delegates" is not a year, "Theresa May"
   is not a month).
2. **Resolve.** Matches are resolved in document order to ``Period`` values
   (``extract.timex``): absolute forms directly, deictic ones ("last week") against
   the publication date, anaphoric ones ("the previous year", "a month earlier")
   against the reference time the story last set. Bare weekdays, months, quarters and
   holidays take the tense of the verb nearest them in their clause: past means the
   most recent one on or before publication, future the next one.
3. **Emit** one span per expression in ``doc.spans["newsfacts_dates"]`` with
   ``{id, type, value, mod, anchor, rule}``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import timex
from ..calendar import SEASONS, add_months, easter, month_number, nth_weekday, weekday_number
from ..spans import (
    annotated_ranges,
    doc_data,
    doc_text,
    ensure_extensions,
    group_spans,
    set_group,
    set_span_values,
)
from ..tense import Tense, TenseRules
from ..timegrammar import KEY_CHARS, Rule, load_grammar, load_words
from ..timex import Period
from ..tokenarrays import LENGTH_COL, LOWER_COL, SHAPE_COL, START_COL, TokenArrays

_LOOKBACK_TOKENS = 6  # an expression starts at most this many tokens before its trigger word
_MOD_OF_PRE = {"early": "START", "start": "START", "mid": "MID", "late": "END", "end": "END"}
_MOD_OF_POSOF = {"start": "START", "beginning": "START", "turn": "START", "middle": "MID", "end": "END", "close": "END"}
_MOD_OF_QUAL = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN", "over": "MORE_THAN",
    "more than": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN", "upwards of": "MORE_THAN",
    "in excess of": "MORE_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_FREQUENCY = {
    "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
    "nightly": "P1D", "hourly": "PT1H", "quarterly": "P3M", "biannually": "P6M", "semiannually": "P6M",
    "semiannual": "P6M", "biannual": "P6M", "fortnightly": "P2W", "biweekly": "P2W",
}  # fmt: skip
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}

# word characters: letters, digits and these (\w adds "_"); read backwards by _word_before
_WORD_BEFORE_REVERSED = re.compile(r"[^\w$€£¥#№'’.\-]*([\w$€£¥#№'’.\-]*)")
_WORD_AFTER = re.compile(r"[\s'’\"“”]*([\w'’.%-]*)")
_SPACE = re.compile(r"\s+")
_QUARTER_PENALTY = 60  # days: a quarter's tense counts less than a month's (see Resolver.choose)
_REPORTING_BEFORE = re.compile(r"\b(?:said|says|told\s+\w+|announced|reported|added)(?:\s+on)?\s+\Z")
_BOUND_WORDS = frozenset({"since", "from", "until", "till", "by", "before", "after", "to", "through", "than"})
_DECADE_BEFORE = re.compile(r"\d0['’]?s\b")
_INNER_MONTH = re.compile(r"(?:(last|next|this)\s+)?(\w+)\.?(?:\s+(\d{1,2})\b)?(?:,?\s+(\d{4}))?", re.IGNORECASE)
_AFTER_WORD = re.compile(r"(?<=[\w$])")
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(slots=True)
class Candidate:
    """A grammar match accepted in context; ``start``/``end`` are the expression's extent."""

    rule: Rule
    match: re.Match[str]
    start: int
    end: int
    groups: dict[str, str | None]

    def get(self, name: str) -> str | None:
        return self.groups.get(name)

    def span(self, name: str) -> tuple[int, int]:
        return self.match.span(name)

    def low(self, name: str) -> str | None:
        """The group lower-cased, each run of whitespace as one space (a word alone needs no regex)."""
        value = self.groups.get(name)
        if value is None:
            return None
        low = value.lower()
        return low if low.isalpha() else _SPACE.sub(" ", low)


@dataclass(slots=True)
class Result:
    """One resolved time expression."""

    start: int
    end: int
    type: str
    value: str | None
    rule: str
    mod: str | None = None
    anchor: str | None = None
    period: Period | None = None
    explicit_year: bool = False
    frame: bool = True  # a stated year that frames its sentence ("in 2019"), not a bound ("since 2003")


@dataclass(slots=True)
class Ref:
    """The reference time: the last date the story mentioned."""

    period: Period
    anchor: str
    sentence: int
    explicit_year: bool
    frame: bool = True
    start: int = 0
    end: int = 0


# --------------------------------------------------------------------------- component


class DatesComponent:
    """Writes ``doc.spans["newsfacts_dates"]``: TIMEX3 type, value, mod and anchor per expression."""

    def __init__(self, nlp: Language, name: str = "newsfacts_dates", *, conventions: str = "news") -> None:
        if conventions not in ("news", "timeml"):
            raise ValueError(f"unknown date conventions {conventions!r}: news or timeml")
        self.name = name
        self.conventions = conventions
        self.timeml = conventions == "timeml"
        self.words = load_words()
        self.grammar = load_grammar(conventions)
        strings = nlp.vocab.strings
        self._strings = strings
        self.tense_rules = TenseRules(self.words, strings)
        extra = ("timeml_trigger_words", "timeml_prefix_words") if self.timeml else ()
        triggers = self.words["trigger_words"] + (self.words[extra[0]] if extra else [])
        prefixes = self.words["prefix_words"] + (self.words[extra[1]] if extra else [])
        self.trigger_words = frozenset(strings.add(w) for w in triggers)
        self.trigger_shapes = frozenset(strings.add(s) for s in self.words["trigger_shapes"])
        self.prefix_words = frozenset(strings.add(w) for w in prefixes)
        self.fiscal_cues = [re.compile(self.grammar.expand(p)) for p in self.words["fiscal_cues"]]
        self.holidays = [(re.compile(h["regex"]), h) for h in self.words["holidays"]]
        self.fiscal_by_country = self.words["fiscal_year_start_by_country"]
        names = sorted(self.fiscal_by_country, key=len, reverse=True)
        # without a lookbehind in front, re skips to the first letters of the names (3x faster);
        # _country_mentions checks it after each match
        self.country_cue = re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
        self.fiscal_quarter_cue = re.compile(self.grammar.expand(self.words["fiscal_quarter_cue"]))
        self.lists = {
            key: frozenset(self.words[key])
            for key in (
                "temporal_preps", "year_context_before", "year_reject_before", "year_nouns", "count_words_after",
                "duration_before_article", "weekday_name_prefixes", "rate_words_before",
            )
        }  # fmt: skip
        self._rules_by_word: dict[int, tuple[Rule, ...]] = {}  # LOWER hash -> rules that can start there
        self._numeric_shapes: dict[int, bool] = {}
        self._holiday_specs: dict[str, dict[str, Any] | None] = {}

    def holiday_spec(self, name: str) -> dict[str, Any] | None:
        """The entry of ``holidays`` (dates_words.json) whose regex matches the whole name,
        kept per name: a few names recur, and there are dozens of regexes to try."""
        known = self._holiday_specs.get(name, False)
        if known is False:
            if len(self._holiday_specs) > 10_000:
                self._holiday_specs.clear()
            known = self._holiday_specs[name] = next((h for rx, h in self.holidays if rx.fullmatch(name)), None)
        return known

    def _numeric(self, shape: int) -> bool:
        """Whether a token shape holds a digit (a number can precede a trigger: "five years")."""
        known = self._numeric_shapes.get(shape)
        if known is None:
            if len(self._numeric_shapes) > 100_000:
                self._numeric_shapes.clear()
            known = self._numeric_shapes[shape] = "d" in self._strings[shape]
        return known

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        data = doc_data(doc)
        published = (data.get("article") or {}).get("published") or (data.get("given") or {}).get("published")
        text = doc_text(doc)
        ranges = annotated_ranges(doc)
        tokens = TokenArrays(doc)
        candidates = self.find(tokens, text, ranges)
        results: list[Result] = []
        if candidates:
            tense = Tense(self.tense_rules, text, tokens)
            datelines = [(sp.start_char, sp.end_char) for sp in group_spans(doc, "article") if sp.label_ == "dateline"]
            resolver = Resolver(self, text, parse_published(published), tense, ranges, datelines)
            results = resolver.resolve_all(candidates)
        spans: list[Span] = []
        results.sort(key=lambda r: (r.start, -r.end))
        for res in results:
            span = _token_span(doc, tokens, res.start, res.end, res.type)
            if span is None or len(span) == 0:
                continue
            v = {
                "id": f"d{len(spans) + 1}", "type": res.type, "value": res.value, "mod": res.mod,
                "anchor": res.anchor if res.value is not None else None, "rule": res.rule,
            }  # fmt: skip
            set_span_values(span, v)
            spans.append(span)
        set_group(doc, "dates", spans)
        return doc

    # ---- finding

    def find(self, tokens: TokenArrays, text: str, ranges: list[tuple[int, int]]) -> list[Candidate]:
        """Grammar matches that start at most a few tokens before a trigger word, accepted in
        context, in document order."""
        words, shapes, prefix_words = self.trigger_words, self.trigger_shapes, self.prefix_words
        lower, shape = tokens.column(LOWER_COL), tokens.column(SHAPE_COL)
        starts: set[int] = set()
        everywhere = range(len(lower))
        # the triggers, picked in C (compress, map): no Python step per token
        triggers = [
            *compress(everywhere, map(words.__contains__, lower)),
            *compress(everywhere, map(shapes.__contains__, shape)),
        ]
        for i in triggers:
            j = i
            while j > 0 and i - j < _LOOKBACK_TOKENS and (lower[j - 1] in prefix_words or self._numeric(shape[j - 1])):
                j -= 1
            starts.update(range(j, i + 1))
        if not starts:
            return []
        start_of, length_of = tokens.column(START_COL), tokens.column(LENGTH_COL)
        found: list[Candidate] = []
        done_until = 0
        by_word = self._rules_by_word
        if len(by_word) > 100_000:
            by_word.clear()
        for i in sorted(starts):
            pos = start_of[i]
            if pos < done_until:
                continue
            hi = 0  # the end of the range that holds the start (none: a header line)
            for r_lo, r_hi in ranges:
                if r_lo <= pos < r_hi:
                    hi = r_hi
                    break
            if not hi:
                continue
            if length_of[i] < KEY_CHARS:  # a short token: the key runs on into the next one ("'82")
                rules = self.grammar.rules_at(text, pos)
            else:
                rules = by_word.get(lower[i])
                if rules is None:
                    rules = by_word[lower[i]] = self.grammar.rules_at(text, pos)
            if not rules:
                continue
            cand = self.match_at(text, pos, hi, rules)
            if cand is None:
                continue
            done_until = cand.match.end()
            if cand.rule.kind == "skip":
                continue
            found.append(cand)
            if cand.rule.inner and cand.get(cand.rule.inner):
                inner_start, inner_end = cand.span(cand.rule.inner)
                nested = self.match_at(text, inner_start, inner_end)
                if nested is not None and nested.rule.kind != "skip":
                    found.append(nested)
        return found

    def match_at(self, text: str, pos: int, hi: int, rules: tuple[Rule, ...] | None = None) -> Candidate | None:
        """The first rule that matches at ``pos`` and is accepted in context."""
        for rule in self.grammar.rules_at(text, pos) if rules is None else rules:
            m = rule.regex.match(text, pos, hi)
            if m is None:
                continue
            groups = m.groupdict()
            cand = Candidate(rule, m, m.start(), m.end(), groups)
            if rule.extent and groups.get(rule.extent) is not None:
                cand.start, cand.end = m.span(rule.extent)
            if self._accept(cand, text):
                return cand
        return None

    @staticmethod
    def _may_be_fiscal(text: str) -> bool:
        """Whether the article can say anything about fiscal years (a cheap test first)."""
        return "iscal" in text or "inancial" in text or "FY" in text

    def _fiscal_year_start(self, text: str, ranges: list[tuple[int, int]]) -> int | None:
        """The first month of the fiscal year: as the article says it ("(July-June)"), else by
        the country it is about."""
        if not self._may_be_fiscal(text):
            return None
        start = self._fiscal_start(text, ranges)
        if start is None:
            counts: dict[int, int] = {}
            for lo, hi in ranges:
                for m in self._country_mentions(text, lo, hi):
                    month = self.fiscal_by_country[m.group(0)]
                    counts[month] = counts.get(month, 0) + 1
            if counts:
                start = max(counts, key=lambda k: counts[k])
        return start

    def _fiscal_quarters(self, text: str, ranges: list[tuple[int, int]]) -> bool:
        """Whether the article numbers quarters by fiscal year ("Q3 FY25")."""
        return self._may_be_fiscal(text) and any(self.fiscal_quarter_cue.search(text, lo, hi) for lo, hi in ranges)

    def _country_mentions(self, text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
        """The matches of ``country_cue`` in ``text[lo:hi]`` that follow no word character or "$",
        as ``finditer`` would give them with that lookbehind in the pattern."""
        pos = lo
        while (m := self.country_cue.search(text, pos, hi)) is not None:
            if _AFTER_WORD.match(text, m.start()):
                pos = m.start() + 1  # the lookbehind fails here: try again one character on
            else:
                yield m
                pos = m.end()

    def _fiscal_start(self, text: str, ranges: list[tuple[int, int]]) -> int | None:
        """The first month of the fiscal year when the article says it ("(July-June)")."""
        for lo, hi in ranges:
            for cue in self.fiscal_cues:
                for m in cue.finditer(text, lo, hi):
                    g = m.groupdict()
                    if g.get("mend"):
                        return month_number(g["mend"]) % 12 + 1  # type: ignore[operator]
                    first = month_number(g["m1"])
                    if g.get("m2") and first is not None:
                        last = month_number(g["m2"])
                        if last is None or (first - last) % 12 != 1:
                            continue
                    return first
        return None

    # ---- checks in context

    def _accept(self, c: Candidate, text: str) -> bool:
        kind = c.rule.kind
        check = _CHECKS.get(kind)
        return True if check is None else check(self, c, text)

    def _check_month(self, c: Candidate, text: str) -> bool:
        if c.rule.id != "date.month" or c.get("pre") or c.get("posof"):
            return True
        name = c.get("month") or ""
        before = _word_before(text, c.start)
        after = _word_after(text, c.end)
        prep = before.lower() in self.lists["temporal_preps"]
        if name in ("May", "March"):
            return (
                prep
                or bool(c.get("yrel") or c.get("yrel_of"))
                or (_is_sentence_initial(text, c.start) and after[:1].islower())
            )
        if prep:
            return True
        if before[:1].isupper() and not _is_sentence_initial(text, c.start) and month_number(before) is None:
            return False
        return not (after[:1].isupper() and month_number(after) is None)

    def _check_weekday(self, c: Candidate, text: str) -> bool:
        if c.get("rel"):
            return True
        before = _word_before(text, c.start)
        if before.lower() in self.lists["temporal_preps"]:
            return True
        if before.lower() in self.lists["weekday_name_prefixes"] and before[:1].isupper():
            return False  # "Black Monday", "Super Tuesday"
        after = _word_after(text, c.end)
        return not (after[:1].isupper() and before.lower() in ("the", "a", "an"))

    def _check_today(self, c: Candidate, text: str) -> bool:
        word = c.get("word") or ""
        return not (word[:1].isupper() and c.start and not _is_sentence_initial(text, c.start))

    def _check_year(self, c: Candidate, text: str) -> bool:
        if c.get("yy"):
            return _word_before(text, c.start - 1).lower() in self.lists["year_context_before"] or bool(
                month_number(_word_before(text, c.start - 1))
            )
        if c.get("pre") or c.get("posof"):
            return True
        year_start = c.span("year")[0]
        before = _word_before(text, year_start)
        low = before.lower()
        after = _word_after(text, c.end)
        if low in self.lists["year_reject_before"]:
            return False
        if (
            text[max(0, year_start - 1) : year_start] == "-"
            and not text[max(0, year_start - 2) : year_start - 1].isdigit()
        ):
            return False
        year = int(c.get("year") or 0)
        context = (
            low in self.lists["year_context_before"]
            or month_number(before) is not None
            or low.endswith(("'s", "’s"))  # "China's 2026 Spring Festival"
        )
        if low in ("and", "or", "to", "&") or text[max(0, year_start - 2) : year_start].strip() in ("-", "–"):
            context = bool(_YEAR_BEFORE.search(text, max(0, year_start - 16), year_start))
        if not 1800 <= year <= 2099 and not context:
            return False
        if after.lower() in self.lists["count_words_after"]:
            return False
        if context:
            return True
        name_like = before[:1].isupper() and after[:1].isupper() and month_number(after) is None
        if name_like and not _is_sentence_initial(text, year_start):
            return False  # a number inside a name: "Russell 2000 Index"
        plural = after[:1].islower() and len(after) > 3 and after.endswith("s") and not after.endswith(("'s", "’s"))
        return not (plural and after.lower() not in self.lists["year_nouns"])

    def _check_decade(self, c: Candidate, text: str) -> bool:
        dec = c.get("dec")
        if dec is None:
            return True
        before = _word_before(text, c.start).lower()
        if before in ("her", "his", "their", "my", "our", "your", "its", "whose"):
            return False
        if before in ("and", "or", "to") and _DECADE_BEFORE.search(text, max(0, c.start - 16), c.start):
            return True
        return len(dec.strip("'’s")) == 4 or bool(c.get("the")) or dec[0] in "'’"

    def _check_season(self, c: Candidate, text: str) -> bool:
        word = c.get("season") or ""
        if c.get("rel") or c.get("pre") or c.get("posof") or c.get("year"):
            return True
        before = _word_before(text, c.start)
        after = _word_after(text, c.end)
        if after[:1].isupper() or (before[:1].isupper() and not _is_sentence_initial(text, c.start)):
            return False  # "Spring Festival", "Arab Spring"
        if word.lower() == "fall":
            return before.lower() in ("the", "this", "last", "next", "early", "late") and after.lower() not in (
                "of", "in", "to", "from", "by", "on", "at", "for", "was", "is", "has", "had", "would", "will",
            )  # fmt: skip
        if word.lower() == "spring":
            return after.lower() not in ("up", "back", "into", "from", "out", "water", "roll", "rolls", "onion")
        return True

    def _check_quarter(self, c: Candidate, text: str) -> bool:
        qh = (c.low("qh") or "").strip()
        ordinal = c.low("ord") or ""
        if qh == "half" and ordinal not in ("first", "second", "1st", "2nd", "final", "last"):
            return False
        return c.get("yref") is not None or c.get("year") is not None or _word_after(text, c.end).lower() != "of"

    def _check_quarter_code(self, c: Candidate, text: str) -> bool:
        code = (c.get("qc") or "").upper()
        return "H3" not in code and "H4" not in code and "3H" not in code and "4H" not in code

    def _check_duration(self, c: Candidate, text: str) -> bool:
        num = c.low("num") or ""
        unit = c.low("unit") or ""
        fraction = unit.startswith("quarter") and num in ("a", "an", "one", "three") and not c.get("adj")
        if fraction and _word_before(text, c.span("num")[0]).lower() not in ("for", "in", "within", "over", "after"):
            return False  # "about a quarter of its dealers"
        if re.fullmatch(r"\d{4}", num) and unit in ("year", "years") and 1000 <= int(num) <= 2199:
            return False
        if num in ("a", "an", "one") and not c.get("q"):
            hyphen = text[c.span("num")[1] : c.span("unit")[0]].strip() == "-"
            if unit.startswith("second"):
                return False
            before = _word_before(text, c.start).lower()
            if not hyphen and before not in self.lists["duration_before_article"]:
                return False
        return True

    def _check_every(self, c: Candidate, text: str) -> bool:
        per = c.low("per")
        if per is None or per == "per" or c.get("freq"):
            return True
        before = _word_before(text, c.start).lower()  # "15 a year", "$2 billion a year", "20 jets a year"
        if any(ch.isdigit() for ch in before) or before in self.lists["rate_words_before"]:
            return True
        if not before.endswith("s") or len(before) < 3:
            return False
        count = _word_before(text, c.start - len(before) - 1).lower()
        return any(ch.isdigit() for ch in count) or count in self.words["number_words"]

    def _check_offset(self, c: Candidate, text: str) -> bool:
        num = c.low("num") or ""
        return num not in self.words["vague_numbers"]

    def _check_numeric(self, c: Candidate, text: str) -> bool:
        return _numeric_date(c) is not None

    def _check_date(self, c: Candidate, text: str) -> bool:
        try:
            _full_date(c)
        except ValueError:
            return False
        return True

    def _check_month_day(self, c: Candidate, text: str) -> bool:
        month = month_number(c.get("month") or "")
        day = int(re.sub(r"\D", "", c.get("day") or "0") or 0)
        if month is None or not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            return False
        # "the top 5 March events": a count before a month name
        return not (c.rule.id == "date.day_month" and _word_before(text, c.start).lower() in ("top", "than", "about"))

    def _check_fiscal(self, c: Candidate, text: str) -> bool:
        fyear = c.get("fyear")
        if c.rule.id == "date.split_year" and fyear:
            first, second = re.split(r"[/–-]", fyear)
            return int(second) == (int(first) + 1) % 100
        return True

    def _check_anaphoric(self, c: Candidate, text: str) -> bool:
        if c.rule.id == "date.unit_before" and _word_after(text, c.end).lower().endswith("ing"):
            return False  # "late in the day after falling 250 points"
        return not (c.low("rel") == "next" and (c.low("unit") or "") in ("week", "month", "year", "quarter"))

    def _check_same(self, c: Candidate, text: str) -> bool:
        return not ((c.low("unit") or "") == "time" and not c.get("shift"))

    def _check_ref_word(self, c: Candidate, text: str) -> bool:
        rx = c.low("rx") or ""
        return not (rx in ("the future", "the past") and _word_after(text, c.end).lower() in ("of", "few", "several"))

    def _check_month_range(self, c: Candidate, text: str) -> bool:
        return month_number(c.get("month") or "") != month_number(c.get("month2") or "")

    def _check_clock(self, c: Candidate, text: str) -> bool:
        if c.get("named") or c.get("ampm") or c.get("zone") or c.get("zone2") or c.get("dayw"):
            return True
        before = _word_before(text, c.start)
        return not (before[:1].isupper() and not _is_sentence_initial(text, c.start))


_CHECKS = {
    "month": DatesComponent._check_month,
    "weekday": DatesComponent._check_weekday,
    "today": DatesComponent._check_today,
    "year": DatesComponent._check_year,
    "decade": DatesComponent._check_decade,
    "season": DatesComponent._check_season,
    "quarter": DatesComponent._check_quarter,
    "quarter_code": DatesComponent._check_quarter_code,
    "duration": DatesComponent._check_duration,
    "offset": DatesComponent._check_offset,
    "every": DatesComponent._check_every,
    "numeric": DatesComponent._check_numeric,
    "date": DatesComponent._check_date,
    "month_day": DatesComponent._check_month_day,
    "fiscal": DatesComponent._check_fiscal,
    "anaphoric": DatesComponent._check_anaphoric,
    "same": DatesComponent._check_same,
    "ref_word": DatesComponent._check_ref_word,
    "month_range": DatesComponent._check_month_range,
    "clock": DatesComponent._check_clock,
}


def _token_span(doc: Doc, tokens: TokenArrays, start: int, end: int, label: str) -> Span | None:
    """The span of the characters [start, end), widened to whole tokens (``doc.char_span``
    with ``alignment_mode="expand"``); built from the token offsets when both ends fall on
    token boundaries, as they almost always do."""
    starts, lengths = tokens.column(START_COL), tokens.column(LENGTH_COL)
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end, first) - 1
    if first < len(starts) and starts[first] == start and last >= first and starts[last] + lengths[last] == end:
        return Span(doc, first, last + 1, label=label)
    return doc.char_span(start, end, label=label, alignment_mode="expand")


# --------------------------------------------------------------------------- resolution


class Resolver:
    """Resolves one document's candidates in order, keeping the reference time."""

    def __init__(
        self,
        component: DatesComponent,
        text: str,
        published: tuple[dt.date, str | None] | None,
        tense: Tense,
        ranges: list[tuple[int, int]],
        datelines: list[tuple[int, int]] = (),  # type: ignore[assignment]
    ) -> None:
        self.c = component
        self.datelines = list(datelines)
        self.words = component.words
        self.text = text
        self.dct = published[0] if published else None
        self.tense = tense
        self._sentence_starts = [tense.token_starts[first] for first in tense.sentence_starts]
        self._ranges = ranges
        # what the article says about fiscal years, each read on first use (most never are)
        self._fy_start: tuple[int | None] | None = None
        self._fiscal_quarters: bool | None = None
        self.ref: Ref | None = None
        self.year_ref: Ref | None = None  # the last date whose year the text states
        self.day_ref: Ref | None = None  # the last day (or time of day) the story named
        self.span_ref: Ref | None = None  # the last span of months (quarter, half, fiscal year ...)
        self.results: list[Result] = []
        self._done: dict[int, list[Result]] = {}
        self._candidates: list[Candidate] = []

    # ---- driver

    def resolve_all(self, candidates: list[Candidate]) -> list[Result]:
        """The results of the candidates, resolved in document order."""
        self._candidates = candidates
        for i in range(len(candidates)):
            self._resolve(i)
        return self.results

    def _resolve(self, i: int) -> list[Result]:
        if i in self._done:
            return []
        self._done[i] = []
        cand = self._candidates[i]
        try:
            produced = _KINDS[cand.rule.kind](self, cand, i)
        except (ValueError, OverflowError):  # out of the calendar: "3,000 years ago", "year 9999 + 1"
            produced = self.result(cand, None)
        results = produced if isinstance(produced, list) else [produced] if produced is not None else []
        for res in results:
            comparison = cand.rule.kind in ("same", "offset")  # "up from a year earlier" keeps the story's time
            if res.period is None or res.type not in ("DATE", "TIME") or res.anchor is None or comparison:
                continue
            sentence = self.sentence_of(res.start)
            if res.period.gran == "D" and self._reporting_day(res.start):
                # only "the day" refers to it
                self.day_ref = Ref(res.period, res.anchor, sentence, res.explicit_year, res.frame, res.start, res.end)
                continue
            ref = self.ref
            if (
                ref is not None
                and ref.sentence == sentence
                and ref.period.gran == res.period.gran
                and _word_before(self.text, res.start).lower() in ("from", "than")
            ):
                continue  # "fell in August from July": the story's time stays August
            if res.explicit_year:
                res.frame = _word_before(self.text, res.start).lower() not in _BOUND_WORDS
            self.ref = Ref(res.period, res.anchor, sentence, res.explicit_year, res.frame, res.start, res.end)
            if res.explicit_year:
                self.year_ref = self.ref
            if res.period.gran in ("D", "T"):
                self.day_ref = self.ref
            if res.period.gran in ("I", "FY", "Q", "H"):
                self.span_ref = self.ref
        self._done[i] = results
        self.results.extend(results)
        return results

    # ---- helpers

    @property
    def fy_start(self) -> int | None:
        """The first month of the article's fiscal year, if it tells (read on first use)."""
        if self._fy_start is None:
            self._fy_start = (self.c._fiscal_year_start(self.text, self._ranges),)
        return self._fy_start[0]

    @property
    def fiscal_quarters(self) -> bool:
        """Whether the article numbers quarters by fiscal year ("Q3 FY25"; read on first use)."""
        if self._fiscal_quarters is None:
            self._fiscal_quarters = self.c._fiscal_quarters(self.text, self._ranges)
        return self._fiscal_quarters

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence that holds character ``pos``."""
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def _reporting_day(self, start: int) -> bool:
        """Whether a day is when the news was told ("the bureau said on Saturday"): the
        story's time stays what it was ("fell in August ... from a year earlier")."""
        return _REPORTING_BEFORE.search(self.text, max(0, start - 30), start) is not None

    def tense_of(self, c: Candidate) -> str | None:
        """ "past", "future" or None for the clause around a candidate. A date in the
        dateline ("ATHENS, March 28 (Reuters) -") is when the story was filed: past,
        whatever the tense of the sentence it opens."""
        if any(s <= c.start and c.end <= e for s, e in self.datelines):
            return "past"
        return self.tense.at(c.start, c.end)

    def result(self, c: Candidate, period: Period | None, *, anchor: str = "published", **kw: Any) -> Result:
        """A result over the candidate's extent; the value is the period's unless given."""
        rtype = kw.pop("type", None) or c.rule.type or "DATE"
        value = kw.pop("value", None)
        if value is None and period is not None:
            value = period.value
        return Result(
            c.start, c.end, rtype, value, c.rule.id, anchor=anchor if value is not None else None, period=period, **kw
        )

    def mod_of(self, c: Candidate) -> str | None:
        """The TIMEX3 mod of "early", "mid-", "late", "the end of" ..."""
        pre = c.low("pre")
        if pre:
            return _MOD_OF_PRE.get(pre)
        posof = c.low("posof")
        if posof:
            word = posof.replace("the ", "").replace("very ", "").split(" ")[0]
            return _MOD_OF_POSOF.get(word)
        return None

    def sentence_year(self, c: Candidate) -> int | None:
        """The year that frames the expression: one stated earlier in its clause, or at the
        head of its sentence ("In 2019, ... in June")."""
        ref = self.year_ref
        sentence = self.sentence_of(c.start)
        if ref is None or not ref.frame or ref.sentence != sentence or ref.period.gran in ("C", "E"):
            return None
        head = self.text[self._sentence_starts[sentence] : ref.start]
        if len(head.split()) > 3 and self.tense.boundary_between(ref.end, c.start):
            return None
        return ref.period.start.year

    def within_ref(self, c: Candidate, options: list[Period]) -> Period | None:
        """The one option inside the span of months the same sentence just named."""
        ref = self.span_ref
        if ref is None or ref.sentence != self.sentence_of(c.start):
            return None
        inside = [p for p in options if ref.period.start <= p.start and p.end <= ref.period.end]
        return inside[0] if len(inside) == 1 else None

    def base(self, gran: str, *, keep: bool = False) -> tuple[Period, str] | None:
        """The reference time at granularity ``gran`` (falling back to the publication date);
        with ``keep``, a finer reference keeps its own granularity ("May" a year earlier)."""
        ref = self.ref
        if ref is not None and keep and ref.period.gran in ("FY", "I") and gran in ("Y", "M", "Q", "H"):
            return ref.period, ref.anchor
        if ref is not None and ref.period.finer_or_equal(gran) and ref.period.gran not in ("FY", "I", "T"):
            return (ref.period if keep else ref.period.coarsen(gran)), ref.anchor
        if ref is not None and ref.period.gran == "T" and gran in ("D", "W", "M", "Y", "Q", "H"):
            return timex.of(gran, ref.period.start), ref.anchor
        if gran == "D" and self.day_ref is not None:  # "the day": the last day the story named
            return self.day_ref.period.coarsen("D"), self.day_ref.anchor
        if self.dct is None:
            return None
        return timex.of(gran, self.dct), "published"

    def choose(self, options: list[Period], tense: str | None, penalty: int = 365) -> Period | None:
        """Among the occurrences of a period around publication, the closest one, counting
        an occurrence on the wrong side of publication for the tense ``penalty`` days further."""
        if self.dct is None or not options:
            return None
        d = self.dct

        def cost(p: Period) -> int:
            if p.start <= d <= p.end:
                return 0
            distance = (p.start - d).days if p.start > d else (d - p.end).days
            wrong = (tense == "past" and p.start > d) or (tense == "future" and p.end < d)
            return distance + (penalty if wrong else 0)

        return min(options, key=cost)

    def around(self, make: Any) -> list[Period]:
        """``make(year)`` for the years around publication."""
        if self.dct is None:
            return []
        out = []
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                p = make(y)
            except (ValueError, KeyError):
                continue
            if p is not None:
                out.append(p)
        return out

    # ---- kinds: absolute

    def _kind_date(self, c: Candidate, i: int) -> Result:
        return self.result(c, timex.day(_full_date(c)), anchor="absolute", explicit_year=True)

    def _kind_datetime(self, c: Candidate, i: int) -> Result:
        d = _full_date(c)
        zone = (c.get("zone") or "") if self.c.timeml else ""  # news: a clock time carries no zone
        if zone and zone != "Z" and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        p = timex.time_of(d, int(c.get("hour") or 0), int(c.get("minute") or 0), zone)
        return self.result(c, p, anchor="absolute", explicit_year=True)

    def _kind_numeric(self, c: Candidate, i: int) -> Result | None:
        d = _numeric_date(c, self.dct)
        if d is None:
            return None
        return self.result(c, timex.day(d), anchor="absolute", explicit_year=True)

    def _kind_year(self, c: Candidate, i: int) -> Result:
        if c.get("yy"):
            yy = int(c.get("yy") or 0)
            pivot = (self.dct.year if self.dct else 2030) % 100 + 10
            y = (2000 if yy <= pivot else 1900) + yy
        else:
            y = int(c.get("year") or 0)
        return self.result(c, timex.year(y), anchor="absolute", mod=self.mod_of(c), explicit_year=True)

    def _kind_decade(self, c: Candidate, i: int) -> Result | None:
        dec, word = c.get("dec"), c.low("decw")
        if dec:
            digits = re.sub(r"\D", "", dec)
            if len(digits) == 4:
                first = int(digits)
                if first % 100 == 0 and first < 2000:
                    return self.result(c, timex.century(first // 100), anchor="absolute", mod=self.mod_of(c))
                return self.result(c, timex.decade(first), anchor="absolute", mod=self.mod_of(c))
            tens = int(digits) // 10
        else:
            tens = _DECADE_WORDS[word or ""]
        now = self.dct.year if self.dct else 2030
        first = (now // 100) * 100 + tens * 10
        if first > now:
            first -= 100
        return self.result(c, timex.decade(first), anchor="absolute", mod=self.mod_of(c))

    def _kind_century(self, c: Candidate, i: int) -> Result | None:
        cent = c.low("cent") or ""
        number = _CENTURY_WORDS.get(cent) or int(re.sub(r"\D", "", cent) or 0)
        if not 1 <= number <= 22:
            return None
        return self.result(c, timex.century(number - 1), anchor="absolute", mod=self.mod_of(c))

    def _kind_month_range(self, c: Candidate, i: int) -> Result | None:
        m1, m2 = month_number(c.get("month") or ""), month_number(c.get("month2") or "")
        if m1 is None or m2 is None:
            return None
        prev = self.results[-1] if self.results else None
        fiscal = prev is not None and prev.value and prev.rule.startswith(("date.fiscal", "date.split_year"))
        if fiscal and len(self.text[prev.end : c.start]) <= 3:  # type: ignore[union-attr]
            # "2019/20 (July-June)": the months of the fiscal year just named
            return self.result(c, prev.period, value=prev.value, anchor=prev.anchor or "absolute")  # type: ignore[union-attr]
        if c.get("year"):
            y = int(c.get("year") or 0)
            return self.result(c, _month_span(y, m1, m2), anchor="absolute", explicit_year=True)
        year = self.sentence_year(c)
        if year is not None:
            return self.result(c, _month_span(year, m1, m2), anchor=self.year_ref.anchor)  # type: ignore[union-attr]
        p = self.choose(self.around(lambda y: _month_span(y, m1, m2)), self.tense_of(c))
        return self.result(c, p)

    # ---- kinds: months, days, weekdays

    def _kind_month(self, c: Candidate, i: int) -> Result | None:
        m = month_number(c.get("month") or "")
        if m is None:
            return None
        mod = self.mod_of(c)
        if c.get("year"):
            return self.result(
                c, timex.month(int(c.get("year") or 0), m), anchor="absolute", mod=mod, explicit_year=True
            )
        if self.dct is None:
            return self.result(c, None)
        rel, yrel = c.low("rel"), c.low("yrel") or c.low("yrel_of")
        if yrel:
            shift = {"this": 0, "last": -1, "next": 1}[yrel.split(" ")[0]]
            return self.result(c, timex.month(self.dct.year + shift, m), mod=mod)
        options = self.around(lambda y: timex.month(y, m))
        d = self.dct
        if rel in ("last", "past"):
            p = max((o for o in options if o.end < d.replace(day=1)), key=lambda o: o.start, default=None)
        elif rel in ("next", "coming"):
            p = min((o for o in options if o.start > d), key=lambda o: o.start, default=None)
        elif rel == "this":
            p = timex.month(d.year, m)
        else:
            inside = self.within_ref(c, options)
            if inside is not None:  # "the first two months of the fiscal year, July and August"
                return self.result(c, inside, mod=mod, anchor=self.span_ref.anchor)  # type: ignore[union-attr]
            year = self.sentence_year(c)
            if year is not None:
                return self.result(c, timex.month(year, m), mod=mod, anchor=self.year_ref.anchor)  # type: ignore[union-attr]
            p = self.choose(options, self.tense_of(c))
        return self.result(c, p, mod=mod)

    def _kind_month_day(self, c: Candidate, i: int) -> Result | None:
        m = month_number(c.get("month") or "")
        day = int(re.sub(r"\D", "", c.get("day") or "0"))
        if m is None:
            return None
        year = self.sentence_year(c)
        if year is not None:
            try:
                return self.result(c, timex.day(dt.date(year, m, day)), anchor=self.year_ref.anchor)  # type: ignore[union-attr]
            except ValueError:
                return None
        p = self.choose(self.around(lambda y: timex.day(dt.date(y, m, day))), self.tense_of(c))
        return self.result(c, p)

    def _kind_weekday(self, c: Candidate, i: int) -> Result | None:
        wd = weekday_number(c.get("wday") or "")
        if wd is None or self.dct is None:
            return self.result(c, None)
        return self.day_result(c, self.weekday_date(c, wd, c.low("rel")), c.low("pod"))

    def day_result(self, c: Candidate, day: dt.date, part: str | None, **kw: Any) -> Result:
        """The day; under TimeML conventions a part of it ("Friday morning": ``...TMO``, a TIME)."""
        code = self.words["parts_of_day"].get(part or "") if self.c.timeml else None
        if code is None:
            return self.result(c, timex.day(day), **kw)
        return self.result(c, timex.part_of_day(day, code), type="TIME", **kw)

    def weekday_date(self, c: Candidate, wd: int, rel: str | None) -> dt.date:
        d = self.dct
        assert d is not None
        back = (d.weekday() - wd) % 7
        forward = (wd - d.weekday()) % 7
        if rel in ("last", "this past", "past"):
            return d - dt.timedelta(days=back or 7)
        if rel in ("next", "coming", "this coming"):
            return d + dt.timedelta(days=forward or 7)
        if rel == "this":
            return d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=wd)
        if self.tense_of(c) == "future":
            return d + dt.timedelta(days=forward)
        return d - dt.timedelta(days=back)

    def _kind_today(self, c: Candidate, i: int) -> Result | None:
        if self.dct is None:
            return self.result(c, None)
        word = c.low("word") or ""
        shift = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}.get(word, 0)
        if c.get("ba"):
            shift += -1 if c.low("ba") == "before" else 1
        part = c.low("pod") or ("tonight" if word == "tonight" and not c.get("pre") else None)
        return self.day_result(c, self.dct + dt.timedelta(days=shift), part)

    def _kind_holiday(self, c: Candidate, i: int) -> Result | None:
        spec = self.c.holiday_spec(c.get("hol") or "")
        if spec is None:
            return None

        def make(y: int) -> Period | None:
            d = _holiday_date(spec, y, self.words)
            if d is None:
                return None
            if c.get("wknd"):  # "the Labor Day weekend": the weekend the holiday is part of
                return timex.of("WE", d - dt.timedelta(days=1) if d.weekday() == 0 else d)
            return timex.day(d)

        if c.get("year"):
            p = make(int(c.get("year") or 0))
            return self.result(c, p, anchor="absolute", explicit_year=True) if p else None
        rel = c.low("rel")
        options = self.around(make)
        if rel == "last":
            p = self.choose([o for o in options if self.dct and o.start < self.dct], "past")
        elif rel == "next":
            p = self.choose([o for o in options if self.dct and o.start > self.dct], "future")
        else:
            year = self.sentence_year(c)
            if year is not None and make(year) is not None:
                return self.result(c, make(year), anchor=self.year_ref.anchor)  # type: ignore[union-attr]
            p = self.choose(options, self.tense_of(c))
        return self.result(c, p)

    # ---- kinds: quarters, halves, fiscal years

    def _kind_quarter(self, c: Candidate, i: int) -> Result | None:
        ordinal = c.low("ord") or ""
        qh = (c.low("qh") or "").strip()
        gran = "H" if qh == "half" else "Q"
        count = 2 if gran == "H" else 4
        index = _ORDINALS.get(ordinal, count)
        if index > count:
            return None
        yref, year = c.low("yref"), c.get("year")
        if ordinal == "last" and not yref and not year:  # "the last quarter": the one before publication
            if self.dct is None:
                return self.result(c, None)
            return self.result(c, timex.of(gran, self.dct).shift(-1, gran))
        return self._part(c, gran, index, yref, year)

    def _kind_quarter_code(self, c: Candidate, i: int) -> Result | None:
        code = (c.get("qc") or c.get("qc2") or "").upper()
        gran = "H" if "H" in code else "Q"
        index = int(re.sub(r"\D", "", code))
        yref = c.low("fy") or c.low("fy2")
        if c.rule.id == "date.fiscal_quarter":  # "fiscal Q3": of the fiscal year around publication
            return self._fiscal_part(c, gran, index)
        year = c.get("year")
        if c.get("yy"):
            year = str(2000 + int(c.get("yy") or 0))
        return self._part(c, gran, index, yref, year)

    def _part(self, c: Candidate, gran: str, index: int, yref: str | None, year: str | None) -> Result | None:
        make = timex.half if gran == "H" else timex.quarter
        if year:
            return self.result(c, make(int(year), index), anchor="absolute", explicit_year=True)
        if yref:
            fiscal = "fiscal" in yref or "financial" in yref or yref.startswith("fy")
            digits = re.search(r"\d+", yref)
            if fiscal:
                fy = self.fiscal_period(yref, digits.group(0) if digits else None)
                if fy is None:
                    return self.result(c, None)
                p, anchor = fy
                if p.fy_start is None:
                    label = f"FY{p.end.year}-{gran}{index}"
                    return self.result(c, p, value=label, anchor=anchor)
                if gran == "Q":
                    return self.result(c, _fiscal_quarter(p.end.year, p.start.month, index), anchor=anchor)
                start = add_months(dt.date(p.start.year, p.start.month, 1), 6 * (index - 1))
                end = add_months(start, 5)
                return self.result(c, timex.months(start.year, start.month, end.year, end.month), anchor=anchor)
            if digits:
                return self.result(c, make(int(digits.group(0)), index), anchor="absolute", explicit_year=True)
            y = self.year_of_phrase(c, yref)
            if y is None:
                return self.result(c, None)
            return self.result(c, make(y[0], index), anchor=y[1], explicit_year=True)
        if gran == "Q" and self.fiscal_quarters and self.fy_start not in (None, 1):
            # the article numbers quarters by fiscal year: Q3 of an April-March year is Oct-Dec
            return self._fiscal_part(c, gran, index)
        year_here = self.sentence_year(c)
        if year_here is not None:
            return self.result(c, make(year_here, index), anchor=self.year_ref.anchor)  # type: ignore[union-attr]
        p = self.choose(self.around(lambda y: make(y, index)), self.tense_of(c), _QUARTER_PENALTY)
        return self.result(c, p)

    def _fiscal_part(self, c: Candidate, gran: str, index: int) -> Result | None:
        """Fiscal quarter ``index`` nearest publication (by tense); "FYnn-Qn" if the fiscal
        year's first month is unknown."""
        fs = self.fy_start
        if gran != "Q":
            return self.result(c, None)
        if fs is None or fs == 1:
            make = timex.quarter
            return self.result(
                c, self.choose(self.around(lambda y: make(y, index)), self.tense_of(c), _QUARTER_PENALTY)
            )
        options = self.around(lambda y: _fiscal_quarter(y, fs, index)) + self.around(
            lambda y: _fiscal_quarter(y + 1, fs, index)
        )
        return self.result(c, self.choose(options, self.tense_of(c), _QUARTER_PENALTY))

    def year_of_phrase(self, c: Candidate, phrase: str) -> tuple[int, str] | None:
        """The year of "this year", "last year", "next year", "the year", and of "the
        previous/same/following year" (relative to the story's year)."""
        words = phrase.split()
        for word, shift in (("previous", -1), ("same", 0), ("following", 1)):
            if word in words:
                b = self.base("Y")
                return (b[0].start.year + shift, b[1]) if b else None
        if words == ["the", "year"]:
            year = self.sentence_year(c)
            if year is not None:
                return year, self.year_ref.anchor  # type: ignore[union-attr]
        if self.dct is None:
            return None
        return self.dct.year + {"last": -1, "next": 1}.get(words[0], 0), "published"

    def fiscal_period(self, phrase: str, digits: str | None, rel: str | None = None) -> tuple[Period, str] | None:
        """The fiscal year a phrase names: "fiscal 2024", "2019/20", "this fiscal year"."""
        s = self.fy_start
        if digits:
            parts = re.split(r"[/–-]", digits)
            first = int(parts[0])
            if len(parts[0]) == 2:
                first += 2000
            if len(parts) > 1:  # "2019/20" ends in 2020
                first += 1
            return timex.fiscal_year(first, s), "absolute"
        if self.dct is None:
            return None
        current = timex.fiscal_year_of(self.dct, s)
        shift = 0
        if rel in ("last", "previous", "prior", "past"):
            shift = -1
        elif rel in ("next", "coming", "upcoming", "following", "new"):
            shift = 1
        elif "last" in phrase.split() or "previous" in phrase.split():
            shift = -1
        elif "next" in phrase.split():
            shift = 1
        if current.fy_start is None:
            return timex.fiscal_year(current.end.year + shift, s), "published"
        return current.shift(shift, "Y"), "published"

    def _kind_fiscal(self, c: Candidate, i: int) -> Result | None:
        fyear = c.get("fyear")
        if fyear and c.rule.id == "date.split_year" and self.fy_start is None:
            first = int(fyear[:4])
            return self.result(c, None, value=f"{first}/{first + 1}", anchor="absolute")
        digits = re.sub(r"^['’]", "", fyear) if fyear else None
        fy = self.fiscal_period(c.low("fw") or "", digits, c.low("rel"))
        if fy is None:
            return self.result(c, None)
        return self.result(c, fy[0], anchor=fy[1])

    def _kind_fiscal_end(self, c: Candidate, i: int) -> Result | None:
        """ "the fiscal year that ended last June", "the fiscal year starting April 2026"."""
        verb = c.low("fend") or ""
        # "ended"/"began" look back, "ending"/"starts" at the current or next one
        tense = "past" if verb.endswith("ed") or verb == "began" else "future"
        inner = self._inner_month(c, c.get("fwhen") or "", tense)
        if inner is None:
            return self.result(c, None)
        end_month, anchor = inner
        ended = (c.low("fend") or "").startswith(("end", "clos"))
        if ended:
            start = add_months(end_month.start, -11)
            p = timex.months(start.year, start.month, end_month.start.year, end_month.start.month, "FY")
        else:
            end = add_months(end_month.start, 11)
            p = timex.months(end_month.start.year, end_month.start.month, end.year, end.month, "FY")
        return self.result(c, p._replace(fy_start=p.start.month), anchor=anchor)

    def _inner_month(self, c: Candidate, phrase: str, tense: str | None) -> tuple[Period, str] | None:
        m = _INNER_MONTH.match(phrase)
        if not m or month_number(m.group(2)) is None:
            return None
        month = month_number(m.group(2))
        assert month is not None
        if m.group(4):
            return timex.month(int(m.group(4)), month), "absolute"
        if self.dct is None:
            return None
        rel = (m.group(1) or "").lower()
        d = self.dct
        if rel == "next":
            y = d.year if month > d.month else d.year + 1
        elif rel == "this":
            y = d.year
        elif rel == "last":
            y = d.year if month < d.month else d.year - 1
        else:
            p = self.choose(self.around(lambda y: timex.month(y, month)), tense)
            return (p, "published") if p is not None else None
        return timex.month(y, month), "published"

    def _kind_first_n(self, c: Candidate, i: int) -> Result | None:
        ordinal = c.low("ord") or "first"
        unit = (c.low("unit") or "").rstrip("s")
        n = _number(c.low("num") or "one", self.words) or 1
        target = c.low("target") or ""
        if not float(n).is_integer():
            return None
        n = int(n)
        if c.rule.id == "date.first_n":  # "the first nine months": of the year it can already describe
            span = n * (3 if unit == "quarter" else 1)
            year = self.sentence_year(c)
            if year is None:
                if self.dct is None:
                    return self.result(c, None)
                year = self.dct.year if span <= self.dct.month else self.dct.year - 1
            return self.result(c, timex.months(year, 1, year, span))
        target_p, anchor = self._target_period(c, target)
        if target_p is None:
            return self.result(c, None)
        if unit == "week":  # the ISO week that holds most of the first (last) seven days
            if target_p.gran in ("M", "Y"):
                d = target_p.start + dt.timedelta(days=3) if ordinal == "first" else target_p.end - dt.timedelta(days=3)
                return self.result(c, timex.of("W", d), anchor=anchor)
            return self.result(c, None)
        if unit in ("month", "quarter", "year"):
            span = n * (3 if unit == "quarter" else 12 if unit == "year" else 1)
            first = dt.date(target_p.start.year, target_p.start.month, 1)
            if ordinal == "first":
                start = first
            else:
                start = add_months(dt.date(target_p.end.year, target_p.end.month, 1), 1 - span)
            end = add_months(start, span - 1)
            if unit == "month" and n == 1:
                return self.result(c, timex.month(start.year, start.month), anchor=anchor)
            return self.result(c, timex.months(start.year, start.month, end.year, end.month), anchor=anchor)
        return self.result(c, None)

    def _kind_months_to(self, c: Candidate, i: int) -> Result | None:
        """ "the three months to September": the months that end with the one named."""
        month = month_number(c.get("month") or "")
        unit = (c.low("unit") or "").rstrip("s")
        n = _number(c.low("num") or "one", self.words)
        if month is None or n is None or not float(n).is_integer() or unit == "week":
            return None
        span = int(n) * {"month": 1, "quarter": 3, "year": 12}[unit]
        if c.get("year"):
            last, anchor = timex.month(int(c.get("year") or 0), month), "absolute"
        else:
            last, anchor = self.choose(self.around(lambda y: timex.month(y, month)), self.tense_of(c)), "published"
            if last is None:
                return self.result(c, None)
        first = add_months(last.start, 1 - span)
        return self.result(c, timex.months(first.year, first.month, last.start.year, last.start.month), anchor=anchor)

    def _target_period(self, c: Candidate, target: str) -> tuple[Period | None, str]:
        if "fiscal" in target or "financial" in target:
            digits = re.search(r"\d{4}", target)
            fy = self.fiscal_period(target, digits.group(0) if digits else None)
            if fy is None or (fy[0].fy_start is None and fy[0].gran == "FY"):
                return None, "published"
            return fy
        month = re.match(r"([a-z]+)\.?(?:,?\s+(\d{4}))?$", target)
        if month and month_number(month.group(1)) is not None:
            m = month_number(month.group(1))
            assert m is not None
            if month.group(2):
                return timex.month(int(month.group(2)), m), "absolute"
            p = self.choose(self.around(lambda y: timex.month(y, m)), self.tense_of(c))
            return p, "published"
        if re.fullmatch(r"\d{4}", target):
            return timex.year(int(target)), "absolute"
        if target.endswith("month"):
            if self.dct is None:
                return None, "published"
            shift = {"last": -1, "next": 1}.get(target.split()[0], 0)
            return timex.of("M", self.dct).shift(shift, "M"), "published"
        y = self.year_of_phrase(c, target if " " in target else f"the {target}")
        return (timex.year(y[0]), y[1]) if y else (None, "published")

    # ---- kinds: relative to publication or to the story's reference time

    def _kind_deictic(self, c: Candidate, i: int) -> Result | None:
        unit = (c.low("unit") or "").strip()
        rel = (c.low("rel") or "this").strip()
        mod = self.mod_of(c)
        if self.dct is None:
            return self.result(c, None)
        d = self.dct
        if unit in SEASONS:
            code = SEASONS[unit]
            options = self.around(lambda y: timex.season(y, code))
            if rel in ("last", "this past"):
                p = max((o for o in options if o.end < d), key=lambda o: o.start, default=None)
            elif rel in ("next", "coming", "this coming"):
                p = min((o for o in options if o.start > d), key=lambda o: o.start, default=None)
            else:
                p = self.choose(options, None)
            return self.result(c, p, mod=mod)
        if unit == "weekend":
            this = timex.of("WE", d)
            if rel in ("last", "this past", "the past"):
                p = this if d.weekday() == 6 else this.shift(-1, "W")
            elif rel in ("next",):
                p = this.shift(1, "W")
            elif rel == "the":
                tense = self.tense_of(c)
                p = this if d.weekday() >= 5 or tense == "future" else this.shift(-1, "W")
            else:
                p = this
            return self.result(c, p, mod=mod)
        gran = {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "decade": "E", "century": "C"}[unit]
        if c.rule.id == "date.end_of_the":
            year = self.sentence_year(c) if gran == "Y" else None
            if year is not None:
                return self.result(c, timex.year(year), mod=mod, anchor=self.year_ref.anchor)  # type: ignore[union-attr]
            return self.result(c, timex.of(gran, d), mod=mod, explicit_year=gran == "Y")
        shift = {"last": -1, "next": 1, "coming": 1, "this coming": 1, "this past": -1}.get(rel, 0)
        p = timex.of(gran, d).shift(shift, gran)
        return self.result(c, p, mod=mod, explicit_year=gran == "Y")

    def _kind_offset(self, c: Candidate, i: int) -> Result | None:
        n = _number(c.low("num") or "", self.words)
        unit = _unit(c.low("unit") or "", self.words)
        direction = (c.low("dir") or "").replace("from now", "from_now")
        mod = _MOD_OF_QUAL.get(c.low("q") or "")
        if n is None or unit is None:
            return None
        if direction in ("before", "after") and not c.get("than"):
            # "a day after the vote" dates the main event; "five years after its launch" and
            # "a year after launching" measure the time between two events.
            article = (c.low("num") or "") in ("a", "an", "one")
            if not article or _word_after(self.text, c.end).lower().endswith("ing"):
                value = self.duration_value(n, unit)
                return Result(c.start, c.span("unit")[1], "DURATION", value, c.rule.id, mod=mod, anchor="absolute")
        gran, amount = _offset_gran(unit, n)
        if gran is None:
            return self.result(c, None, type="DURATION", value=timex.duration(n, unit), anchor="absolute", mod=mod)
        if direction in ("ago", "from_now", "hence", "back"):
            if self.dct is None:
                return self.result(c, None)
            sign = 1 if direction in ("from_now", "hence") else -1
            step_gran = "D" if gran == "W" else gran
            base = timex.of(step_gran, self.dct)
            return self.result(c, base.shift(sign * amount, gran), mod=mod)
        b = self.base("D" if gran == "W" else gran, keep=True)
        if b is None:
            return self.result(c, None)
        base, anchor = b
        if c.get("than") or direction in ("before", "after"):
            return self.result(c, base, anchor=anchor, mod=mod)
        sign = 1 if direction == "later" else -1
        return self.result(c, base.shift(sign * amount, gran), anchor=anchor, mod=mod)

    def _kind_anaphoric(self, c: Candidate, i: int) -> Result | None:
        unit = c.low("unit") or ""
        rel = c.low("rel") or ""
        gran = {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "decade": "E"}.get(unit, "D")
        shift = {"previous": -1, "preceding": -1, "prior": -1, "before": -1, "earlier": -1, "that": 0}.get(rel, 1)
        if unit == "time":  # "by that time": the reference time itself
            if self.ref is None:
                return self.result(c, None)
            return self.result(c, self.ref.period, anchor=self.ref.anchor)
        b = self.base(gran)
        if b is None:
            return self.result(c, None)
        if gran == "D" and unit != "day":  # "the following morning"
            return self.day_result(c, b[0].shift(shift, gran).start, unit, anchor=b[1])
        return self.result(c, b[0].shift(shift, gran), anchor=b[1], explicit_year=gran == "Y")

    def _kind_same(self, c: Candidate, i: int) -> Result | None:
        unit = c.low("unit") or ""
        shift = c.low("shift") or ""
        gran = {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "day": "D", "half": "H"}.get(unit)
        ref = self.ref
        if ref is None:
            if self.dct is None:
                return self.result(c, None)
            base, anchor = timex.of(gran or "D", self.dct), "published"
        elif gran is None:
            base, anchor = ref.period, ref.anchor
        else:
            b = self.base(gran)
            if b is None:
                return self.result(c, None)
            base, anchor = b
        year = re.search(r"\d{4}", shift)
        if year:
            delta = int(year.group(0)) - base.start.year
            return self.result(c, base.shift(delta, "Y"), anchor=anchor)
        if "year" in shift:
            base = base.shift(-1, "Y")
        elif "month" in shift:
            base = base.shift(-1, "M")
        elif "quarter" in shift:
            base = base.shift(-1, "Q")
        return self.result(c, base, anchor=anchor)

    def _kind_whole(self, c: Candidate, i: int) -> Result | None:
        ref = self.year_ref
        if ref is not None and ref.anchor == "absolute":
            return self.result(c, ref.period.coarsen("Y"), anchor="absolute")
        if self.dct is None:
            return self.result(c, None)
        shift = -1 if self.tense_of(c) == "past" else 0
        return self.result(c, timex.year(self.dct.year + shift))

    def _kind_the_day(self, c: Candidate, i: int) -> Result | None:
        """ "the day", "the start of the day", "a third straight day", "fourth week in a row"."""
        unit = c.low("unit") or c.low("unit2") or ""
        b = self.base("W" if "week" in unit else "D")
        if b is None:
            return self.result(c, None)
        return self.result(c, b[0], anchor=b[1], mod=self.mod_of(c))

    def _kind_clock(self, c: Candidate, i: int) -> Result | None:
        named = c.low("named")
        if named:
            hour, minute = (12, 0) if named in ("noon", "midday") else (24, 0)
        else:
            hour = int(c.get("hour") or 0)
            minute = int(c.get("minute") or c.get("minute2") or 0)
            ampm = (c.get("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
        zone = self._zone(c)
        day, anchor = self._day_for_time(c, i)
        if day is None:
            return self.result(c, None, value=f"XXXX-XX-XXT{hour:02d}:{minute:02d}{zone}", anchor="absolute")
        return self.result(c, timex.time_of(day, hour, minute, zone), anchor=anchor)

    def _zone(self, c: Candidate) -> str:
        """The ISO 8601 offset of the time's zone under TimeML conventions ("-05:00", "Z");
        none under news conventions (GOLD_FORMAT.md: ``YYYY-MM-DDTHH:MM``)."""
        if not self.c.timeml:
            return ""
        name = c.get("zone") or c.get("zone2")
        offset = c.get("zoff") or c.get("zoff2")
        if offset:
            sign = "-" if "-" in offset else "+"
            digits = re.sub(r"\D", "", offset)
            hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
            return f"{sign}{int(hours):02d}:{minutes}"
        if not name:
            return ""
        return self.words["zones"].get(name, "")

    def _day_for_time(self, c: Candidate, i: int) -> tuple[dt.date | None, str]:
        dayw = c.get("dayw")
        if dayw:
            if self.dct is None:
                return None, "published"
            wd = weekday_number(dayw)
            if wd is not None:
                return self.weekday_date(c, wd, None), "published"
            shift = {"yesterday": -1, "tomorrow": 1}.get(dayw.lower(), 0)
            return self.dct + dt.timedelta(days=shift), "published"
        sentence = self.sentence_of(c.start)
        for j in range(max(0, i - 3), min(len(self._candidates), i + 4)):
            other = self._candidates[j]
            if j == i or self.sentence_of(other.start) != sentence:
                continue
            if other.rule.kind in ("date", "month_day", "weekday", "today", "numeric"):
                res = self._done.get(j) or self._resolve(j)
                for r in res:
                    if r.period is not None and r.period.gran == "D":
                        return r.period.start, r.anchor or "published"
        b = self.base("D")
        if b is None:
            return None, "published"
        return b[0].start, b[1]

    # ---- kinds: seasons

    def _kind_season(self, c: Candidate, i: int) -> Result | None:
        code = SEASONS[(c.low("season") or "").strip()]
        mod = self.mod_of(c)
        if c.get("year"):
            return self.result(c, timex.season(int(c.get("year") or 0), code), anchor="absolute", mod=mod)
        if self.dct is None:
            return self.result(c, None)
        options = self.around(lambda y: timex.season(y, code))
        rel = c.low("rel")
        d = self.dct
        if rel in ("last", "past"):
            p = max((o for o in options if o.end < d), key=lambda o: o.start, default=None)
        elif rel in ("next", "coming"):
            p = min((o for o in options if o.start > d), key=lambda o: o.start, default=None)
        elif rel == "this":
            p = self.choose(options, None)
        else:
            year = self.sentence_year(c)
            if year is not None:
                return self.result(c, timex.season(year, code), mod=mod, anchor=self.year_ref.anchor)  # type: ignore[union-attr]
            p = self.choose(options, self.tense_of(c))
        return self.result(c, p, mod=mod)

    # ---- kinds: durations and sets

    def _kind_previous_n(self, c: Candidate, i: int) -> Result | None:
        """ "the previous three months" after "the fourth quarter": the months before the
        reference period (with no reference, the length of time)."""
        n = _number(c.low("num") or "", self.words)
        unit = (c.low("unit") or "").rstrip("s")
        ref = self.ref
        if n is None or not float(n).is_integer() or ref is None or ref.period.gran in ("D", "W", "WE", "T"):
            return self._kind_rolling(c, i)
        span = int(n) * {"month": 1, "quarter": 3, "year": 12}[unit]
        last = add_months(dt.date(ref.period.start.year, ref.period.start.month, 1), -1)
        first = add_months(last, 1 - span)
        p = timex.months(first.year, first.month, last.year, last.month)
        if span == 3 and (first.month - 1) % 3 == 0:
            p = timex.of("Q", first)
        return self.result(c, p, type="DATE", anchor=ref.anchor)

    def _kind_rolling(self, c: Candidate, i: int) -> Result | None:
        plural = (c.low("unit") or "").endswith("s")
        n = _number(c.low("num") or ("" if plural else "one"), self.words)  # "the coming months": PXM
        unit = _unit(c.low("unit") or "", self.words)
        if unit is None:
            return None
        if n is None and plural and c.get("num") is None:  # "the coming months", "the past years"
            value = "PAST_REF" if (c.low("rel") or "") in ("past", "last", "previous", "preceding") else "FUTURE_REF"
            return self.result(c, None, type="DATE", value=value, anchor="published" if self.dct else "absolute")
        if unit == "Q" and c.get("num") is None:  # "the next quarter" is a calendar quarter
            if self.dct is None:
                return self.result(c, None, type="DATE")
            shift = -1 if (c.low("rel") or "") in ("past", "last", "previous", "preceding") else 1
            return self.result(c, timex.of("Q", self.dct).shift(shift, "Q"), type="DATE")
        return self.duration_result(c, n, unit, None)

    def _kind_duration(self, c: Candidate, i: int) -> Result | None:
        n = _number(c.low("num") or "", self.words)
        unit = _unit(c.low("unit") or "", self.words)
        if unit is None:
            return None
        return self.duration_result(c, n, unit, _MOD_OF_QUAL.get(c.low("q") or ""))

    def _kind_year_range(self, c: Candidate, i: int) -> list[Result]:
        """ "from 2009 to 2011": a duration (P2Y) holding two years."""
        first = c.get("y1") or c.get("y2") or "0"
        last = c.get("y3") or "0"
        years = int(last) - int(first)
        value = timex.duration(years, "Y") if years > 0 else None  # "from 2011 to 2009": no length
        out = [Result(c.start, c.end, "DURATION", value, c.rule.id, anchor="absolute" if value else None)]
        for name in ("y1", "y2", "y3"):
            if c.get(name) is not None:
                s, e = c.span(name)
                p = timex.year(int(c.get(name) or 0))
                out.append(Result(s, e, "DATE", p.value, "date.year", anchor="absolute", period=p, explicit_year=True))
        return out

    def _kind_duration_range(self, c: Candidate, i: int) -> list[Result] | None:
        """ "between 60 and 90 days": two durations, "60" and "90 days"."""
        unit = _unit(c.low("unit") or "", self.words)
        first, second = _number(c.low("num0") or "", self.words), _number(c.low("num") or "", self.words)
        if unit is None or first is None or second is None:
            return None
        s0, e0 = c.span("num0")
        s1 = c.span("num")[0]
        return [
            Result(s0, e0, "DURATION", self.duration_value(first, unit), c.rule.id, anchor="absolute"),
            Result(s1, c.end, "DURATION", self.duration_value(second, unit), c.rule.id, anchor="absolute"),
        ]

    def duration_value(self, n: float | None, unit: str) -> str:
        """The duration of ``n`` units; quarters stay quarters under TimeML conventions ("P2Q")."""
        if unit == "Q" and self.c.timeml:
            return timex.duration(n, "Q")
        return _duration_value(n, unit)

    def duration_result(self, c: Candidate, n: float | None, unit: str, mod: str | None) -> Result:
        value = self.duration_value(n, unit)
        return self.result(c, None, type="DURATION", value=value, anchor="absolute", mod=mod)

    def _kind_vague(self, c: Candidate, i: int) -> Result | None:
        vq = (c.low("vq") or "").strip()
        unit = _unit(c.low("unit") or "", self.words)
        if unit is None:
            return None
        if vq == "recent":
            return self.result(c, None, type="DATE", value="PAST_REF", anchor="published" if self.dct else "absolute")
        return self.duration_result(c, None, unit, None)

    def _kind_every(self, c: Candidate, i: int) -> Result | None:
        raw = c.get("unit") or ""
        unit = _unit(raw.lower(), self.words)
        n = 2 if c.get("other") else _number(c.low("num") or "one", self.words)
        if unit is not None:
            value = self.duration_value(n, unit)
        elif weekday_number(raw) is not None:
            value = f"XXXX-WXX-{weekday_number(raw) + 1}"  # type: ignore[operator]
        elif month_number(raw) is not None:
            value = f"XXXX-{month_number(raw):02d}"
        elif raw.lower() == "weekend":
            value = "XXXX-WXX-WE"
        else:
            value = "XXXX-XX-XXT" + {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[raw.lower()]
        return self.result(c, None, value=value, anchor="absolute")

    def _kind_frequency(self, c: Candidate, i: int) -> Result | None:
        return self.result(c, None, value=_FREQUENCY[(c.get("freq") or "").lower()], anchor="absolute")

    def _kind_ref_word(self, c: Candidate, i: int) -> Result | None:
        rx = c.low("rx") or ""
        if "future" in rx or "term" in rx or "soon" in rx:
            value = "FUTURE_REF"
        elif "past" in rx or "recent" in rx or "lately" in rx:
            value = "PAST_REF"
        else:
            value = "PRESENT_REF"
        return self.result(c, None, value=value, anchor="published" if self.dct else "absolute")


_KINDS = {name[len("_kind_") :]: fn for name, fn in vars(Resolver).items() if name.startswith("_kind_")}


# --------------------------------------------------------------------------- helpers


def parse_published(value: str | None) -> tuple[dt.date, str | None] | None:
    """("2025-03-29", None) or ("2025-03-29", "00:37") from a record's published field."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d:\d\d))?", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(4)
    except ValueError:
        return None


def _word_before(text: str, pos: int) -> str:
    """The word that ends before ``pos`` (skipping spaces, quotes and punctuation), read
    within the 40 characters before ``pos``: one regex match over them reversed."""
    if pos <= 0:
        return ""
    m = _WORD_BEFORE_REVERSED.match(text[max(0, pos - 40) : pos][::-1])
    return m.group(1)[::-1].strip(".-")  # type: ignore[union-attr]


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text, pos, min(len(text), pos + 40))
    return m.group(1).rstrip(".") if m else ""


def _is_sentence_initial(text: str, pos: int) -> bool:
    """Whether nothing but quotes and brackets stands between ``pos`` and the last sentence end."""
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"“”'‘’([-–—"):
        if text[i] == "\n":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;"


def _full_date(c: Candidate) -> dt.date:
    month = int(c.get("mnum") or 0) if c.get("mnum") else month_number(c.get("month") or "")
    day = int(re.sub(r"\D", "", c.get("day") or "0"))
    return dt.date(int(c.get("year") or 0), month or 0, day)


def _numeric_date(c: Candidate, dct: dt.date | None = None) -> dt.date | None:
    n1, n2 = int(c.get("n1") or 0), int(c.get("n2") or 0)
    yn = c.get("yn") or ""
    year = int(yn)
    if len(yn) == 2:
        pivot = (dct.year if dct else 2030) % 100 + 10
        year += 2000 if year <= pivot else 1900
    if c.rule.id == "date.dotted" or n1 > 12:
        n1, n2 = n2, n1
    try:
        return dt.date(year, n1, n2)
    except ValueError:
        return None


def _fiscal_quarter(end_year: int, start_month: int, index: int) -> Period:
    """Quarter ``index`` of the fiscal year that ends in ``end_year``; a calendar quarter
    when the fiscal year starts in January, April, July or October."""
    first = add_months(dt.date(end_year - 1 if start_month > 1 else end_year, start_month, 1), 3 * (index - 1))
    if (first.month - 1) % 3 == 0:
        return timex.of("Q", first)
    last = add_months(first, 2)
    return timex.months(first.year, first.month, last.year, last.month)


def _month_span(year: int, m1: int, m2: int) -> Period:
    return timex.months(year, m1, year + (1 if m2 < m1 else 0), m2)


def _number(text: str, words: dict[str, Any]) -> float | None:
    """5, 2.5, "five", "twenty-five", "two and a half"; None for vague amounts ("several")."""
    text = text.strip().lower().replace("½", ".5")
    if not text or text in words["vague_numbers"]:
        return None
    half = 0.0
    if text.endswith("and a half"):
        half, text = 0.5, text[: -len("and a half")].strip()
    if re.fullmatch(r"\d+(?:\s*\.5)?", text.replace(" ", "")):
        return float(text.replace(" ", "")) + half
    if re.fullmatch(r"\d+[.,]\d+", text):
        return float(text.replace(",", ".")) + half
    table = words["number_words"]
    if text in table:
        return float(table[text]) + half
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]] + table[parts[1]]) + half
    return None


def _unit(text: str, words: dict[str, Any]) -> str | None:
    word = text.strip().lower()
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s"):
        word = word[:-1]
    return words["units"].get(word)


def _duration_value(n: float | None, unit: str) -> str:
    """The ISO 8601 duration of ``n`` units; decades, centuries, quarters and fortnights in ISO units."""
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "FN": (2, "W")}
    if unit in scale:
        if n is None:
            return "PXDE" if unit == "DE" else "PXCE" if unit == "CE" else f"PX{scale[unit][1]}"
        return timex.duration(n * scale[unit][0], scale[unit][1])
    return timex.duration(n, unit)


def _offset_gran(unit: str, n: float) -> tuple[str | None, int]:
    """The granularity and whole number of steps of an offset ("2.5 years" -> 30 months)."""
    grans = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "E", "CE": "C"}
    if unit not in grans:
        return None, 0
    if not float(n).is_integer():
        if unit == "Y" and (n * 12).is_integer():
            return "M", int(n * 12)
        return None, 0
    if unit == "FN":
        return "W", int(n) * 2
    return grans[unit], int(n)


def _holiday_date(spec: dict[str, Any], year: int, words: dict[str, Any]) -> dt.date | None:
    if "fixed" in spec:
        month, day = (int(x) for x in spec["fixed"].split("-"))
        return dt.date(year, month, day)
    if "nth" in spec:
        month, weekday, n = spec["nth"]
        return nth_weekday(year, month, weekday, n) + dt.timedelta(days=spec.get("offset", 0))
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=spec["easter"])
    if "lunar_new_year" in spec:
        md = words["lunar_new_year"].get(str(year))
        if md is None:
            return None
        month, day = (int(x) for x in md.split("-"))
        return dt.date(year, month, day) + dt.timedelta(days=spec["lunar_new_year"])
    return None

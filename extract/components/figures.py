"""Figures: every number in the news with its value, unit, kind and role.

The component reads the numbers that ``extract.numbers`` finds in the headline and
body, looks at the words around each one and keeps those that are figures:

- money with an ISO 4217 code, from a symbol or code before the amount ("$",
  "HK$", "Rs", "USD 5 million") or a currency name after it ("2.63 trillion yuan",
  "34.5 billion HK Dollars"); ambiguous names ("¥", "shillings", "crowns") are
  decided by the article's words; cents and pence become major units;
- percentages, percentage points and basis points, kept apart;
- counts with the counted thing as unit ("165 ... pilot zones", "17-nation",
  "26 of its banks"), ages, multipliers ("twice", "tenfold"), fractions
  ("a third") and measures ("9.7 mln bpd");
- bare numbers ("6.8934") as kind "number"; vague multiples ("tens of thousands")
  as their lower bound with qualifier "at least". Plain vague plurals ("thousands",
  "millions") are not figures.

It skips dates and times, durations ("five years", "10-year"), ordinals, numbers
inside names and identifiers ("France 2", "Phase 2", "G20", "iPhone 4", "787-8"),
tallies with no result word ("passed 220-212") and numbers inside spans of the dates
group and ORG/PERSON mentions of the entities group (ages stay figures even inside a
date span). A result ("beat Chelsea 2-0", "a 2-1 win") gives two counts, no range.

Figures are then linked: a range ("between 3 and 5 percent", "20-25 billion euros")
gives two figures that point to each other through ``range_with`` (the first bound
takes the unit and scale of the second); a parenthetical conversion ("2.63 trillion
yuan ($362 billion)") or an exchange-rate note ("($1 = 8.9129 Norwegian crowns)")
links the two through ``equivalent_to``; a change keeps its ``direction``.

Every figure carries the id of the rule that found it (``rule``): the unit ids of
``patterns/figure_units.json`` ("unit.percent", "measure.barrels_per_day") and
``money.symbol``, ``money.code``, ``money.name``, ``money.minor``, ``money.rate``,
``count.noun``, ``count.compound``, ``count.of``, ``count.number_of``,
``number.bare``, ``age.year_old``, ``age.aged``, ``age.apposition``, ``fraction.word``,
``fraction.digits``, ``fraction.in``, ``multiplier.word``, ``scale.vague``,
``range.inherited``, ``unit.inherited`` and ``measure.pounds``.

``FigureFinder`` holds the rules and works on plain text; ``FiguresComponent`` is the
spaCy component around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..numbers import NumberMatch, NumberScanner, clean, default_scanner, load_json, lowered, trie_regex
from ..spans import (
    annotated_ranges,
    doc_text,
    ensure_extensions,
    group_spans,
    make_span,
    set_group,
    set_span_values,
)

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_RATE_LOOKBACK = 100  # characters before a rate where the currency it is quoted for is named
_QUOTED_IN_DOLLARS = frozenset({"USD", "EUR", "GBP", "AUD", "NZD"})
_LINK = re.compile(r"\b(?:https?://|www\.)\S+")
_RUN_WITH_ADDRESS = re.compile(r"(?<!\S)(?=\S*?(?:@|://|www\.))\S+")
_LAST_DOMAIN_DOT = re.compile(r"\S*\.\w")
_WORD_CHARS = re.compile(r"\w+")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’\-]*)")
_NP_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’\-]*|[0-9][\w,.\-]*(?=[ \t,.;:)]))")
_TIMEZONE_BEFORE = re.compile(r"(?:GMT|UTC)[ \t]*[+−-]?[ \t]*$")
_SCORE_NEXT = re.compile(r"[-–](\d{1,4})(?!\d|[.,]\d|[-–]\d)")
_SCORE_PREV = re.compile(r"(?<![\d.,])(\d{1,4})[-–]$")
_CAMEL = re.compile(r"[a-z]+[A-Z][A-Za-z]*$")
_HYPHEN_IDENTIFIER = re.compile(r"-[0-9]+[A-Za-z]+\b|-[A-Z]{1,3}[0-9]")
_MODEL_PLURAL = re.compile(r"[A-Za-z]*[0-9][0-9A-Za-z\-]*s")
_COMPOUND = re.compile(r"-([A-Za-z]+)(?:-([A-Za-z]+))?(?![\w-])")
_OF_DET = re.compile(
    r"[ \t]+of[ \t]+(?:its|the|their|his|her|our|these|those|whose|all|[A-Z][\w.\-]*(?:'s|’s))(?=[ \t])"
)
_NUMBER_OF = re.compile(r"\bnumber[ \t]+of(?:[ \t]+(?:such|the|these|those|all|its|their))?[ \t]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?[ \t]+(?=[\"'“‘(]?[A-Z0-9])|\n")
_YEAR_RANGE_BEFORE = re.compile(r"(?<![\d,.])(?:1[89]|20)\d\d[ \t]*[-–/][ \t]*$")
_FROM = re.compile(r"\bfrom[ \t]+$", re.IGNORECASE)
_RANGE_VERB = re.compile(r"\b(?:rang(?:e|es|ed|ing)|between|anywhere|vary|varies|varied|varying)\b[^.;]{0,20}$", re.I)
_INHERIT_BEFORE = re.compile(
    r"(?:\b(?:up|down)[ \t]+)?\b(?:from|versus|vs\.?|compared[ \t]+(?:with|to)|against)[ \t]+"
    r"(?:(?:a|an|the)[ \t]+)?(?:(?:revised|previous|prior|preliminary|forecast|record|an?)[ \t]+)?$",
    re.IGNORECASE,
)
_QUANTITY_BEFORE = re.compile(
    r"\b(?:there[ \t]+(?:are|were|is|was|will[ \t]+be|have[ \t]+been|had[ \t]+been)|total(?:led|ed|ing|s)?|"
    r"numbered|numbering|number(?:s)?[ \t]+(?:is|was|stood[ \t]+at)|rose[ \t]+to|fell[ \t]+to|"
    r"increased[ \t]+to|decreased[ \t]+to|dropped[ \t]+to|climbed[ \t]+to|(?<!one )of)[ \t]+$",
    re.IGNORECASE,
)
_SUBJECT_VERB_AFTER = re.compile(
    r"[ \t]+(?:are|were|have|had|died|remain|remained|survived|was|is|will|would|could|may|might)\b"
)
_ZERO_BEFORE = re.compile(r"\b(?:to|at|from|of|near|below|above|than|by|hit|reach|reached|is|was|be)[ \t]+$", re.I)
_FRACTION_FOLLOW = re.compile(
    r"[ \t]*(?:$|[,.;:!?)\"”’]|(?:of|the|than|full|empty|done|complete|filled|occupied|owned|higher|lower|"
    r"smaller|larger|bigger|more|less|fewer|cheaper|dearer|shorter|longer|taller|as)\b)",
    re.IGNORECASE,
)
_HALF_BLOCKERS = re.compile(
    r"[ \t\-]+(?:an?[ \t]+)?(?:hour|day|week|month|year|decade|century|time|way|point|term)", re.I
)
_IN_RATIO = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+$")
_PAREN_OPEN = re.compile(r"[ \t]*\([ \t]*$")
_LIST_MARKER_AFTER = re.compile(r"[.)](?:[ \t]|$)")
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SPACED_OF = re.compile(r"[ \t]+of[ \t]+")
_OF_AFTER = re.compile(r"[ \t]+of\b")
_HALF_OF_AFTER = re.compile(r"[ \t]+(?:of|the|that|a|its|their|his|her)\b")
_FRACTION_DIGIT = re.compile(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_LOWER_WORD = re.compile(r"[a-z]+")
_CLOSING_PAREN = re.compile(r"[ \t]*\)")

_MILLION_CODE = re.compile(r"(?<![A-Za-z])M[A-Z]{3}(?![A-Za-z])")
_RANGE_GAP = re.compile(r"[ \t]*[-–—][ \t]*|[ \t]+(?:to|and|or)[ \t]+")
_BETWEEN_BEFORE = re.compile(r"\bbetween[ \t]+$", re.IGNORECASE)
_OR_GAP = re.compile(r"[ \t]*,?[ \t]*or[ \t]+")
_KIND_FOR_NOUN = {"count", "number"}
_CLAUSE_END = {"", ",", ".", ";", ":", ")", "!", "?", '"', "”", "’", "]", "\n"}
_DIRECT_COUNT_RULES = {"count.noun", "count.of", "count.compound"}
_OPENERS = "([{\"'“‘«"
_OPENER_SET = frozenset(_OPENERS)
_MONTH_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}  # fmt: skip
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_ORDINAL_WORDS = {"first", "second", "third", "fourth", "final", "last", "latter", "former", "other", "next"}


class Before:
    """The last words before a position, read right to left without a regular-expression
    search (``$``-anchored searches over a window are what made this component slow)."""

    __slots__ = ("_end", "_starts", "base", "chunk", "lows", "qual_n", "raw", "words")

    def __init__(self, text: str, pos: int, floor: int, width: int = 48) -> None:
        lo = max(floor, pos - width)
        chunk = text[lo:pos]
        raw = chunk.split()
        lows = chunk.lower().split()
        if len(raw) > 5:
            raw, lows = raw[-5:], lows[-5:]
        elif raw and lo > floor and not text[lo - 1].isspace() and not chunk[:1].isspace():
            raw, lows = raw[1:], lows[1:]  # a word cut by the window
        self.raw = raw
        if not _OPENER_SET.isdisjoint(chunk):
            self.words = [w.lstrip(_OPENERS) for w in raw]
            self.lows = [w.lstrip(_OPENERS) for w in lows]
        else:
            self.words = raw
            self.lows = lows
        self.chunk = chunk
        self.base = lo
        self.qual_n = 0  # words of the qualifier found at the end
        self._starts: list[int] | None = None
        self._end = len(chunk)  # where the last kept word ends at the latest (words dropped before it)

    def __len__(self) -> int:
        return len(self.words)

    @property
    def starts(self) -> list[int]:
        """Text offsets where the kept words start (after any opening bracket or quote)."""
        if self._starts is None:
            starts = []
            end = self._end
            for raw, word in zip(reversed(self.raw), reversed(self.words), strict=True):
                at = self.chunk.rfind(raw, 0, end)
                starts.append(self.base + at + len(raw) - len(word))
                end = at
            self._starts = starts[::-1]
        return self._starts

    @property
    def ends(self) -> list[int]:
        """Text offsets where the kept words end."""
        return [s + len(w) for s, w in zip(self.starts, self.words, strict=True)]

    def phrase(self, n: int) -> str:
        """The last ``n`` words in lower case, joined by single spaces."""
        return " ".join(self.lows[-n:]) if len(self.lows) >= n else ""

    def before_qualifier(self) -> list[str]:
        """The lower-case words before the qualifier (or before the number)."""
        return self.lows[: len(self.lows) - self.qual_n] if self.qual_n else self.lows

    def drop(self, n: int) -> None:
        """Forget the last ``n`` words (a currency already read)."""
        if self._starts is None:
            for raw in reversed(self.raw[len(self.raw) - n :]):  # the kept words end before these
                self._end = self.chunk.rfind(raw, 0, self._end)
        else:
            self._starts = self._starts[: len(self._starts) - n]
        keep = len(self.lows) - n  # new lists: ``words`` may be the same list as ``raw``
        self.raw, self.words, self.lows = self.raw[:keep], self.words[:keep], self.lows[:keep]


@dataclass(slots=True)
class FigureDraft:
    """A figure before ids are given; offsets are character offsets in the text."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None
    rule: str
    num: NumberMatch
    qualifier: str | None = None
    direction: str | None = None
    equivalent: int | None = None
    range_with: int | None = None
    tentative: bool = False  # kept only if a range or an inherited unit gives it a meaning
    qual_start: int = -1  # where the qualifier or currency before the number starts
    before: list[str] = field(default_factory=list)  # lower-case words before the qualifier
    year_like: bool = False  # a bare year ("in 2024"): never takes a unit from a neighbour

    def values(self) -> dict[str, Any]:
        """The span values, without the ids."""
        return {
            "value": clean(self.value),
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "direction": self.direction,
            "rule": self.rule,
        }


def _phrase_alt(phrases: list[str]) -> str:
    """A trie pattern for lower-case phrases; compile it case-insensitively."""
    return trie_regex({" ".join(p.lower().split()) for p in phrases if p.strip()}, space=r"[ \t]+")


class ArticleContext:
    """What the rules read from the whole article, worked out on demand and once: the
    currency of ambiguous names and symbols, and which lines are all in upper case."""

    def __init__(self, text: str, finder: FigureFinder) -> None:
        self.text = text
        self.finder = finder
        self.cache: dict[str, str | None] = {}
        self.line_breaks: list[int] | None = None
        self.upper_lines: dict[int, bool] = {}

    def resolve(self, target: str) -> str | None:
        """An ISO code for "USD" or "family:rupee"; None when the article gives no clue."""
        if not target.startswith("family:"):
            return target
        family = target[len("family:") :]
        if family in self.cache:
            return self.cache[family]
        spec = self.finder.families[family]
        best, best_count = spec.get("default"), 0
        for code, words, regex in self.finder.family_context[family]:
            if not any(word in self.text for word in words):
                continue  # a plain substring test first: most codes have no word in the article
            count = sum(1 for _ in regex.finditer(self.text))
            if count > best_count:
                best, best_count = code, count
        self.cache[family] = best
        return best

    def line_is_upper(self, pos: int) -> bool:
        """Whether the line holding ``pos`` is all in upper case (each line read once: reading
        it again for every number made a long line quadratic)."""
        if self.line_breaks is None:
            breaks = []
            at = self.text.find("\n")
            while at >= 0:
                breaks.append(at)
                at = self.text.find("\n", at + 1)
            self.line_breaks = breaks
        breaks = self.line_breaks
        i = bisect.bisect_left(breaks, pos)  # breaks[i - 1] < pos <= breaks[i]
        upper = self.upper_lines.get(i)
        if upper is None:
            line_start = breaks[i - 1] + 1 if i else 0
            line_end = breaks[i] if i < len(breaks) else len(self.text)
            upper = self.upper_lines[i] = self.text[line_start:line_end].isupper()
        return upper


class FigureFinder:
    """The figure rules over plain text; spaCy-free so that it can be tested and reused."""

    def __init__(self, scanner: NumberScanner | None = None) -> None:
        self.scanner = scanner or default_scanner()
        cur = load_json("currencies.json")
        nouns = load_json("counted_nouns.json")
        cues = load_json("figure_cues.json")
        units = load_json("figure_units.json")

        self.families: dict[str, dict[str, Any]] = cur["families"]
        self.family_context = {
            fam: [
                (code, words, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
                for code, words in spec["context"].items()
            ]
            for fam, spec in self.families.items()
        }
        # currency before the number: symbols, codes, prefixes (spaced or glued)
        self.symbols: dict[str, str] = dict(cur["symbols"])
        self.codes: dict[str, str] = dict(cur["codes"])
        self.prefixes: dict[str, str] = dict(cur["glued_prefixes"])
        self.symbols.update({k.lower(): v for k, v in list(self.symbols.items()) if k.endswith("$")})
        iso_alt = trie_regex(c for c in self.codes if c == self.codes[c])
        self.single_symbols = {s for s in self.symbols if len(s) == 1}
        # currency after the number: names, codes and symbols
        names: dict[str, str] = {}
        for name, code in cur["names"].items():
            plurals = cur["irregular_plurals"].get(name)
            names[name] = code
            for form in [name + "s"] if plurals is None else plurals:
                names[form] = code
        self.names = names
        self.codes_any_case = {c.lower(): self.codes[c.upper()] for c in cur["codes_after_any_case"]}
        name_alt = _phrase_alt([*names, *(n.replace(".", "") for n in names if "." in n)])
        # tries, not plain alternations: re tries every branch of a case-insensitive alternation
        after_codes = trie_regex(self.codes)
        lower_codes = trie_regex(self.codes_any_case)
        self.cur_after = re.compile(
            rf"[ \t\u00a0]*(?:-[ \t]*)?(?:(?i:(?P<name>{name_alt}))(?![\w])(?![ \t]+(?i:zone|area)\b)"
            rf"|(?P<code>{after_codes}|M(?:{iso_alt}))(?![\w])|(?i:(?P<lcode>{lower_codes}))(?![\w])"
            rf"|(?P<sym>[€£¥₹₩₽₺₦₱₫₴₪฿₡₾₭₵元₸]))"
        )
        self.cur_after_glued = {c.lower(): v for c, v in self.codes.items()}
        minor = cur["minor_units"]
        self.minor: dict[str, str] = {k: v for k, v in minor.items() if k != "p"}
        self.minor_fractions: dict[str, float] = cur["minor_unit_fractions"]
        minor_alt = _phrase_alt([*self.minor, *self.minor_fractions])
        self.minor_after = re.compile(rf"[ \t]*(?:-[ \t]*)?({minor_alt})(?![\w])", re.IGNORECASE)
        self.rate_after = re.compile(
            rf"[ \t]+(?P<rel>against|versus|vs\.?|to|per)[ \t]+(?:the[ \t]+|one[ \t]+|a[ \t]+|each[ \t]+)?"
            rf"(?:U\.?S\.?[ \t]+)?(?P<name>{name_alt})(?![\w])",
            re.IGNORECASE,
        )
        # the currency a rate is quoted for ("the yen will average 150 to the dollar")
        self.rate_subject = re.compile(rf"(?<![\w])(?i:(?P<name>{name_alt}))(?![\w])")
        # units after the number
        self.units: list[dict[str, Any]] = units["units"]
        parts = []
        for i, spec in enumerate(self.units):
            pattern = f"(?i:{spec['pattern']})" if spec.get("ignore_case", True) else spec["pattern"]
            parts.append(f"(?P<u{i}>{pattern})")
        self.unit_re = re.compile(rf"[ \t\u00a0]*(?:-[ \t]*)?(?:{'|'.join(parts)})(?![A-Za-z])")
        self.weight_pounds = units["weight_pounds"]
        # nouns
        self.irregular: dict[str, str] = nouns["irregular_plurals"]
        self.plural_no_s = set(nouns["plural_without_s"])
        self.not_plural = set(nouns["not_plural"])
        self.stop = set(nouns["stop_words"])
        self.time_units = set(nouns["time_units"])
        self.duration_mods = set(nouns["duration_modifiers"])
        mods = _phrase_alt(nouns["duration_modifiers"])
        times = _phrase_alt(nouns["time_units"])
        self.after_re = re.compile(
            r"[ \t\u00a0]*(?:-[ \t]*)?(?:"
            rf"{'|'.join(part + '(?![A-Za-z])' for part in parts)}"
            rf"|(?P<wpound>(?i:{self.weight_pounds}))"
            rf"|(?P<cur>(?i:{name_alt})(?![\w])(?![ \t]+(?i:zone|area)\b)|(?:{after_codes}|M(?:{iso_alt}))(?![\w])"
            rf"|(?i:{lower_codes})(?![\w])|[€£¥₹₩₽₺₦₱₫₴₪฿₡₾₭₵元₸])"
            rf"|(?P<minor>(?i:{minor_alt})(?![\w]))"
            r"|(?P<age>(?i:(?P<age_unit>year|yr|month|week|day)s?[ \t]*-?[ \t]*old)\b)"
            rf"|(?P<dur>(?i:(?:(?:{mods})[ \t]+){{0,2}}(?:{times}))(?![\w])(?![ \t]*-?[ \t]*old\b))"
            rf"|(?P<month>(?:of[ \t]+)?{_MONTHS}\b)"
            r"|(?P<time>[ap]\.m\.|[AP]\.M\.|(?:am|pm|AM|PM|a\.m|p\.m)(?![\w])|o'clock|o’clock|hrs\b|GMT|UTC)"
            r")"
        )
        self.age_after = re.compile(
            r"(?:[ \t]*-[ \t]*|[ \t]+)(?P<u>year|yr|month|week|day)s?[ \t]*-?[ \t]*old\b", re.IGNORECASE
        )
        self.compound_adj: dict[str, str | None] = nouns["compound_adjectives"]
        self.compound_non_nouns = set(nouns["compound_non_nouns"])
        self.labels = {w.lower() for w in nouns["label_words"]}
        self.event_words = {w.lower() for w in nouns["event_words"]}
        # cues
        self.qual_before: list[tuple[str, str]] = []
        alts = []
        for q in cues["qualifiers_before"]:
            for phrase in q["phrases"]:
                self.qual_before.append((phrase.lower(), q["value"]))
            alts.extend(q["phrases"])
        self.qual_value = {p: v for p, v in self.qual_before}
        self.qual_last_words = {p.split()[-1] for p in self.qual_value}
        after_alts = []
        self.qual_after_value: dict[str, str] = {}
        for q in cues["qualifiers_after"]:
            for phrase in q["phrases"]:
                self.qual_after_value[phrase.lower()] = q["value"]
                after_alts.append(phrase)
        self.qual_after_re = re.compile(rf"[ \t]*(?:-[ \t]*)?(?P<q>{_phrase_alt(after_alts)})(?![\w])", re.I)
        up_b, down_b = cues["direction_before"]["up"], cues["direction_before"]["down"]
        up_a, down_a = cues["direction_after"]["up"], cues["direction_after"]["down"]
        self.dir_after = re.compile(
            rf"[ \t]*(?:-[ \t]*)?(?:(?P<up>{_phrase_alt(up_a)})|(?P<down>{_phrase_alt(down_a)}))(?![\w])", re.I
        )
        self.year_words = {w.lower() for w in cues["year_prepositions"]}
        openers = _phrase_alt(cues["equivalence_openers"])
        self.equiv_gap = re.compile(rf"[ \t]*(?:\([ \t]*(?:(?:{openers})[ \t]+)?|=[ \t]*)$", re.IGNORECASE)
        self.score_after = re.compile(rf"[ \t]+(?:{_phrase_alt(cues['score_words_after'])})\b", re.I)
        self.score_verbs = frozenset(cues["score_words_before"])
        self.score_before = re.compile(rf"\b(?:{_phrase_alt(cues['score_words_before'])})[ \t]+$", re.I)
        self.stop_lower_caps = self.stop | set(self.qual_value) | {"up", "down", "by", "top", "only", "just"}
        self.up_words = {w.lower() for w in up_b}
        self.down_words = {w.lower() for w in down_b}
        self.direction_last_words = {w.split()[-1] for w in self.up_words | self.down_words}

    # ------------------------------------------------------------------ finding
    def find(
        self,
        text: str,
        ranges: list[tuple[int, int]] | None = None,
        blocked: list[tuple[int, int]] | None = None,
        titled: set[int] | None = None,
        names: Callable[[], list[tuple[int, int]]] | None = None,
    ) -> list[FigureDraft]:
        """The figures of ``text`` inside ``ranges``, skipping ``blocked`` character ranges.

        Args:
            text: the article text.
            ranges: character ranges to read (default: all of it).
            blocked: character ranges whose numbers are never figures (dates).
            titled: start offsets of ranges written in title case (headlines).
            names: gives the character ranges of names (ORG, PERSON) whose numbers are not
                figures; called only when a number stands next to a capitalized word.
        """
        ranges = ranges or [(0, len(text))]
        blocked = list(blocked or [])
        if "://" in text or "www." in text or "@" in text:
            blocked.extend(_address_ranges(text))
        blocked = _merge(blocked)
        block_starts = [b[0] for b in blocked]
        ctx = ArticleContext(text, self)
        drafts: list[FigureDraft] = []
        name_ranges: list[tuple[int, int]] | None = None
        name_starts: list[int] = []
        low = lowered(text)
        for r_start, r_end in ranges:
            title = bool(titled and r_start in titled)
            for num in self.scanner.find(text, r_start, r_end, low):
                if (
                    blocked
                    and _overlaps(num.start, num.end, blocked, block_starts)
                    and not self.age_after.match(text, num.end, r_end)
                ):
                    continue  # inside a date or a name (an age is a figure even inside a date span)
                if self._plain_date_number(text, num, r_start):
                    continue
                if (
                    names is not None
                    and (
                        name_ranges is None or (name_ranges and _overlaps(num.start, num.end, name_ranges, name_starts))
                    )
                    and self._next_to_name(text, num.start, num.end)
                ):
                    if name_ranges is None:
                        name_ranges = _merge(names())
                        name_starts = [b[0] for b in name_ranges]
                    if name_ranges and _overlaps(num.start, num.end, name_ranges, name_starts):
                        continue  # part of an organization's or a person's name ("Group of 77")
                bf = Before(text, num.start, r_start)
                draft = self._figure(text, num, bf, r_start, r_end, ctx, title)
                if draft is not None:
                    draft.before = bf.before_qualifier()
                    drafts.append(draft)
        drafts.sort(key=lambda d: d.start)
        self._link(text, drafts)
        self._same_units(text, drafts)
        kept = [i for i, d in enumerate(drafts) if not d.tentative]
        new_index = {old: new for new, old in enumerate(kept)}
        out = []
        for i in kept:
            d = drafts[i]
            d.equivalent = new_index.get(d.equivalent) if d.equivalent is not None else None
            d.range_with = new_index.get(d.range_with) if d.range_with is not None else None
            out.append(d)
        return out

    @staticmethod
    def _score_part(text: str, num: NumberMatch) -> bool:
        """Either side of "N-M" written without spaces where N >= M."""
        after = _SCORE_NEXT.match(text, num.end)
        if after and int(after.group(1)) <= num.value:
            return True
        if num.start >= 2 and text[num.start - 1] in "-–" and text[num.start - 2].isdigit():
            before = _SCORE_PREV.search(text, max(0, num.start - 12), num.start)
            return bool(before and int(before.group(1)) >= num.value)
        return False

    def _in_result(self, text: str, num: NumberMatch) -> bool:
        """Whether the "N-M" that ``num`` belongs to is a result: a result word after it
        ("a 2-0 win") or a verb of winning among the five words before it ("beat Vale do
        Sado 3-1", "were held 0-0")."""
        lo, hi = num.start, num.end
        while lo > 0 and (text[lo - 1].isdigit() or text[lo - 1] in "-–"):
            lo -= 1
        while hi < len(text) and (text[hi].isdigit() or text[hi] in "-–"):
            hi += 1
        if self.score_after.match(text, hi):
            return True
        words = text[max(0, lo - 60) : lo].lower().split()[-5:]
        return any(w.strip(",;") in self.score_verbs for w in words)

    def _next_to_name(self, text: str, start: int, end: int) -> bool:
        """Whether the word just before or just after [start, end) is capitalized and not a
        function word ("The", "About"): only then can the number be part of a name."""
        before = text[max(0, start - 24) : start].split()
        if before and self._name_word(before[-1]):
            return True
        after = text[end : end + 24].split()
        return bool(after and self._name_word(after[0]))

    def _name_word(self, word: str) -> bool:
        word = word.strip(",.;:()\"'“”‘’")
        return (
            word[:1].isupper()
            and word.isalpha()
            and word.lower() not in self.stop_lower_caps
            and word not in _MONTH_NAMES
            and word.lower() not in _WEEKDAYS
        )

    def _plain_date_number(self, text: str, num: NumberMatch, floor: int) -> bool:
        """A quick look for the commonest non-figures, before the full reading: a bare year
        followed by punctuation or a function word ("in 2024, ...", "since 2013 the"), or a
        day number after a month name ("March 13")."""
        if num.form != "digits" or num.prefix or num.suffix or num.letter or num.grouped or num.decimals:
            return False
        length = num.end - num.start
        if length <= 2 and _TIMEZONE_BEFORE.search(text, max(floor, num.start - 8), num.start):
            return True  # "GMT +3", "UTC+8"
        if length == 4 and 1000 <= num.value <= 2100:
            before = text[num.start - 1 : num.start] if num.start > floor else " "
            if not before.isspace() and before not in "(\"'“‘":
                return False
            nxt = text[num.end : num.end + 16]
            if nxt[:1] in _CLAUSE_END:
                return True
            word = nxt.split(None, 1)[0] if nxt[:1] == " " and nxt.strip() else ""
            return word.rstrip(",.;:") in self.stop
        if length <= 2 and num.value <= 31:
            prev = text[max(floor, num.start - 12) : num.start].split()
            return bool(prev) and prev[-1].rstrip(".,") in _MONTH_NAMES
        return False

    def _figure(
        self, text: str, num: NumberMatch, bf: Before, r_start: int, r_end: int, ctx: ArticleContext, title: bool
    ) -> FigureDraft | None:
        start, end = num.start, num.end
        value = num.value
        kind: str | None = None
        unit: str | None = None
        rule = ""
        qualifier: str | None = None
        tentative = False

        # a currency before the number
        cur_code: str | None = None
        cur_rule = ""
        if num.prefix:
            target = self.prefixes.get(num.prefix) or self.codes.get(num.prefix.upper())
            cur_code = ctx.resolve(target) if target else None
            if cur_code is None:
                return None  # "R5", "N20" with no currency context: an identifier
            if len(num.prefix.rstrip(".")) == 1 and not (num.scaled or num.grouped or num.letter or num.decimals):
                return None  # "R2-D2", "N95": identifiers unless the amount looks like money ("R18.50")
            cur_rule = "money.code"
            start = num.start - len(num.prefix)
        else:
            found = self._currency_before(text, bf, num.start)
            if found:
                target, cur_rule, c_start, used = found
                cur_code = ctx.resolve(target)
                if cur_code:
                    start = c_start
                    bf.drop(used)
                else:
                    cur_rule = ""
        qual_start = start

        # qualifiers before
        q = self._qualifier(bf)
        if q:
            qualifier, qual_start = q
        elif num.form in ("digits", "words") and not num.scaled and bf.lows and bf.lows[-1] in ("aged", "age"):
            return FigureDraft(start, end, value, "age", "years", "age.aged", num, qual_start=start)

        suffix = num.suffix
        letter = num.letter
        pos = end

        # glued letters after the digits
        if suffix:
            low = suffix.lower()
            if low in ("am", "pm"):
                return None
            if low == "x":
                return FigureDraft(
                    start, end, num.base, "multiplier", "times", "unit.times", num, qualifier, qual_start=qual_start
                )
            if low == "p" and cur_code is None:
                return FigureDraft(
                    start, end, num.base / 100, "money", "GBP", "money.minor", num, qualifier, qual_start=qual_start
                )
            glued_code = self.cur_after_glued.get(low)
            if glued_code and cur_code is None:
                cur_code, cur_rule = glued_code, "money.code"
            elif not glued_code:
                hit = self._unit_at(text, num.digits_end, r_end)
                if hit is None:
                    return None  # "5G", "3D": part of a name
                spec, u_end = hit
                return FigureDraft(
                    start, u_end, value, spec["kind"], spec["unit"], spec["id"], num, qualifier, qual_start=qual_start
                )

        if num.form == "digits" and not (num.grouped or num.decimals or num.scaled) and self._score_part(text, num):
            if self._in_result(text, num):  # "beat Vale 3-1", "a 2-0 win": each side is a count
                return FigureDraft(num.start, num.end, value, "count", None, "count.score", num)
            return None  # "the 787-8", "passed 220-212" with no result word: a model or a tally
        # one look at what follows: a unit, a currency, an age, a duration, a date or a time
        nxt_char = text[pos : pos + 1]
        follow = None if nxt_char in _CLAUSE_END else self.after_re.match(text, pos, r_end)
        what = follow.lastgroup if follow else None

        if letter:
            if letter in self.scanner.money_letters:
                if cur_code is None and what != "cur":
                    return None
                value = num.base * self.scanner.money_letters[letter]
            elif cur_code is None and what != "cur":
                nxt = _WORD_AFTER.match(text, pos, r_end)
                if letter == "m" and nxt and nxt.group(1).lower() in self.event_words:
                    return None  # "110m hurdles"
                if (
                    letter == "m"
                    and not num.decimals
                    and num.base >= 50
                    and not (nxt and self.is_plural(nxt.group(1).lower()))
                ):
                    return None  # "the 1500m", "ran the 100m in": a distance, not millions
        if cur_code is not None:
            if what == "cur":
                after = self._currency_after(text, pos, r_end, ctx)
                if after is not None and after[0] == cur_code:
                    end = after[1]
            return self._money(start, end, value, cur_code, cur_rule, num, qualifier, qual_start, text, r_end)
        if what is None:
            pass
        elif what[0] == "u" and what[1:].isdigit():
            spec, u_end = self.units[int(what[1:])], follow.end()  # type: ignore[union-attr]
            if spec["kind"] == "measure" and self._event_follows(text, u_end, r_end):
                return None
            if spec["id"] == "unit.times" and num.form == "words" and value == 1:
                return None  # "one times"
            return self._finish(
                FigureDraft(
                    start, u_end, value, spec["kind"], spec["unit"], spec["id"], num, qualifier, qual_start=qual_start
                ),
                text,
                r_end,
            )
        elif what == "wpound" and num.form in ("digits", "words") and not num.scaled:
            return FigureDraft(
                start, follow.end(), value, "measure", "pounds", "measure.pounds", num, qualifier, qual_start=qual_start
            )  # type: ignore[union-attr]
        elif what in ("cur", "wpound"):
            after = self._currency_after(text, pos, r_end, ctx)
            if after is not None:
                code, c_end = after
                return self._money(start, c_end, value, code, "money.name", num, qualifier, qual_start, text, r_end)
        elif what == "minor" and num.form in ("digits", "words"):
            mm = self.minor_after.match(text, pos, r_end)
            word = mm.group(1).lower()  # type: ignore[union-attr]
            if word in self.minor_fractions:
                code, factor = ctx.resolve("family:dollar"), self.minor_fractions[word]
            else:
                code, factor = ctx.resolve(self.minor[word]), 0.01
            return self._money(
                start, mm.end(), value * factor, code or "USD", "money.minor", num, qualifier, qual_start, text, r_end
            )  # type: ignore[union-attr]

        if num.form == "multiplier":
            return FigureDraft(
                start, end, value, "multiplier", "times", "multiplier.word", num, qualifier, qual_start=qual_start
            )

        # ages, durations, dates and times
        if what == "age":
            u = follow.group("age_unit").lower()  # type: ignore[union-attr]
            units = {"yr": "years"}.get(u, u + "s")
            return FigureDraft(start, follow.end(), value, "age", units, "age.year_old", num, qual_start=qual_start)  # type: ignore[union-attr]
        if what == "dur":
            return None
        if (
            num.form in ("digits", "words")
            and not num.decimals
            and not num.grouped
            and (
                what == "time"
                or (
                    (value <= 31 or end - start == 4)
                    and (what == "month" or (bf.words and bf.words[-1].rstrip(".,") in _MONTH_NAMES))
                )
            )
        ):
            return None  # "March 5", "5 June", "May 2024", "10 am"
        if num.form == "digits" and end - start == 2 and text[start - 1 : start] in ("'", "’") and not num.prefix:
            return None  # "'11": a year

        if num.form == "vague":
            return self._vague(text, num, start, qualifier, qual_start, r_end, ctx)
        if num.form == "fraction":
            return self._fraction(text, num, bf, start, end, qualifier, qual_start, r_end)

        if nxt_char == "-" and _HYPHEN_IDENTIFIER.match(text, pos, r_end):
            return None  # "777-200LR", "A320-200": a model designation
        # compounds: "17-nation", "60,000-seat", "3,000-strong"
        cm = _COMPOUND.match(text, pos, r_end)
        if cm and num.form in ("digits", "words"):
            noun, second = cm.group(1), cm.group(2)
            low = noun.lower()
            if low in self.compound_non_nouns or len(noun) == 1 or (noun.isupper() and len(noun) <= 3):
                return None
            if low.endswith(("er", "ers")) and low not in self.compound_adj:
                return None  # "two-wheeler", "double-decker": the compound is a noun, not a count
            if low in self.compound_adj:
                adj = self.compound_adj[low]
                if adj in ("about", "at least"):
                    qualifier = adj
                    adj_unit = None
                else:
                    adj_unit = adj
                c_end = pos + len(noun) + 1
                if adj_unit is None:
                    after_noun = self._counted_noun(text, c_end, r_end)
                    adj_unit = after_noun if after_noun != "duration" else None
                return FigureDraft(
                    start, c_end, value, "count", adj_unit, "count.compound", num, qualifier, qual_start=qual_start
                )
            if second and second.lower() in self.time_units:
                return None
            if self._event_follows(text, cm.end(1), r_end):
                return None
            return FigureDraft(
                start,
                pos + len(noun) + 1,
                value,
                "count",
                self.pluralize(low),
                "count.compound",
                num,
                qualifier,
                qual_start=qual_start,
            )

        # the thing counted
        phrase = self._noun_phrase(text, pos, r_end)
        noun, noun_end = phrase if phrase else (None, pos)
        if noun == "duration":
            return None
        is_year = (
            num.form == "digits"
            and not (num.grouped or num.decimals or num.scaled or num.negative)
            and 1000 <= value <= 2100
            and end - start == 4
        )
        if noun and value == 1 and num.form == "words":
            noun = None
        year_like = bool(
            is_year and (noun is None or self._year_word_before(bf) or (bf.words and bf.words[-1][:1].isupper()))
        )
        tentative = tentative or year_like
        short_pre = text[max(r_start, num.start - 30) : num.start]
        if (
            num.form == "digits"
            and not num.grouped
            and end - start in (2, 4)
            and short_pre[-1:] in "-–/"
            and _YEAR_RANGE_BEFORE.search(short_pre)
        ):
            return None  # "2012-13", "2019/2020"
        if num.form == "digits" and self._acronym_before(bf, ctx, num.start):
            return None  # "STOXX 600 chemicals index", "FTSE 100 companies": an index or a name
        if noun and num.form == "digits" and self._product_before(bf, num):
            return None  # "22 new Boeing 787 Dreamliners", "iPhone 4 buyers"
        if noun:
            kind, unit, rule = "count", noun, "count.noun"
        else:
            om = _OF_DET.match(text, pos, r_end)
            if om and value >= 2 and value == int(value):
                of_noun = self._counted_noun(text, om.end(), r_end)
                if of_noun and of_noun != "duration":
                    kind, unit, rule = "count", of_noun, "count.of"
        if kind is None and num.form == "digits":
            rm = self.rate_after.match(text, pos, r_end)
            code = self._rate_code(text, num, rm, r_start, ctx) if rm else None
            if code:
                kind, unit, rule = "money", code, "money.rate"
        if kind is None and self._age_in_apposition(text, num, bf, pos):
            return FigureDraft(start, end, value, "age", "years", "age.apposition", num, qual_start=qual_start)
        if kind is None:
            kind, rule = "number", "number.bare"
            if num.form == "digits" and self._name_or_label(text, num, bf, pos, r_end, title):
                return None
            if num.form == "words":
                tentative = tentative or not self._bare_words_ok(text, num, short_pre, pos, r_end)
            elif not num.decimals and not num.grouped and self._list_marker(text, num, short_pre, pos, r_end):
                return None
            if not tentative:
                of_noun = self._number_of(text, num.start, r_start)
                if of_noun:
                    kind, unit, rule = "count", of_noun, "count.number_of"
        elif num.form == "words" and not self._words_ok(text, num, title):
            return None
        draft = FigureDraft(
            start, end, value, kind, unit, rule, num, qualifier, tentative=tentative, qual_start=qual_start
        )
        draft.year_like = year_like
        return self._finish(draft, text, r_end, noun_end if rule == "count.noun" else end)

    # ------------------------------------------------------------------ helpers
    def _finish(self, draft: FigureDraft, text: str, limit: int, at: int | None = None) -> FigureDraft:
        """Read a qualifier after the figure ("or more"), at ``at`` (default: its end)."""
        at = draft.end if at is None else at
        if draft.qualifier is None and text[at : at + 2].lstrip(" -")[:1] in ("o", "a", "p"):
            qa = self.qual_after_re.match(text, at, limit)
            if qa:
                draft.qualifier = self.qual_after_value.get(_norm_space(qa.group("q")).lower())
        return draft

    def _money(
        self,
        start: int,
        end: int,
        value: float,
        code: str,
        rule: str,
        num: NumberMatch,
        qualifier: str | None,
        qual_start: int,
        text: str,
        limit: int,
    ) -> FigureDraft | None:
        if num.form in ("multiplier", "vague") and rule != "money.name":
            return None
        if num.form == "words" and num.value == 1 and not num.scaled and rule not in ("money.name", "money.minor"):
            return None
        if ("M" in text[start : num.start] or "M" in text[num.end : end]) and (
            _MILLION_CODE.search(text, start, num.start) or _MILLION_CODE.search(text, num.end, end)
        ):
            value *= 1e6  # "30 MUSD", "MEUR 120": millions
        draft = FigureDraft(start, end, value, "money", code, rule, num, qualifier, qual_start=qual_start)
        return self._finish(draft, text, limit)

    def _currency_after(self, text: str, pos: int, limit: int, ctx: ArticleContext) -> tuple[str, int] | None:
        m = self.cur_after.match(text, pos, limit)
        if m is None:
            return None
        if m.group("name"):
            target = self.names.get(_norm_space(m.group("name")).lower())
        elif m.group("code"):
            target = self._code_target(m.group("code"))
        elif m.group("lcode"):
            target = self.codes_any_case.get(m.group("lcode").lower())
        else:
            target = self.symbols.get(m.group("sym"))
        code = ctx.resolve(target) if target else None
        return (code, m.end()) if code else None

    def _code_target(self, code: str) -> str | None:
        """An ISO code or family for a code or prefix; "MUSD" (millions of dollars) -> "USD"."""
        target = self.codes.get(code) or self.prefixes.get(code)
        if target is None and len(code) == 4 and code[0] == "M":
            target = self.codes.get(code[1:])
        return target

    def _rate_code(
        self, text: str, num: NumberMatch, rm: re.Match[str], r_start: int, ctx: ArticleContext
    ) -> str | None:
        """The currency of an exchange rate's number. Against the dollar, a currency
        named just before in the sentence is quoted in its own units ("the yen will
        average 150 to the dollar", "the rand at 18.72 against the dollar"), except those
        quoted in dollars (euro, sterling, the Australian and New Zealand dollars: "the
        euro at 1.08 against the dollar" is in dollars). Otherwise a rate with decimals is
        in the currency it is set against ("sterling rose to 1.1383 against the euro")."""
        against = self._name_code(rm.group("name"), ctx)
        if against is None:
            return None
        if against == "USD":
            window = text[max(r_start, num.start - _RATE_LOOKBACK) : num.start]
            window = window[max(window.rfind(". "), window.rfind("\n")) + 1 :]  # this sentence only
            named = [m.group("name") for m in self.rate_subject.finditer(window)]
            subject = self._name_code(named[-1], ctx) if named else None
            if subject is not None and subject not in _QUOTED_IN_DOLLARS:
                return subject
        rel = rm.group("rel").lower()
        if num.decimals and rel not in ("to", "per"):
            return against
        return None

    def _name_code(self, name: str, ctx: ArticleContext) -> str | None:
        target = self.names.get(_norm_space(name).lower())
        return ctx.resolve(target) if target else None

    def _year_word_before(self, bf: Before) -> bool:
        return bool(bf.lows) and (bf.lows[-1] in self.year_words or bf.phrase(2) in self.year_words)

    def _qualifier(self, bf: Before) -> tuple[str, int] | None:
        """The qualifier just before the number ("more than", "nearly") and where it starts."""
        if not bf.lows:
            return None
        skip = 2 if bf.lows[-1] == "record" and bf.phrase(2) == "a record" else 0
        lows = bf.lows[: len(bf.lows) - skip] if skip else bf.lows
        if not lows or lows[-1] not in self.qual_last_words:
            return None
        for n in (4, 3, 2, 1):
            if len(lows) >= n:
                value = self.qual_value.get(" ".join(lows[-n:]))
                if value:
                    bf.qual_n = n + skip
                    return value, bf.starts[len(lows) - n]
        return None

    def _currency_before(self, text: str, bf: Before, pos: int) -> tuple[str, str, int, int] | None:
        """A symbol or code right before the number: (target, rule, start, words used)."""
        if not bf.words:
            return None
        gap = 0
        if text[pos - 1].isspace():
            if text[pos - 1] not in " \t\u00a0" or text[pos - 2].isspace():
                return None  # more than one space, or a line break, between the currency and the number
            gap = 1
        word = bf.words[-1]
        w_start = pos - gap - len(word)
        target = self.symbols.get(word)
        if target is None and word.endswith("$"):
            target = self.symbols.get(word.lower())
        if target:
            if word == "$" and len(bf.words) > 1 and text[w_start - 1 : w_start] == " ":
                combined = self.symbols.get(f"{bf.words[-2]} $")
                if combined and text[w_start - 1 - len(bf.words[-2]) : w_start - 1] == bf.words[-2]:
                    return combined, "money.symbol", w_start - 1 - len(bf.words[-2]), 2
            return target, "money.symbol", w_start, 1
        if word[:1].isupper() and len(word.rstrip(".")) > 1:
            target = self._code_target(word)
            if target:
                return target, "money.code", w_start, 1
        last = word[-1:]
        if last in self.single_symbols and (len(word) == 1 or not word[-2].isalpha()):
            return self.symbols[last], "money.symbol", pos - gap - 1, 1
        return None

    def _unit_at(self, text: str, pos: int, limit: int) -> tuple[dict[str, Any], int] | None:
        m = self.unit_re.match(text, pos, limit)
        if m is None or m.lastgroup is None:
            return None
        return self.units[int(m.lastgroup[1:])], m.end()

    def _event_follows(self, text: str, pos: int, limit: int) -> bool:
        m = _WORD_AFTER.match(text, pos, limit)
        return bool(m and m.group(1).lower() in self.event_words)

    def _vague(
        self,
        text: str,
        num: NumberMatch,
        start: int,
        qualifier: str | None,
        qual_start: int,
        limit: int,
        ctx: ArticleContext,
    ) -> FigureDraft | None:
        om = _SPACED_OF.match(text, num.end, limit)
        if om:
            after = self._currency_after(text, om.end() - 1, limit, ctx)
            if after:
                return FigureDraft(
                    start, after[1], num.value, "money", after[0], "scale.vague", num, "at least", qual_start=qual_start
                )
            noun = self._counted_noun(text, om.end() - 1, limit)
            if noun and noun != "duration":
                return FigureDraft(
                    start, num.end, num.value, "count", noun, "scale.vague", num, "at least", qual_start=qual_start
                )
        return FigureDraft(
            start, num.end, num.value, "number", None, "scale.vague", num, "at least", qual_start=qual_start
        )

    def _fraction(
        self,
        text: str,
        num: NumberMatch,
        bf: Before,
        start: int,
        end: int,
        qualifier: str | None,
        qual_start: int,
        limit: int,
    ) -> FigureDraft | None:
        words = text[num.start : num.end].lower()
        if num.scaled or (num.value >= 1 and "half" not in words.split()[-1:]):
            noun = self._counted_noun(text, end, limit)
            kind, unit, rule = (
                ("count", noun, "count.noun") if noun and noun != "duration" else ("number", None, "number.bare")
            )
            if noun == "duration":
                return None
            return self._finish(
                FigureDraft(start, end, num.value, kind, unit, rule, num, qualifier, qual_start=qual_start), text, limit
            )
        if num.form == "fraction" and _FRACTION_DIGIT.match(text[num.start : num.start + 1] or " "):
            return FigureDraft(
                start, end, num.value, "fraction", None, "fraction.digits", num, qualifier, qual_start=qual_start
            )
        letters = _LOWER_WORD.findall(words)
        if not letters:  # a fraction in symbols after something odd (".0¼"): no word to judge
            return None
        last = letters[-1]
        if _HALF_BLOCKERS.match(text, end, limit) or (bf.lows and bf.lows[-1] in _ORDINAL_WORDS):
            return None
        if (
            last in ("quarter", "quarters")
            and qualifier is None
            and not _OF_AFTER.match(text[end : end + 5])
            and "-" not in words
        ):
            return None  # "three quarters", "a quarter": periods of a year
        if last == "half" and num.value == 0.5 and words.strip() == "half":
            ok = qualifier is not None or bf.phrase(1) == "by" or _HALF_OF_AFTER.match(text[end : end + 8])
            if not ok:
                return None
        elif not last.endswith("s") and num.value <= 1 and not self._fraction_follows(text, end, limit):
            return None  # "a third term", "a fifth consecutive year": ordinals
        if num.start > 0 and text[num.start].isupper() and not self._sentence_initial(text, num.start):
            return None
        return FigureDraft(
            start, end, num.value, "fraction", None, "fraction.word", num, qualifier, qual_start=qual_start
        )

    def _fraction_follows(self, text: str, pos: int, limit: int) -> bool:
        """After "a third" comes punctuation, "of", a function word or a comparative: a
        fraction ("a third of", "nearly a fifth since 2019"), not an ordinal ("a third term")."""
        if _FRACTION_FOLLOW.match(text, pos, limit):
            return True
        m = _WORD_AFTER.match(text, pos, limit)
        return m is None or m.group(1).lower() in self.stop

    def _number_of(self, text: str, pos: int, floor: int) -> str | None:
        """The noun of "the number of X" earlier in the sentence: the unit of a bare count."""
        found = None
        for m in _NUMBER_OF.finditer(text, self._sentence_start(text, pos, floor), pos):
            found = m
        if found is None:
            return None
        noun = self._counted_noun(text, found.end() - 1, pos)
        return noun if noun and noun != "duration" else None

    def _counted_noun(self, text: str, pos: int, limit: int) -> str | None:
        """The plural noun that ends the noun phrase after ``pos``, "duration" for a time
        unit, or None."""
        found = self._noun_phrase(text, pos, limit)
        return found[0] if found else None

    def _noun_phrase(self, text: str, pos: int, limit: int) -> tuple[str, int] | None:
        """(unit, end) of the noun phrase after ``pos`` whose plural noun ends it; the unit
        is "duration" when the noun is a time unit."""
        words: list[str] = []
        only_mods = True
        for _ in range(5):
            m = _NP_WORD.match(text, pos, limit)
            if m is None:
                return None
            word = m.group(1)
            if word[0].isdigit() or (not word.isalpha() and any(c.isdigit() for c in word)):
                if _MODEL_PLURAL.fullmatch(word):
                    words.append(word)
                    return " ".join(words[-2:]), m.end()  # "five Boeing 737s", "24 A320s"
                if not words and word[0].isdigit():
                    return None  # "5 10": two numbers
                if not word[0].isdigit():
                    words.append(word)  # "new A320 jets"
                pos = m.end()  # "the country's top 10 brands"
                continue
            low = word.lower().rstrip("'’")
            if low in self.time_units and only_mods:
                return "duration", m.end()
            if low in self.stop:
                return None
            if self.is_plural(low):
                words.append(word.rstrip("'’"))
                return " ".join(words[-2:]), m.end()
            if low not in self.duration_mods:
                only_mods = False
            words.append(word)
            pos = m.end()
        return None

    def is_plural(self, low: str) -> bool:
        """Whether a lower-case word reads as a plural noun."""
        if low in self.plural_no_s:
            return True
        if len(low) < 3 or not low.endswith("s") or low in self.not_plural:
            return False
        return not low.endswith(("ss", "us", "is", "'s", "’s", "ous", "ics"))

    def pluralize(self, noun: str) -> str:
        """The plural of a singular noun ("nation" -> "nations", "city" -> "cities")."""
        if noun in self.irregular:
            return self.irregular[noun]
        if noun.endswith("man"):
            return noun[:-3] + "men"
        if noun.endswith(("s", "x", "z", "ch", "sh")):
            return noun + "es"
        if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
            return noun[:-1] + "ies"
        return noun + "s"

    def _name_or_label(self, text: str, num: NumberMatch, bf: Before, pos: int, limit: int, title: bool) -> bool:
        """A bare number that is part of a name or identifier: "France 2", "Phase 2", "No. 1"."""
        if not bf.words:
            return False
        last = bf.lows[-1]
        if last.rstrip(".") in self.labels or last in self.labels or bf.phrase(2) in self.labels:
            return True
        word = bf.words[-1]
        if _CAMEL.match(word) and not num.grouped:
            return True  # "iPhone 4", "iOS 5.1"
        if num.grouped or num.decimals or num.negative:
            return False
        if (
            word[:1].isupper()
            and word[:1].isalpha()
            and last.rstrip(".,") not in self.stop_lower_caps
            and last not in self.up_words
            and last not in self.down_words
        ):
            return True  # "France 2", "Boeing 737"
        nxt = _WORD_AFTER.match(text, pos, limit)
        return bool(nxt and not title and nxt.group(1)[:1].isupper() and last == "the")

    def _product_before(self, bf: Before, num: NumberMatch) -> bool:
        """A name right before a plain number that has a noun after it: "Boeing 787
        Dreamliners", "iPhone 4 buyers" (not "On Tuesday 5,000 people")."""
        if not bf.words or num.grouped or num.scaled:
            return False
        word = bf.words[-1]
        if _CAMEL.match(word):
            return True
        if num.decimals:
            return False
        low = bf.lows[-1]
        return (
            word[:1].isupper()
            and word.isalpha()
            and len(bf.words) > 1
            and bf.words[-2][-1:] not in '.!?:;"“”'
            and low not in self.stop_lower_caps
            and word not in _MONTH_NAMES
            and low not in _WEEKDAYS
            and low not in self.up_words
            and low not in self.down_words
            and low not in self.year_words
        )

    @staticmethod
    def _acronym_before(bf: Before, ctx: ArticleContext, pos: int) -> bool:
        """An upper-case name right before the number ("STOXX 600", "S&P 500"), in a line that
        is not all upper case."""
        if not bf.words:
            return False
        word = bf.words[-1]
        if len(word) < 2 or not word.isupper() or not word[0].isalpha() or not word[-1].isalnum():
            return False
        return not ctx.line_is_upper(pos)

    @staticmethod
    def _age_in_apposition(text: str, num: NumberMatch, bf: Before, pos: int) -> bool:
        """ "Raghunathan, 38, founded ...": an age between commas after a name."""
        if num.form != "digits" or num.grouped or num.decimals or not 1 <= num.value <= 120:
            return False
        if text[pos : pos + 1] != "," or not bf.words or not bf.words[-1].endswith(","):
            return False
        name = bf.words[-1][:-1]
        return name[:1].isupper() and name.isalpha() and name not in _MONTH_NAMES and name.lower() not in _WEEKDAYS

    def _list_marker(self, text: str, num: NumberMatch, pre: str, pos: int, limit: int) -> bool:
        """ "(2)" or a "1." opening a line: numbering, not a figure."""
        if _PAREN_OPEN.search(pre) and text[pos : pos + 1] == ")":
            return True
        line_start = not pre.strip() and (num.start == 0 or text[num.start - 1] == "\n" or pre.endswith("\n"))
        return line_start and bool(_LIST_MARKER_AFTER.match(text, pos, limit))

    def _words_ok(self, text: str, num: NumberMatch, title: bool) -> bool:
        """A written number with a counted noun: not a name ("Formula One", "Big Three")."""
        if text[num.start].isupper() and not title and not self._sentence_initial(text, num.start):
            return False
        return not (num.value == 1 and not num.scaled)

    def _bare_words_ok(self, text: str, num: NumberMatch, pre: str, pos: int, limit: int) -> bool:
        """A written number with no unit is a figure only when it is clearly a quantity."""
        if text[num.start].isupper() and not self._sentence_initial(text, num.start):
            return False
        if num.scaled or num.value >= 100:
            return True  # "three million", "one hundred and two"
        if num.value == 1:
            return False
        if _QUANTITY_BEFORE.search(pre) or (num.value == 0 and _ZERO_BEFORE.search(pre)):
            return True  # "there were two", "rose to three", "go to zero"
        return bool(_SUBJECT_VERB_AFTER.match(text, pos, limit))  # "Three were killed"

    def _sentence_initial(self, text: str, pos: int) -> bool:
        k = pos - 1
        while k >= 0 and text[k] in " \t\"'“‘(":
            k -= 1
        return k < 0 or text[k] in ".!?\n:;—–-"

    def _sentence_start(self, text: str, pos: int, floor: int) -> int:
        lo = max(floor, pos - 250)
        best = lo
        for m in _SENTENCE_END.finditer(text, lo, pos):
            best = m.end()
        return best

    # ------------------------------------------------------------------ linking
    def _link(self, text: str, drafts: list[FigureDraft]) -> None:
        """Ranges, conversions, inherited units, fractions "one in three" and directions."""
        n = len(drafts)
        for d in drafts:
            if d.kind not in ("age", "fraction", "multiplier"):
                d.direction = self._direction(text, d)
        for i in range(n - 1):
            a, b = drafts[i], drafts[i + 1]
            gap = text[a.end : b.qual_start if b.qual_start >= a.end else b.start]
            self._pair(text, a, b, gap, i)
        for i, d in enumerate(drafts):
            if d.tentative or d.unit is not None or d.kind not in _KIND_FOR_NOUN:
                continue
            prev = drafts[i - 1] if i else None
            if prev is None or prev.tentative or prev.kind not in ("money", "percent", "percentage_point", "measure"):
                continue
            seg = text[prev.end : d.start]
            if "\n" in seg or len(seg) > 60 or ". " in seg:
                continue
            if _INHERIT_BEFORE.search(text, max(prev.end, d.start - 40), d.start):
                if prev.num.scaled and not d.num.scaled and prev.num.base and abs(d.value) < 1000:
                    d.value *= prev.num.value / prev.num.base  # "$9.5 billion, compared with 9.1"
                d.kind, d.unit, d.rule = prev.kind, prev.unit, "unit.inherited"
        for i in range(1, n):
            a, b = drafts[i - 1], drafts[i]
            if a.direction and not b.direction and _OR_GAP.fullmatch(text, a.end, b.qual_start):
                b.direction = a.direction

    @staticmethod
    def _same_units(text: str, drafts: list[FigureDraft]) -> None:
        """A count repeated with the same words takes the unit of its most direct mention:
        "over 9,000" and "9,000 cases" both count cases."""
        best: dict[tuple[str, float], FigureDraft] = {}
        for d in drafts:
            if d.kind == "count" and d.rule in _DIRECT_COUNT_RULES and not d.tentative:
                best.setdefault((text[d.start : d.end], d.value), d)
        if not best:
            return
        for d in drafts:
            if d.kind in _KIND_FOR_NOUN and d.rule not in _DIRECT_COUNT_RULES and not d.tentative:
                source = best.get((text[d.start : d.end], d.value))
                if source is not None:
                    d.kind, d.unit = "count", source.unit

    def _pair(self, text: str, a: FigureDraft, b: FigureDraft, gap: str, i: int) -> None:
        if a.rule == "count.score" or b.rule == "count.score":
            return  # the two sides of a result are no range
        if _RANGE_GAP.fullmatch(gap):
            word = gap.strip()
            before_a = text[max(0, a.qual_start - 40) : a.qual_start]
            if word == "and" and not _BETWEEN_BEFORE.search(before_a):
                return
            if word == "or":
                return
            if (
                word in ("-", "–", "—")
                and a.unit is None
                and b.unit is None
                and (a.value >= b.value or self.score_after.match(text, b.end) or self.score_before.search(before_a))
            ):
                a.tentative = b.tentative = True  # "won 3-1", "the 787-8": a score or a model, not a range
                return
            if a.unit is None and a.kind in _KIND_FOR_NOUN and b.unit is not None and not a.year_like:
                scale = b.num.value / b.num.base if b.num.base and b.num.scaled and not a.num.scaled else 1.0
                if b.num.letter and b.num.letter in self.scanner.money_letters and b.kind == "money":
                    scale = b.value / b.num.base if b.num.base else 1.0
                if scale != 1.0 and abs(a.value) > abs(b.num.base or 0):
                    scale = 1.0
                a.value, a.kind, a.unit, a.rule = a.value * scale, b.kind, b.unit, "range.inherited"
                a.tentative = False
            if a.tentative or b.tentative or a.kind != b.kind or a.unit != b.unit:
                return
            if word == "to" and a.direction and a.rule != "range.inherited":
                return  # "climbed $2.10 to $85.40": a change and the new level
            is_from = _FROM.search(before_a)
            if word == "to" and is_from and not _RANGE_VERB.search(text[max(0, a.qual_start - 60) : a.qual_start]):
                return
            if a.value < b.value:
                a.range_with, b.range_with = i + 1, i
            return
        if a.kind == "money" and b.kind == "money" and self.equiv_gap.fullmatch(gap):
            if gap.strip().startswith("=") or _CLOSING_PAREN.match(text[b.end : b.end + 3]):
                a.equivalent, b.equivalent = i + 1, i
            return
        # "one in three", "1 in 5": a ratio
        if (
            a.kind in _KIND_FOR_NOUN
            and 0 < a.value <= 10
            and a.value < b.value <= 1000
            and a.value == int(a.value)
            and b.value == int(b.value)
            and not (b.num.form == "digits" and b.end - b.start == 4 and 1000 <= b.value <= 2100)
            and _IN_RATIO.fullmatch(gap)
        ):
            a.value, a.kind, a.unit, a.rule, a.end = a.value / b.value, "fraction", None, "fraction.in", b.end
            a.direction = None
            if b.unit is None or b.kind == "count":
                a.tentative = False
            b.tentative = True

    def _direction(self, text: str, d: FigureDraft) -> str | None:
        lows = d.before
        if lows and lows[-1] == "by":
            # "increased by 5 percent", "cut rates by 50 basis points": the verb may have an object
            for word in reversed(lows[-4:-1]):
                if word in self.up_words:
                    return "up"
                if word in self.down_words:
                    return "down"
            lows = lows[:-1]
        if lows and lows[-1] in self.direction_last_words:
            for n in (3, 2, 1):
                if len(lows) >= n:
                    phrase = " ".join(lows[-n:])
                    if phrase in self.up_words:
                        return "up"
                    if phrase in self.down_words:
                        return "down"
        if d.kind in ("count", "number"):
            return None
        m = self.dir_after.match(text, d.end, min(len(text), d.end + 30))
        return ("up" if m.group("up") else "down") if m else None


def _address_ranges(text: str) -> list[tuple[int, int]]:
    """Web and e-mail addresses: the matches of ``\\b(?:https?://|www\\.)\\S+|\\S+@\\S+\\.\\w+``,
    in linear time (that pattern tries every start in a long word and backtracks to its end).

    Every match lies in one run of non-space characters. The e-mail part matches at the
    run's start or nowhere in it: it ends with the word after the run's last "." that a
    word character follows, when an "@" stands after the first character and at least two
    characters before that dot. A web address runs to the end of the run and is tried first."""
    out = []
    for run in _RUN_WITH_ADDRESS.finditer(text):
        start, end = run.span()
        pos = start
        dot = _LAST_DOMAIN_DOT.match(text, start, end)  # ends with the last "." and its word character
        if dot and text.rfind("@", start + 1, max(start + 1, dot.end() - 3)) >= 0:
            link = _LINK.match(text, pos, end)
            if link:
                out.append(link.span())
                continue
            mail_end = _WORD_CHARS.match(text, dot.end() - 1).end()  # type: ignore[union-attr]
            out.append((pos, mail_end))
            pos = mail_end
        link = _LINK.search(text, pos, end)
        if link:
            out.append(link.span())
    return out


def _norm_space(s: str) -> str:
    return " ".join(s.split())


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlaps(start: int, end: int, blocked: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether [start, end) overlaps one of the merged, sorted ``blocked`` ranges."""
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and blocked[i][1] > start


class FiguresComponent:
    """Writes ``doc.spans["newsfacts_figures"]``: one span per figure, values on ``span._.newsfacts``."""

    def __init__(self, nlp: Language, name: str = "newsfacts_figures") -> None:
        self.name = name
        self.finder = FigureFinder()
        self.name_labels = {nlp.vocab.strings.add(label) for label in ("ORG", "PERSON")}

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        text = doc_text(doc)
        ranges = annotated_ranges(doc)
        dates = [(s.start_char, s.end_char) for s in group_spans(doc, "dates")]
        drafts = self.finder.find(text, ranges, dates, self._titled(text, ranges), lambda: self._names(doc))
        spans = []
        ids: dict[int, str] = {}
        kept = []
        used: set[tuple[int, int]] = set()
        for idx, draft in enumerate(drafts):
            span = make_span(doc, draft.start, draft.end, draft.kind)
            # span values live under the span's offsets: two figures widened to the same
            # tokens would share them, so the second is dropped
            if span is None or (span.start_char, span.end_char) in used:
                continue
            used.add((span.start_char, span.end_char))
            kept.append((idx, draft, span))
            ids[idx] = f"f{len(kept)}"
        for idx, draft, span in kept:
            values = draft.values()
            values["id"] = ids[idx]
            values["equivalent_to"] = ids.get(draft.equivalent) if draft.equivalent is not None else None
            values["range_with"] = ids.get(draft.range_with) if draft.range_with is not None else None
            set_span_values(span, values)
            spans.append(span)
        set_group(doc, "figures", spans)
        return doc

    def _names(self, doc: Doc) -> list[tuple[int, int]]:
        """Character ranges of ORG and PERSON mentions: their numbers are not figures."""
        labels = self.name_labels  # label ids, not label_ strings: no string-store lookup per span
        return [(span.start_char, span.end_char) for span in group_spans(doc, "entities") if span.label in labels]

    @staticmethod
    def _titled(text: str, ranges: list[tuple[int, int]]) -> set[int]:
        """Start offsets of one-line ranges in title case (most words capitalized)."""
        out = set()
        for start, end in ranges:
            if len(text[start : min(end, start + 301)]) > 300:
                continue  # (without copying the body)
            chunk = text[start:end]
            if "\n" in chunk.strip():
                continue
            words = [w for w in _TITLE_WORD.findall(chunk) if len(w) > 3]
            if words and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
                out.add(start)
        return out

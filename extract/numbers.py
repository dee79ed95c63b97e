"""Numbers as news writes them, found in plain text with their values.

``find_numbers(text)`` returns every number expression: digits with separators
("120,000", "1.2693", "7,5", "12,34,567", "10 000"), digits with scale words
("2.63 trillion", "1.5bn", "3 mln", "125 crore"), written-out numbers ("three",
"twenty-five", "one hundred and six", "a dozen", "five and a half million"),
fractions ("3/4", "½", "a third", "two-thirds"), multiplicatives ("twice",
"tenfold") and vague multiples ("tens of thousands"). It knows nothing about
units or meaning: the figures component decides which numbers are figures.

The word lists live in ``extract/patterns/number_words.json`` and
``extract/patterns/scale_words.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import Any

_VULGAR = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8,
    "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
}  # fmt: skip
_FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 40, 50, 64, 100, 1000}
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "s"}
_START = attrgetter("start")
_ASCII_DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = re.compile(r"\d*")
_OPEN_BEFORE_DIGITS = "([{\"'“‘$€£¥₹₩₽₺₦₱₫₴₪฿₡₾₭₵₸₼৳₨"


def clean(value: float) -> float:
    """The value without binary noise from scaling: 16.4 * 1e6 -> 16400000.0."""
    if value % 1 == 0 and -1e12 < value < 1e12:
        return float(value)  # a whole number of at most 12 digits: "{:.12g}" gives it back unchanged
    return float(f"{value:.12g}")


def trie_regex(words: Any, space: str | None = None) -> str:
    """One regular expression matching any of ``words``, shared prefixes factored out
    ("t(?:en|hree|wo)"): Python's re tries alternatives one by one, a trie does not.
    ``space``, when given, is the pattern that a space in a word stands for."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [
            (space if space and ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"


def lowered(text: str) -> str:
    """``text`` in lower case with the same length, so that offsets carry over."""
    low = text.lower()
    if len(low) != len(text):  # a rare character changes length in lower case
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def load_json(name: str) -> dict[str, Any]:
    """One JSON data file from ``extract/patterns``."""
    return json.loads(resources.files("extract.patterns").joinpath(name).read_text(encoding="utf-8"))


@dataclass(slots=True)
class NumberMatch:
    """One number expression in the text.

    Attributes:
        start, end: character offsets of the expression (scale words included).
        value: the number with every scale applied ("2.63 trillion" -> 2.63e12).
        form: "digits", "words", "fraction", "multiplier" or "vague".
        base: the value before a glued one-letter scale ("$5m" -> 5).
        letter: that glued scale letter ("k", "m", "M", "b", "T", "MM") or None.
        suffix: other letters glued to the digits ("pc", "pm", "USD", "x") or None.
        prefix: letters glued before the digits ("Rs", "USD") or None.
        digits_end: where the digits (or words) end, before any scale word.
        scaled: a scale word or letter was applied.
        grouped: digits written with a thousands separator.
        decimals: digits written with a decimal part.
        article: the value comes from "a"/"an" alone ("a dozen", "a third").
        negative: written with a minus sign or "negative"/"minus".
    """

    start: int
    end: int
    value: float
    form: str
    base: float
    letter: str | None = None
    suffix: str | None = None
    prefix: str | None = None
    digits_end: int = 0
    scaled: bool = False
    grouped: bool = False
    decimals: bool = False
    article: bool = False
    negative: bool = False


class NumberScanner:
    """Finds number expressions in text; build once, call ``find`` many times."""

    def __init__(self) -> None:
        words = load_json("number_words.json")
        scales = load_json("scale_words.json")
        currencies = load_json("currencies.json")
        self.cardinals: dict[str, int] = words["cardinals"]
        self.multipliers: dict[str, float] = {k: float(v) for k, v in words["multipliers"].items()}
        for wrong, right in words["misspellings"].items():
            self.multipliers[wrong] = self.multipliers[right]
        self.fractions: dict[str, int] = words["fractions"]
        self.multiplicatives: dict[str, int] = words["multiplicatives"]
        self.folds: dict[str, int] = {f"{w}fold": v for w, v in words["fold_bases"].items()}
        self.vague_counts: dict[str, int] = words["vague_counts"]
        self.vague_scales: dict[str, float] = {k: float(v) for k, v in words["vague_scales"].items()}
        self.scale_words: dict[str, float] = {k.lower(): float(v) for k, v in scales["words"].items()}
        self.letters: dict[str, float] = {k: float(v) for k, v in scales["letters"].items()}
        self.money_letters: dict[str, float] = {k: float(v) for k, v in scales["money_only_letters"].items()}
        self.prefixes = {*currencies["glued_prefixes"], *currencies["codes"]}
        self.digits_re, self.words_re = self._compile()
        scale_alt = trie_regex(self.scale_words)
        self.scale_heads = {w[:3] for w in self.scale_words}  # "mil", "bn", "cr", ...
        self.scale_heads |= {w[:2] for w in self.scale_words if len(w) == 2}
        self.scale_after = re.compile(rf"[ \t\u00a0]*(?:-[ \t]*)?((?i:{scale_alt}))(?![A-Za-z0-9_])")
        fracs = trie_regex(self.fractions)
        cards = trie_regex(self.cardinals)
        self.scale_fraction = re.compile(rf"[ \t]+and[ \t]+(an?|{cards})[ \t]*-?[ \t]*({fracs})(?![\w])", re.IGNORECASE)
        self.pronoun_one = re.compile(
            r"\b(?:the|this|that|which|each|every|any|no|another|older|newer|other|last|first|next|same|only|"
            r"right|wrong|big|small|new|old|good|bad)[ \t]+$"
        )
        self.word_re = re.compile(r"[a-z]+")
        # A scale word alone ("billion" in "$5 billion") starts no number: ``parse_words`` stops
        # at once and the digits before take it as their scale. Half the runs of number words
        # in news are such words, so ``_words`` answers them without parsing.
        self.lone_scales = frozenset(
            w for w in self.multipliers if w not in self.cardinals and self.word_re.fullmatch(w)
        )

    def _compile(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The digits pattern (run on the text) and the words pattern (run on its lower case)."""
        w = trie_regex([*self.cardinals, *self.multipliers])
        f = trie_regex(self.fractions)
        single = trie_regex([*self.multiplicatives, *self.folds])
        big = trie_regex(["thousand", "million", "billion", "trillion"])
        sep = r"(?:[ \t]+|[ \t]*-[ \t]*)"
        words = (
            rf"(?P<words>(?:{w}|an?(?={sep}(?:{w}|{f})(?![a-z]))|half|quarter(?={sep}{big}(?![a-z])))"
            rf"(?:(?:{sep}(?:{w}|{f}|and|an?|point)|[ \t]+&(?=[ \t]+{w}(?![a-z])))(?![a-z]))*(?![a-z]))"
        )
        vague = (
            rf"(?P<vague>(?P<vcount>{trie_regex(self.vague_counts)})[ \t]+of[ \t]+"
            rf"(?P<vscale>{trie_regex(self.vague_scales)})(?![a-z]))"
        )
        mult = rf"(?P<mult>{single})(?![a-z])"
        words_re = re.compile(rf"(?<![a-z])(?:{vague}|{mult}|{words})")
        # Every match of ``words_re`` starts with a whole word that is one of these (or "a"/"an"
        # before a number word). This pattern starts with a character class, so re skips to
        # candidates in C; ``words_re`` runs only where one stands (three times faster).
        first = trie_regex(
            [
                *self.cardinals,
                *self.multipliers,
                *self.vague_counts,
                *self.multiplicatives,
                *self.folds,
                "half",
                "quarter",
            ]
        )
        self.word_start_re = re.compile(rf"[^a-z](?:{first}(?![a-z])|an?(?={sep}(?:{w}|{f})(?![a-z])))")
        # The pattern starts with a digit so that re can skip to candidates fast; a sign or a
        # leading decimal point before the digits is read in Python.
        digits_re = re.compile(
            r"(?P<int>[0-9](?:"
            r"(?P<eu>\d{0,2}(?:\.\d{3}){1,6},\d{1,2})(?!\d|[.,]\d)"
            r"|(?P<grp>\d{0,2}(?:,\d{3}){1,6})(?!\d)"
            r"|(?P<ind>\d?(?:,\d{2}){1,5},\d{3})(?!\d)"
            r"|(?P<sp>\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3}){1,6})(?![\d,A-Za-z])"
            r"|(?P<dc>\d*,\d{1,2})(?![\d]|,\d)"
            r"|\d*"
            r"))"
            r"(?P<dec>\.\d+)?"
            r"(?P<vul>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])?"
            r"(?:[ \t]+(?P<mnum>\d)/(?P<mden>\d{1,2})(?![\d/]))?"
            r"(?:/(?P<den>\d{1,4}))?"
            r"(?P<suf>[A-Za-z]+)?"
            r"(?![A-Za-z0-9_])(?![.,]\d)(?!/\d)(?!:\d)"
        )
        self.lone_re = re.compile(r"[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
        return digits_re, words_re

    def find(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[NumberMatch]:
        """Every number expression in ``text[start:end]``, in order; ``low`` is
        ``lowered(text)`` when the caller has it already."""
        end = len(text) if end is None else end
        found: list[NumberMatch] = []
        digits = self._digits
        for m in self._digit_matches(text, start, end):
            num = digits(text, m, start)
            if num is not None:
                found.append(num)
        if not text.isascii():
            for m in self.lone_re.finditer(text, start, end):
                num = self._lone(text, m)
                if num is not None:
                    found.append(num)
        low = lowered(text) if low is None else low
        for m in self._word_numbers(low, start, end):
            if m.group("words") is not None:
                found.extend(self._words(m))
            elif m.group("vague") is not None:
                value = self.vague_counts[m.group("vcount")] * self.vague_scales[m.group("vscale")]
                found.append(NumberMatch(m.start(), m.end(), value, "vague", 0.0, digits_end=m.end(), scaled=True))
            else:
                word = m.group("mult")
                value = float(self.multiplicatives.get(word) or self.folds[word])
                found.append(NumberMatch(m.start(), m.end(), value, "multiplier", value, digits_end=m.end()))
        found.sort(key=_START)
        out: list[NumberMatch] = []
        last_end = start
        for num in found:
            n_start, form = num.start, num.form
            if n_start < last_end:
                continue  # inside the scale words or fraction of the number before
            if (
                form == "words"
                and num.value == 1
                and low[n_start : num.end] == "one"
                and self.pronoun_one.search(low, max(start, n_start - 12), n_start)
            ):
                continue  # "the one", "which one": a pronoun
            if (form == "digits" or form == "words") and not (num.suffix or num.letter):
                self._scale(text, num, end)
            if n_start > start + 5 and low[n_start - 1] == " " and low[n_start - 2] in "es" and not num.negative:
                before = low[max(start, n_start - 10) : n_start]
                for word in ("negative ", "minus "):
                    if before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalnum()):
                        if num.form != "multiplier":
                            num.start -= len(word)
                            num.negative = True
                            num.value, num.base = -num.value, -num.base
                        break
            out.append(num)
            last_end = num.end
        return out

    def _digit_matches(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches of ``digits_re`` in ``text[start:end]``, as its ``finditer`` gives them,
        in linear time.

        Each try starts at a digit that a plain ``[0-9]`` search finds: news has few digits,
        so this costs less than ``finditer`` over the whole text, and needs no search for
        long runs of digits first to rule out the quadratic case.
        Where the pattern fails on a run of digits, ``finditer`` would try again at each of
        its digits and each try reads the rest of the run: quadratic ("999...9_"). A try at
        a digit more than three digits before the run's end can only end where the run ends
        (the separators of "1,234", "1.234,5" and "1 234" are at most three digits away), so
        all such tries in one run end alike: after one fails, the next worth making is three
        digits before the end."""
        pos = start
        digit_search, digits_match = _ASCII_DIGIT.search, self.digits_re.match
        while True:
            digit = digit_search(text, pos, end)
            if digit is None:
                return
            at = digit.start()
            m = digits_match(text, at, end)
            if m is not None:
                yield m
                pos = m.end()
                continue
            run_end = _DIGIT_RUN.match(text, at, end).end()  # type: ignore[union-attr]
            pos = max(at + 1, run_end - 3)

    def _word_numbers(self, low: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches of ``words_re`` in ``low[start:end]`` (as its ``finditer``), tried only
        where ``word_start_re`` finds a word that can start one."""
        last = start
        m = self.words_re.match(low, start, end)
        if m is not None:
            yield m
            last = m.end()
        for cand in self.word_start_re.finditer(low, start, end):
            pos = cand.start() + 1
            if pos < last:
                continue
            m = self.words_re.match(low, pos, end)
            if m is not None:
                yield m
                last = m.end()

    def _lone(self, text: str, m: re.Match[str]) -> NumberMatch | None:
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            return None
        value = _VULGAR[m.group()]
        return NumberMatch(m.start(), m.end(), value, "fraction", value, digits_end=m.end())

    def _digits(self, text: str, m: re.Match[str], floor: int) -> NumberMatch | None:
        # the groups int, eu, grp, ind, sp, dc, dec, vul, mnum, mden, den and suf, in pattern order
        whole, eu, grp, ind, sp, dc, dec, vul, mnum, mden, den, suffix = m.groups()
        m_start = m.start()
        prefix = None
        sign = ""
        if (
            m_start > floor
            and text[m_start - 1] == "."
            and not dec
            and not (eu or grp or ind or sp or dc)
            and not suffix
        ):
            before_dot = text[m_start - 2] if m_start - 1 > floor else " "
            if not (before_dot.isalnum() or before_dot in "_.,"):
                dec, whole = "." + whole, "0"  # ".08"
                m_start -= 1
        if m_start > floor and text[m_start - 1] in "-−":
            before_sign = text[m_start - 2] if m_start - 1 > floor else " "
            if not (before_sign.isalnum() or before_sign in "_.,-"):
                sign = "-"  # "-5%", "$-99.99"; not "COVID-19" or "2012-13"
                m_start -= 1
        plain = whole if not (eu or grp or ind or sp or dc) else None
        if not sign and m_start > 0:
            prev = text[m_start - 1]
            if not (prev.isspace() or prev in _OPEN_BEFORE_DIGITS):
                before_prev = text[m_start - 2] if m_start > 1 else " "
                if prev.isdigit() or prev in "_,/\\:#@" or (prev == "." and not before_prev.isalpha()):
                    return None  # inside "192.168.1.2", "2019/20", "10:27"
                if prev in "-–" and before_prev.isalpha():
                    return None  # "COVID-19", "F-16"
                if prev.isalpha() or prev == ".":
                    k = m_start
                    while k > max(floor, m_start - 6) and (text[k - 1].isalpha() or text[k - 1] == "."):
                        k -= 1
                    if k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_."):
                        return None
                    prefix = text[k:m_start]
                    if prefix not in self.prefixes:
                        return None  # "G20", "A320", "Q3": identifiers
        if suffix and suffix.lower() in _ORDINAL_SUFFIXES:
            return None  # "20th", "1990s"
        if whole[0] == "0" and len(whole) > 1 and whole[1].isdigit() and whole.strip("0"):
            return None  # "001", "0800": codes, not quantities
        dec = dec or ""
        grouped = bool(grp or ind or sp or eu)
        if plain is not None:
            value = float(plain + dec)
        elif grp or ind:
            value = float(whole.replace(",", "") + dec)
        elif eu:
            value = float(whole.replace(".", "").replace(",", "."))
        elif dc:
            value = float(whole.replace(",", "."))
        else:
            value = float("".join(c for c in whole if c.isdigit()) + dec)
        form = "digits"
        if den or vul or mnum:
            if den:
                denominator = int(den)
                if dec or grouped or not 0 < value < denominator or denominator not in _FRACTION_DENOMINATORS:
                    return None  # "2019/20", "24/7", "9/11"
                value /= denominator
            if vul:
                value += _VULGAR[vul]
            if mnum:
                if not 0 < int(mnum) < int(mden):
                    return None
                value += int(mnum) / int(mden)
            form = "fraction"
        if sign:
            value = -value
        end = m.end()
        num = NumberMatch(
            m_start, end, value, form, value, None, None, prefix,
            end - len(suffix) if suffix else end, False, grouped, bool(dec or dc or eu), False, bool(sign),
        )  # fmt: skip
        if suffix:
            self._suffix(num, suffix)
        return num

    def _suffix(self, num: NumberMatch, suffix: str) -> None:
        scale = self.scale_words.get(suffix.lower())
        if scale is not None and len(suffix) > 1:
            num.value = clean(num.value * scale)
            num.scaled = True
        elif suffix in self.letters:
            num.letter = suffix
            num.value = clean(num.value * self.letters[suffix])
            num.scaled = True
        elif suffix in self.money_letters:
            num.letter = suffix  # the figures component keeps it only for money
            num.value = clean(num.value * self.money_letters[suffix])
            num.scaled = True
        else:
            num.suffix = suffix

    def _scale(self, text: str, num: NumberMatch, limit: int) -> None:
        """Apply up to two scale words after the number ("125 crore", "three lakh crore")."""
        if num.suffix or num.letter or (num.form == "words" and num.scaled):
            return  # (the caller skips the first two)
        pos = num.end
        k = pos
        while k < limit and k < pos + 4 and text[k] in " -\t\u00a0":
            k += 1
        head = text[k : k + 3].lower()
        if k >= limit or (head not in self.scale_heads and head[:2] not in self.scale_heads):
            return  # no scale word can follow: skip the regular expression
        for _ in range(2):
            m = self.scale_after.match(text, pos, limit)
            if m is None:
                break
            word = m.group(1)
            if word.lower() in ("dozen", "dozens") and num.form != "digits":
                break
            if word.lower() == "hundred" and (num.decimals or num.grouped):
                break
            scale = self.scale_words[word.lower()]
            num.value = clean(num.value * scale)
            num.scaled = True
            pos = m.end()
            fm = self.scale_fraction.match(text, pos, limit) if scale >= 1000 else None
            if fm:
                num_word, den_word = fm.group(1).lower(), fm.group(2).lower()
                numerator = 1 if num_word in ("a", "an") else self.cardinals.get(num_word, 0)
                if 0 < numerator < self.fractions[den_word]:
                    num.value = clean(num.value + scale * numerator / self.fractions[den_word])
                    pos = fm.end()
                break
        num.end = pos

    def _words(self, m: re.Match[str]) -> list[NumberMatch]:
        """The numbers in one run of number words ("three four" holds two)."""
        run = m.group()
        single = self.cardinals.get(run)
        if single is not None:  # one cardinal, a common case: what parse_words gives for it
            value = float(single)
            return [NumberMatch(m.start(), m.end(), value, "words", value, digits_end=m.end())]
        if run in self.lone_scales:
            return []
        spans = [(w.start() + m.start(), w.end() + m.start(), w.group()) for w in self.word_re.finditer(run)]
        words = [w for _, _, w in spans]
        out = []
        k = 0
        while k < len(words):
            parsed = self.parse_words(words, k)
            if parsed is None:
                k += 1
                continue
            value, used, form, article, scaled = parsed
            end = spans[k + used - 1][1]
            out.append(
                NumberMatch(spans[k][0], end, value, form, value, digits_end=end, article=article, scaled=scaled)
            )
            k += used
        return out

    def _fraction_ahead(self, words: list[str], i: int) -> tuple[float, int] | None:
        """ "a half", "one quarter", "three fifths" at ``words[i]``: (value, words used)."""
        head = words[i] if i < len(words) else ""
        numerator = 1 if head in ("a", "an") else self.cardinals.get(head)
        used = 1
        if numerator and numerator >= 20 and i + 1 < len(words) and 0 < self.cardinals.get(words[i + 1], 0) < 10:
            numerator += self.cardinals[words[i + 1]]  # "fifty-four hundredths"
            used = 2
        if not numerator or i + used >= len(words) or words[i + used] not in self.fractions:
            return None
        return numerator / self.fractions[words[i + used]], used + 1

    def parse_words(self, words: list[str], first: int = 0) -> tuple[float, int, str, bool, bool] | None:
        """The value of the longest number at the start of ``words`` (lower case).

        Returns (value, words used, form, whether "a"/"an" gave the 1, whether a
        thousand-or-more scale applied), or None when the words start no number.
        """
        total = 0.0
        current: float | None = None
        last = ""  # unit, tens, hundred, scale, frac, point
        last_scale = 1.0
        article = scaled = fraction = False
        best: tuple[float, int, str, bool, bool] | None = None
        i, n = first, len(words)
        while i < n:
            word = words[i]
            nxt = words[i + 1] if i + 1 < n else ""
            if word in ("a", "an"):
                if i == first and (nxt in self.multipliers or nxt in self.fractions):
                    current, article = 1.0, True
                elif last == "frac" and nxt in self.multipliers:
                    pass  # "half a million", "half a dozen"
                else:
                    break
                i += 1
                continue
            if word == "and":
                ahead = self._fraction_ahead(words, i + 1)
                if ahead is not None and (current is not None or last == "scale"):
                    frac, used = ahead
                    i += 1 + used
                    if current is None:
                        after = words[i] if i < n else ""
                        scale_after = self.multipliers.get(after, 0.0)
                        if 1000 <= scale_after < last_scale:
                            total += frac * scale_after  # "one billion and a half million"
                            i += 1
                        else:
                            total += frac * last_scale  # "two million and a half"
                        best = (total, i, "fraction", article, scaled)
                        break
                    current += frac  # "one and a half", "twenty and three fifths"
                    fraction, last = True, "frac"
                    best = (total + current, i, "fraction", article, scaled)
                    continue
                if last in ("hundred", "scale") and nxt in self.cardinals:
                    i += 1  # "one hundred and six": the same number goes on
                    continue
                break
            if word == "point":
                if current is None or nxt not in self.cardinals or last == "frac":
                    break
                digits = ""
                j = i + 1
                while j < n and words[j] in self.cardinals and self.cardinals[words[j]] < 100:
                    val = self.cardinals[words[j]]
                    after = words[j + 1] if j + 1 < n else ""
                    tens_then_unit = val >= 20 and 0 < self.cardinals.get(after, 0) < 10
                    digits += str(val // 10) if tens_then_unit else str(val)
                    j += 1
                current += float("0." + digits)
                last, i = "point", j
                best = (total + current, i, "words", article, scaled)
                continue
            if word in self.cardinals:
                val = float(self.cardinals[word])
                if current is None:
                    current = val
                elif (last == "tens" and 0 < val < 10) or (last == "hundred" and val < 100):
                    current += val
                else:
                    break
                last = "tens" if val >= 20 and val % 10 == 0 else "unit"
            elif word in self.multipliers:
                mult = self.multipliers[word]
                if current is None:
                    if last == "scale" and mult > last_scale:
                        total *= mult  # "three lakh crore"
                    else:
                        break
                elif mult == 100:
                    if last in ("hundred", "frac", "point") or current >= 100:
                        break
                    current *= 100
                    last = "hundred"
                    i += 1
                    best = (total + current, i, "fraction" if fraction else "words", article, scaled)
                    continue
                else:
                    if total and mult >= last_scale and last_scale > 1:
                        break  # "two million three million": two numbers
                    total += current * mult
                    current = None
                last, last_scale = "scale", mult
                scaled = scaled or mult >= 1000
            elif word in self.fractions:
                den = self.fractions[word]
                if current is None:
                    if i == first and word in ("half", "quarter"):
                        current = 1 / den  # "half of", "half a million", "quarter million"
                    else:
                        break
                else:
                    current = current / den if word != "halves" else current / 2
                fraction, last = True, "frac"
            else:
                break
            i += 1
            best = (total + (current or 0.0), i, "fraction" if fraction else "words", article, scaled)
        if best is None or (best[1] == first + 1 and words[first] in ("a", "an")):
            return None
        return best[0], best[1] - first, best[2], best[3], best[4]


@lru_cache(maxsize=1)
def default_scanner() -> NumberScanner:
    """The scanner with the packaged word lists, built once per process."""
    return NumberScanner()


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in ``text``, in order."""
    return default_scanner().find(text)

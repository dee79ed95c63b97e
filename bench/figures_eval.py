"""Figures against outside test suites: Microsoft Recognizers-Text and quantulum3.

    python bench/figures_eval.py [--failures] [--family NAME]

Reads, at run time, the English number, percentage and currency cases of
``../shared/external/recognizers-text-specs-en`` and the quantity cases of
``../shared/external/quantulum3-tests``, runs newsfacts on each sentence and prints
the share of applicable cases passed, per family. Nothing from those suites is
copied into the project.

What runs on what:
- Recognizers "number" (Number/English/NumberModel.json) tests number recognition,
  so it runs ``extract.numbers.find_numbers``, the stage that reads every number
  before the figures component decides which numbers are figures.
- Recognizers "percent" (PercentModel.json) and "currency" (CurrencyModel.json) and
  the quantulum3 families run the whole pipeline and read the record's figures.

A case passes when every applicable expected result is found (equal value,
relative tolerance 1e-6; for money the same ISO 4217 code; for percentages kind
"percent") and, for the Recognizers families, nothing else of that family is found
(a number, a percentage, an amount of money). A case with no expected result
passes when nothing of its family is found.

Conventions mapped, not counted as differences: Recognizers and quantulum3 give
cents, pence and pennies as minor units (newsfacts gives major units: 50 cents ->
0.5); Recognizers gives "$" amounts without a code and names generic units ("Dollar",
"Pound", "Franc"): any code of that currency family is accepted; quantulum3 gives a
range as its mean and uncertainty ("50 to 80%" -> 65 +- 15): newsfacts gives the two
bounds, and both must be found; quantulum3 counts "a dozen" as 1 dozen: 12.

Applicable (the rule; every excluded case is counted under its reason):
- number: not applicable when the input is not prose (scientific or power notation
  such as "1e10", "2.5^-1", "x10^6"), when it is spoken arithmetic ("one over three",
  "1 in twenty-one", ordinal denominators other than half to tenth, hundredth and
  thousandth, or a fraction whose numerator holds "hundred"/"thousand" as in "one
  hundred thirty fifths"), when the numbers are parts of dates, phone numbers, IP
  addresses or identifiers ("5/17/2018", "+1-222-2222", "SCP-173"; news format: not
  figures), or when the expectation contradicts the news gold format (ordinals such as
  "two millionth" read as numbers; "the 180ml liquid" or "1m" with no number; the
  news format reads "1m" as a million and 180 ml as a measure). Not news notation
  either: dozen abbreviations ("3 dzs"), compound ordinal denominators ("a
  twenty-first", "one twenty-fifth"), digits and words joined by "and" after a scale
  word ("3 hundred and 21", "6 crore and two hundred"), and a sign or a scale letter
  standing apart from the digits or G for giga ("- 10  k", " 2.33 k", "10G").
- percent: not applicable when the percent word stands before the number ("percent of
  10"), which is not English news word order.
- currency: a result is not applicable when it has no amount (a bare currency word),
  when its currency has no ISO 4217 code (Bitcoin, Satoshi, "sen"), when it writes the
  minor amount in speech after the major one ("3 dollars 50 cents", "15 dollars 50",
  "one kuai and five mao five", "17 usd 25"), or when the currency name stands before
  the number ("dollar 22.5 million") or the code between the number and its scale word
  ("75 USD million"), or when the spec's own lower-casing and tokenizing split a
  prefix from "$" ("c $ 16.4 million" for "C$16.4 million"); a case is applicable when
  at least one result is, or when it expects no result at all, and amounts found where
  an excluded result stands are not counted as extra.
- quantulum3: a quantity applies when its unit is money (a currency, cents, pennies),
  "percentage" or "dimensionless" (counts and plain numbers). Not applicable: years
  ("1979", "1960s": dates, not figures), numbers of names and identifiers (the word
  just before or after the number is capitalized and not sentence-initial: "Voyager
  2", "English 101", "South 32 Ltd", "i7 860 Processor"), scientific notation, and
  accounting negatives "($99.99)" (in news a parenthesized amount is a conversion:
  "2.63 trillion yuan ($362 billion)"). Families: money, percent, count.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "external"
RT = EXTERNAL / "recognizers-text-specs-en"
Q3 = EXTERNAL / "quantulum3-tests"

# Recognizers' generic unit names: any code of the family is accepted
DOLLAR_CODES = {"USD", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD", "JMD", "ZWL", "NAD", "FJD", "BND", "TTD", "MXN"}
GENERIC_UNITS = {
    "Dollar": DOLLAR_CODES,
    "Pound": {"GBP", "EGP", "LBP", "SDG", "SYP"},
    "Franc": {"CHF", "XOF", "XAF", "FRF", "BEF", "RWF", "CDF", "BIF", "GNF"},
    "Rupee": {"INR", "PKR", "LKR", "NPR", "MUR"},
    "Peseta": {"ESP"},
    "Netherlands guilder": {"NLG"},
    "Finnish markka": {"FIM"},
}
MINOR_UNITS = {"Cent": DOLLAR_CODES | {"EUR"}, "Pence": {"GBP"}, "Penny": {"GBP"}}
Q3_MONEY = {
    "dollar": DOLLAR_CODES,
    "euro": {"EUR"},
    "pound sterling": {"GBP"},
    "yen": {"JPY"},
    "cent": DOLLAR_CODES | {"EUR"},
    "penny": {"GBP"},
    "dime": {"USD"},
}
Q3_MINOR = {"cent": 0.01, "penny": 0.01, "dime": 0.1}


@dataclass
class Expected:
    value: float
    codes: set[str] | None = None  # money: accepted ISO codes
    kind: str | None = None  # "percent" for percentages
    span: tuple[int, int] | None = None


@dataclass
class Case:
    family: str
    text: str
    expected: list[Expected]
    excluded: str | None = None  # the reason the case is not applicable
    not_supported: bool = False  # Recognizers marks it unsupported on Python
    extras_matter: bool = True
    notes: list[str] = field(default_factory=list)
    ignore: list[tuple[int, int]] = field(default_factory=list)  # spans of results not counted


def same(a: float, b: float) -> bool:
    """Equal values, relative tolerance 1e-6."""
    return a == b or math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def load(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _python_unsupported(case: dict[str, Any]) -> bool:
    return "python" in (case.get("NotSupported", "") + case.get("NotSupportedByDesign", "")).lower()


# ---------------------------------------------------------------- Recognizers number
_SCI = re.compile(r"\^|\d[eE][+-]?\d|[x×]\s?10")
_SPOKEN = re.compile(r"\bover\b|\bout of\b|\d\s+in\s+\w|\bin\s+\d")
_SIMPLE_FRACTIONS = (
    "half|halves|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|sixth|sixths|seventh|sevenths|"
    "eighth|eighths|ninth|ninths|tenth|tenths|hundredth|hundredths|thousandth|thousandths"
)
_ORDINAL_WORD = re.compile(r"\b[a-z]*(?:th|ths|first|firsts|second|seconds|third|thirds)\b")
_HUNDRED_FRACTION = re.compile(rf"\b(?:hundred|thousand)\b[^.]*?\b(?:{_SIMPLE_FRACTIONS})\b")
_NOT_PROSE = re.compile(r"\d+\.\d+\.\d+\.\d+|\+\d[-\d/]+|\d{1,2}/\d{1,2}/\d{4}|\b[A-Z]{2,}-\d+")
_GLUED_UNIT = re.compile(r"\d(?:ml|km|m)\b", re.IGNORECASE)
_DOZEN_ABBR = re.compile(r"\bdoz|\bdzs?\b", re.IGNORECASE)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_COMPOUND_ORDINAL = re.compile(
    rf"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|{_TENS})[\s-]+(?:{_TENS})[\s-]+(?:{_ORDINALS})s?\b"
)
_MIXED = re.compile(
    r"\d[\d.,]*\s+(?:hundred|thousand|crore|lakh)\b.*\band\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty)(?![\s-]+(?:half|halves|thirds?|quarters?|fifths?)))",
    re.IGNORECASE,
)
_SPACED_SIGN_OR_LETTER = re.compile(r"^-\s|\d\s+[kKmMgGbB]$|\d[gG]$")


def number_reason(case: dict[str, Any]) -> str | None:
    """Why a NumberModel case is not applicable, or None."""
    text = case["Input"]
    results = case["Results"]
    texts = " ".join(r["Text"] for r in results)
    if _SCI.search(text):
        return "scientific or power notation"
    if _SPOKEN.search(texts.lower()):
        return "spoken arithmetic (over, out of, in)"
    for word in _ORDINAL_WORD.findall(texts.lower()):
        if not re.fullmatch(_SIMPLE_FRACTIONS, word) and word not in ("eighteenths",):
            return "ordinal denominator beyond the simple fractions"
    if _COMPOUND_ORDINAL.search(texts.lower()):
        return "compound ordinal denominator ('twenty-first', 'one twenty-fifth')"
    if _HUNDRED_FRACTION.search(texts.lower()):
        return "fraction with hundred/thousand in the numerator (ambiguous in speech)"
    if _NOT_PROSE.search(text):
        return "date, phone number, IP address or identifier"
    if not results and _GLUED_UNIT.search(text):
        return "expects no number where news reads a measure or a million"
    for r in results:
        if re.match(r"\s*[a-z]+ths?\b", text[r["End"] + 1 :].lower()):
            return "ordinal read as a number"
    if _DOZEN_ABBR.search(text):
        return "dozen abbreviation"
    if _MIXED.search(texts):
        return "digits and words joined by 'and' after a scale word ('3 hundred and 21')"
    if _SPACED_SIGN_OR_LETTER.search(texts):
        return "sign or scale letter apart from the digits, or G for giga ('- 10 k', '10G')"
    return None


def recognizers_numbers() -> list[Case]:
    cases = []
    for c in load(RT / "Number" / "English" / "NumberModel.json"):
        expected = [
            Expected(float(r["Resolution"]["value"]), span=(r["Start"], r["End"] + 1))
            for r in c["Results"]
            if r["Resolution"].get("value") not in (None, "null")
        ]
        cases.append(Case("rt.number", c["Input"], expected, number_reason(c), _python_unsupported(c)))
    return cases


# ---------------------------------------------------------------- Recognizers percent
def recognizers_percent() -> list[Case]:
    cases = []
    for c in load(RT / "Number" / "English" / "PercentModel.json"):
        expected = []
        reason = None
        for r in c["Results"]:
            value = r["Resolution"].get("value")
            if value in (None, "null"):
                continue
            if re.match(r"\s*per\s?cents?\b|\s*percents?\b", r["Text"], re.IGNORECASE):
                reason = "percent word before the number"
            expected.append(Expected(float(value.rstrip("%")), kind="percent"))
        cases.append(Case("rt.percent", c["Input"], expected, reason, _python_unsupported(c)))
    return cases


# ---------------------------------------------------------------- Recognizers currency
_SPOKEN_MINOR = re.compile(
    r"(?:dollars?|usd|\$|kuai)\s+(?:and\s+)?(?:\d+|[a-z]+(?:[\s-]+[a-z]+)?)(?:\s+(?:cents?|mao)(?:\s+\w+)?)?$",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"^(?:dollars?|euros?|pounds?)\s+\d", re.IGNORECASE)
_NO_ISO = {"Bitcoin", "Satoshi", "Sen"}


def currency_reason(result: dict[str, Any]) -> str | None:
    """Why a CurrencyModel result is not applicable, or None."""
    res = result["Resolution"]
    if res.get("value") in (None, "null"):
        return "no amount"
    if res.get("unit") in _NO_ISO:
        return "no ISO 4217 code"
    text = result["Text"]
    if _SPOKEN_MINOR.search(text) or re.search(r"\bmao\b|\bkuai\b", text):
        return "minor amount spoken after the major one"
    if _NAME_BEFORE.match(text):
        return "currency name before the number"
    if re.match(r"[a-z]{1,3} \$", text):
        return "prefix lower-cased and split from '$' by the spec's tokenizer ('c $' for C$)"
    if re.search(r"\d\s+[a-z]{3}\s+(?:million|billion)", text, re.IGNORECASE):
        return "currency code between the number and its scale word"
    return None


def recognizers_currency() -> list[Case]:
    cases = []
    for c in load(RT / "NumberWithUnit" / "English" / "CurrencyModel.json"):
        expected = []
        reasons = []
        for r in c["Results"]:
            reason = currency_reason(r)
            if reason:
                reasons.append(reason)
                continue
            res = r["Resolution"]
            value, unit = float(res["value"]), res.get("unit")
            if res.get("isoCurrency"):
                codes = {res["isoCurrency"]}
            elif unit in MINOR_UNITS:
                codes, value = MINOR_UNITS[unit], value / 100
            else:
                codes = GENERIC_UNITS.get(unit)
            expected.append(Expected(value, codes=codes))
        excluded = reasons[0] if reasons and not expected else None
        case = Case("rt.currency", c["Input"], expected, excluded, _python_unsupported(c))
        case.notes = reasons
        case.ignore = [(r["Start"], r["End"] + 1) for r in c["Results"] if currency_reason(r)]
        cases.append(case)
    return cases


# ---------------------------------------------------------------- quantulum3
_YEAR = re.compile(r"^(?:1[0-9]|20)\d\d(?:s)?$")


def _capitalized_neighbour(sentence: str, surface: str) -> bool:
    i = sentence.find(surface)
    if i < 0:
        return False
    before = re.findall(r"[\w'’]+", sentence[:i])
    after = re.findall(r"[\w'’]+", sentence[i + len(surface) :])
    prev = before[-1] if before else ""
    nxt = after[0] if after else ""
    initial = not sentence[:i].strip() or re.search(r"[.!?]\s*$", sentence[:i])
    cap_before = bool(prev) and prev[0].isupper() and not (len(before) == 1 and initial)
    cap_after = bool(nxt) and nxt[0].isupper()
    return cap_before or (cap_after and surface.isdigit())


def quantulum() -> list[Case]:
    cases = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        for c in load(Q3 / name):
            by_family: dict[str, list[Expected]] = {}
            reasons: dict[str, str] = {}
            for q in c["res"]:
                unit, surface, value = q["unit"], q["surface"], float(q["value"])
                if unit in Q3_MONEY:
                    family, exp = "q3.money", Expected(value * Q3_MINOR.get(unit, 1.0), codes=Q3_MONEY[unit])
                elif unit == "percentage":
                    family, exp = "q3.percent", Expected(value, kind="percent")
                elif unit in ("dimensionless", "dozen"):
                    family, exp = "q3.count", Expected(value * (12 if unit == "dozen" else 1))
                else:
                    continue
                reason = None
                if surface.startswith("(") and surface.endswith(")"):
                    reason = "accounting negative"
                elif _YEAR.match(surface.strip()):
                    reason = "year"
                elif re.search(r"[×x]10|\de[+-]?\d", surface):
                    reason = "scientific notation"
                elif family == "q3.count" and _capitalized_neighbour(c["req"], surface):
                    reason = "number of a name or identifier"
                elif unit == "dozen" and "baker" in surface.lower():
                    reason = "idiom"
                if reason:
                    reasons.setdefault(family, reason)
                    continue
                unc = q.get("uncertainty")
                if unc:
                    lo = Expected(value - unc, exp.codes, exp.kind)
                    hi = Expected(value + unc, exp.codes, exp.kind)
                    by_family.setdefault(family, []).extend([lo, hi])
                else:
                    by_family.setdefault(family, []).append(exp)
            for family, reason in reasons.items():
                if family not in by_family:
                    cases.append(Case(family, c["req"], [], reason, extras_matter=False))
            for family, expected in by_family.items():
                cases.append(Case(family, c["req"], expected, extras_matter=family != "q3.count"))
    return cases


# ---------------------------------------------------------------- running
def run_numbers(case: Case) -> tuple[bool, str]:
    from extract.numbers import find_numbers

    found = [(n.start, n.end, n.value) for n in find_numbers(case.text)]
    used: set[int] = set()
    for exp in case.expected:
        hit = next(
            (
                i
                for i, (s, e, v) in enumerate(found)
                if i not in used and same(v, exp.value) and (exp.span is None or (s < exp.span[1] and exp.span[0] < e))
            ),
            None,
        )
        if hit is None:
            return False, f"missed {exp.value:g}; found {[(case.text[s:e], v) for s, e, v in found]}"
        used.add(hit)
    extra = [case.text[s:e] for i, (s, e, _) in enumerate(found) if i not in used]
    if extra and case.extras_matter:
        return False, f"extra {extra}"
    return True, ""


def run_figures(case: Case, extractor: Any) -> tuple[bool, str]:
    record = extractor(case.text)
    family = case.family.split(".")[1]
    figures = record.figures
    if family in ("currency", "money"):
        pool = [f for f in figures if f.kind == "money"]
    elif family == "percent":
        pool = [f for f in figures if f.kind == "percent"]
    else:
        pool = list(figures)
    used: set[int] = set()
    for exp in case.expected:
        hit = None
        for i, f in enumerate(pool):
            if i in used or not same(float(f.value), exp.value):
                continue
            if exp.codes is not None and f.unit not in exp.codes:
                continue
            hit = i
            break
        if hit is None:
            shown = [(f.text, f.value, f.unit) for f in figures]
            return False, f"missed {exp.value:g} {sorted(exp.codes) if exp.codes else ''}; found {shown}"
        used.add(hit)
    extra = [
        f.text
        for i, f in enumerate(pool)
        if i not in used and not any(s < f.end and f.start < e for s, e in case.ignore)
    ]
    if extra and case.extras_matter:
        return False, f"extra {extra}"
    return True, ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--failures", action="store_true", help="list every failed applicable case")
    ap.add_argument("--excluded", action="store_true", help="list every case counted as not applicable")
    ap.add_argument("--family", help="only this family (rt.number, rt.percent, rt.currency, q3.money, ...)")
    args = ap.parse_args()
    if not RT.is_dir() or not Q3.is_dir():
        print(f"external suites not found under {EXTERNAL}", file=sys.stderr)
        return 1

    from extract.pipeline import Extractor
    from extract.settings import Settings

    extractor = Extractor(Settings(kinds=frozenset({"figures"})))
    cases = recognizers_numbers() + recognizers_percent() + recognizers_currency() + quantulum()
    if args.family:
        cases = [c for c in cases if c.family == args.family]
    order = ["rt.number", "rt.percent", "rt.currency", "q3.money", "q3.percent", "q3.count"]
    stats: dict[str, Counter[str]] = {f: Counter() for f in order}
    reasons: dict[str, Counter[str]] = {f: Counter() for f in order}
    failures: list[str] = []
    for case in cases:
        st = stats[case.family]
        st["cases"] += 1
        if case.excluded:
            reasons[case.family][case.excluded] += 1
            if args.excluded:
                print(f"[n/a {case.family}] {case.excluded}: {case.text[:100]!r}")
            continue
        st["applicable"] += 1
        ok, why = run_numbers(case) if case.family == "rt.number" else run_figures(case, extractor)
        st["passed"] += ok
        if not case.not_supported:
            st["applicable_supported"] += 1
            st["passed_supported"] += ok
        if not ok:
            failures.append(f"[{case.family}] {case.text[:120]!r}: {why}")

    print(f"{'family':12} {'cases':>6} {'applic.':>8} {'passed':>7} {'share':>6}   {'w/o NotSupported':>17}")
    total_a = total_p = 0
    for fam in order:
        st = stats[fam]
        if not st["cases"]:
            continue
        share = st["passed"] / st["applicable"] if st["applicable"] else 0.0
        sup = st["passed_supported"] / st["applicable_supported"] if st["applicable_supported"] else 0.0
        total_a += st["applicable"]
        total_p += st["passed"]
        print(
            f"{fam:12} {st['cases']:6d} {st['applicable']:8d} {st['passed']:7d} {share:6.3f}"
            f"   {sup:6.3f} of {st['applicable_supported']}"
        )
    if total_a:
        print(f"{'all':12} {'':6} {total_a:8d} {total_p:7d} {total_p / total_a:6.3f}")
    print("\nnot applicable, by reason:")
    for fam in order:
        for reason, n in reasons[fam].most_common():
            print(f"  {fam:12} {n:4d}  {reason}")
    if args.failures:
        print("\nfailures:")
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check hand-written gold annotations against their articles before scoring with them.

    python bench/check_gold.py samples tests/corpus     # folders of NAME.txt + NAME.gold.json

Every `text` must come from the article (a direct quote split by "she said" is matched
part by part), names must occur in the headline or body, values must be well formed
(ISO 8601 dates and durations, numeric figures). Exit code 1 if any file has a problem.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

KEYS = ("id", "published", "headline", "authors", "people", "organizations", "places", "quotes", "figures", "dates")
KINDS = {"direct", "indirect", "mixed"}
DATE_VALUE = re.compile(
    r"\d{4}(?:-(?:\d\d(?:-\d\d(?:T\d\d:\d\d)?)?|Q[1-4]|H[12]|W\d\d))?"
    r"(?:/\d{4}(?:-\d\d(?:-\d\d)?)?)?"
)
DURATION_VALUE = re.compile(r"P(?=.)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=.)(?:\d+H)?(?:\d+M)?)?")
WORD = re.compile(r"\w+")


def annotated_text(article: str) -> str:
    """The part of an article that gold annotates: the headline and the body."""
    lines = article.split("\n")
    blank = lines.index("") if "" in lines else 1
    return "\n".join([lines[0], *lines[blank:]])


def found_in_order(needle: str, haystack: str, max_gap: int = 12) -> bool:
    """Whether the words of needle occur in haystack in order, allowing small gaps
    (the "she said" between two joined parts of a quote, dropped punctuation)."""
    words, text = WORD.findall(needle.casefold()), WORD.findall(haystack.casefold())
    if not words:
        return False
    for start in (i for i, w in enumerate(text) if w == words[0]):
        pos, gaps = start, 0
        for word in words[1:]:
            pos += 1
            while pos < len(text) and text[pos] != word and gaps <= max_gap:
                pos, gaps = pos + 1, gaps + 1
            if pos >= len(text) or text[pos] != word:
                break
        else:
            return True
    return False


def entry_name(entry: str | dict) -> str:
    """The main name of a people/organizations/places entry."""
    return entry if isinstance(entry, str) else entry["name"]


def check_pair(gold_path: Path) -> list[str]:
    """Problems found in one NAME.gold.json and its NAME.txt."""
    stem = gold_path.name.removesuffix(".gold.json")
    article_path = gold_path.with_name(f"{stem}.txt")
    if not article_path.exists():
        return [f"no article {article_path.name}"]
    article = article_path.read_text(encoding="utf-8")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        return [f"invalid JSON: {err}"]
    problems = [f"missing key {key!r}" for key in KEYS if key not in gold]
    if problems:
        return problems
    body = annotated_text(article)
    if gold["id"] != stem:
        problems.append(f"id {gold['id']!r} is not the file stem")
    if gold["headline"] != article.split("\n", 1)[0]:
        problems.append("headline is not line 1")
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", gold["published"] or ""):
        problems.append(f"published {gold['published']!r} is not YYYY-MM-DD")
    for category in ("people", "organizations", "places"):
        for entry in gold[category]:
            if entry_name(entry).casefold() not in body.casefold():
                problems.append(f"{category}: {entry_name(entry)!r} not in headline or body")
    for quote in gold["quotes"]:
        if quote.get("kind") not in KINDS:
            problems.append(f"quote kind {quote.get('kind')!r}")
        if not quote.get("speaker"):
            problems.append(f"quote without speaker: {quote['text'][:50]!r}")
        if quote["text"] not in body and not found_in_order(quote["text"], body):
            problems.append(f"quote not in article: {quote['text'][:60]!r}")
    for figure in gold["figures"]:
        if figure["text"] not in body:
            problems.append(f"figure text not in article: {figure['text']!r}")
        if isinstance(figure["value"], bool) or not isinstance(figure["value"], int | float):
            problems.append(f"figure value not a number: {figure!r}")
    for date in gold["dates"]:
        if date["text"] not in body:
            problems.append(f"date text not in article: {date['text']!r}")
        value, pattern = date["value"], DURATION_VALUE if date.get("kind") == "duration" else DATE_VALUE
        if value is not None and not pattern.fullmatch(value):
            problems.append(f"bad value for {date['text']!r}: {value!r}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, help="folders of NAME.txt + NAME.gold.json")
    args = ap.parse_args()
    failed = 0
    for folder in args.folders:
        for gold_path in sorted(folder.glob("*.gold.json")):
            problems = check_pair(gold_path)
            print(f"{gold_path}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
            for problem in problems:
                print(f"    {problem}")
            failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

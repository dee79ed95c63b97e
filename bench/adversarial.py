"""How much longer hostile text takes than ordinary news of the same size.

    python bench/adversarial.py [--size 1000000]

Builds about ``--size`` characters of ordinary news (the project's samples, repeated
and shuffled by paragraph) and several adversarial texts of the same size (runs of
quote marks, digits and commas, repeated reporting verbs, capitals, currency symbols,
brackets, zero-width and right-to-left characters), extracts each once with the full
pipeline, and prints seconds and the ratio to ordinary news. Every ratio should stay
at or below 3.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extract.pipeline import Extractor
from extract.readers import article_from_text
from extract.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def ordinary(size: int) -> str:
    paras = []
    for p in sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        body = p.read_text(encoding="utf-8").partition("\n\n")[2]
        paras += [line for line in body.splitlines() if line.strip()]
    out, i = [], 0
    while sum(map(len, out)) < size:
        out.append(paras[(i * 7) % len(paras)])
        i += 1
    return "Ordinary news\n2024-01-01\n\n" + "\n".join(out)


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ADVERSARIAL = {
    "straight quotes": '"',
    "mixed quote marks": "“‘«\"'»’”",
    "quotes with words": '"a" "b" \'c\' ',
    "digits": "9",
    "digits and commas": "1,",
    "digits, dots, commas": "1.2,3",
    "said said said": "said ",
    "reporting chain": "X said Y told Z that ",
    "capitalized words": "Ministry Of State Council ",
    "all caps": "BEIJING REUTERS XINHUA ",
    "money symbols": "$1.5 billion ($2 ",
    "percent runs": "5% 6 percent 7-percent ",
    "dates": "on Monday in June 2024 last week ",
    "brackets": "((((]]]]",
    "hyphens and dashes": "-–—-",
    "zero-width / RTL": "\u200b\u202e\u200dword ",
    "long word": "a",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000)
    args = ap.parse_args()
    ex = Extractor(Settings(max_chars=args.size * 2, time_limit=None))

    def timed(text: str) -> float:
        article = article_from_text(text, id="bench", published="2024-01-01", max_chars=args.size * 2)
        t = time.perf_counter()
        ex.extract(article)
        return time.perf_counter() - t

    timed("Warm-up article.\n\nPrices rose 3 percent on Monday, the ministry said.")
    base = timed(ordinary(args.size))
    print(f"ordinary news, {args.size:,} chars: {base:.2f} s")
    worst = 0.0
    for name, unit in ADVERSARIAL.items():
        secs = timed(fill(unit, args.size))
        worst = max(worst, secs / base)
        print(f"  {name:22} {secs:7.2f} s   {secs / base:5.2f} x ordinary")
    print(f"worst ratio: {worst:.2f} (target <= 3)")


if __name__ == "__main__":
    main()

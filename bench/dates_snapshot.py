"""Snapshot the ``dates`` of many texts, and compare a later run with a snapshot.

    python bench/dates_snapshot.py write SNAPSHOT.jsonl [--variants 3000]
    python bench/dates_snapshot.py compare SNAPSHOT.jsonl [--variants 3000]

For speed work on the dates component: output must stay identical. The texts are the
samples, ``tests/corpus``, the shared dev set, ``/work/heldout`` (only read, never
used for rules), the MEANTIME texts where present, and synthetic variants of all of
them (month, weekday, number and case changes; other publication dates), each run
under both date conventions. Snapshots hold extracted values: keep them out of the
repository (default place: /tmp).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from extract.pipeline import Extractor
from extract.settings import DATE_CONVENTIONS, Settings

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [
    ROOT / "samples",
    ROOT / "tests" / "corpus",
    ROOT.parent / "shared" / "corpus" / "dev",
    Path("/work/heldout"),
]
MEANTIME = ROOT.parent / "shared" / "external" / "meantime-en" / "intra-doc_annotation"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WORDS = ["last", "next", "this", "the previous", "the following", "early", "late", "mid-", "the end of"]
_MONTH_RE = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\b")
_DAY_RE = re.compile(r"\b(?:" + "|".join(_DAYS) + r")\b")
_NUM_RE = re.compile(r"\b\d{1,4}\b")
_UNIT_RE = re.compile(r"\b(year|month|week|quarter|day)s?\b")


def base_texts() -> list[tuple[str, str | None]]:
    """(text, published) of every text found; published None: the article's own."""
    out: list[tuple[str, str | None]] = []
    for folder in FOLDERS:
        out += [(p.read_text(encoding="utf-8"), None) for p in sorted(folder.glob("*.txt"))]
    if MEANTIME.is_dir():
        sys.path.insert(0, str(ROOT / "bench"))
        from timeml_eval import read_cat

        out += [(d.text, d.dct) for d in (read_cat(p) for p in sorted(MEANTIME.rglob("*.xml")))]
    return out


def variant(text: str, rng: random.Random) -> str:
    """The text with months, weekdays, small numbers, unit words and case changed at random."""
    text = _MONTH_RE.sub(lambda m: rng.choice(_MONTHS) if rng.random() < 0.5 else m.group(0), text)
    text = _DAY_RE.sub(lambda m: rng.choice(_DAYS) if rng.random() < 0.5 else m.group(0), text)
    text = _NUM_RE.sub(lambda m: str(rng.randint(1, 2030)) if rng.random() < 0.3 else m.group(0), text)
    text = _UNIT_RE.sub(lambda m: f"{rng.choice(_WORDS)} {m.group(0)}" if rng.random() < 0.2 else m.group(0), text)
    if rng.random() < 0.3:
        text = text.lower()
    return text


def all_inputs(variants: int) -> list[tuple[str, str | None]]:
    texts = base_texts()
    rng = random.Random(20250329)
    out = list(texts)
    for _ in range(variants):
        text, published = rng.choice(texts)
        if rng.random() < 0.5:
            published = f"{rng.randint(1995, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append((variant(text, rng), published))
    return out


def snapshot(variants: int) -> list[dict]:
    inputs = all_inputs(variants)
    rows = []
    for conventions in DATE_CONVENTIONS:
        ex = Extractor(Settings(kinds=frozenset({"dates"}), date_conventions=conventions, time_limit=None))
        for n, (text, published) in enumerate(inputs):
            record = ex(text, published=published, id=f"t{n}")
            dates = [[d.start, d.end, d.type, d.value, d.mod, d.anchor, d.rule] for d in record.dates]
            rows.append({"n": n, "conventions": conventions, "dates": dates})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("write", "compare"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--variants", type=int, default=3000)
    args = ap.parse_args()
    rows = snapshot(args.variants)
    if args.action == "write":
        args.snapshot.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} records, {sum(len(r['dates']) for r in rows)} dates written to {args.snapshot}")
        return 0
    old = [json.loads(line) for line in args.snapshot.read_text(encoding="utf-8").splitlines()]
    differ = [(a, b) for a, b in zip(old, rows, strict=True) if a != b]
    for a, b in differ[:20]:
        print(f"text {a['n']} ({a['conventions']}):\n  before {a['dates']}\n  after  {b['dates']}")
    print(f"{len(rows)} records compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Snapshot the whole records of many texts, and compare a later run with a snapshot.

    python bench/snapshot.py write SNAPSHOT.jsonl [--variants 1500] [--heldout]
    python bench/snapshot.py compare SNAPSHOT.jsonl [--variants 1500] [--heldout]

For speed work on any component: every record must stay byte-identical. The texts are
the samples, our annotated sets (``tests/corpus*``), the shared dev set, the MEANTIME
texts where present, the Recognizers-Text and quantulum3 sentences where present (as
one-paragraph articles), and synthetic variants of the articles (months, weekdays,
numbers, unit words, quote marks and case changed; other publication dates). Each
article runs under both date conventions. ``--heldout`` adds /work/heldout (only
read; a compare then prints record ids, never its text).

Snapshots hold extracted values of others' texts: keep them out of the repository
(default place: /tmp).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from dates_snapshot import MEANTIME, variant  # noqa: E402

from extract.pipeline import Extractor  # noqa: E402
from extract.readers import article_from_text  # noqa: E402
from extract.settings import DATE_CONVENTIONS, Settings  # noqa: E402

SHARED = ROOT.parent / "shared"
FOLDERS = [
    ROOT / "samples",
    ROOT / "tests" / "corpus",
    ROOT / "tests" / "corpus2",
    ROOT / "tests" / "corpus3",
    SHARED / "corpus" / "dev",
]
HELDOUT = Path("/work/heldout")
_QUOTES = re.compile(r"[\"“”]")


def _external_sentences() -> list[str]:
    """Test sentences of the figure suites, joined five to a paragraph."""
    sys.path.insert(0, str(ROOT / "bench"))
    import figures_eval as fe

    if not fe.RT.is_dir() or not fe.Q3.is_dir():
        return []
    cases = fe.recognizers_numbers() + fe.recognizers_percent() + fe.recognizers_currency() + fe.quantulum()
    texts = sorted({c.text for c in cases})
    return [" ".join(texts[i : i + 5]) for i in range(0, len(texts), 5)]


def base_texts(heldout: bool) -> list[tuple[str, str | None, bool]]:
    """(text, published, private) of every text found."""
    out: list[tuple[str, str | None, bool]] = []
    for folder in FOLDERS:
        out += [(p.read_text(encoding="utf-8"), None, False) for p in sorted(folder.glob("*.txt"))]
    if MEANTIME.is_dir():
        from timeml_eval import read_cat

        out += [(d.text, d.dct, False) for d in (read_cat(p) for p in sorted(MEANTIME.rglob("*.xml")))]
    out += [(t, "2025-03-29", False) for t in _external_sentences()]
    if heldout and HELDOUT.is_dir():
        out += [(p.read_text(encoding="utf-8"), None, True) for p in sorted(HELDOUT.glob("*.txt"))]
    return out


def _variant(text: str, rng: random.Random) -> str:
    text = variant(text, rng)
    if rng.random() < 0.2:
        text = _QUOTES.sub(lambda m: rng.choice(['"', "“", "”", "'"]), text)
    return text


def all_inputs(variants: int, heldout: bool) -> list[tuple[str, str | None, bool]]:
    texts = base_texts(heldout)
    articles = [t for t in texts if "\n" in t[0]]
    rng = random.Random(20261129)
    out = list(texts)
    for _ in range(variants if articles else 0):
        text, published, private = rng.choice(articles)
        if rng.random() < 0.5:
            published = f"{rng.randint(1995, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append((_variant(text, rng), published, private))
    return out


def snapshot(variants: int, heldout: bool, batch: int) -> list[tuple[str, bool]]:
    """(record JSON, private) per input and date convention; ``batch`` articles at a
    time through ``Extractor.pipe`` (1: one call per article)."""
    inputs = all_inputs(variants, heldout)
    rows = []
    for conventions in DATE_CONVENTIONS:
        ex = Extractor(Settings(date_conventions=conventions, time_limit=None))
        articles = [
            article_from_text(text, published=published, id=f"{conventions}-{n}")
            for n, (text, published, _) in enumerate(inputs)
        ]
        records = ex.pipe(articles, batch_size=batch)
        rows += [(record.to_json(), private) for record, (_, _, private) in zip(records, inputs, strict=True)]
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("write", "compare"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--variants", type=int, default=1500)
    ap.add_argument("--heldout", action="store_true", help="add /work/heldout (a compare prints only ids)")
    ap.add_argument("--batch", type=int, default=1, help="articles per batch (a batch must not change any record)")
    args = ap.parse_args()
    rows = snapshot(args.variants, args.heldout, args.batch)
    if args.action == "write":
        args.snapshot.write_text("".join(r + "\n" for r, _ in rows), encoding="utf-8")
        print(f"{len(rows)} records written to {args.snapshot}")
        return 0
    old = args.snapshot.read_text(encoding="utf-8").splitlines()
    if len(old) != len(rows):
        print(f"snapshot has {len(old)} records, this run {len(rows)}: not the same inputs")
        return 1
    differ = [(a, b, private) for a, (b, private) in zip(old, rows, strict=True) if a != b]
    for a, b, private in differ[:10]:
        ra, rb = json.loads(a), json.loads(b)
        print(f"record {ra['id']}:")
        for key in ra:
            if ra[key] != rb.get(key):
                if private:
                    print(f"  {key} differs")
                else:
                    print(f"  {key}\n    before {json.dumps(ra[key])[:1500]}\n    after  {json.dumps(rb[key])[:1500]}")
    print(f"{len(rows)} records compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

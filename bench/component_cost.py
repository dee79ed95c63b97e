"""What each newsfacts component costs, as a ratio to the floor every spaCy pipeline
pays (``spacy.blank("en")`` tokenizer plus sentencizer), measured in one run.

    python bench/component_cost.py [--repeat 30]

Reads the samples and, where present, the shared dev texts. Prints one line per
component: seconds per 1,000 documents and the ratio to the floor.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from extract.batch import worker_extractor
from extract.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def load_texts() -> list[str]:
    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    texts = load_texts() * args.repeat
    floor = spacy.blank("en")
    floor.add_pipe("sentencizer")
    ex = worker_extractor(Settings())  # as the CLI and its workers load it
    from extract.build import build_record
    from extract.readers import article_from_text

    # Interleaved, document by document: a shared machine's load changes during a run
    # and must weigh on the floor and on each component alike.
    base = 0.0
    costs: dict[str, float] = {"tokenizer": 0.0}
    build = 0.0
    for text in texts:
        t = time.perf_counter()
        floor(text)
        base += time.perf_counter() - t
        article = article_from_text(text)
        t = time.perf_counter()
        doc = ex.make_doc(article)
        costs["tokenizer"] += time.perf_counter() - t
        for name, proc in ex.nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            costs[name] = costs.get(name, 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        build_record(doc, article).to_json()
        build += time.perf_counter() - t
    costs["build+json"] = build
    n = len(texts)
    import extract

    build = "compiled" if extract.compiled_modules() else "plain Python"
    print(f"newsfacts {build} (an editable install is plain Python; see setup.py)")
    print(f"floor (tokenizer + sentencizer): {base / n * 1000:.3f} s per 1,000 docs ({n} docs)")
    total = 0.0
    for name, secs in costs.items():
        total += secs
        print(f"  {name:22} {secs / n * 1000:8.3f} s/1k docs   {secs / base:6.3f} x floor")
    print(
        f"  {'total':22} {total / n * 1000:8.3f} s/1k docs   {total / base:6.3f} x floor"
        f"  -> speed ratio {base / total:.2f}"
    )


if __name__ == "__main__":
    main()

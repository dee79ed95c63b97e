"""Throughput, parallel speed-up, memory and start-up of newsfacts, in one run.

    python bench/throughput.py                 # 20,000 articles (a few minutes)
    python bench/throughput.py --articles 4000 # quicker

The corpus is built from the project's samples and, where present, the shared dev
texts (no network): article i is base text i mod n with its body paragraphs rotated,
so that documents differ. Printed figures, all measured in this run on this machine:

- full extraction (records serialized to JSON): documents/s and tokens/s;
- the floor every spaCy pipeline pays, ``spacy.blank("en")`` tokenizer + sentencizer,
  on the same texts: documents/s and tokens/s; the ratio full / floor (the two take
  turns, 500 documents at a time, so that a change of load weighs on both);
- ``newsfacts --jobs 2`` over ``--jobs 1`` on the same JSON Lines file (whole commands);
- a worker's resident memory after 2,000 articles and after all of them, and its peak;
- the time from starting ``newsfacts`` to its first record on stdout.

Machines are shared and noisy: compare ratios from one run, not seconds across runs.

It measures the ``extract`` it imports: in an editable install, plain Python; in a
regular one, the rule code compiled with Cython (``setup.py``), as users run it:

    python3 -m venv /tmp/nf && /tmp/nf/bin/pip install . && /tmp/nf/bin/python bench/throughput.py

The first line printed says which. The ``newsfacts`` commands it times run from a
temporary folder, so that they import the same package.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "samples", ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus" / "dev"]


def base_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit("no texts found in samples/ or the dev corpus")
    return texts


def build_corpus(n: int) -> list[str]:
    bases = base_texts()
    out = []
    for i in range(n):
        text = bases[i % len(bases)]
        head, _, body = text.partition("\n\n")
        paras = [p for p in body.split("\n") if p.strip()]
        if paras:
            k = (i // len(bases)) % len(paras)
            paras = paras[k:] + paras[:k]
        out.append(head + "\n\n" + "\n".join(paras) + "\n")
    return out


_CHUNK = 500  # documents per turn when the floor and the full extraction take turns


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_in_process(texts: list[str]) -> dict[str, float]:
    import spacy

    from extract.batch import worker_extractor
    from extract.readers import article_from_text
    from extract.settings import Settings

    floor = spacy.blank("en")
    floor.add_pipe("sentencizer")
    extractor = worker_extractor(Settings())  # as the CLI and its workers load it
    articles = [article_from_text(t, id=f"a{i}") for i, t in enumerate(texts)]
    # Interleaved, a chunk of the floor then the same chunk in full: a shared machine's
    # load changes during a run and must weigh on both alike.
    results = extractor.pipe_results(articles)
    floor_s = full_s = 0.0
    tokens = done = 0
    rss_2000 = float("nan")
    for lo in range(0, len(texts), _CHUNK):
        chunk = texts[lo : lo + _CHUNK]
        t0 = time.perf_counter()
        for doc in floor.pipe(chunk, batch_size=64):
            tokens += len(doc)
        floor_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in chunk:
            next(results).to_json()  # type: ignore[union-attr]
            done += 1
            if done == min(2000, len(texts)):
                rss_2000 = rss_mb()
        full_s += time.perf_counter() - t0
    return {
        "docs": len(texts),
        "tokens": tokens,
        "floor_s": floor_s,
        "full_s": full_s,
        "rss_2000": rss_2000,
        "rss_end": rss_mb(),
        "rss_peak": rss_mb("VmHWM"),
    }


def time_command(args: list[str]) -> float:
    t0 = time.perf_counter()
    # from a folder without extract/: ``-m extract`` in the checkout would import its source
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    return time.perf_counter() - t0


def time_to_first_record(path: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", str(path)], stdout=subprocess.PIPE, cwd=tempfile.gettempdir()
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.kill()
    proc.wait()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument(
        "--parallel-articles", type=int, default=None, help="articles for the --jobs comparison (default: all)"
    )
    args = ap.parse_args()
    texts = build_corpus(args.articles)

    m = measure_in_process(texts)
    floor_dps, full_dps = m["docs"] / m["floor_s"], m["docs"] / m["full_s"]
    import extract

    compiled = extract.compiled_modules()
    build = f"compiled ({len(compiled)} modules)" if compiled else "plain Python"
    print(f"newsfacts {extract.__version__}, {build}, Python {sys.version.split()[0]}")
    print(f"corpus: {m['docs']:,} articles, {m['tokens']:,} tokens")
    print(
        f"floor  (blank tokenizer + sentencizer): {floor_dps:9,.0f} docs/s {m['tokens'] / m['floor_s']:11,.0f} tokens/s"
    )
    print(
        f"newsfacts full extraction to JSON:      {full_dps:9,.0f} docs/s {m['tokens'] / m['full_s']:11,.0f} tokens/s"
    )
    print(f"ratio full / floor:                     {full_dps / floor_dps:9.2f}")
    print(
        f"worker RSS after {min(2000, m['docs']):,} articles: {m['rss_2000']:.0f} MB; after {m['docs']:,}: "
        f"{m['rss_end']:.0f} MB (growth {100 * (m['rss_end'] / m['rss_2000'] - 1):+.1f}%); peak {m['rss_peak']:.0f} MB"
    )

    n_par = args.parallel_articles or len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts[:n_par])),
            encoding="utf-8",
        )
        base = [sys.executable, "-m", "extract", str(corpus), "-o", str(Path(tmp) / "out.jsonl"), "--quiet"]
        t1 = time_command([*base, "--jobs", "1"])
        t2 = time_command([*base, "--jobs", "2"])
        print(f"--jobs 1: {t1:.1f} s, --jobs 2: {t2:.1f} s for {n_par:,} articles: speed-up {t1 / t2:.2f}x")
        one = Path(tmp) / "one.txt"
        one.write_text(texts[0], encoding="utf-8")
        firsts = sorted(time_to_first_record(one) for _ in range(3))
        print(f"time from start to first record: {firsts[1]:.2f} s (median of 3)")


if __name__ == "__main__":
    main()

"""The property test, long: any text gives a valid record whose offsets slice back.

    python bench/property_long.py [--examples 20000] [--seed 0]

Runs the same check as tests/test_properties.py over many more hypothesis examples
than CI does and prints how many ran and whether any failed (with the smallest
failing text hypothesis finds).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, assume, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_properties import TEXTS, check_record

from extract import extract_text
from extract.readers import normalize_text


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    count = 0
    failing: list[str] = []

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(TEXTS)
    def prop(text: str) -> None:
        nonlocal count
        assume(normalize_text(text).strip())
        count += 1
        try:
            check_record(extract_text, text)
        except Exception:
            failing.append(text)  # the last one is the smallest hypothesis found
            raise

    t = time.perf_counter()
    try:
        prop()
    except Exception as exc:
        print(f"FAILED after {count:,} examples: {type(exc).__name__}: {exc}")
        if failing:
            print(f"smallest failing text: {failing[-1]!r}")
        cause = exc.__cause__
        if cause is not None:
            traceback.print_exception(type(cause), cause, cause.__traceback__)
        return 1
    print(f"{count:,} examples passed in {time.perf_counter() - t:.0f} s; no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())

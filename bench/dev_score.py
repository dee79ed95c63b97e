"""Dev-set scoreboard: run newsfacts over a gold folder and score it with score.py.

python bench/dev_score.py                  # ../shared/corpus/dev
python bench/dev_score.py --misses         # and list every miss
python bench/dev_score.py --gold samples   # our own annotated samples
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "corpus" / "dev", help="folder of NAME.txt + NAME.gold.json")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--keep", type=Path, help="keep the records here")
    args = ap.parse_args()
    score = SHARED / "tools" / "score.py"
    if not score.exists():
        print(f"no scorer at {score}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "out.jsonl"
        txts = sorted(str(p) for p in args.gold.glob("*.txt"))
        run = subprocess.run([sys.executable, "-m", "extract", *txts, "-o", str(out), "--quiet"], check=False)
        if run.returncode not in (0, 3):
            return run.returncode
        cmd = [sys.executable, str(score), str(args.gold), str(out)] + (["--misses"] if args.misses else [])
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

"""A corpus of broken and hostile inputs, mixed with good articles, built on the fly.

``build_mixed_corpus(folder)`` writes the files and returns what each input must give:
"record" (hostile but readable text: the tool must cope) or "error" (unreadable: one
error entry with a clear message). Used by tests/test_robustness.py and by
bench/adversarial.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOOD = [
    (
        "good-harbour",
        "Harbour traffic rises\nBy ANA COSTA | Port Daily | 2024-05-06\n\n"
        "ROTTERDAM, May 6 (Reuters) - Container traffic at the harbour rose 4.5 percent in April "
        "to 1.2 million boxes, the port authority said on Monday.\n"
        '"We expect a busier summer," said Marta de Vries, the authority\'s chief executive. '
        '"Shipping lines are adding routes."\n'
        "Analysts said volumes could climb a further 2 percentage points next quarter.\n",
    ),
    (
        "good-budget",
        "Kenya lifts spending plan\n2023-06-14\n\n"
        "NAIROBI, June 14 (Xinhua) -- Kenya's Treasury raised its budget for the 2023/24 fiscal year "
        "to 3.6 trillion shillings ($25.8 billion), Finance Minister Njuguna Ndung'u told parliament on Thursday.\n"
        "He said the deficit would narrow to 4.4 percent of GDP from 5.8 percent a year earlier.\n",
    ),
    (
        "good-tech",
        "Chipmaker beats forecasts\n2025-01-30\n\n"
        "SEOUL, Jan. 30 (Yonhap) -- Hanbit Semiconductor said on Thursday its fourth-quarter profit "
        "more than doubled to 3.1 trillion won, helped by demand for memory chips.\n"
        "According to chief financial officer Park Ji-won, the company will invest about 12 trillion won this year.\n",
    ),
]


def _write(path: Path, data: bytes | str) -> None:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def build_mixed_corpus(folder: Path, *, max_chars: int = 5_000_000) -> dict[str, str]:
    """Write good and bad inputs into ``folder``; return {input id: "record" | "error"}."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}
    for ident, text in GOOD:
        _write(folder / f"{ident}.txt", text)
        expect[ident] = "record"

    errors: dict[str, bytes | str] = {
        "bad-empty": b"",
        "bad-whitespace": " \n\t \n\n   ",
        "bad-binary": bytes(range(256)) * 64,
        "bad-pdf": b"%PDF-1.4\n" + bytes(range(200)),
        "bad-control-bytes": bytes(c for c in range(1, 32) if c != 10) * 300,
        "bad-truncated-utf8": "Officials said prices rose in Zürich and São Paulo — again €".encode()[:-1],
        "bad-too-large": "x" * (max_chars + 10),
    }
    for ident, data in errors.items():
        _write(folder / f"{ident}.txt", data)
        expect[ident] = "error"

    sentence = "Prices rose 3 percent on Monday, the ministry said. "
    records: dict[str, str] = {
        "hostile-quotes": '"' * 100_000,
        "hostile-mixed-quotes": ("“ « ' ‘ \" ” » ’ " * 12_500),
        "hostile-digits": "1,2" + ",1" * 50_000 + "0" * 50_000,
        "hostile-digit-runs": " ".join(["9" * 40] * 5_000),
        "hostile-said": "said " * 100_000,
        "hostile-verbs": ("X said Y told Z that W added " * 10_000),
        "hostile-control": (sentence[:20] + "\x1b[1m\x07\x0b\x08\x7f" + sentence[20:] + "\x0c\r") * 500,
        "hostile-rtl-zero-width": ("\u202e\u200b\u200c\u200d\ufeff\u2066" + sentence) * 200,
        "hostile-one-line": sentence * 15_000,
        "hostile-capitals": "The " + "Ministry Of " * 20_000 + "said.",
        "hostile-dates": "on Monday " * 30_000 + "in 2024 " * 10_000,
        "hostile-money": "$1.5 billion ($2 billion ($3 billion " * 10_000,
    }
    for ident, text in records.items():
        _write(folder / f"{ident}.txt", text)
        expect[ident] = "record"

    lines = [
        json.dumps({"id": "jl-good", "text": GOOD[0][1], "published": "2024-05-06"}),
        '{"id": "jl-broken", "text": "cut off',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "jl-notext", "headline": "No body"}),
        json.dumps({"id": "jl-badtext", "text": {"nested": True}}),
        json.dumps({"id": "jl-hostile", "text": "\u200b" * 50_000 + "said"}),
    ]
    _write(folder / "feed.jsonl", "\n".join(lines) + "\n")
    expect.update(
        {"jl-good": "record", "feed:2": "error", "feed:3": "error", "jl-notext": "error", "jl-badtext": "error"}
    )
    expect["jl-hostile"] = "record"

    (folder / "bad-loop.txt").symlink_to(folder / "bad-loop.txt")
    expect["bad-loop"] = "error"
    (folder / "bad-dangling.txt").symlink_to(folder / "nowhere.txt")
    expect["bad-dangling"] = "error"
    if os.geteuid() != 0:
        locked = folder / "bad-locked.txt"
        _write(locked, GOOD[0][1])
        locked.chmod(0)
        expect["bad-locked"] = "error"
    return expect

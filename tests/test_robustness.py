"""Hostile and broken input: a clear error for that input alone, or a correct record."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from hostile import GOOD, build_mixed_corpus

MAX_CHARS = 1_000_000


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed") / "inputs"
    expect = build_mixed_corpus(folder, max_chars=MAX_CHARS)
    out = folder.parent / "out.jsonl"
    errors = folder.parent / "errors.jsonl"
    missing = str(folder.parent / "missing-file.txt")
    cmd = [sys.executable, "-m", "extract", str(folder), missing, "-o", str(out), "--errors", str(errors)]
    cmd += ["--max-chars", str(MAX_CHARS)]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    elapsed = time.monotonic() - started
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    entries = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    return {
        "folder": folder,
        "expect": expect,
        "proc": proc,
        "elapsed": elapsed,
        "records": records,
        "errors": entries,
        "missing": missing,
    }


def test_robustness_mixed_batch_exit_code_and_time(mixed_run):
    assert mixed_run["proc"].returncode == 3, mixed_run["proc"].stderr
    assert mixed_run["elapsed"] < 60
    assert "Traceback" not in mixed_run["proc"].stderr
    assert mixed_run["proc"].stderr == ""  # errors went to --errors


def test_robustness_every_input_gives_exactly_one_outcome(mixed_run):
    got_records = [r["id"] for r in mixed_run["records"]]
    got_errors = [e["id"] for e in mixed_run["errors"] if e["id"] is not None]
    assert len(got_records) == len(set(got_records))
    assert len(got_errors) == len(set(got_errors))
    for ident, outcome in mixed_run["expect"].items():
        if outcome == "record":
            assert ident in got_records and ident not in got_errors, ident
        else:
            assert ident in got_errors and ident not in got_records, ident
    assert set(got_records) | set(got_errors) == set(mixed_run["expect"])
    missing = [e for e in mixed_run["errors"] if e["path"] == mixed_run["missing"]]
    assert len(missing) == 1 and missing[0]["code"] == "E101"


def test_robustness_error_entries_are_clear_one_liners(mixed_run):
    for entry in mixed_run["errors"]:
        assert set(entry) == {"id", "path", "line", "code", "message"}
        assert entry["code"].startswith("E1")
        assert entry["message"] and "\n" not in entry["message"] and len(entry["message"]) < 300


def test_robustness_good_articles_same_as_alone(mixed_run):
    by_id = {r["id"]: r for r in mixed_run["records"]}
    for ident, _ in GOOD:
        path = mixed_run["folder"] / f"{ident}.txt"
        alone = subprocess.run([sys.executable, "-m", "extract", str(path)], capture_output=True, text=True, check=True)
        assert json.loads(alone.stdout) == by_id[ident]


def test_robustness_hostile_records_validate_and_slice(mixed_run):
    from extract.readers import normalize_text
    from extract.validate import problems

    folder = mixed_run["folder"]
    for record in mixed_run["records"]:
        text = None
        if record["source"]["format"] == "text":
            text = normalize_text((folder / record["source"]["path"].rsplit("/", 1)[-1]).read_text(encoding="utf-8"))
        assert problems(record, text) == [], record["id"]

"""Batch runs: order, parallel workers, shards, resume after a kill, Dask."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from extract.batch import BatchOptions, done_ids_in_jsonl, in_shard, parse_shard, run
from extract.errors import UsageError
from extract.readers import ReadOptions
from extract.settings import Settings

TEMPLATE = (
    "Harbour {n} reports record cargo\n2024-05-{day:02d}\n\n"
    "SINGAPORE, May {day} (Reuters) - Harbour {n} handled {n}00 containers in April, "
    "up {pct} percent from March, its operator said on Monday.\n"
    '"We expect more ships next quarter," said operations chief Tan Wei Ling.\n'
)


def make_corpus(folder, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for n in range(count):
        ident = f"port-{n:03d}"
        text = TEMPLATE.format(n=n + 1, day=n % 28 + 1, pct=n % 9 + 1)
        if n % 5 == 4:
            with gzip.open(folder / f"{ident}.txt.gz", "wt", encoding="utf-8") as f:
                f.write(text)
        else:
            (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
        ids.append(ident)
    lines = [json.dumps({"id": f"line-{i}", "text": TEMPLATE.format(n=90 + i, day=3, pct=2)}) for i in range(6)]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids + [f"line-{i}" for i in range(6)]


def collect(paths, **kw) -> list[str]:
    settings = Settings()
    lines: list[str] = []
    options = BatchOptions(read=ReadOptions.from_settings(settings), **kw)
    run(paths, settings=settings, options=options, on_result=lambda r: lines.append(r.line or r.error.to_json()))
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "news"
    ids = make_corpus(folder, 40)
    return folder, ids


@pytest.fixture(scope="module")
def serial_lines(corpus):
    return collect([str(corpus[0])])


def test_batch_reads_every_input_once_in_order(corpus, serial_lines):
    _, ids = corpus
    got = [json.loads(line)["id"] for line in serial_lines]
    assert sorted(got) == sorted(ids)
    assert got == sorted(got, key=lambda i: (i.startswith("line"), i))  # folder order: port-*.txt(.gz) then wire.jsonl


def test_batch_jobs_2_gives_the_same_bytes(corpus, serial_lines):
    assert collect([str(corpus[0])], jobs=2, chunk_size=3) == serial_lines


def test_batch_shards_partition_the_inputs(corpus, serial_lines):
    parts = [collect([str(corpus[0])], shard=(k, 3)) for k in (1, 2, 3)]
    assert sorted(line for part in parts for line in part) == sorted(serial_lines)
    assert all(parts)


@pytest.mark.parametrize(("text", "kn"), [("1/4", (1, 4)), (" 4 / 4 ", (4, 4))])
def test_batch_parse_shard(text, kn):
    assert parse_shard(text) == kn


@pytest.mark.parametrize("text", ["0/4", "5/4", "a/b", "3"])
def test_batch_parse_shard_rejects(text):
    with pytest.raises(UsageError):
        parse_shard(text)


def test_batch_shard_is_stable():
    assert [in_shard(f"doc-{i}", (1, 2)) for i in range(8)] == [in_shard(f"doc-{i}", (1, 2)) for i in range(8)]


def test_batch_resume_cuts_a_partial_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\n{"id": "b"}\n{"id": "c", "entit', encoding="utf-8")
    assert done_ids_in_jsonl(out) == {"a", "b"}
    assert out.read_text() == '{"id": "a"}\n{"id": "b"}\n'


def test_batch_killed_run_resumes_to_every_input_exactly_once(tmp_path, serial_lines):
    folder = tmp_path / "news"
    ids = make_corpus(folder, 120)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extract", str(folder), "-o", str(out), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and out.read_text(encoding="utf-8").count("\n") >= 10:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = out.read_text(encoding="utf-8").count("\n")
    assert 10 <= partial < len(ids), "the run was not killed mid-way"
    resumed = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    got = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(got) == sorted(ids)
    clean = tmp_path / "clean.jsonl"
    subprocess.run([sys.executable, "-m", "extract", str(folder), "-o", str(clean), "--quiet"], check=True)
    assert sorted(out.read_text().splitlines()) == sorted(clean.read_text().splitlines())


def test_batch_dask_local_cluster_matches_local_run(corpus, serial_lines, tmp_path):
    distributed = pytest.importorskip("distributed")
    from extract.distributed import run_on_cluster

    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = run_on_cluster([str(corpus[0])], tmp_path / "parts", address=client, files_per_partition=7)
    parts = sorted((tmp_path / "parts").glob("part-*.jsonl"))
    assert len(parts) > 1
    lines = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    assert sorted(lines) == sorted(serial_lines)
    assert summary.documents == len(serial_lines) and summary.errors == 0


def test_batch_records_do_not_depend_on_what_came_before():
    """The same article gives the same record whatever the process read before it."""
    from conftest import ROOT

    files = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    forward = collect([str(p) for p in files])
    backward = collect([str(p) for p in reversed(files)])
    assert sorted(forward) == sorted(backward)
    assert forward == list(reversed(backward))


def test_a_worker_freezes_what_it_loaded_and_a_plain_extractor_does_not() -> None:
    """The runners' processes move the loaded pipeline out of the garbage collector's
    full passes (gc.freeze); the library's Extractor leaves the caller's collector alone.
    In a fresh process, as the freeze is for the whole process."""
    code = (
        "import gc\n"
        "from extract.pipeline import Extractor\n"
        "from extract.batch import worker_extractor\n"
        "from extract.settings import Settings\n"
        "Extractor(Settings())\n"
        "plain = gc.get_freeze_count()\n"
        "ex = worker_extractor(Settings())\n"
        "frozen = gc.get_freeze_count()\n"
        "assert worker_extractor(Settings()) is ex\n"
        "print(plain, frozen > 10000, gc.get_freeze_count() == frozen, gc.get_threshold()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "True", "True", "10000"]

"""Many inputs -> records: in order, in parallel, resumable, sharded.

The unit of work is a chunk of articles. ``process_chunk`` turns one into finished JSON
lines (records and error entries) with the pipeline of the process it runs in, loaded
once per process. The local runner (``run``) feeds chunks to itself or to a pool of
worker processes and writes their lines in input order as they come back; the Dask
runner (``extract.distributed``) maps the same function over a cluster.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import re
import sys
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import ExtractionError, InputError, UsageError
from .readers import Article, InputFailure, InputRef, ReadOptions, expand_inputs, iter_articles
from .records import ArticleRecord
from .settings import Settings

if TYPE_CHECKING:
    from .pipeline import Extractor

CHUNK_SIZE = 64
"""Articles per unit of work. A chunk is one batch through the pipeline's stages, and
its per-batch costs (the memory zone, the stage switches) are shared by more articles
at 64 than at 16: 5-10% less time per article, measured with ``run`` on 3,000
articles. Larger chunks gain nothing more and hold more Docs at once."""


@dataclass
class ErrorEntry:
    """One input that gave no record."""

    id: str | None
    path: str | None
    code: str
    message: str
    line: int | None = None

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "path": self.path, "line": self.line, "code": self.code, "message": self.message},
            ensure_ascii=False,
        )

    def one_line(self) -> str:
        where = self.path or self.id or "input"
        if self.line is not None and f"line {self.line}" not in self.message:
            where += f":{self.line}"
        return f"newsfacts: error: {where}: {self.message} [{self.code}]"


@dataclass
class Result:
    """What became of one input: a record's JSON line or an error entry."""

    id: str
    line: str | None = None
    error: ErrorEntry | None = None
    facts: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    """What a batch run did."""

    documents: int = 0
    errors: int = 0
    skipped: int = 0
    facts: Counter[str] = field(default_factory=Counter)

    def add(self, result: Result) -> None:
        if result.error is not None:
            self.errors += 1
        else:
            self.documents += 1
            self.facts.update(result.facts)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "errors": self.errors, "skipped": self.skipped, "facts": dict(self.facts)}


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs, beyond the extraction settings."""

    jobs: int = 1
    shard: tuple[int, int] | None = None  # (k, n): the k-th of n shards, 1 <= k <= n
    skip_ids: frozenset[str] = frozenset()
    read: ReadOptions = field(default_factory=ReadOptions)
    chunk_size: int = CHUNK_SIZE


def parse_shard(text: str) -> tuple[int, int]:
    """ "2/8" -> (2, 8): the second of eight shards."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise UsageError(f"--shard wants K/N with 1 <= K <= N, not {text!r}")
    return int(m.group(1)), int(m.group(2))


def in_shard(ident: str, shard: tuple[int, int] | None) -> bool:
    """Whether an input belongs to a shard: a stable hash of its id, the same on every machine."""
    if shard is None:
        return True
    k, n = shard
    return zlib.crc32(ident.encode("utf-8", "surrogatepass")) % n == k - 1


def resolve_jobs(jobs: int) -> int:
    """0 means every core this process may use."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


# -- the unit of work -----------------------------------------------------------------


def error_entry(result: InputFailure | ExtractionError, article: Article | None = None) -> ErrorEntry:
    if isinstance(result, InputFailure):
        return ErrorEntry(result.id, result.path, result.error.code, _one_line(result.error.message), result.line)
    return ErrorEntry(
        article.id if article else None,
        article.path if article else result.path,
        result.code,
        _one_line(result.message),
        article.line if article else None,
    )


def _one_line(message: str) -> str:
    return " ".join(message.split())[:500]


def _facts(record: ArticleRecord) -> dict[str, int]:
    return {
        "entities": len(record.entities),
        "figures": len(record.figures),
        "dates": len(record.dates),
        "quotations": len(record.quotations),
    }


_SETTLED: set[Settings] = set()
GC_YOUNG_THRESHOLD = 10_000


def worker_extractor(settings: Settings) -> Extractor:
    """This process's pipeline for ``settings``, loaded on first use.

    Right after loading, the process's objects (the pipeline's tables, the modules
    loaded) are collected once and then frozen out of the cyclic garbage collector's
    view (``gc.freeze``). A batch keeps its Docs alive across stages, so the collector
    promotes thousands of objects per batch and runs full passes over the whole heap
    every couple of hundred articles; frozen, those passes skip what lives as long as
    the process. Measured on news in one process, the two taking turns: about 15% less
    time per article. The youngest generation is also collected every
    ``GC_YOUNG_THRESHOLD`` allocations instead of 700: a batch's objects live until the
    batch ends, so most young collections found nothing to free and promoted them all
    (another 3-4%). Used by every runner (the CLI, its worker processes, Dask
    workers): a process that is there to extract. ``Extractor`` itself leaves the
    collector alone, as a library should; the README says how to get the same gain in a
    long-running process of your own."""
    from .pipeline import default_extractor

    extractor = default_extractor(settings)
    if settings not in _SETTLED:
        _SETTLED.add(settings)
        gc.collect()
        gc.freeze()
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)
    return extractor


def process_chunk(chunk: list[Article | InputFailure], settings: Settings) -> list[Result]:
    """Finished results of a chunk of articles, in order, with this process's pipeline."""
    extractor = worker_extractor(settings)
    out = []
    for item, result in zip(chunk, extractor.pipe_results(chunk, batch_size=len(chunk) or 1), strict=True):
        if isinstance(result, ArticleRecord):
            out.append(Result(result.id, line=result.to_json(), facts=_facts(result)))
        else:
            entry = error_entry(result, item if isinstance(item, Article) else None)
            out.append(Result(entry.id or "", error=entry))
    return out


def select_inputs(paths: Iterable[str], options: BatchOptions) -> tuple[list[InputRef | InputFailure], int]:
    """The inputs this run covers (its shard, minus ids done before) and how many were skipped."""
    selected: list[InputRef | InputFailure] = []
    skipped = 0
    for ref in expand_inputs(paths):
        ident = ref.id if isinstance(ref, InputRef) else (ref.id or ref.path or "")
        if isinstance(ref, InputRef) and ref.format == "jsonl":
            selected.append(ref)  # lines are selected one by one once read
        elif not in_shard(ident, options.shard):
            continue
        elif isinstance(ref, InputRef) and ref.id in options.skip_ids:
            skipped += 1
        else:
            selected.append(ref)
    return selected, skipped


def chunks_of(
    refs: list[InputRef | InputFailure], options: BatchOptions, summary: Summary
) -> Iterator[list[Article | InputFailure]]:
    """Articles of the selected inputs, read lazily, in chunks."""
    chunk: list[Article | InputFailure] = []
    for item in iter_articles(refs, options.read):
        if isinstance(item, Article) and item.format == "jsonl":
            if not in_shard(item.id, options.shard):
                continue
            if item.id in options.skip_ids:
                summary.skipped += 1
                continue
        elif isinstance(item, InputFailure) and not in_shard(item.id or item.path or "", options.shard):
            continue
        chunk.append(item)
        if len(chunk) >= options.chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- the local runner ----------------------------------------------------------------

_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    worker_extractor(settings)  # load the pipeline once, before the first chunk arrives


def _work(chunk: list[Article | InputFailure]) -> list[Result]:
    assert _WORKER_SETTINGS is not None
    return process_chunk(chunk, _WORKER_SETTINGS)


def run(
    paths: Iterable[str],
    *,
    settings: Settings,
    options: BatchOptions | None = None,
    on_result: Callable[[Result], None],
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Extract every article of ``paths``; each result goes to ``on_result`` in input
    order as soon as it and all before it are done."""
    options = options or BatchOptions(read=ReadOptions.from_settings(settings))
    summary = Summary()
    refs, summary.skipped = select_inputs(paths, options)
    if on_total is not None and all(isinstance(r, InputFailure) or r.format != "jsonl" for r in refs):
        on_total(len(refs))
    chunks = chunks_of(refs, options, summary)
    jobs = resolve_jobs(options.jobs)

    def deliver(results: list[Result]) -> None:
        for result in results:
            summary.add(result)
            on_result(result)

    if jobs == 1:
        for chunk in chunks:
            deliver(process_chunk(chunk, settings))
        return summary

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[Any] = deque()
        window = 4 * jobs  # chunks in flight: keeps every worker busy without reading ahead unboundedly
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= window:
                deliver(pending.popleft().get())
        while pending:
            deliver(pending.popleft().get())
    return summary


# -- output -------------------------------------------------------------------------


def safe_filename(record_id: str) -> str:
    """An id as a file name: path separators and odd characters replaced."""
    name = re.sub(r"[^\w.@+-]+", "_", record_id).strip("._") or "article"
    return name[:200]


class JsonlSink:
    """Records as JSON Lines, one write and one flush per line, so a killed run leaves at
    most one partial last line (which ``--resume`` removes)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, result: Result) -> None:
        if result.line is not None:
            self.stream.write(result.line + "\n")
            self.stream.flush()


class DirSink:
    """One indented ``<id>.json`` per record, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, result: Result) -> None:
        if result.line is None:
            return
        target = self.folder / f"{safe_filename(result.id)}.json"
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(json.loads(result.line), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(target)


def done_ids_in_jsonl(path: Path) -> frozenset[str]:
    """Ids of the records already in an output file. A partial last line (a run killed
    while writing) is cut off so that appending goes on from a clean line."""
    if not path.exists():
        return frozenset()
    ids: set[str] = set()
    good_end = 0
    with open(path, "rb+") as f:
        offset = 0
        for raw in f:
            end = offset + len(raw)
            if raw.endswith(b"\n"):
                try:
                    ident = json.loads(raw).get("id")
                except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
                    ident = None
                if isinstance(ident, str):
                    ids.add(ident)
                good_end = end
            offset = end
        if good_end != offset:
            f.truncate(good_end)
    return frozenset(ids)


def done_ids_in_dir(folder: Path) -> frozenset[str]:
    """Ids of the records already written to an --out-dir folder."""
    if not folder.is_dir():
        return frozenset()
    ids = set()
    for p in folder.glob("*.json"):
        try:
            ident = json.loads(p.read_text(encoding="utf-8")).get("id")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(ident, str):
            ids.add(ident)
    return frozenset(ids)


def extract_file(path: str | Path, *, settings: Settings | None = None) -> list[ArticleRecord]:
    """The records of one input file (one for a .txt or .html, one per line for .jsonl);
    raises the input's error if it has one."""
    from .pipeline import default_extractor

    settings = settings or Settings()
    refs = expand_inputs([str(path)])
    out: list[ArticleRecord] = []
    articles = iter_articles(refs, ReadOptions.from_settings(settings))
    for result in default_extractor(settings).pipe_results(articles):
        if isinstance(result, InputFailure):
            raise result.error
        if isinstance(result, (ExtractionError, InputError)):
            raise result
        out.append(result)
    return out


def stderr_errors(entry: ErrorEntry) -> None:
    print(entry.one_line(), file=sys.stderr, flush=True)


def jsonl_errors(stream: IO[str]) -> Callable[[ErrorEntry], None]:
    def write(entry: ErrorEntry) -> None:
        stream.write(entry.to_json() + "\n")
        stream.flush()

    return write

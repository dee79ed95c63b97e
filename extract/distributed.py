"""The batch function mapped over a Dask cluster, for corpora larger than one machine.

    from extract.distributed import run_on_cluster
    run_on_cluster(["s3://bucket/news/"], "out/", address="tcp://scheduler:8786")

Inputs are expanded on the client into a ``dask.bag`` of input references, one
partition per group of files; each worker reads its inputs, runs the pipeline (loaded
once per worker process) and writes its partition as ``part-NNNNN.jsonl`` (records) and
``part-NNNNN.errors.jsonl`` (error entries) under the output folder, which must be
storage every worker can reach (a shared file system, or any fsspec URL such as
``s3://...`` when the matching fsspec driver is installed). Records are the same bytes
as a local run's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .batch import BatchOptions, Result, Summary, chunks_of, in_shard, process_chunk
from .readers import InputFailure, InputRef, ReadOptions, expand_inputs
from .settings import Settings

FILES_PER_PARTITION = 64


def extract_partition(
    refs: list[InputRef | InputFailure], settings: Settings, read: ReadOptions, shard: tuple[int, int] | None
) -> list[Result]:
    """The results of one partition's inputs, in order, on this worker's pipeline."""
    options = BatchOptions(jobs=1, shard=shard, read=read)
    summary = Summary()
    out: list[Result] = []
    for chunk in chunks_of(refs, options, summary):
        out.extend(process_chunk(chunk, settings))
    return out


def _write_partition(results: list[Result], out_dir: str, index: int) -> dict[str, Any]:
    import fsspec

    records = [r.line for r in results if r.line is not None]
    errors = [r.error.to_json() for r in results if r.error is not None]
    with fsspec.open(posixpath.join(out_dir, f"part-{index:05d}.jsonl"), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in records))
    if errors:
        with fsspec.open(posixpath.join(out_dir, f"part-{index:05d}.errors.jsonl"), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in errors))
    facts: dict[str, int] = {}
    for r in results:
        for k, v in r.facts.items():
            facts[k] = facts.get(k, 0) + v
    return {"documents": len(records), "errors": len(errors), "facts": facts}


def run_on_cluster(
    paths: Iterable[str],
    out_dir: str | Path,
    *,
    address: str | Any,
    settings: Settings | None = None,
    read: ReadOptions | None = None,
    shard: tuple[int, int] | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Summary:
    """Extract every input of ``paths`` on the Dask cluster at ``address`` (a scheduler
    address or a ``distributed.Client``), writing partitioned JSON Lines to ``out_dir``."""
    try:
        import dask.bag as db
        from dask.distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("running on Dask needs the dask extra: pip install 'newsfacts[dask]'") from exc

    settings = settings or Settings()
    read = read or ReadOptions.from_settings(settings)
    refs = [r for r in expand_inputs(paths) if _keep(r, shard)]
    out = str(out_dir)
    if "://" not in out:
        Path(out).mkdir(parents=True, exist_ok=True)
    groups = [refs[i : i + files_per_partition] for i in range(0, len(refs), files_per_partition)]
    summary = Summary()
    if not groups:
        return summary
    client = address if isinstance(address, Client) else Client(address)
    try:
        bag = db.from_sequence(list(enumerate(groups)), npartitions=len(groups))
        stats = bag.map(
            lambda item: _write_partition(extract_partition(item[1], settings, read, shard), out, item[0])
        ).compute(scheduler=client.get)
    finally:
        if client is not address:
            client.close()
    for s in stats:
        summary.documents += s["documents"]
        summary.errors += s["errors"]
        summary.facts.update(s["facts"])
    return summary


def _keep(ref: InputRef | InputFailure, shard: tuple[int, int] | None) -> bool:
    if isinstance(ref, InputRef) and ref.format == "jsonl":
        return True
    ident = ref.id if isinstance(ref, InputRef) else (ref.id or ref.path or "")
    return in_shard(ident, shard)

"""Many inputs -> records, written as they are made; a bad input is an error entry, never a lost batch."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import ExtractionError, InputError
from .readers import Article, InputFailure, iter_paths, read_path
from .records import ArticleRecord
from .settings import Settings


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
class Summary:
    """What a batch run did."""

    documents: int = 0
    errors: int = 0
    facts: Counter[str] = field(default_factory=Counter)

    def add(self, record: ArticleRecord) -> None:
        self.documents += 1
        self.facts.update(
            entities=len(record.entities),
            figures=len(record.figures),
            dates=len(record.dates),
            quotations=len(record.quotations),
        )


def iter_articles(paths: Iterable[str], settings: Settings) -> Iterator[Article | InputFailure]:
    """Every article of every input, in command-line order, failures in their place."""
    for item in iter_paths(paths):
        if isinstance(item, InputFailure):
            yield item
            continue
        yield from read_path(item, max_chars=settings.max_chars)


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
    return " ".join(message.split())


def run(
    paths: Iterable[str],
    *,
    settings: Settings,
    on_record: Callable[[ArticleRecord], None],
    on_error: Callable[[ErrorEntry], None],
    on_progress: Callable[[], None] | None = None,
) -> Summary:
    """Extract every article of ``paths`` in order; each record or error goes to its
    callback as soon as it is made."""
    from .pipeline import default_extractor

    extractor = default_extractor(settings)
    summary = Summary()
    articles: list[Article | InputFailure] = []

    def remember(items: Iterable[Article | InputFailure]) -> Iterator[Article | InputFailure]:
        for item in items:
            articles.append(item)
            yield item

    for result in extractor.pipe_results(remember(iter_articles(paths, settings))):
        source = articles.pop(0)
        if isinstance(result, ArticleRecord):
            summary.add(result)
            on_record(result)
        else:
            summary.errors += 1
            on_error(error_entry(result, source if isinstance(source, Article) else None))
        if on_progress is not None:
            on_progress()
    return summary


def safe_filename(record_id: str) -> str:
    """An id as a file name: path separators and odd characters replaced."""
    name = re.sub(r"[^\w.@+-]+", "_", record_id).strip("._") or "article"
    return name[:200]


class JsonlWriter:
    """Records as JSON Lines, one line each, flushed as written."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, record: ArticleRecord) -> None:
        self.stream.write(record.to_json() + "\n")
        self.stream.flush()


class DirWriter:
    """One indented ``<id>.json`` per record."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, record: ArticleRecord) -> None:
        target = self.folder / f"{safe_filename(record.id)}.json"
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(record.to_json(indent=2) + "\n", encoding="utf-8")
        tmp.replace(target)


def extract_file(path: str | Path, *, settings: Settings | None = None) -> list[ArticleRecord]:
    """The records of one input file (one for a .txt, one per line for .jsonl);
    raises the input's error if it has one."""
    from .pipeline import default_extractor

    settings = settings or Settings()
    out: list[ArticleRecord] = []
    for result in default_extractor(settings).pipe_results(read_path(str(path), max_chars=settings.max_chars)):
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


def summarize(summary: Summary) -> dict[str, Any]:
    return {"documents": summary.documents, "errors": summary.errors, "facts": dict(summary.facts)}

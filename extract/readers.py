"""Inputs to articles: .txt files, .jsonl lines, stdin; each bad input is an error of its own."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import (
    BadRecordError,
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    NotFoundError,
    TooLargeError,
    UnreadableError,
)
from .settings import normalize_published

Format = Literal["text", "html", "jsonl"]
SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl"}


@dataclass(frozen=True)
class Article:
    """One article to extract from, with what its source already tells about it."""

    text: str
    id: str
    path: str | None = None
    format: Format = "text"
    published: str | None = None
    headline: str | None = None
    line: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class InputFailure:
    """An input that gave no article: the error, and where it came from."""

    error: InputError
    id: str | None
    path: str | None
    line: int | None = None


def normalize_text(text: str) -> str:
    """The text every offset refers to: BOM dropped, line breaks as "\\n"."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, *, path: str | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM; binary refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}", path=path) from exc
    if b"\x00" in data[:8192]:
        raise BinaryInputError("binary data, not text (NUL bytes)", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", path=path
        ) from exc


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    path: str | None = None,
    format: Format = "text",
    published: str | None = None,
    headline: str | None = None,
    line: int | None = None,
    max_chars: int | None = None,
) -> Article:
    """An Article from text in memory; empty or oversized text is an input error."""
    text = normalize_text(text)
    if not text.strip():
        raise EmptyInputError("empty article (no text)", path=path)
    if max_chars is not None and len(text) > max_chars:
        raise TooLargeError(f"article of {len(text):,} characters exceeds the limit of {max_chars:,}", path=path)
    if published is not None:
        published = normalize_published(published)
    if id is None:
        id = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Article(text=text, id=id, path=path, format=format, published=published, headline=headline, line=line)


def iter_paths(paths: Iterable[str]) -> Iterator[str | InputFailure]:
    """Expand the command line's PATHs: files as given, folders walked (sorted) for
    known suffixes, "-" for stdin. A missing path is a failure, not an exception."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield str(Path(root) / name)
        elif p.exists():
            yield str(p)
        else:
            yield InputFailure(NotFoundError(f"no such file or folder: {raw}", path=raw), id=None, path=raw)


def read_path(
    path: str, *, max_chars: int | None = None, stdin: bytes | None = None
) -> Iterator[Article | InputFailure]:
    """The articles in one input: one for a text file, one per line for JSON Lines."""
    if path == "-":
        data = stdin if stdin is not None else sys.stdin.buffer.read()
        kind: Format = "jsonl" if data.lstrip()[:1] == b"{" else "text"
        name, display = "stdin", None
    else:
        kind = SUFFIXES.get(Path(path).suffix.lower(), "text")  # type: ignore[assignment]
        name, display = Path(path).stem, path
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            yield InputFailure(
                UnreadableError(f"cannot read {path}: {exc.strerror or exc}", path=path), id=name, path=path
            )
            return
    if kind == "jsonl":
        yield from _read_jsonl(data, name=name, path=display, max_chars=max_chars)
        return
    try:
        text = decode(data, path=display)
        yield article_from_text(text, id=name, path=display, max_chars=max_chars)
    except InputError as exc:
        yield InputFailure(exc, id=name, path=display)


def _read_jsonl(data: bytes, *, name: str, path: str | None, max_chars: int | None) -> Iterator[Article | InputFailure]:
    try:
        text = decode(data, path=path)
    except InputError as exc:
        yield InputFailure(exc, id=name, path=path)
        return
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        fallback_id = f"{name}:{number}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            err = BadRecordError(f"line {number}: not valid JSON ({exc.msg})", path=path)
            yield InputFailure(err, id=fallback_id, path=path, line=number)
            continue
        try:
            yield _article_from_object(obj, fallback_id=fallback_id, path=path, line=number, max_chars=max_chars)
        except InputError as exc:
            yield InputFailure(exc, id=_object_id(obj) or fallback_id, path=path, line=number)


def _object_id(obj: object) -> str | None:
    if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) and str(obj["id"]).strip():
        return str(obj["id"])
    return None


def _article_from_object(
    obj: object, *, fallback_id: str, path: str | None, line: int, max_chars: int | None
) -> Article:
    if not isinstance(obj, dict):
        raise BadRecordError(f"line {line}: a JSON {type(obj).__name__}, not an object with a text", path=path)
    text = obj.get("text")
    if text is None:
        raise BadRecordError(f'line {line}: no "text" field', path=path)
    if not isinstance(text, str):
        raise BadRecordError(f'line {line}: "text" is a {type(text).__name__}, not a string', path=path)
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise BadRecordError(f'line {line}: "published" is not a string', path=path)
    headline = obj.get("headline")
    if headline is not None and not isinstance(headline, str):
        headline = None
    try:
        return article_from_text(
            text,
            id=_object_id(obj) or fallback_id,
            path=path,
            format="jsonl",
            published=published or None,
            headline=headline,
            line=line,
            max_chars=max_chars,
        )
    except InputError as exc:
        raise type(exc)(f"line {line}: {exc.message}", path=path) from exc
    except Exception as exc:  # a bad "published" value
        raise BadRecordError(f"line {line}: {exc}", path=path) from exc

"""Inputs to articles: .txt, .jsonl, .html (and .gz of each), stdin.

Every input yields articles or an ``InputFailure`` for that input alone; nothing here
raises on bad bytes, so one broken file never stops a batch.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

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
from .settings import Settings, normalize_published

Format = Literal["text", "html", "jsonl"]
SUFFIXES: dict[str, Format] = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip data (name the file .gz to read it)",
    b"\x7fELF": "an executable",
    b"BZh": "bzip2 data",
}


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
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    warnings: tuple[tuple[str, str], ...] = ()

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


@dataclass(frozen=True)
class InputRef:
    """One input named on the command line or found in a folder, with its stable id."""

    path: str
    id: str
    format: Format
    compressed: bool = False


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: JSON keys, limits and repairs."""

    text_key: str = "text"
    id_key: str = "id"
    date_key: str = "published"
    headline_key: str = "headline"
    max_chars: int = 5_000_000
    fix_mojibake: bool = False
    stdin: bytes | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> ReadOptions:
        return cls(max_chars=settings.max_chars, fix_mojibake=settings.fix_mojibake, **overrides)  # type: ignore[arg-type]

    @property
    def max_bytes(self) -> int:
        """No text of ``max_chars`` code points takes more bytes than this in UTF-8."""
        return 4 * self.max_chars + 4


# -- decoding -------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """The text every offset refers to: BOM dropped, line breaks as "\\n"."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, *, path: str | None = None, fix_mojibake: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """Bytes to text and warnings: UTF-8 (with or without BOM), UTF-16/32 with BOM, or a
    legacy encoding detected by charset-normalizer; binary data is refused."""
    warnings: list[tuple[str, str]] = []
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode_as(data, "utf-32", path), warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_as(data, "utf-16", path), warnings
    _refuse_binary(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            raise DecodeError(
                f"truncated UTF-8: the data ends inside a character (byte {exc.start} of {len(data)})", path=path
            ) from None
        text, encoding = _decode_legacy(data, path, exc)
        warnings.append(("W101", f"not UTF-8: decoded as {encoding}"))
    if fix_mojibake:
        import ftfy

        fixed = ftfy.fix_text(text, normalization=None, uncurl_quotes=False, fix_line_breaks=False)
        if fixed != text:
            warnings.append(("W102", "mojibake repaired (ftfy)"))
            text = fixed
    return text, warnings


def _decode_as(data: bytes, encoding: str, path: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding.upper()} at byte {exc.start}", path=path) from None


def _refuse_binary(data: bytes, path: str | None) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"binary data, not text: {what}", path=path)
    head = data[:8192]
    if b"\x00" in head:
        raise BinaryInputError("binary data, not text (NUL bytes)", path=path)
    if head:
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
        if controls > max(8, len(head) // 10):
            raise BinaryInputError("binary data, not text (control bytes)", path=path)


_MULTIBYTE = ("gb18030", "gb2312", "gbk", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "hz")


def _decode_legacy(data: bytes, path: str | None, exc: UnicodeDecodeError) -> tuple[str, str]:
    """Not UTF-8: a multi-byte East Asian encoding when charset-normalizer is sure of one,
    else Windows-1252 (the usual legacy encoding of English text, a superset of
    Latin-1's printable range), else charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding in _MULTIBYTE:
        return str(best), best.encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    if best is None or best.encoding in ("utf_8", "utf-8"):
        raise DecodeError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}) and no other encoding fits",
            path=path,
        ) from None
    return str(best), best.encoding


# -- articles -------------------------------------------------------------------


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
    authors: Iterable[str] = (),
    outlet: str | None = None,
    warnings: Iterable[tuple[str, str]] = (),
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
    return Article(
        text=text,
        id=id,
        path=path,
        format=format,
        published=published,
        headline=headline,
        line=line,
        authors=tuple(authors),
        outlet=outlet,
        warnings=tuple(warnings),
    )


# -- finding inputs ---------------------------------------------------------------


def input_format(path: str) -> tuple[Format, bool]:
    """(format, gzip-compressed) from a file name: "a.jsonl.gz" -> ("jsonl", True)."""
    p = Path(path)
    compressed = p.suffix.lower() == ".gz"
    if compressed:
        p = p.with_suffix("")
    return SUFFIXES.get(p.suffix.lower(), "text"), compressed


def _is_input_name(name: str) -> bool:
    p = Path(name)
    if p.suffix.lower() == ".gz":
        p = p.with_suffix("")
    return p.suffix.lower() in SUFFIXES


def _stem(path: str) -> str:
    p = Path(path)
    if p.suffix.lower() == ".gz":
        p = p.with_suffix("")
    return p.stem if p.suffix.lower() in SUFFIXES else p.name


def expand_inputs(paths: Iterable[str]) -> list[InputRef | InputFailure]:
    """The command line's PATHs as inputs with stable ids, in a deterministic order:
    files as given, folders walked (sorted, symlinks to folders not followed), globs
    expanded, "-" for stdin. A missing path is a failure in its place.

    An input's id is its file stem; where two inputs share a stem, each gets its path
    (relative to the folder it was found in, without the suffix) instead."""
    found: list[tuple[str, str | None] | InputFailure] = []  # (path, root folder)
    for raw in paths:
        if raw == "-":
            found.append(("-", None))
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False, onerror=None):
                dirs.sort()
                for name in sorted(files):
                    if _is_input_name(name):
                        found.append((os.path.join(root, name), raw))
        elif p.exists() or p.is_symlink():
            found.append((raw, None))
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                found.append(InputFailure(NotFoundError(f"no file matches {raw}", path=raw), id=None, path=raw))
            for match in matches:
                if os.path.isdir(match):
                    found.extend((m.path, None) for m in expand_inputs([match]) if isinstance(m, InputRef))
                else:
                    found.append((match, None))
        else:
            found.append(InputFailure(NotFoundError(f"no such file or folder: {raw}", path=raw), id=None, path=raw))

    stems = Counter(_stem(f[0]) for f in found if not isinstance(f, InputFailure) and f[0] != "-")
    out: list[InputRef | InputFailure] = []
    for item in found:
        if isinstance(item, InputFailure):
            out.append(item)
            continue
        path, root = item
        if path == "-":
            out.append(InputRef("-", "stdin", "text"))
            continue
        fmt, compressed = input_format(path)
        ident = _stem(path)
        if stems[ident] > 1:
            rel = os.path.relpath(path, root) if root else path
            ident = str(Path(rel).with_suffix("")).replace(os.sep, "/").removesuffix(".gz")
            if Path(ident).suffix.lower() in SUFFIXES:
                ident = str(Path(ident).with_suffix(""))
        out.append(InputRef(path, ident, fmt, compressed))
    return out


# -- reading ----------------------------------------------------------------------


def read_input(ref: InputRef, options: ReadOptions) -> Iterator[Article | InputFailure]:
    """The articles in one input: one for a text or HTML file, one per line of JSON Lines."""
    display = None if ref.path == "-" else ref.path
    try:
        stream = _open(ref, options)
    except InputError as exc:
        yield InputFailure(exc, id=ref.id, path=display)
        return
    with stream:
        fmt = ref.format
        if ref.path == "-":
            head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
            fmt = "jsonl" if head.lstrip()[:1] == b"{" else "text"
        if fmt == "jsonl":
            yield from _read_jsonl(stream, ref, options)
            return
        try:
            data = _read_capped(stream, options, display)
            text, warnings = decode(data, path=display, fix_mojibake=options.fix_mojibake)
            if fmt == "html":
                yield _article_from_html(text, ref, options, warnings)
            else:
                yield article_from_text(
                    text, id=ref.id, path=display, format="text", max_chars=options.max_chars, warnings=warnings
                )
        except InputError as exc:
            yield InputFailure(exc, id=ref.id, path=display)


def _open(ref: InputRef, options: ReadOptions) -> BinaryIO:
    if ref.path == "-":
        data = options.stdin if options.stdin is not None else sys.stdin.buffer.read(options.max_bytes + 1)
        return io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    try:
        if os.path.isdir(ref.path):
            raise UnreadableError(f"{ref.path} is a folder", path=ref.path)
        raw = open(ref.path, "rb")  # noqa: SIM115
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableError(f"cannot read {ref.path}: {reason}", path=ref.path) from None
    if ref.compressed:
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _read_capped(stream: BinaryIO, options: ReadOptions, path: str | None) -> bytes:
    """The whole input, refused without reading further once it is larger than any
    article of ``max_chars`` could be."""
    try:
        data = stream.read(options.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableError(f"cannot read {path or 'stdin'}: {exc}", path=path) from None
    if len(data) > options.max_bytes:
        raise TooLargeError(
            f"input larger than {options.max_bytes:,} bytes (limit {options.max_chars:,} characters)", path=path
        )
    return data


def _read_jsonl(stream: BinaryIO, ref: InputRef, options: ReadOptions) -> Iterator[Article | InputFailure]:
    display = None if ref.path == "-" else ref.path
    number = 0
    while True:
        try:
            raw = stream.readline(options.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputFailure(
                UnreadableError(f"cannot read {display or 'stdin'} after line {number}: {exc}", path=display),
                id=f"{ref.id}:{number + 1}",
                path=display,
                line=number + 1,
            )
            return
        if not raw:
            return
        number += 1
        fallback_id = f"{ref.id}:{number}"
        if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line
                raw = stream.readline(1 << 20)
            err = TooLargeError(f"line {number}: longer than {options.max_bytes:,} bytes", path=display)
            yield InputFailure(err, id=fallback_id, path=display, line=number)
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            err = BadRecordError(f"line {number}: not valid JSON ({reason})", path=display)
            yield InputFailure(err, id=fallback_id, path=display, line=number)
            continue
        try:
            yield _article_from_object(obj, fallback_id=fallback_id, path=display, line=number, options=options)
        except InputError as exc:
            yield InputFailure(exc, id=_object_id(obj, options) or fallback_id, path=display, line=number)


def _object_id(obj: object, options: ReadOptions) -> str | None:
    if isinstance(obj, dict):
        value = obj.get(options.id_key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _article_from_object(
    obj: object, *, fallback_id: str, path: str | None, line: int, options: ReadOptions
) -> Article:
    if not isinstance(obj, dict):
        raise BadRecordError(f"line {line}: a JSON {type(obj).__name__}, not an object with a text", path=path)
    text = obj.get(options.text_key)
    if text is None:
        raise BadRecordError(f'line {line}: no "{options.text_key}" field', path=path)
    if not isinstance(text, str):
        raise BadRecordError(f'line {line}: "{options.text_key}" is a {type(text).__name__}, not a string', path=path)
    published = obj.get(options.date_key)
    if published is not None and not isinstance(published, str):
        raise BadRecordError(f'line {line}: "{options.date_key}" is not a string', path=path)
    headline = obj.get(options.headline_key)
    if not isinstance(headline, str) or not headline.strip():
        headline = None
    try:
        return article_from_text(
            text,
            id=_object_id(obj, options) or fallback_id,
            path=path,
            format="jsonl",
            published=published or None,
            headline=headline,
            line=line,
            max_chars=options.max_chars,
        )
    except InputError as exc:
        raise type(exc)(f"line {line}: {exc.message}", path=path) from None
    except Exception as exc:  # a "published" that is not a date
        raise BadRecordError(f"line {line}: {exc}", path=path) from None


def _article_from_html(html: str, ref: InputRef, options: ReadOptions, warnings: list[tuple[str, str]]) -> Article:
    display = None if ref.path == "-" else ref.path
    try:
        import trafilatura
    except ImportError:
        raise UnreadableError(
            "reading HTML needs the html extra: pip install 'newsfacts[html]'", path=display
        ) from None
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise DecodeError(f"cannot parse HTML: {type(exc).__name__}: {exc}", path=display) from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise EmptyInputError("no article text found in the HTML page", path=display)
    title = (getattr(doc, "title", None) or "").strip() or None
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    author = getattr(doc, "author", None)
    authors = [a.strip() for a in author.split(";") if a.strip()] if author else []
    date = getattr(doc, "date", None)
    try:
        published = normalize_published(date) if date else None
    except Exception:
        published = None
    return article_from_text(
        text,
        id=ref.id,
        path=display,
        format="html",
        published=published,
        headline=title,
        max_chars=options.max_chars,
        authors=authors,
        outlet=(getattr(doc, "sitename", None) or None),
        warnings=warnings,
    )


def read_path(
    path: str, *, max_chars: int | None = None, stdin: bytes | None = None
) -> Iterator[Article | InputFailure]:
    """The articles of one path (a file, or "-" for stdin), read with default options."""
    options = ReadOptions(max_chars=max_chars or ReadOptions.max_chars, stdin=stdin)
    for ref in expand_inputs([path]):
        if isinstance(ref, InputFailure):
            yield ref
        else:
            yield from read_input(ref, options)


def iter_articles(refs: Iterable[InputRef | InputFailure], options: ReadOptions) -> Iterator[Article | InputFailure]:
    """Every article of every input, in order, failures in their place."""
    for ref in refs:
        if isinstance(ref, InputFailure):
            yield ref
        else:
            yield from read_input(ref, options)

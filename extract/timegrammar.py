"""The dates grammar: rules as data (``patterns/dates_grammar.txt``), compiled and indexed.

Each rule is one regex built from macros. Rules are tried in file order at a position
and the first that matches wins. To try only the rules that can match, every rule is
indexed by the first characters its matches can start with, computed from the regex's
parse tree (``rule_prefixes``). That walk takes most of a second, so its results ship
as data (``patterns/dates_grammar.index.json``, keyed by a hash of each expanded rule;
regenerate with ``python -m extract.timegrammar``; a test checks it is current).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

try:  # the regex parser, used once to index the grammar by the first characters of each rule
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover  (Python 3.10)
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


KEY_CHARS = 6  # rules are indexed by the first characters of what they match (whitespace runs as one space)
_STEP_LIMIT = 500_000
_DEPTH_LIMIT = 40  # a repeat of whitespace after whitespace adds nothing to the prefix: stop there
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    """One grammar rule: a stable id, the TIMEX3 type, the resolver kind and its groups."""

    index: int
    id: str
    type: str | None
    kind: str
    extent: str | None
    inner: str | None
    regex: re.Pattern[str]


class Grammar:
    """The rules of ``dates_grammar.txt``, each compiled, indexed by how their matches start."""

    def __init__(
        self, text: str, words: dict[str, Any], conventions: str = "news", index: dict[str, list[str]] | None = None
    ) -> None:
        macros: dict[str, str] = {}
        holiday = "|".join(h["regex"] for h in words["holidays"])
        macros["HOLIDAY"] = f"(?:{holiday})\\b"
        self.rules: list[Rule] = []
        self.bodies: list[str] = []  # each rule's expanded regex
        self._by_prefix: dict[str, list[int]] = {}
        for line in _logical_lines(text):
            if line.startswith("@"):
                name, body = line[1:].split(None, 1)
                macros[name] = _expand(body, macros)
                continue
            rule_id, rtype, kind, options, body = line.split(None, 4)
            body = _expand(body, macros)
            opts = dict(o.split("=", 1) for o in options.split(";")) if options != "-" else {}
            if opts.get("conventions", conventions) != conventions:
                continue  # a rule of the other conventions ("news" or "timeml")
            position = len(self.rules)
            rtype_ = None if rtype == "-" else rtype
            self.rules.append(
                Rule(position, rule_id, rtype_, kind, opts.get("extent"), opts.get("inner"), re.compile(body))
            )
            self.bodies.append(body)
            known = (index or {}).get(body_key(body))
            for prefix in rule_prefixes(body) if known is None else known:
                self._by_prefix.setdefault(prefix, []).append(position)
        self.macros = macros
        self._cache: dict[str, tuple[Rule, ...]] = {}  # index key -> rules
        self._by_chunk: dict[str, tuple[Rule, ...]] = {}  # raw text -> rules, when that is enough

    def rules_at(self, text: str, pos: int) -> tuple[Rule, ...]:
        """The rules, in grammar order, whose matches can start like the text at ``pos``."""
        chunk = text[pos : pos + KEY_CHARS]
        rules = self._by_chunk.get(chunk)
        if rules is not None:
            return rules
        if len(self._by_chunk) > 100_000:
            self._by_chunk.clear()
        key = text_key(text, pos)
        rules = self._cache.get(key)
        if rules is None:
            found: set[int] = set()
            for n in range(len(key) + 1):
                found.update(self._by_prefix.get(key[:n], ()))
            rules = self._cache[key] = tuple(self.rules[i] for i in sorted(found))
        if len(_SPACES.sub(" ", chunk)) == len(chunk):
            self._by_chunk[chunk] = rules  # the key is read from this chunk alone
        return rules

    def expand(self, pattern: str) -> str:
        """``pattern`` with the grammar's {MACROS} expanded."""
        return _expand(pattern, self.macros)


_DIGITS_AS_HASH = str.maketrans("0123456789", "##########")


def text_key(text: str, pos: int) -> str:
    """The index key of the text at ``pos``: its first ``KEY_CHARS`` characters with each
    run of whitespace as one space, lower-cased, digits as "#"."""
    width = KEY_CHARS
    while True:
        chunk = text[pos : pos + width]
        squeezed = _SPACES.sub(" ", chunk)
        if len(squeezed) >= KEY_CHARS or pos + width >= len(text):
            return _key(squeezed[:KEY_CHARS])
        width *= 2


def _key(chars: str) -> str:
    low = chars.lower()
    return (low if len(low) == len(chars) else chars).translate(_DIGITS_AS_HASH)


def rule_prefixes(pattern: str) -> set[str]:
    """What a regex's matches can start with: strings of up to ``KEY_CHARS`` characters,
    lower-cased, digits as "#", whitespace as one space; a shorter string stands for any
    continuation. Over-approximates (a rule too hard to walk is indexed under "")."""
    out: set[str] = set()
    todo: list[tuple[tuple[tuple[Any, int], ...], str]] = [(((_sre_parse.parse(pattern).data, 0),), "")]
    steps = 0
    seen: set[tuple[Any, ...]] = set()  # (where in the pattern, prefix) states already walked
    repeats: dict[int, list[Any]] = {}  # one "repeat again" item per repeated sub-pattern
    while todo:
        if steps >= _STEP_LIMIT:
            return {""}  # too many ways to start: try the rule everywhere
        steps += 1
        frames, prefix = todo.pop()
        state = (tuple((id(items), i) for items, i in frames), prefix)
        if state in seen:
            continue
        seen.add(state)
        if len(prefix) >= KEY_CHARS or not frames or len(frames) > _DEPTH_LIMIT:
            out.add(prefix[:KEY_CHARS])
            continue
        items, i = frames[-1]
        if i >= len(items):
            todo.append((frames[:-1], prefix))
            continue
        op, av = items[i]
        rest = (*frames[:-1], (items, i + 1)) if i + 1 < len(items) else frames[:-1]  # canonical: no spent frames
        if op is _sre.LITERAL:
            todo.append((rest, prefix + _key(chr(av))))
        elif op is _sre.IN:
            chars = _class_chars(av)
            if chars is not None and prefix.endswith(" ") and " " in chars:
                chars.discard(" ")  # a whitespace run is one space in the key: this one adds nothing
                todo.append((rest, prefix))
            if chars is None:
                out.add(prefix)
            else:
                todo.extend((rest, prefix + ch) for ch in chars)
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            todo.append((rest, prefix))
        elif op is _sre.SUBPATTERN:
            todo.append(((*rest, (av[-1].data, 0)), prefix))
        elif op is _sre.BRANCH:
            todo.extend(((*rest, (alt.data, 0)), prefix) for alt in av[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, sub = av
            if low == 0:
                todo.append((rest, prefix))
            again = repeats.setdefault(id(sub), [(_sre.MAX_REPEAT, (0, high, sub))]) if high != 1 else []
            todo.append(((*rest, (again, 0), (sub.data, 0)), prefix))
        else:  # any character, a back reference, a category: stop here
            out.add(prefix)
    return out


def _class_chars(av: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, val in av:
        if op is _sre.LITERAL:
            chars.add(_key(chr(val)))
        elif op is _sre.RANGE and val[1] - val[0] < 64:
            chars.update(_key(chr(c)) for c in range(val[0], val[1] + 1))
        elif op is _sre.CATEGORY and val is _sre.CATEGORY_DIGIT:
            chars.add("#")
        elif op is _sre.CATEGORY and val is _sre.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return chars


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0].isspace() and lines:
            lines[-1] += raw.strip()
        else:
            lines.append(raw.strip())
    return lines


def _expand(body: str, macros: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m.group(1), m.group(0)), body)


INDEX_FILE = "dates_grammar.index.json"


def body_key(body: str) -> str:
    """The key of an expanded rule in the shipped prefix index."""
    return hashlib.sha256(f"{KEY_CHARS}:{body}".encode()).hexdigest()[:24]


def _grammar_text() -> str:
    return resources.files("extract.patterns").joinpath("dates_grammar.txt").read_text(encoding="utf-8")


def load_prefix_index() -> dict[str, list[str]]:
    """The shipped prefix index: rule key -> the prefixes its matches can start with."""
    path = resources.files("extract.patterns").joinpath(INDEX_FILE)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


@lru_cache(maxsize=2)
def load_grammar(conventions: str = "news") -> Grammar:
    """The compiled grammar of ``patterns/dates_grammar.txt`` for "news" or "timeml"
    conventions (one of each per process)."""
    return Grammar(_grammar_text(), load_words(), conventions, load_prefix_index())


def build_prefix_index() -> dict[str, list[str]]:
    """The prefix index of every rule of both conventions, computed from the grammar."""
    out: dict[str, list[str]] = {}
    for conventions in ("news", "timeml"):
        grammar = Grammar(_grammar_text(), load_words(), conventions, index={})
        for body in grammar.bodies:
            out[body_key(body)] = sorted(rule_prefixes(body))
    return dict(sorted(out.items()))


def index_text() -> str:
    """The prefix index as the shipped file holds it."""
    return json.dumps(build_prefix_index(), indent=0, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def load_words() -> dict[str, Any]:
    """The word lists in ``patterns/dates_words.json``."""
    raw = resources.files("extract.patterns").joinpath("dates_words.json").read_text(encoding="utf-8")
    return json.loads(raw)


if __name__ == "__main__":  # python -m extract.timegrammar: rewrite the shipped index
    target = resources.files("extract.patterns").joinpath(INDEX_FILE)
    with open(str(target), "w", encoding="utf-8") as f:
        f.write(index_text())
    print(f"wrote {target}", file=sys.stderr)

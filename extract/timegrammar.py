"""The dates grammar: rules as data (``patterns/dates_grammar.txt``), compiled and indexed.

Each rule is one regex built from macros. Rules are tried in file order at a position
and the first that matches wins. To try only the rules that can match, every rule is
indexed by the first characters its matches can start with, computed once from the
regex's parse tree (``rule_prefixes``).
"""

from __future__ import annotations

import json
import re
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


KEY_CHARS = 3  # rules are indexed by the first characters of what they match


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

    def __init__(self, text: str, words: dict[str, Any]) -> None:
        macros: dict[str, str] = {}
        holiday = "|".join(h["regex"] for h in words["holidays"])
        macros["HOLIDAY"] = f"(?:{holiday})\\b"
        self.rules: list[Rule] = []
        self._by_prefix: dict[str, list[int]] = {}
        for line in _logical_lines(text):
            if line.startswith("@"):
                name, body = line[1:].split(None, 1)
                macros[name] = _expand(body, macros)
                continue
            rule_id, rtype, kind, options, body = line.split(None, 4)
            body = _expand(body, macros)
            opts = dict(o.split("=", 1) for o in options.split(";")) if options != "-" else {}
            index = len(self.rules)
            rtype_ = None if rtype == "-" else rtype
            self.rules.append(
                Rule(index, rule_id, rtype_, kind, opts.get("extent"), opts.get("inner"), re.compile(body))
            )
            for prefix in rule_prefixes(body):
                self._by_prefix.setdefault(prefix, []).append(index)
        self.macros = macros
        self._cache: dict[str, tuple[Rule, ...]] = {}

    def rules_at(self, text: str, pos: int) -> tuple[Rule, ...]:
        """The rules, in grammar order, whose matches can start like the text at ``pos``."""
        key = _key(text[pos : pos + KEY_CHARS])
        rules = self._cache.get(key)
        if rules is None:
            found: set[int] = set()
            for n in range(len(key) + 1):
                found.update(self._by_prefix.get(key[:n], ()))
            rules = self._cache[key] = tuple(self.rules[i] for i in sorted(found))
        return rules

    def expand(self, pattern: str) -> str:
        """``pattern`` with the grammar's {MACROS} expanded."""
        return _expand(pattern, self.macros)


_DIGITS_AS_HASH = str.maketrans("0123456789", "##########")


def _key(chars: str) -> str:
    low = chars.lower()
    return (low if len(low) == len(chars) else chars).translate(_DIGITS_AS_HASH)


def rule_prefixes(pattern: str) -> set[str]:
    """What a regex's matches can start with: strings of up to three characters, lower-cased,
    digits as "#"; a shorter string stands for any continuation. Over-approximates."""
    out: set[str] = set()
    todo: list[tuple[tuple[tuple[Any, int], ...], str]] = [(((_sre_parse.parse(pattern).data, 0),), "")]
    steps = 0
    while todo and steps < 200_000:
        steps += 1
        frames, prefix = todo.pop()
        if len(prefix) >= KEY_CHARS or not frames:
            out.add(prefix[:KEY_CHARS])
            continue
        items, i = frames[-1]
        if i >= len(items):
            todo.append((frames[:-1], prefix))
            continue
        op, av = items[i]
        rest = (*frames[:-1], (items, i + 1))
        if op is _sre.LITERAL:
            todo.append((rest, prefix + _key(chr(av))))
        elif op is _sre.IN:
            chars = _class_chars(av)
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
            again = [(_sre.MAX_REPEAT, (0, high, sub))] if high != 1 else []
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


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """The compiled grammar of ``patterns/dates_grammar.txt`` (one per process)."""
    text = resources.files("extract.patterns").joinpath("dates_grammar.txt").read_text(encoding="utf-8")
    return Grammar(text, load_words())


@lru_cache(maxsize=1)
def load_words() -> dict[str, Any]:
    """The word lists in ``patterns/dates_words.json``."""
    raw = resources.files("extract.patterns").joinpath("dates_words.json").read_text(encoding="utf-8")
    return json.loads(raw)

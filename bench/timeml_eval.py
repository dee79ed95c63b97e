"""TempEval-3-style evaluation of newsfacts' time expressions on a folder of TimeML files.

    python bench/timeml_eval.py [FOLDER ...] [--conventions timeml|news] [--misses] [--json OUT]

The tool runs with TimeML date conventions by default (``Settings.date_conventions``:
part-of-day values such as ``2008-09-05TMO``, ``PRESENT_REF`` for "now", zone offsets on
times); ``--conventions news`` scores the project's own news conventions instead.

Default folder: ``../shared/external/meantime-en/intra-doc_annotation``. Two formats are read:

- **CAT XML** (MEANTIME / NewsReader): the text is given as tokens. It is rebuilt by
  joining a sentence's tokens with spaces and sentences with newlines (a token -> char
  map is kept); gold TIMEX3 point to tokens through ``token_anchor``.
- **Inline TimeML** (``.tml``, TempEval-3): TIMEX3 tags inside ``<TEXT>``.

The document creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) is
passed to the Extractor as ``published``; it is not scored (nor is anything in the
date line that carries it), and neither are non-text-consuming TIMEX3. MEANTIME
annotates only the head of each article (title and first sentences): predictions
after the last sentence that holds any gold markable are not scored.

Scores as TempEval-3 does: predicted and gold extents are matched one to one (most
overlapping tokens first); **strict** counts exact extents, **relaxed** any overlap;
**type accuracy** and **value accuracy** are over the relaxed matches, and **value
F1** = relaxed F1 x value accuracy (a hit needs an overlapping extent and the exact
value). HeidelTime reaches value F1 0.776 on the TempEval-3 news test.

Data credit: NewsReader MEANTIME corpus (English), (c) 2015 Fondazione Bruno Kessler, VU
University Amsterdam, Universidad del Pais Vasco; CC BY 4.0; Wikinews texts CC BY 2.5.
Minard et al., "MEANTIME, the NewsReader Multilingual Event and Time Corpus", LREC 2016.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from extract.calendar import find_absolute_date
from extract.pipeline import Extractor
from extract.settings import DATE_CONVENTIONS, Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "external" / "meantime-en" / "intra-doc_annotation"
CREDIT = (
    "Data: NewsReader MEANTIME corpus (English), (c) 2015 FBK, VU Amsterdam, UPV/EHU, CC BY 4.0 "
    "(Wikinews texts CC BY 2.5); Minard et al., LREC 2016."
)
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d$")


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    text: str
    tokens: frozenset[int] = frozenset()


@dataclass
class Document:
    name: str
    text: str
    dct: str | None
    gold: list[Timex]
    scored: tuple[int, int]  # character range whose predictions count
    token_spans: list[tuple[int, int]] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)  # the date line that carries the DCT

    def tokens_of(self, start: int, end: int) -> frozenset[int]:
        """Indices of the tokens that overlap [start, end)."""
        return frozenset(i for i, (s, e) in enumerate(self.token_spans) if s < end and start < e)


def read_cat(path: Path) -> Document:
    """A MEANTIME CAT XML file: text rebuilt from tokens, gold TIMEX3 on token extents."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
    header_end = 1  # a blank line after the title and date line, as articles are laid out
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            anchors = [a.get("t_id") for a in el.findall("token_anchor")]
            header_end = next((s for tid, s, _ in tokens if tid in anchors), header_end)
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    index_of: dict[str, int] = {}
    sentence_start: dict[int, int] = {}
    sentence_end: dict[int, int] = {}
    pos, last_sentence = 0, None
    for i, (tid, sentence, word) in enumerate(tokens):
        if last_sentence is not None:
            sep = " " if sentence == last_sentence else "\n\n" if last_sentence == header_end else "\n"
            pieces.append(sep)
            pos += len(sep)
        pieces.append(word)
        spans.append((pos, pos + len(word)))
        sentence_start.setdefault(sentence, pos)
        index_of[tid or ""] = i
        pos += len(word)
        sentence_end[sentence] = pos
        last_sentence = sentence
    text = "".join(pieces)

    dct, dct_sentences, last_marked = None, set(), 0
    gold: list[Timex] = []
    for tag in ("TIMEX3", "ENTITY_MENTION", "EVENT_MENTION", "VALUE"):
        for el in root.iter(tag):
            ids = [index_of[a.get("t_id") or ""] for a in el.findall("token_anchor") if a.get("t_id") in index_of]
            if ids:
                last_marked = max(last_marked, max(tokens[i][1] for i in ids))
    for el in root.iter("TIMEX3"):
        ids = sorted(index_of[a.get("t_id") or ""] for a in el.findall("token_anchor") if a.get("t_id") in index_of)
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = el.get("value")
            if ids:
                dct_sentences.add(tokens[ids[0]][1])
                if not dct or not _ISO_DAY.match(dct):
                    line = text[spans[ids[0]][0] : spans[ids[-1]][1]]
                    found = find_absolute_date(re.sub(r"\s+([,.])", r"\1", line))
                    dct = found[0] if found else None
            continue
        if not ids:
            continue  # not text-consuming
        start, end = spans[ids[0]][0], spans[ids[-1]][1]
        gold.append(Timex(start, end, el.get("type") or "", el.get("value"), text[start:end], frozenset(ids)))
    if dct is None and len(set(s for _, s, _ in tokens)) > 1:
        # no CREATION_TIME: the date line under the title is the DCT
        line = " ".join(w for _, s, w in tokens if s == 1)
        found = find_absolute_date(re.sub(r"\s+([,.])", r"\1", line))
        if found:
            dct, dct_sentences = found[0][:10], {1}
    gold = [g for g in gold if tokens[min(g.tokens)][1] not in dct_sentences]
    doc = Document(path.stem, text, dct, gold, (0, sentence_end.get(last_marked, len(text))), spans)
    doc.skip = [(sentence_start[d], sentence_end[d]) for d in dct_sentences]
    return doc


def read_tml(path: Path) -> Document:
    """An inline TimeML file (TempEval-3 .tml): gold TIMEX3 tags inside <TEXT>."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = body_m.group(1) if body_m else ""
    text_parts: list[str] = []
    gold: list[Timex] = []
    pos = 0
    for m in re.finditer(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>|<[^>]+>|[^<]+", body, re.S):
        if m.group(2) is not None:
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            inner = re.sub(r"<[^>]+>", "", m.group(2))
            gold.append(Timex(pos, pos + len(inner), attrs.get("type", ""), attrs.get("value"), inner))
            text_parts.append(inner)
            pos += len(inner)
        elif not m.group(0).startswith("<"):
            text_parts.append(m.group(0))
            pos += len(m.group(0))
    text = "".join(text_parts)
    doc = Document(path.stem, text, dct_m.group(1)[:10] if dct_m else None, gold, (0, len(text)))
    doc.token_spans = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    for g in gold:
        g.tokens = doc.tokens_of(g.start, g.end)
    return doc


def predict(extractor: Extractor, doc: Document) -> list[Timex]:
    """The tool's time expressions in the scored part of the document."""
    record = extractor(doc.text, published=doc.dct, id=doc.name)
    lo, hi = doc.scored
    skip = doc.skip
    out = []
    for d in record.dates:
        if d.start < lo or d.start >= hi or any(s <= d.start < e for s, e in skip):
            continue
        out.append(Timex(d.start, d.end, d.type, d.value, d.text, doc.tokens_of(d.start, d.end)))
    return out


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    value_equivalent: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.pred if self.pred else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_DURATION = re.compile(
    r"P(?:([\d.]+)Y)?(?:([\d.]+)Q)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?)?"
)
_MISPLACED = re.compile(r"P([YMWD])(\d+)")  # "PY5": the unit before the number, a known slip
_PERIOD = re.compile(r"(\d{4})(?:-(Q[1-4]|H[12]|\d\d))?(?:/(\d{4})-(\d\d))?")


def same_value(gold: str | None, pred: str | None) -> bool:
    """Equal values, or equal up to spelling: durations by length (P2Q = P6M), calendar
    periods by their months (2009-Q1 = 2009-01/2009-03), "PY5" read as "P5Y"."""
    if gold is None or pred is None:
        return False
    if gold == pred:
        return True
    gold = _MISPLACED.sub(r"P\2\1", gold)
    if gold.startswith("P") and pred.startswith("P"):
        return _length(gold) is not None and _length(gold) == _length(pred)
    return _months(gold) is not None and _months(gold) == _months(pred)


def _length(value: str) -> tuple[float, float] | None:
    m = _DURATION.fullmatch(value)
    if not m or value in ("P", "PT"):
        return None
    y, q, mo, w, d, h, mi = (float(x) if x else 0.0 for x in m.groups())
    return (y * 12 + q * 3 + mo, (w * 7 + d) * 1440 + h * 60 + mi)


def _months(value: str) -> tuple[int, int] | None:
    m = _PERIOD.fullmatch(value)
    if not m:
        return None
    year, part = int(m[1]), m[2]
    if m[3]:
        if part is None or not part.isdigit():
            return None
        return year * 12 + int(part) - 1, int(m[3]) * 12 + int(m[4]) - 1
    if part is None:
        return year * 12, year * 12 + 11
    if part[0] in "QH":
        size = 3 if part[0] == "Q" else 6
        first = year * 12 + (int(part[1]) - 1) * size
        return first, first + size - 1
    return year * 12 + int(part) - 1, year * 12 + int(part) - 1


def score(doc: Document, pred: list[Timex], tally: Tally, misses: list[str]) -> None:
    """Match one document's predictions to its gold, TempEval-3 style."""
    pairs = sorted(
        ((len(g.tokens & p.tokens), gi, pi) for gi, g in enumerate(doc.gold) for pi, p in enumerate(pred)
         if g.tokens & p.tokens),
        reverse=True,
    )  # fmt: skip
    used_g: set[int] = set()
    used_p: set[int] = set()
    tally.gold += len(doc.gold)
    tally.pred += len(pred)
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = doc.gold[gi], pred[pi]
        tally.relaxed += 1
        tally.strict += g.tokens == p.tokens
        tally.type_ok += g.type == p.type
        tally.value_ok += g.value == p.value
        tally.value_equivalent += same_value(g.value, p.value)
        if g.value != p.value:
            misses.append(
                f"{doc.name}: value {p.text!r} = {p.value} ({p.type}); gold {g.text!r} = {g.value} ({g.type})"
            )
    for gi, g in enumerate(doc.gold):
        if gi not in used_g:
            misses.append(f"{doc.name}: missed {g.text!r} = {g.value} ({g.type})")
    for pi, p in enumerate(pred):
        if pi not in used_p:
            misses.append(f"{doc.name}: spurious {p.text!r} = {p.value} ({p.type})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--misses", action="store_true", help="list every miss, spurious match and wrong value")
    ap.add_argument("--json", type=Path, help="write the scores as JSON here")
    ap.add_argument(
        "--conventions",
        choices=DATE_CONVENTIONS,
        default="timeml",
        help="date conventions to run with (default: timeml)",
    )
    args = ap.parse_args()
    files = sorted(p for folder in args.folders for p in folder.rglob("*") if p.suffix in (".xml", ".tml"))
    if not files:
        print(f"no TimeML files under {', '.join(map(str, args.folders))}", file=sys.stderr)
        return 1
    extractor = Extractor(Settings(date_conventions=args.conventions))
    tally, misses = Tally(), []
    for path in files:
        doc = read_cat(path) if path.suffix == ".xml" else read_tml(path)
        score(doc, predict(extractor, doc), tally, misses)
    sp, sr, sf = tally.prf(tally.strict)
    rp, rr, rf = tally.prf(tally.relaxed)
    vp, vr, vf = tally.prf(tally.value_ok)
    ep, er, ef = tally.prf(tally.value_equivalent)
    type_acc = tally.type_ok / tally.relaxed if tally.relaxed else 0.0
    value_acc = tally.value_ok / tally.relaxed if tally.relaxed else 0.0
    print(f"TempEval-3-style scores on {len(files)} files: {tally.gold} gold, {tally.pred} predicted time expressions")
    print(f"date conventions: {args.conventions}")
    print(f"{'':16} {'P':>6} {'R':>6} {'F1':>6}")
    print(f"{'strict extent':16} {sp:6.3f} {sr:6.3f} {sf:6.3f}")
    print(f"{'relaxed extent':16} {rp:6.3f} {rr:6.3f} {rf:6.3f}")
    print(f"{'value':16} {vp:6.3f} {vr:6.3f} {vf:6.3f}   (value accuracy {value_acc:.3f})")
    print(f"{'type accuracy':16} {'':>6} {'':>6} {type_acc:6.3f}")
    print(
        f"{'value, spelling':16} {ep:6.3f} {er:6.3f} {ef:6.3f}   (equivalent ISO spellings count: P2Q = P6M, PY5 = P5Y)"
    )
    print(CREDIT)
    if args.misses:
        print("\n".join(misses))
    if args.json:
        out = {
            "files": len(files), "conventions": args.conventions, "gold": tally.gold, "predicted": tally.pred,
            "strict": {"p": sp, "r": sr, "f1": sf}, "relaxed": {"p": rp, "r": rr, "f1": rf},
            "value": {"p": vp, "r": vr, "f1": vf, "accuracy": value_acc}, "type_accuracy": type_acc,
            "value_equivalent_spellings": {"p": ep, "r": er, "f1": ef},
        }  # fmt: skip
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

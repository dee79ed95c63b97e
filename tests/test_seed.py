"""The end-to-end acceptance facts of the seed article, on our retelling of it
(samples/ecommerce-pilot-zones.txt) and, where the shared corpus is present, on the
seed article itself."""

from __future__ import annotations

import pytest
from conftest import DEV, SAMPLES

from extract.batch import extract_file

RETELLING = SAMPLES / "ecommerce-pilot-zones.txt"
SEED = DEV / "seed-chinadaily-2025-03-29.txt"


def _sources():
    yield pytest.param(RETELLING, id="retelling")
    yield pytest.param(SEED, id="seed", marks=pytest.mark.skipif(not SEED.exists(), reason="no shared corpus"))


@pytest.fixture(scope="module", params=list(_sources()))
def record(request):
    [rec] = extract_file(request.param)
    return rec


def _person(record, name):
    people = [e for e in record.entities if e.label == "PERSON" and e.name == name]
    assert people, f"no PERSON {name!r} in {[e.name for e in record.entities]}"
    return people[0]


def _entity_name(record, eid):
    return next((e.name for e in record.entities if e.id == eid), None)


@pytest.mark.parametrize(
    ("name", "title", "affiliation"),
    [
        ("Li Qiang", "Premier", None),
        ("Li Yongjie", "deputy international trade representative", "Ministry of Commerce"),
        ("Jiang Xiaojuan", "professor", "University of Chinese Academy of Social Sciences"),
    ],
)
def test_seed_people_titles_affiliations(record, name, title, affiliation):
    person = _person(record, name)
    assert title in person.titles
    if affiliation is not None:
        assert _entity_name(record, person.affiliation) == affiliation


def test_seed_direct_quote_through_she(record):
    [quote] = [q for q in record.quotations if q.kind == "direct" and q.text.startswith("We hope that all countries")]
    assert _entity_name(record, quote.speaker) == "Li Yongjie"
    assert quote.speaker_text == "she"


def test_seed_jiang_statements(record):
    jiang = _person(record, "Jiang Xiaojuan")
    theirs = [q for q in record.quotations if q.speaker == jiang.id]
    assert len(theirs) == 2
    assert {q.speaker_text for q in theirs} == {"Jiang Xiaojuan", "Jiang"}


@pytest.mark.parametrize(
    ("text", "value"),
    [("Friday", "2025-03-28"), ("Thursday", "2025-03-27"), ("June", "2024-06"), ("the previous year", "2023")],
)
def test_seed_dates(record, text, value):
    found = [d for d in record.dates if text.lower() in d.text.lower()]
    assert found, f"no date {text!r} in {[d.text for d in record.dates]}"
    assert found[0].value == value


def test_seed_money_and_equivalent(record):
    [yuan] = [f for f in record.figures if f.text == "2.63 trillion yuan"]
    [usd] = [f for f in record.figures if f.text == "$362 billion"]
    assert (yuan.value, yuan.unit, yuan.kind) == (2_630_000_000_000, "CNY", "money")
    assert (usd.value, usd.unit) == (362_000_000_000, "USD")
    assert yuan.equivalent_to == usd.id


def test_seed_percent_and_qualifier(record):
    [pct] = [f for f in record.figures if "10.8" in f.text]
    assert (pct.value, pct.unit, pct.kind) == (10.8, "percent", "percent")
    [warehouses] = [f for f in record.figures if f.value == 2500]
    assert warehouses.qualifier == "more than"

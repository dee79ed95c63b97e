"""Property tests: any text gives a valid record whose offsets slice back to its text."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extract.readers import normalize_text
from extract.validate import problems

NEWSY = st.sampled_from(
    [
        "said", "says", "told reporters", "according to", "President", "Minister", "Ms.", "Dr.",
        "Ministry of Commerce", "Reuters", "(Xinhua) --", "BEIJING,", "on Friday", "last week",
        "in June", "2024", "the previous year", "Q3", "five years", "$", "US$", "€", "¥", "yuan",
        "billion", "trillion", "percent", "%", "percentage points", "more than", "about", "nearly",
        "2.63", "1,000", "10.8-percent", "twenty-five", "a third", '"', "“", "”", "'", "‘", "’",
        "«", "»", ",", ".", ":", "—", "-", "(", ")", "\n", "\n\n", " ", "she", "he", "Li Qiang",
        "Jiang", "China", "Hong Kong", "U.S.", "Sept. 3,", "3/29/2025", "00:37", "2019/20",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(NEWSY, max_size=80).map(" ".join),
    st.lists(st.one_of(NEWSY, st.text(max_size=6)), max_size=60).map("".join),
)


def check_record(extract, text: str) -> None:
    record = json.loads(extract(text, published="2025-03-29").to_json())
    assert problems(record) == []
    body = normalize_text(text)
    assert record["source"]["chars"] == len(body)
    for kind in ("figures", "dates"):
        for item in record[kind]:
            assert body[item["start"] : item["end"]] == item["text"]
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]
    for quote in record["quotations"]:
        for part in quote["parts"]:
            assert body[part["start"] : part["end"]] == part["text"]
    for kind, prefix in (("entities", "e"), ("figures", "f"), ("dates", "d"), ("quotations", "q")):
        ids = [x["id"] for x in record[kind]]
        assert len(ids) == len(set(ids)) and all(i.startswith(prefix) for i in ids)
    entity_ids = {e["id"] for e in record["entities"]}
    figure_ids = {f["id"] for f in record["figures"]}
    for quote in record["quotations"]:
        assert quote["speaker"] is None or quote["speaker"] in entity_ids
    for entity in record["entities"]:
        assert entity["affiliation"] is None or entity["affiliation"] in entity_ids
    for figure in record["figures"]:
        assert figure["equivalent_to"] is None or figure["equivalent_to"] in figure_ids
        assert figure["range_with"] is None or figure["range_with"] in figure_ids


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_properties_any_text_gives_a_valid_record(extract, text):
    assume(normalize_text(text).strip())
    check_record(extract, text)


@pytest.mark.parametrize("text", ["0;0", ".0¼", "Aa(0)-", '"' * 2000, "¼½¾ ⅓ of .5 ¼-"])
def test_properties_found_cases(extract, text):
    """Inputs the property test once failed on."""
    check_record(extract, text)

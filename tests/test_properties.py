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
    """The record of any text validates, its ids are unique and link up, and every offset
    slices back to its text."""
    record = json.loads(extract(text, published="2025-03-29").to_json())
    body = normalize_text(text)
    assert problems(record, body) == []
    assert record["source"]["chars"] == len(body)
    for kind, prefix in (("entities", "e"), ("figures", "f"), ("dates", "d"), ("quotations", "q")):
        assert all(x["id"].startswith(prefix) for x in record[kind])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_properties_any_text_gives_a_valid_record(extract, text):
    assume(normalize_text(text).strip())
    check_record(extract, text)


@pytest.mark.parametrize("text", ["0;0", ".0¼", "Aa(0)-", '"' * 2000, "¼½¾ ⅓ of .5 ¼-"])
def test_properties_found_cases(extract, text):
    """Inputs the property test once failed on."""
    check_record(extract, text)

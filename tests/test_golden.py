"""Golden records: the tool's output on samples/ is compared byte for byte.

Regenerate on purpose only: ``pytest tests/test_golden.py --update-golden``, then read
the diff and commit it with the reason.
"""

from __future__ import annotations

import json

import pytest
from conftest import GOLDEN, SAMPLES

from extract.batch import extract_file
from extract.validate import problems

ARTICLES = sorted(SAMPLES.glob("*.txt"))


def test_golden_samples_exist():
    assert len(ARTICLES) >= 5
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == [p.stem for p in ARTICLES]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_golden_record_unchanged(article, request, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)  # source.path as `newsfacts samples/` writes it
    [record] = extract_file(article.relative_to(SAMPLES.parent))
    text = record.to_json(indent=2) + "\n"
    golden = GOLDEN / f"{article.stem}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert golden.exists(), f"no golden record for {article.name}: run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{golden} differs: regenerate on purpose with --update-golden"


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_golden_record_validates(golden):
    assert problems(json.loads(golden.read_text(encoding="utf-8"))) == []

"""Fixtures shared by every test: one pipeline per session, paths to data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = SAMPLES / "golden"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORE = SHARED / "tools" / "score.py"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite samples/golden/*.json from the current output instead of comparing.",
    )


@pytest.fixture(scope="session")
def extractor():
    """The default Extractor, loaded once."""
    from extract.pipeline import default_extractor

    return default_extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def extract():
    """extract(text, published=...) -> ArticleRecord, with the session's pipeline."""
    from extract import extract_text

    return extract_text


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """The shared dev corpus; tests that need it skip where it is absent."""
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not present on this machine")
    return DEV

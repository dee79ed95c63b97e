"""newsfacts: structured, schema-validated facts from English news articles.

    >>> from extract import extract_text
    >>> record = extract_text("Shares rose 2 percent on Friday, the exchange said.", published="2025-03-29")

The names below load lazily, so that importing ``extract`` (as spaCy's entry points do)
stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleRecord",
    "Extractor",
    "Settings",
    "__version__",
    "compiled_modules",
    "extract_file",
    "extract_text",
]

if TYPE_CHECKING:
    from .batch import extract_file
    from .pipeline import Extractor, extract_text
    from .readers import Article
    from .records import ArticleRecord
    from .settings import Settings

_LAZY = {
    "Extractor": "pipeline",
    "extract_text": "pipeline",
    "extract_file": "batch",
    "Article": "readers",
    "ArticleRecord": "records",
    "Settings": "settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def compiled_modules() -> list[str]:
    """The modules of this install that run compiled (a regular install compiles the rule
    code with Cython, see ``setup.py``); empty for plain Python, as in an editable install."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from pathlib import Path

    root = Path(__file__).resolve().parent
    out = []
    for path in root.rglob("*"):
        suffix = next((s for s in EXTENSION_SUFFIXES if path.name.endswith(s)), None)
        if suffix:
            parts = path.relative_to(root).parts
            out.append(".".join((__name__, *parts[:-1], path.name[: -len(suffix)])))
    return sorted(out)

"""A regular install compiles the rule code with Cython (setup.py); an editable one does not."""

from __future__ import annotations

import importlib
import importlib.util
import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType

import extract

ROOT = Path(__file__).resolve().parent.parent


def _setup_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsfacts_setup_script", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines, does not call setup(): not run as __main__
    return module


def test_compiled_the_install_compiles_what_setup_lists_and_nothing_else() -> None:
    """``.ci/run`` runs the tests a second time on a regular install with
    NEWSFACTS_EXPECT_COMPILED=1: every module must have compiled (a failed build would
    otherwise fall back to plain Python without a word). In an editable install, no
    module may be compiled: a stale extension would shadow the edited source."""
    names = _setup_script().compiled_module_names()
    assert "extract.components.entities" in names and "extract.pipeline" not in names
    expected = names if os.environ.get("NEWSFACTS_EXPECT_COMPILED") == "1" else []
    assert extract.compiled_modules() == expected


def test_compiled_modules_are_what_import_loads() -> None:
    for name in extract.compiled_modules():
        module = importlib.import_module(name)
        assert str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES))


def test_compiled_every_listed_module_exists_as_source() -> None:
    for name in _setup_script().compiled_module_names():
        assert (ROOT / (name.replace(".", "/") + ".py")).is_file(), name

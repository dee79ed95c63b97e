"""The components are spaCy factories, reachable through the spacy_factories entry point."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import spacy

from extract.factories import FACTORIES


def test_factories_registered_through_entry_points():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(FACTORIES) <= names


def test_factories_build_a_pipeline_of_users_own():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsfacts_article")
    for name in FACTORIES[1:]:
        nlp.add_pipe(name)
    doc = nlp("Rates rise\n2024-01-05\n\nThe bank raised rates on Thursday, its governor said.")
    assert doc._.newsfacts["article"]["published"] == "2024-01-05"
    for group in ("newsfacts_entities", "newsfacts_dates", "newsfacts_figures", "newsfacts_quotes"):
        assert group in doc.spans


def test_factories_entry_point_without_importing_extract_first():
    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('newsfacts_article'); "
        "doc = nlp('Title\\n2020-02-02\\n\\nBody.'); print(doc._.newsfacts['article']['published'])"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2020-02-02"


def test_factories_module_is_cheap_to_import():
    code = "import sys, extract.factories; print(any(m.startswith('extract.components') for m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.stdout.strip() == "False"

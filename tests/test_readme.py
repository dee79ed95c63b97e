"""The README's library example runs as written, and its commands stay the CI's."""

from __future__ import annotations

import json
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(marker: str) -> str:
    section = README.split(f"<!-- {marker} -->", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    return "\n".join(re.findall(r"```python\n(.*?)```", section, flags=re.S))


def test_readme_library_example_runs(capsys):
    code = _block("readme-example")
    assert "Extractor" in code and "extract_text" in code
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "2025-03-29" in out and "['a1', 'a2']" in out


def test_readme_has_two_get_going_commands():
    section = README.split("<!-- get-going -->", 1)[1].split("<!-- /get-going -->", 1)[0]
    commands = [line for line in section.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert "newsfacts samples/" in commands[0]
    assert "[test]" in commands[1] and "pytest" in commands[1]


def test_readme_record_example_is_what_the_tool_writes(capsys):
    section = README.split("<!-- record-example -->", 1)[1].split("<!-- /record-example -->", 1)[0]
    code = re.findall(r"```python\n(.*?)```", section, flags=re.S)[0]
    shown = json.loads(re.findall(r"```json\n(.*?)```", section, flags=re.S)[0])
    exec(compile(code, "README.md", "exec"), {})
    assert json.loads(capsys.readouterr().out) == shown, "README's record example is stale: regenerate it"

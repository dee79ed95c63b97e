"""The newsfacts command: main form, verbs, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.cli import main
from extract.records import schema_text

ARTICLE = "Port traffic climbs\n2024-05-06\n\nCargo volumes rose 4 percent in April, the port authority said.\n"


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
    out, err = capsys.readouterr()
    return exc.value.code or 0, out, err


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text(ARTICLE.replace("4 percent", "5 percent"), encoding="utf-8")
    (sub / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Sales fell on Monday.", "published": "2024-02-07"})
        + "\n"
        + json.dumps({"text": "Output rose in March."})
        + "\n",
        encoding="utf-8",
    )
    return tmp_path


def test_cli_folder_to_stdout(folder, capsys):
    code, out, err = run([str(folder)], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "j1", "batch:2", "b"]
    assert records[1]["article"]["published"] == "2024-02-07"
    assert records[1]["source"]["format"] == "jsonl" and records[1]["source"]["line"] == 1


def test_cli_output_file(folder, tmp_path, capsys):
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run([str(folder / "a.txt"), "-o", str(out_file)], capsys)
    assert code == 0 and out == ""
    assert json.loads(out_file.read_text())["id"] == "a"


def test_cli_out_dir(folder, tmp_path, capsys):
    target = tmp_path / "records"
    code, _, _ = run([str(folder / "a.txt"), str(folder / "batch.jsonl"), "--out-dir", str(target)], capsys)
    assert code == 0
    assert sorted(p.name for p in target.iterdir()) == ["a.json", "batch_2.json", "j1.json"]
    text = (target / "a.json").read_text()
    assert text.startswith("{\n  ") and json.loads(text)["id"] == "a"


def test_cli_published_option(folder, capsys):
    code, out, _ = run([str(folder / "a.txt"), "--published", "2030-01-02"], capsys)
    assert code == 0
    assert json.loads(out)["article"]["published"] == "2030-01-02"


def test_cli_date_conventions_option(tmp_path, capsys):
    path = tmp_path / "night.txt"
    path.write_text("Ferry strike\n2024-05-06\n\nThe crews walked out on Sunday night.\n", encoding="utf-8")
    values = {}
    for conventions in ("news", "timeml"):
        code, out, err = run([str(path), "--date-conventions", conventions], capsys)
        assert code == 0, err
        values[conventions] = [d["value"] for d in json.loads(out)["dates"]]
    assert values == {"news": ["2024-05-05"], "timeml": ["2024-05-05TNI"]}
    code, _, err = run([str(path), "--date-conventions", "iso"], capsys)
    assert code == 2 and "date conventions" in err


def test_cli_bad_published_is_usage_error(folder, capsys):
    code, _, err = run([str(folder / "a.txt"), "--published", "yesterday"], capsys)
    assert code == 2 and "ISO 8601" in err


def test_cli_unreadable_input_is_one_line_and_rest_runs(folder, capsys):
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00broken" + bytes(range(256)))
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    code, out, err = run([str(folder / "missing.txt"), str(folder)], capsys)
    assert code == 3
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["a", "j1", "batch:2", "b"]
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert "missing.txt" in lines[0] and "no such file" in lines[0]
    assert any("bad.txt" in line for line in lines) and any("empty.txt" in line for line in lines)
    assert "Traceback" not in err


def test_cli_errors_file(folder, tmp_path, capsys):
    errors = tmp_path / "errors.jsonl"
    code, _, err = run([str(folder / "nope.txt"), str(folder / "a.txt"), "--errors", str(errors)], capsys)
    assert code == 3 and err == ""
    entry = json.loads(errors.read_text())
    assert entry["path"].endswith("nope.txt") and entry["code"] == "E101" and entry["message"]


def test_cli_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    code, out, _ = run(["-"], capsys)
    assert code == 0 and json.loads(out)["id"] == "stdin"


def test_cli_schema_verb(capsys):
    code, out, _ = run(["schema"], capsys)
    assert code == 0 and out == schema_text()


def test_cli_path_named_like_a_verb(tmp_path, capsys, monkeypatch):
    (tmp_path / "schema").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["./schema"], capsys)
    assert code == 0 and json.loads(out)["id"] == "schema"


def test_cli_validate_verb(folder, tmp_path, capsys):
    out_file = tmp_path / "out.jsonl"
    run([str(folder / "a.txt"), "-o", str(out_file)], capsys)
    code, _, err = run(["validate", str(out_file)], capsys)
    assert code == 0 and "1 of 1 records valid" in err
    record = json.loads(out_file.read_text())
    record["figures"] = [{"id": "x"}]
    out_file.write_text(json.dumps(record) + "\n")
    code, _, err = run(["validate", str(out_file)], capsys)
    assert code == 3 and "0 of 1 records valid" in err


def test_cli_no_arguments_is_usage_error(capsys):
    code, _, _ = run([], capsys)
    assert code == 2


def test_cli_python_m_extract_works(folder):
    proc = subprocess.run(
        [sys.executable, "-m", "extract", str(folder / "a.txt")], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "a"


def test_cli_include_text(folder, capsys):
    code, out, _ = run([str(folder / "a.txt"), "--include-text"], capsys)
    record = json.loads(out)
    assert code == 0 and record["text"] == ARTICLE
    code, out, _ = run([str(folder / "a.txt")], capsys)
    assert "text" not in json.loads(out)

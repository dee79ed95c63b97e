"""Reading inputs: encodings, formats, limits; each bad input is an error of its own."""

from __future__ import annotations

import gzip
import json
import os

import pytest

from extract.readers import (
    Article,
    InputFailure,
    InputRef,
    ReadOptions,
    decode,
    expand_inputs,
    iter_articles,
    read_input,
)

TEXT = "Tea exports climb\n2023-09-14\n\nKenya’s tea exports rose 7 percent, the “board” said — again.\n"


def read_one(path, **options):
    refs = expand_inputs([str(path)])
    return list(iter_articles(refs, ReadOptions(**options)))


LATIN = "Café prices rose in Montréal and São Paulo, traders said on Monday."
SMART = "The minister said “exports will grow” — and they did. Prices rose in Zürich."
HANZI = "中国海关总署周五表示，今年前两个月的出口增长了百分之五，进口下降。"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT),
        (LATIN.encode("latin-1"), LATIN),
        (SMART.encode("cp1252"), SMART),
        (HANZI.encode("gb18030"), HANZI),
    ],
)
def test_readers_decode_encodings(data, expected):
    text, warnings = decode(data)
    assert text.lstrip("\ufeff") == expected
    assert bool(warnings) == (expected in (LATIN, SMART, HANZI))


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "E104", "PDF"),
        (bytes(range(256)) * 4, "E104", "binary"),
        (b"\x00\x01\x02\x03" * 100, "E104", "binary"),
        ("Prices rose 5 percent in Sāo".encode()[:-2], "E103", "truncated UTF-8"),
        (b"", "E105", "empty"),
        (b"  \n\t\n ", "E105", "empty"),
    ],
)
def test_readers_bad_bytes_are_one_clear_error(tmp_path, data, code, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [result] = read_one(path)
    assert isinstance(result, InputFailure)
    assert result.error.code == code and words in result.error.message
    assert "\n" not in result.error.message


def test_readers_too_large_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 50_000, encoding="utf-8")
    [result] = read_one(path, max_chars=10_000)
    assert isinstance(result, InputFailure) and result.error.code == "E106"


def test_readers_jsonl_bad_lines_each_an_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "Oil rose 2 percent.", "published": "2024-03-01"}),
        '{"id": "broken", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "notext"}),
        json.dumps({"id": "numtext", "text": 42}),
        json.dumps({"id": "baddate", "text": "Gold fell.", "published": "soon"}),
        "",
        json.dumps({"text": "Copper was flat."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read_one(path)
    kinds = [(r.id, type(r).__name__) for r in results]
    assert kinds == [
        ("ok1", "Article"),
        ("feed:2", "InputFailure"),
        ("feed:3", "InputFailure"),
        ("notext", "InputFailure"),
        ("numtext", "InputFailure"),
        ("baddate", "InputFailure"),
        ("feed:8", "Article"),
    ]
    messages = [r.error.message for r in results if isinstance(r, InputFailure)]
    assert all(m.startswith("line ") for m in messages)
    assert "not valid JSON" in messages[0] and "not an object" in messages[1] and 'no "text"' in messages[2]


def test_readers_jsonl_custom_keys(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"uid": "x9", "body": "Rates held.", "date": "2022-02-02"}) + "\n", encoding="utf-8")
    [article] = read_one(path, text_key="body", id_key="uid", date_key="date")
    assert isinstance(article, Article)
    assert (article.id, article.text, article.published) == ("x9", "Rates held.", "2022-02-02")


def test_readers_gzip_inputs(tmp_path):
    with gzip.open(tmp_path / "a.txt.gz", "wt", encoding="utf-8") as f:
        f.write(TEXT)
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": "Wheat slipped."}) + "\n")
    results = list(iter_articles(expand_inputs([str(tmp_path)]), ReadOptions()))
    assert [(r.id, r.format) for r in results] == [("a", "text"), ("g1", "jsonl")]
    assert results[0].text == TEXT


def test_readers_corrupt_gzip_is_an_error(tmp_path):
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(TEXT.encode())[:30])
    [result] = read_one(tmp_path / "c.txt.gz")
    assert isinstance(result, InputFailure) and result.error.code == "E102"


def test_readers_html_page(tmp_path):
    pytest.importorskip("trafilatura")
    html = (
        "<html><head><title>Ferry fares to rise</title><meta name='author' content='Nadia Haddad'>"
        "<meta property='article:published_time' content='2024-02-11T09:00:00Z'></head><body>"
        "<nav>Home | Business | Sport</nav><article><h1>Ferry fares to rise</h1>"
        "<p>Ferry operators will raise fares by 6 percent from March, the transport authority said on Sunday.</p>"
        "<p>“Costs have climbed for two years,” said the authority’s chief executive, Omar Saleh.</p>"
        "</article><footer>Copyright 2024</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [article] = read_one(tmp_path / "page.html")
    assert isinstance(article, Article) and article.format == "html"
    assert article.headline == "Ferry fares to rise"
    assert article.published == "2024-02-11"
    assert article.authors == ("Nadia Haddad",)
    assert "Home | Business" not in article.text and "6 percent" in article.text


def test_readers_expand_ids_are_unique_and_stable(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "other.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "skip.md").write_text(TEXT, encoding="utf-8")
    refs = expand_inputs([str(tmp_path)])
    assert [r.id for r in refs] == ["other", "a/same", "b/same"]
    assert refs == expand_inputs([str(tmp_path)])


def test_readers_globs_and_missing_paths(tmp_path):
    (tmp_path / "x1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x2.txt").write_text(TEXT, encoding="utf-8")
    refs = expand_inputs([str(tmp_path / "x*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "z*.txt")])
    assert [r.id for r in refs if isinstance(r, InputRef)] == ["x1", "x2"]
    failures = [r for r in refs if isinstance(r, InputFailure)]
    assert [f.error.code for f in failures] == ["E101", "E101"]


def test_readers_symlink_loop_and_dangling_link(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    results = list(iter_articles(expand_inputs([str(tmp_path)]), ReadOptions()))
    assert [r.error.code for r in results] == ["E102", "E102"]
    assert all("cannot read" in r.error.message for r in results)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_readers_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    [result] = read_one(path)
    assert isinstance(result, InputFailure) and result.error.code == "E102"


def test_readers_stdin_detects_jsonl():
    opts = ReadOptions(stdin=b'{"id": "s1", "text": "Gas prices fell."}\n{"id": "s2", "text": "Coal rose."}\n')
    assert [a.id for a in read_input(InputRef("-", "stdin", "text"), opts)] == ["s1", "s2"]
    opts = ReadOptions(stdin=TEXT.encode())
    assert [a.id for a in read_input(InputRef("-", "stdin", "text"), opts)] == ["stdin"]


def test_readers_mojibake_repair_is_a_setting():
    broken = "The café’s owner said prices rose.".encode().decode("latin-1").encode("utf-8")
    text, warnings = decode(broken)
    assert "Ã" in text and warnings == []
    fixed, warnings = decode(broken, fix_mojibake=True)
    assert fixed == "The café’s owner said prices rose." and warnings[0][0] == "W102"

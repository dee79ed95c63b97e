"""The models are the contract: the committed schema is generated from them."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import ROOT

from extract.records import SCHEMA_DIALECT, ArticleRecord, json_schema, schema_text
from extract.validate import problems

SCHEMA_FILE = ROOT / "schemas" / "article-record.schema.json"


def test_records_schema_file_matches_models():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/article-record.schema.json is stale: run `newsfacts schema -o schemas/article-record.schema.json`"
    )


def test_records_schema_is_valid_draft_2020_12():
    schema = json_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"].startswith("https://")
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "field", ["schema_version", "id", "source", "article", "entities", "figures", "dates", "quotations"]
)
def test_records_contract_fields_present(field):
    assert field in json_schema()["properties"]
    assert field in json_schema()["required"] or field in ArticleRecord.model_fields


def test_records_contract_nested_fields():
    defs = json_schema()["$defs"]
    assert set(defs["Source"]["properties"]) >= {"path", "sha256", "chars", "format"}
    assert set(defs["ArticleMeta"]["properties"]) >= {"headline", "authors", "outlet", "published", "dateline"}
    assert set(defs["Entity"]["properties"]) >= {"id", "label", "name", "titles", "affiliation", "mentions"}
    assert set(defs["Figure"]["properties"]) >= {
        "id", "text", "start", "end", "value", "unit", "kind", "qualifier", "equivalent_to"
    }  # fmt: skip
    assert set(defs["TimeExpression"]["properties"]) >= {"id", "text", "start", "end", "type", "value", "mod", "anchor"}
    assert set(defs["Quotation"]["properties"]) >= {"id", "kind", "text", "parts", "speaker", "speaker_text", "cue"}


def test_records_extracted_record_validates(extract):
    record = extract("Shares of Acme rose 3 percent on Friday, the company said.", published="2025-03-29")
    assert problems(json.loads(record.to_json())) == []


def test_records_validation_catches_bad_record(extract):
    record = json.loads(extract("Prices rose.", published="2025-03-29").to_json())
    record["article"]["published"] = "29 March 2025"
    assert problems(record)
    record = json.loads(extract("Prices rose.", published="2025-03-29").to_json())
    del record["source"]
    assert problems(record)


def test_records_validation_checks_links_and_offsets(extract):
    text = "Acme said on Friday its sales rose 12 percent to $3.4 billion, chief executive Jo Park said."
    record = json.loads(extract(text, published="2025-03-29").to_json())
    assert problems(record, text) == []
    broken = json.loads(json.dumps(record))
    broken["figures"][0]["start"] += 1
    broken["figures"][0]["end"] += 1
    assert any("do not fit" in p for p in problems(broken, text))
    broken = json.loads(json.dumps(record))
    broken["quotations"][0]["speaker"] = "e99"
    assert any("points to e99" in p for p in problems(broken))
    broken = json.loads(json.dumps(record))
    broken["dates"].append(dict(broken["dates"][0]))
    assert any("repeats" in p for p in problems(broken))

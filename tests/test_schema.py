"""The document schema's lists come from schema/document.schema.json, not from a copy in code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsevents import schema
from newsevents.paths import schema_dir


def test_lists_follow_the_shipped_schema() -> None:
    raw = json.loads((schema_dir() / "document.schema.json").read_text(encoding="utf-8"))
    meta = raw["$defs"]["meta"]
    assert schema.document_statuses() == raw["properties"]["status"]["enum"]
    assert schema.meta_fields() == list(meta["properties"])
    assert schema.required_meta_fields() == meta["required"]
    assert schema.splits() == meta["properties"]["split"]["enum"]
    assert set(schema.HUMAN_STATUSES) == {"annotated", "reviewed"}
    assert "url" in schema.meta_fields() and "url" not in schema.required_meta_fields()


@pytest.fixture
def edited_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the schema folder the test may edit, in force for the test only."""
    folder = tmp_path / "schema"
    shutil.copytree(schema_dir(), folder)
    monkeypatch.setenv("NEWSEVENTS_SCHEMA_DIR", str(folder))
    schema.load_document_schema.cache_clear()
    yield folder / "document.schema.json"
    schema.load_document_schema.cache_clear()


def test_an_edit_to_the_schema_reaches_every_list(edited_schema: Path) -> None:
    raw = json.loads(edited_schema.read_text(encoding="utf-8"))
    raw["properties"]["status"]["enum"].append("adjudicated")
    raw["properties"]["status"]["x-human-statuses"].append("adjudicated")
    raw["$defs"]["meta"]["properties"]["split"]["enum"].append("dev2")
    raw["$defs"]["meta"]["properties"]["genre"] = {"type": "string"}
    edited_schema.write_text(json.dumps(raw), encoding="utf-8")

    from newsevents import paths

    assert schema.document_statuses()[-1] == "adjudicated"
    assert schema.HUMAN_STATUSES == ("annotated", "reviewed", "adjudicated")
    assert schema.splits()[-1] == "dev2" and paths.SPLITS[-1] == "dev2"
    assert schema.meta_fields()[-1] == "genre" and "genre" not in schema.required_meta_fields()


def test_a_human_status_outside_the_enum_is_refused(edited_schema: Path) -> None:
    raw = json.loads(edited_schema.read_text(encoding="utf-8"))
    raw["properties"]["status"]["x-human-statuses"] = ["annotated", "approved"]
    edited_schema.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="approved"):
        schema.human_statuses()


def test_both_validators_ignore_the_x_annotation() -> None:
    """The `x-human-statuses` key must not change what is valid for either validator."""
    import fastjsonschema
    import jsonschema

    raw = schema.load_document_schema()
    jsonschema.Draft202012Validator.check_schema(raw)
    status_only = {"properties": {"status": raw["properties"]["status"]}}
    fast = fastjsonschema.compile(status_only)
    slow = jsonschema.Draft202012Validator(status_only)
    for status in schema.document_statuses():
        assert fast({"status": status}) and slow.is_valid({"status": status})
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        fast({"status": "approved"})
    assert not slow.is_valid({"status": "approved"})


def test_model_layer_naming() -> None:
    name = schema.model_layer_name("lexicon", "1.2.0")
    assert name == "model:lexicon@1.2.0"
    assert schema.is_model_layer(name) and not schema.is_model_layer("alice")
    assert schema.model_layer_tag(name) == "lexicon@1.2.0"
    assert schema.model_layer_tag("alice") is None

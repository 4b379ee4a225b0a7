"""seeds -> corpus: documents are created once, segmented, and never overwritten."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsevents.document import read_document, write_document
from newsevents.ingest import IngestError, ingest
from newsevents.validate import validate_paths

REPO = Path(__file__).resolve().parent.parent
META = {"title": "T", "source": "Test", "url": None, "published": "2024-05-01", "language": "en",
        "licence": "CC0-1.0", "split": "validation"}


def make_seed(folder: Path, name: str, text: str, **meta) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{name}.meta.json").write_text(json.dumps({**META, **meta}), encoding="utf-8")
    return folder / f"{name}.txt"


def test_creates_a_valid_segmented_document_with_the_text_untouched(tmp_path):
    text = "Mr. Smith arrived in the U.S. on Monday.\r\nPolice  arrested him\u00a0there. 🙂 Done"
    make_seed(tmp_path / "seeds", "smith-arrives", text)
    (result,) = ingest(tmp_path / "seeds", tmp_path / "corpus")
    assert result.action == "created"
    assert result.target == tmp_path / "corpus" / "validation" / "smith-arrives.json"
    doc = read_document(result.target)
    assert doc["text"] == text and doc["status"] == "raw" and doc["meta"]["split"] == "validation"
    assert doc["sentences"] and doc["tokens"]
    assert validate_paths([tmp_path / "corpus"]) == []


def test_rerun_writes_nothing(tmp_path):
    make_seed(tmp_path / "seeds", "a", "One sentence. Two sentences.")
    (first,) = ingest(tmp_path / "seeds", tmp_path / "corpus")
    before = first.target.stat().st_mtime_ns
    (second,) = ingest(tmp_path / "seeds", tmp_path / "corpus")
    assert second.action == "unchanged" and first.target.stat().st_mtime_ns == before


def test_an_existing_annotated_document_keeps_its_annotations(tmp_path):
    make_seed(tmp_path / "seeds", "a", "Police arrested him.")
    (first,) = ingest(tmp_path / "seeds", tmp_path / "corpus")
    doc = read_document(first.target)
    doc["entities"] = [{"id": "T1", "type": "ORG", "start": 0, "end": 6, "text": "Police",
                        "source": {"annotator": "alice"}}]
    doc["status"], doc["sentences"], doc["tokens"] = "annotated", [], []
    write_document(first.target, doc)
    (second,) = ingest(tmp_path / "seeds", tmp_path / "corpus")
    after = read_document(first.target)
    assert second.action == "segmented"
    assert after["entities"] == doc["entities"] and after["status"] == "annotated" and after["tokens"]


def test_a_changed_seed_text_is_refused(tmp_path):
    make_seed(tmp_path / "seeds", "a", "Police arrested him.")
    ingest(tmp_path / "seeds", tmp_path / "corpus")
    make_seed(tmp_path / "seeds", "a", "Police arrested them.")
    with pytest.raises(IngestError, match=r"a\.json: its text differs from .*a\.txt"):
        ingest(tmp_path / "seeds", tmp_path / "corpus")


def write(folder: Path, text: bytes, meta: str) -> None:
    (folder / "x.txt").write_bytes(text)
    (folder / "x.meta.json").write_text(meta, encoding="utf-8")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "x.txt").write_text("Hi."), r"x\.txt: no metadata file x\.meta\.json"),
        (lambda d: write(d, b"caf\xe9", "{}"), r"x\.txt: byte 3 is not UTF-8"),
        (lambda d: make_seed(d, "x", "Hi.", sha256="0" * 64), r"x\.txt: SHA-256 .* differs from the metadata's"),
        (lambda d: write(d, b"Hi.", '{"title": "T"}'), r"x\.meta\.json: missing source"),
    ],
    ids=["no-metadata", "not-utf8", "checksum", "incomplete-metadata"],
)
def test_bad_seeds_are_named(tmp_path, setup, message):
    (tmp_path / "seeds").mkdir()
    setup(tmp_path / "seeds")
    with pytest.raises(IngestError, match=message):
        ingest(tmp_path / "seeds", tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()


def test_the_bundled_seed_is_already_in_the_corpus_unchanged(tmp_path):
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    results = ingest(REPO / "seeds", tmp_path / "corpus")
    assert results and {r.action for r in results} == {"unchanged"}, "every bundled seed is in corpus/ already"
    seed_text = (REPO / "seeds" / "000_6a14dd2b43e75976.txt").read_text(encoding="utf-8")
    assert read_document(tmp_path / "corpus" / "train" / "000_6a14dd2b43e75976.json")["text"] == seed_text


def test_metadata_needs_only_what_the_schema_requires(tmp_path):
    """`url` is optional in the document schema, so a seed without one is ingested without one."""
    meta = {k: v for k, v in META.items() if k != "url"}
    make_seed(tmp_path / "seeds", "x", "Hi there.")
    (tmp_path / "seeds" / "x.meta.json").write_text(json.dumps({**meta, "sha256": None}), encoding="utf-8")
    (result,) = ingest(tmp_path / "seeds", tmp_path / "corpus")
    assert read_document(result.target)["meta"] == meta
    assert validate_paths([tmp_path / "corpus"]) == []


def test_cli_defaults_are_seeds_and_corpus_of_the_current_directory(tmp_path, monkeypatch, capsys):
    from newsevents.cli import main

    make_seed(tmp_path / "seeds", "a", "Police arrested him.")
    monkeypatch.chdir(tmp_path)
    assert main(["ingest"]) == 0
    assert "created   corpus/validation/a.json" in capsys.readouterr().out
    assert (tmp_path / "corpus" / "validation" / "a.json").is_file()


def test_a_seed_without_a_licence_is_refused(tmp_path):
    make_seed(tmp_path / "seeds", "a", "Police arrested him.", licence=" ")
    with pytest.raises(IngestError, match=r"\[L5 CORPUS licence-missing\]"):
        ingest(tmp_path / "seeds", tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()


@pytest.mark.parametrize("change", ["split", "id"], ids=["same-id-new-split", "same-text-new-id"])
def test_a_seed_the_corpus_would_refuse_is_not_written(tmp_path, change):
    make_seed(tmp_path / "seeds", "a", "Police arrested him.")
    ingest(tmp_path / "seeds", tmp_path / "corpus")
    if change == "split":  # the same document id, now meant for another split
        make_seed(tmp_path / "seeds", "b", "Another text.", id="a", split="test")
        rule = "duplicate-doc-id"
    else:  # the same text again under another id
        make_seed(tmp_path / "seeds", "b", "Police arrested him.")
        rule = "duplicate-text"
    with pytest.raises(IngestError, match=rf"\[L5 CORPUS {rule}\]"):
        ingest(tmp_path / "seeds", tmp_path / "corpus")
    assert len(list((tmp_path / "corpus").rglob("*.json"))) == 1

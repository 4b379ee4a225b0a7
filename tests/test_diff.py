"""`newsevents diff OLD NEW`: documents and annotations added, removed and changed between builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.dataset.build import build
from newsevents.dataset.diff import diff_builds, format_diff
from newsevents.dataset.synthetic import synthetic_document, write_synthetic_corpus
from newsevents.document import document_path, read_document, write_document


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("diff")
    old_corpus, new_corpus = root / "old", root / "new"
    write_synthetic_corpus(old_corpus, 6)
    shutil.copytree(old_corpus, new_corpus)
    # 0.2.0: one document removed, one added, one with an entity retyped, an event removed and
    # its title edited, one moved to another split.
    (new_corpus / "train" / "synthetic-000003.json").unlink()
    added = synthetic_document(6)
    write_document(document_path(new_corpus, added), added)
    path = new_corpus / "test" / "synthetic-000002.json"
    doc = read_document(path)
    arguments = {a["entity"] for ev in doc["events"] for a in ev["arguments"]}
    entity = next(e for e in doc["entities"] if e["id"] not in arguments)  # retyping keeps the doc valid
    entity["type"] = "TIME" if entity["type"] != "TIME" else "PER"
    removed_event = doc["events"].pop(1)
    doc["meta"]["title"] = "Edited title"
    write_document(path, doc)
    moved = read_document(new_corpus / "validation" / "synthetic-000001.json")
    moved["meta"]["split"] = "train"
    (new_corpus / "validation" / "synthetic-000001.json").unlink()
    write_document(document_path(new_corpus, moved), moved)
    old = build(old_corpus, root / "dist", "0.1.0").path
    new = build(new_corpus, root / "dist", "0.2.0").path
    return old, new, {"entity": f"synthetic-000002/{entity['id']}", "event": f"synthetic-000002/{removed_event['id']}",
                      "added_doc": added}


def test_diff_counts_documents_and_annotations(builds):
    old, new, changed = builds
    diff = diff_builds(old, new)
    assert (diff.old_version, diff.new_version) == ("0.1.0", "0.2.0")
    assert diff.documents.added == ["synthetic-000006"]
    assert diff.documents.removed == ["synthetic-000003"]
    assert diff.documents.changed == ["synthetic-000001", "synthetic-000002"]
    assert diff.document_changes == {"meta": 1, "split": 1}
    added_doc = changed["added_doc"]
    removed_doc = read_document(old.parent.parent / "old" / "train" / "synthetic-000003.json")
    assert sorted(diff.entities.added) == sorted(f"synthetic-000006/{e['id']}" for e in added_doc["entities"])
    assert sorted(diff.entities.removed) == sorted(f"synthetic-000003/{e['id']}" for e in removed_doc["entities"])
    assert diff.entities.changed == [changed["entity"]]
    assert diff.events.changed == []
    assert changed["event"] in diff.events.removed
    assert len(diff.events.removed) == len(removed_doc["events"]) + 1
    assert diff.rows["documents"] == {"train": (2, 3), "validation": (2, 1), "test": (2, 2)}


def test_a_build_compared_with_itself_is_unchanged(builds):
    old, _, _ = builds
    diff = diff_builds(old, old)
    assert diff.unchanged and "no documents or annotations changed" in format_diff(diff)


def test_cli_diff_text_and_json(builds, capsys):
    old, new, changed = builds
    assert main(["diff", str(old), str(new), "--details"]) == 0
    out = capsys.readouterr().out
    assert "newsevents 0.1.0 -> 0.2.0 (taxonomy 1.0.0 -> 1.0.0)" in out
    assert "documents: +1 -1 ~2 (changed: meta 1, split 1)" in out
    assert f"  ~ entity {changed['entity']}" in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"]["added"] == ["synthetic-000006"]
    assert main(["diff", str(old), str(old.parent / "nope")]) == 2
    assert "no manifest" in capsys.readouterr().err

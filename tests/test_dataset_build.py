"""`newsevents build`: refuses an invalid corpus, writes byte-identical releases, a manifest that
lists every file, a card whose configs match the files, and leaves empty splits out consistently."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from newsevents.cli import main
from newsevents.dataset.build import build
from newsevents.dataset.card import CARD_SECTIONS
from newsevents.dataset.corpus import InvalidCorpus
from newsevents.dataset.manifest import MANIFEST, read_manifest, sha256_file, verify_manifest
from newsevents.dataset.synthetic import write_synthetic_corpus
from newsevents.document import iter_document_files, read_document, write_document
from newsevents.paths import SPLITS
from newsevents.schema import load_taxonomy


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "corpus"
    write_synthetic_corpus(root, 9)
    return root


@pytest.fixture(scope="module")
def release(corpus, tmp_path_factory) -> Path:
    return build(corpus, tmp_path_factory.mktemp("dist"), "0.1.0").path


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_build_writes_both_configs_for_every_split(release):
    for config in ("documents", "sentences"):
        for split in SPLITS:
            assert (release / "data" / config / f"{split}.parquet").is_file()
    assert read_manifest(release)["rows"] == {
        "documents": {"train": 3, "validation": 3, "test": 3},
        "sentences": {"train": 15, "validation": 15, "test": 15},
    }


def test_two_builds_of_one_corpus_are_byte_identical(corpus, release, tmp_path):
    again = build(corpus, tmp_path, "0.1.0").path
    first, second = read_manifest(release), read_manifest(again)
    assert first["files"] == second["files"]
    parquet = [e for e in first["files"] if e["path"].endswith(".parquet")]
    assert len(parquet) == 6
    for entry in parquet:
        assert sha256_file(again / entry["path"]) == entry["sha256"]
    assert (release / MANIFEST).read_bytes() == (again / MANIFEST).read_bytes()


def test_manifest_lists_every_file_with_checksum_and_size(release, tmp_path):
    entries = read_manifest(release)["files"]
    on_disk = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
    assert sorted([e["path"] for e in entries] + [MANIFEST]) == on_disk
    for entry in entries:
        assert entry["size"] == (release / entry["path"]).stat().st_size
    assert verify_manifest(release) == []
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    (copy / "data" / "sentences" / "test.parquet").write_bytes(b"not parquet")
    (copy / "stray.txt").write_text("x")
    problems = verify_manifest(copy)
    assert any("sentences/test.parquet: changed since the build" in p for p in problems)
    assert any("stray.txt: not listed" in p for p in problems)


def test_manifest_and_card_record_versions(release):
    manifest = read_manifest(release)
    taxonomy = load_taxonomy()
    assert manifest["version"] == "0.1.0" and manifest["taxonomy_version"] == taxonomy.version
    card = (release / "README.md").read_text(encoding="utf-8")
    assert f"Taxonomy version {taxonomy.version}" in card
    assert json.loads((release / "schema" / "taxonomy.json").read_text())["version"] == taxonomy.version
    assert (release / "schema" / "document.schema.json").is_file()


def test_card_front_matter_and_sections(release):
    meta = front_matter(release / "README.md")
    for key in ("configs", "dataset_info", "license", "language", "task_categories", "pretty_name"):
        assert meta[key], key
    assert meta["language"] == ["en"]
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert set(configs) == {"documents", "sentences"}
    for config in configs.values():
        for data_file in config["data_files"]:
            assert (release / data_file["path"]).is_file()
    names = [f["name"] for info in meta["dataset_info"] if info["config_name"] == "sentences" for f in info["features"]]
    assert "entity_tags" in names and "tokens" in names
    body = (release / "README.md").read_text(encoding="utf-8")
    for section in CARD_SECTIONS:
        assert f"\n## {section}\n" in body, section


def test_datasheet_in_build_is_versioned_and_counts_the_corpus(release):
    sheet = (release / "DATASHEET.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Datasheet: newsevents 0.1.0\n")
    assert "| documents | 3 | 3 | 3 | 9 |" in sheet


def test_empty_split_is_left_out_of_every_config(corpus, tmp_path):
    partial = tmp_path / "corpus"
    shutil.copytree(corpus, partial)
    shutil.rmtree(partial / "validation")
    built = build(partial, tmp_path / "dist", "0.1.0").path
    meta = front_matter(built / "README.md")
    for config in meta["configs"]:
        assert [f["split"] for f in config["data_files"]] == ["train", "test"]
    for info in meta["dataset_info"]:
        assert [s["name"] for s in info["splits"]] == ["train", "test"]
    assert not list(built.rglob("validation.parquet"))
    assert "`documents` has no validation; `sentences` has no validation" in (built / "README.md").read_text()


def test_invalid_corpus_is_refused_and_nothing_is_written(corpus, tmp_path):
    broken = tmp_path / "corpus"
    shutil.copytree(corpus, broken)
    path = min((broken / "test").glob("*.json"))
    doc = read_document(path)
    doc["entities"][0]["text"] = "not the text"
    write_document(path, doc)
    with pytest.raises(InvalidCorpus) as err:
        build(broken, tmp_path / "dist", "0.1.0")
    message = str(err.value)
    assert "refusing to build" in message and path.name in message and "span-text-mismatch" in message
    assert not (tmp_path / "dist" / "0.1.0").exists()
    assert not (tmp_path / "dist").exists()  # validation runs before anything is created


def test_failed_rebuild_keeps_the_previous_release(corpus, tmp_path):
    good = build(corpus, tmp_path, "0.1.0").path
    before = read_manifest(good)
    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    (broken / "train" / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(InvalidCorpus):
        build(broken, tmp_path, "0.1.0")
    assert read_manifest(good) == before and verify_manifest(good) == []


def test_version_must_be_semantic(corpus, tmp_path):
    with pytest.raises(ValueError, match="not semantic"):
        build(corpus, tmp_path, "1.0")


def test_cli_build_and_refusal(corpus, tmp_path, capsys):
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "dist"), "--version", "0.2.0"]) == 0
    out = capsys.readouterr().out
    assert "sentences: train 15, validation 15, test 15" in out
    assert (tmp_path / "dist" / "0.2.0" / "README.md").is_file()
    assert main(["build", "--corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "dist")]) == 2
    err = capsys.readouterr().err
    assert "no such corpus folder" in err and "Traceback" not in err


def test_build_and_datasheet_read_every_file_validation_reads(corpus, tmp_path):
    """A valid document outside corpus/<split>/ (drafts/, a sub-folder of a split) is validated, so
    it is released and counted too, in the split its meta names."""
    from newsevents.dataset.datasheet import generate_repository_datasheet
    from newsevents.validate import validate_files

    moved = tmp_path / "corpus"
    shutil.copytree(corpus, moved)
    draft, old = sorted((moved / "test").glob("*.json"))[:2]
    (moved / "drafts").mkdir()
    draft.rename(moved / "drafts" / draft.name)
    (moved / "train" / "old").mkdir()
    old.rename(moved / "train" / "old" / old.name)  # a test document kept under train/: its meta decides

    files = list(iter_document_files([moved]))
    problems, count = validate_files(files)
    assert problems == [] and count == 9
    assert len(list((moved / "test").glob("*.json"))) == 1

    result = build(moved, tmp_path / "dist", "0.1.0")
    assert result.rows["documents"] == {"train": 3, "validation": 3, "test": 3}
    released = pq.read_table(result.path / "data" / "documents" / "test.parquet", columns=["id"]).column("id")
    assert {draft.stem, old.stem} <= set(released.to_pylist())
    sheet = generate_repository_datasheet(moved, tmp_path / "DATASHEET.md")
    assert f"| documents | 3 | 3 | 3 | {count} |" in sheet


def test_commands_default_to_the_current_directory(corpus, tmp_path, monkeypatch, capsys):
    """validate, datasheet and build agree on ./corpus (not the package's folder) and write ./dist
    and ./DATASHEET.md, wherever the package is installed."""
    shutil.copytree(corpus, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert "*** PASSED *** 9 file(s)" in capsys.readouterr().out
    assert main(["datasheet"]) == 0
    assert "| documents | 3 | 3 | 3 | 9 |" in (tmp_path / "DATASHEET.md").read_text(encoding="utf-8")
    assert main(["build", "--version", "0.3.0"]) == 0
    assert read_manifest(tmp_path / "dist" / "0.3.0")["rows"]["documents"] == {"train": 3, "validation": 3, "test": 3}


def test_synthetic_documents_are_segmented_by_the_corpus_segmenter():
    """The generator writes sentences the segmenter splits where it meant them (its cross-sentence
    argument depends on it), and its tokens are the segmenter's (emoji and accents included)."""
    from newsevents.dataset.synthetic import synthetic_document
    from newsevents.segment import segment_text
    from newsevents.validate import validate_document

    for index in range(40):
        doc = synthetic_document(index, sentences=4)
        _, tokens = segment_text(doc["text"])
        assert len(doc["sentences"]) == 4
        assert [(t["start"], t["end"]) for t in doc["tokens"]] == tokens
        assert validate_document(doc) == []
        if "😀" in doc["text"]:
            assert "😀" in [doc["text"][t["start"]:t["end"]] for t in doc["tokens"]]


def test_documents_people_have_not_annotated_are_left_out(corpus, tmp_path):
    """A raw or prelabeled document's gold layer is machine output: it is not released as gold,
    and the datasheet says how many were left out."""
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    files = sorted(iter_document_files([copy / "train"]))
    for path, status in zip(files[:2], ("raw", "prelabeled"), strict=True):
        write_document(path, {**read_document(path), "status": status})
    release = build(copy, tmp_path / "dist", "0.1.0").path
    assert read_manifest(release)["rows"]["documents"] == {"train": 1, "validation": 3, "test": 3}
    released = set(pq.read_table(release / "data" / "documents" / "train.parquet").column("id").to_pylist())
    assert released == {files[2].stem}
    assert "not annotated them yet: prelabeled 1, raw 1." in (release / "DATASHEET.md").read_text(encoding="utf-8")

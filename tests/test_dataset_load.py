"""A build loads with `datasets.load_dataset` offline, with the declared features, and every span in
the loaded rows still slices to its text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import datasets
import pytest
import yaml

from newsevents.dataset.build import build
from newsevents.dataset.features import CONFIGS, config_features
from newsevents.dataset.synthetic import write_synthetic_corpus
from newsevents.document import iter_document_files
from newsevents.paths import SPLITS
from newsevents.schema import load_taxonomy


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("load")
    write_synthetic_corpus(root / "corpus", 9)
    return build(root / "corpus", root / "dist", "0.1.0").path


@pytest.fixture(scope="module")
def loaded(release, tmp_path_factory) -> dict[str, datasets.DatasetDict]:
    cache = tmp_path_factory.mktemp("hf-cache")
    return {c: datasets.load_dataset(str(release), c, cache_dir=str(cache)) for c in CONFIGS}


def test_load_dataset_offline_in_a_fresh_process(release, tmp_path):
    """The issue's one line, in a process that cannot reach any network (offline flags, dead proxy)."""
    script = textwrap.dedent(f"""
        import json, datasets
        out = {{}}
        for config in ("sentences", "documents"):
            ds = datasets.load_dataset({str(release)!r}, config, split="test")
            out[config] = [len(ds), ds.features.to_dict()]
        print(json.dumps(out))
    """)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"),
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    taxonomy = load_taxonomy()
    assert out["sentences"][0] == 15 and out["documents"][0] == 3
    for config in CONFIGS:
        assert datasets.Features.from_dict(out[config][1]) == config_features(config, taxonomy)


def test_declared_features_are_the_loaded_features(release, loaded):
    taxonomy = load_taxonomy()
    meta = yaml.safe_load((release / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    declared = {info["config_name"]: datasets.Features._from_yaml_list(info["features"]) for info in meta["dataset_info"]}
    for config in CONFIGS:
        assert declared[config] == config_features(config, taxonomy)
        assert set(loaded[config]) == set(SPLITS)
        for split in SPLITS:
            assert loaded[config][split].features == declared[config], (config, split)


def test_class_labels_come_from_the_taxonomy(loaded):
    taxonomy = load_taxonomy()
    features = loaded["sentences"]["train"].features
    assert features["entities"].feature["type"].names == taxonomy.entity_names
    assert features["events"].feature["type"].names == taxonomy.event_names
    assert features["events"].feature["arguments"].feature["role"].names == taxonomy.role_names
    tags = features["entity_tags"].feature.names
    assert tags[0] == "O" and len(tags) == 1 + 2 * len(taxonomy.entity_names)
    assert {t[2:] for t in tags[1:]} == set(taxonomy.entity_names)


def check_document_spans(rows) -> int:
    """Assert every span of `documents` rows slices to its text; returns how many were checked."""
    checked = 0
    for row in rows:
        text = row["text"]
        for layer in [row, *row["layers"]]:
            for ent in layer["entities"]:
                assert text[ent["start"]:ent["end"]] == ent["text"], (row["id"], ent)
                checked += 1
            for ev in layer["events"]:
                assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"], (row["id"], ev)
        for seg in row["sentences"] + row["tokens"]:
            assert 0 <= seg["start"] < seg["end"] <= len(text)
    return checked


def check_sentence_spans(rows) -> int:
    """The same for `sentences` rows (offsets relative to the sentence); returns non-ASCII spans seen."""
    non_ascii = 0
    for row in rows:
        text = row["text"]
        assert [text[t["start"]:t["end"]] for t in row["token_offsets"]] == row["tokens"]
        assert len(row["entity_tags"]) == len(row["tokens"])
        for ent in row["entities"]:
            assert text[ent["start"]:ent["end"]] == ent["text"], (row["id"], ent)
            non_ascii += not ent["text"].isascii()
        for ev in row["events"]:
            assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"], (row["id"], ev)
            for arg in ev["arguments"]:
                assert text[arg["start"]:arg["end"]] == arg["text"], (row["id"], arg)
    return non_ascii


def test_document_spans_slice_to_their_text(loaded):
    assert sum(check_document_spans(loaded["documents"][split]) for split in SPLITS) > 100


def test_sentence_spans_slice_to_their_text(loaded):
    # the synthetic text has accents and an emoji: offsets must be code points
    assert sum(check_sentence_spans(loaded["sentences"][split]) for split in SPLITS) > 0


def test_sentences_map_back_to_their_document(loaded):
    documents = {row["id"]: row for split in SPLITS for row in loaded["documents"][split]}
    for row in loaded["sentences"]["validation"]:
        doc = documents[row["document_id"]]
        assert doc["text"][row["start"]:row["end"]] == row["text"]
        assert doc["sentences"][row["sentence_index"]] == {"start": row["start"], "end": row["end"]}


def test_bio_tags_spell_the_tagged_entities(loaded):
    """Every B-/I- run is exactly one entity of that type; entities without a run are the nested ones."""
    features = loaded["sentences"]["train"].features
    tag_name = features["entity_tags"].feature.int2str
    type_name = features["entities"].feature["type"].int2str
    untagged = 0
    for row in loaded["sentences"]["train"]:
        tags, offsets = [tag_name(t) for t in row["entity_tags"]], row["token_offsets"]
        runs, i = set(), 0
        while i < len(tags):
            if tags[i].startswith("B-"):
                j = i + 1
                while j < len(tags) and tags[j] == "I-" + tags[i][2:]:
                    j += 1
                runs.add((offsets[i]["start"], offsets[j - 1]["end"], tags[i][2:]))
                i = j
            else:
                assert not tags[i].startswith("I-"), (row["id"], tags)  # no I- without its B-
                i += 1
        entities = {(e["start"], e["end"], type_name(e["type"])) for e in row["entities"]}
        assert runs <= entities, row["id"]
        untagged += len(entities - runs)
    assert untagged > 0  # the nested one-word entities cannot be tagged and are not


def test_arguments_in_another_sentence_stay_in_documents_only(loaded):
    documents = [row for split in SPLITS for row in loaded["documents"][split]]
    in_documents = sum(len(ev["arguments"]) for row in documents for ev in row["events"])
    in_sentences = sum(len(ev["arguments"]) for split in SPLITS for row in loaded["sentences"][split]
                       for ev in row["events"])
    assert 0 < in_sentences < in_documents


def test_the_real_corpus_builds_and_loads(repo, tmp_path):
    corpus = repo / "corpus"
    if not list(iter_document_files([corpus])):
        pytest.skip("corpus/ holds no documents yet")
    built = build(corpus, tmp_path / "dist", "0.1.0").path
    manifest = json.loads((built / "manifest.json").read_text())
    taxonomy = load_taxonomy()
    for config in CONFIGS:
        splits = list(manifest["rows"][config])
        assert splits, config
        ds = datasets.load_dataset(str(built), config, cache_dir=str(tmp_path / "cache"))
        assert sorted(ds) == sorted(splits)
        for split in splits:
            assert ds[split].features == config_features(config, taxonomy)
            assert len(ds[split]) == manifest["rows"][config][split]
            check = check_document_spans if config == "documents" else check_sentence_spans
            check(ds[split])
        missing = [s for s in SPLITS if s not in splits]
        if missing:
            with pytest.raises(ValueError, match="Unknown split"):
                datasets.load_dataset(str(built), config, split=missing[0], cache_dir=str(tmp_path / "cache"))

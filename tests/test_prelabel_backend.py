"""The pluggable NER backend: any spaCy pipeline with an `ner` component, its labels mapped to our
types through schema/prelabel/spacy_ner_map.json. The pipeline is trained here, on the spot."""

from __future__ import annotations

import importlib.util
import json
import random

import pytest
import spacy
from prelabel_helpers import raw_doc
from spacy.training import Example

from newsevents.cli import main
from newsevents.paths import repo_root
from newsevents.prelabel import RuleLabeler, predict_document
from newsevents.prelabel.resources import load_resources
from newsevents.validate import validate_document

TRAIN = [
    (
        "Zubrowa Kettlefin visited Marnovia on Tuesday .",
        [("Zubrowa Kettlefin", "PERSON"), ("Marnovia", "GPE")],
    ),
    ("Marnovia welcomed Zubrowa Kettlefin .", [("Marnovia", "GPE"), ("Zubrowa Kettlefin", "PERSON")]),
    ("The Quarlish envoy met Zubrowa Kettlefin .", [("Quarlish", "NORP"), ("Zubrowa Kettlefin", "PERSON")]),
    ("Zubrowa Kettlefin left Marnovia .", [("Zubrowa Kettlefin", "PERSON"), ("Marnovia", "GPE")]),
]


def offsets(text: str, spans: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    return [(text.index(s), text.index(s) + len(s), label) for s, label in spans]


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory):
    spacy.util.fix_random_seed(0)
    random.seed(0)
    nlp = spacy.blank("en")
    nlp.meta["name"] = "tiny_test_ner"
    nlp.add_pipe("ner")
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": offsets(t, s)}) for t, s in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("pipeline") / "tiny_ner"
    nlp.to_disk(path)
    return path


def test_ner_labels_are_mapped_to_taxonomy_types(pipeline_dir):
    labeler = RuleLabeler(model=str(pipeline_dir))
    assert labeler.name.startswith("newsevents-rules+tiny_test_ner")
    text = "Zubrowa Kettlefin visited Marnovia and the Quarlish envoy."
    doc = predict_document({"id": "x", "text": text}, labeler)
    found = {(e["text"], e["type"]) for e in doc["entities"]}
    assert ("Zubrowa Kettlefin", "PER") in found  # PERSON -> PER
    assert ("Marnovia", "GPE") in found
    assert not any(e["text"] == "Quarlish" for e in doc["entities"])  # NORP maps to null: dropped
    assert load_resources().ner_map["NORP"] is None
    assert all(e["source"]["model"] == labeler.name for e in doc["entities"])


def test_backend_output_validates_as_a_corpus_document(pipeline_dir):
    doc = raw_doc("Zubrowa Kettlefin was arrested in Marnovia on Monday.", "x")
    out = predict_document(doc, RuleLabeler(model=str(pipeline_dir)))
    assert validate_document(out, "out") == []
    arrest = next(e for e in out["events"] if e["type"] == "Justice:Arrest-Jail")
    by_id = {e["id"]: e for e in out["entities"]}
    assert {(a["role"], by_id[a["entity"]]["text"]) for a in arrest["arguments"]} >= {
        ("Person", "Zubrowa Kettlefin"),
        ("Place", "Marnovia"),
    }


def test_a_pipeline_without_ner_is_refused(tmp_path, capsys):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "no_ner")
    with pytest.raises(ValueError, match="has no 'ner' component"):
        RuleLabeler(model=str(tmp_path / "no_ner"))
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Hello."}\n', encoding="utf-8")
    args = [
        "prelabel",
        str(tmp_path / "in.jsonl"),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--model",
        str(tmp_path / "no_ner"),
    ]
    assert main(args) == 2
    assert "has no 'ner' component (it has: sentencizer)" in capsys.readouterr().err


def test_the_shipped_gum_ner_is_the_default_and_finds_names():
    labeler = RuleLabeler(model="default", nominals=False)
    assert "+ner_gum-" in labeler.name
    text = "Prime Minister Julia Gillard met officials in Canberra on Monday. Microsoft bought a company in Paris."
    found = {(e["type"], e["text"]) for e in predict_document({"id": "g", "text": text}, labeler)["entities"]}
    assert ("GPE", "Canberra") in found and ("TIME", "Monday") in found
    assert any(kind == "PER" and "Julia Gillard" in span for kind, span in found)
    assert ("ORG", "Microsoft") in found and ("GPE", "Paris") in found


def _train_ner_script():
    spec = importlib.util.spec_from_file_location("train_ner", repo_root() / "scripts" / "train_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_train_ner_swaps_a_complete_model_in(tmp_path):
    """scripts/train_ner.py builds beside the target and renames at the end: the old model is
    replaced as a whole (its stray file is gone), and no build folder is left behind."""
    text = "Zubrowa Kettlefin visited Marnovia .\nMarnovia welcomed Zubrowa Kettlefin ."
    record = {
        "text": text,
        "entities": [
            {"start": s, "end": s + len(w), "type": kind, "named": True}
            for w, kind in (("Zubrowa Kettlefin", "person"), ("Marnovia", "place"))
            for s in (text.index(w), text.rindex(w))
        ],
    }
    data = tmp_path / "gum.jsonl"
    data.write_text(
        "\n".join(json.dumps({**record, "doc_id": d}) for d in ("GUM_news_x", "GUM_news_homeopathic")) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "models" / "ner"
    out.mkdir(parents=True)
    (out / "stale.txt").write_text("from an older run", encoding="utf-8")
    assert _train_ner_script().main(["--data", str(data), "--out", str(out), "--epochs", "1"]) == 0
    assert (out / "meta.json").is_file() and not (out / "stale.txt").exists()
    info = json.loads((out / "TRAINING.json").read_text(encoding="utf-8"))
    assert info["label_mapping"] == {"person": "PER", "organization": "ORG", "place": "GPE"}
    assert info["train_documents"] == ["GUM_news_x"] and info["tune_documents"] == ["GUM_news_homeopathic"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["ner"]
    assert "ner" in spacy.load(out).pipe_names

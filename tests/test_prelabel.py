"""The default pre-labeler and the corpus rule: output obeys the schema and taxonomy, offsets are
exact, human spans are never touched, and re-running writes nothing."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from prelabel_helpers import TEXT, raw_doc

from newsevents.cli import main
from newsevents.document import read_document, write_document
from newsevents.paths import repo_root
from newsevents.prelabel import RuleLabeler, layer_name, predict_document, prelabel_corpus, prelabel_document
from newsevents.prelabel.resources import check_resources, load_label_map, load_resources
from newsevents.prelabel.tokens import segment
from newsevents.schema import human_statuses
from newsevents.validate import validate_document

SAMPLE = repo_root() / "corpus" / "train" / "000_6a14dd2b43e75976.json"


@pytest.fixture(scope="module")
def labeler() -> RuleLabeler:
    return RuleLabeler(model="none")


def test_data_files_name_only_taxonomy_types_and_roles():
    assert check_resources(load_resources()) == []


def test_a_wrong_key_in_the_data_files_is_reported():
    res = load_resources()
    bad = dataclasses.replace(
        res,
        triggers={**res.triggers, "Conflict:Riot": {"lemmas": ["riot"], "phrases": []}},
        ner_map={**res.ner_map, "PERSON": "HUMAN"},
        arguments={**res.arguments, "before": [*res.arguments["before"], "Killer"]},
    )
    problems = check_resources(bad)
    assert any("Conflict:Riot" in p for p in problems)
    assert any("'HUMAN'" in p for p in problems)
    assert any("'Killer'" in p for p in problems)


def test_label_maps_and_place_refinement_are_checked_against_the_taxonomy():
    res = load_resources()
    gum = res.label_maps["gum"]
    # one mapping for training (first type), conversion and scoring (every listed type)
    assert gum.to_ours(gum.named_types) == {"person": "PER", "organization": "ORG", "place": "GPE"}
    assert gum.from_ours(gum.named_types) == {
        "PER": "person",
        "ORG": "organization",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
    }
    assert load_label_map("geneva").to_ours()["Killing"] == "Life:Die"
    bad_gum = dataclasses.replace(
        gum, labels={**gum.labels, "animal": ["ANIMAL"], "time": ["TIME", "PER"]}, named_types=["persons"]
    )
    bad_geneva = dataclasses.replace(res.label_maps["geneva"], labels={"Killing": ["Life:Dying"]})
    bad = dataclasses.replace(res, place_refines="GPX", label_maps={"gum": bad_gum, "geneva": bad_geneva})
    problems = check_resources(bad)
    assert "place_types.json /refines: 'GPX' is not a taxonomy entity type" in problems
    assert "gum_map.json /labels/animal: 'ANIMAL' is not a taxonomy entity type" in problems
    assert "gum_map.json /labels/time: 'PER' is also listed under 'person'" in problems
    assert "gum_map.json /named_types: 'persons' is not a label of the map" in problems
    assert "geneva_map.json /labels/Killing: 'Life:Dying' is not a taxonomy event type" in problems
    with pytest.raises(ValueError, match="no such label map"):
        load_label_map("conll")


def test_place_refinement_follows_the_data_file():
    res = load_resources()
    patterns = [*res.entity_patterns, {"label": "GPE", "pattern": "Zorvan Bay"}]
    seg = segment("Ships entered Zorvan Bay.")

    def place_type(refines: str) -> str:
        labeler = RuleLabeler(
            model="none", resources=dataclasses.replace(res, entity_patterns=patterns, place_refines=refines)
        )
        return next(e["type"] for e in labeler.label(seg).entities if e["text"] == "Zorvan Bay")

    assert place_type("GPE") == "LOC"  # a GPE named "... Bay" is a natural place
    assert place_type("ORG") == "GPE"  # place_types.json refines ORG: GPE names are left alone


def test_predictions_validate_and_offsets_round_trip(labeler):
    out = predict_document(raw_doc(), labeler)
    assert validate_document(out, "out") == []
    assert out["status"] == "prelabeled" and out["tokens"] and out["sentences"]
    for ent in out["entities"]:
        assert TEXT[ent["start"] : ent["end"]] == ent["text"]
        assert ent["source"]["model"] == labeler.name and 0 <= ent["source"]["score"] <= 1
    found = {(e["type"], e["text"]) for e in out["entities"]}
    assert {("GPE", "Caracas"), ("TIME", "Monday, January 7, 2019"), ("GPE", "the United States")} <= found
    events = {e["trigger"]["text"]: e for e in out["events"]}
    assert events["attacked"]["type"] == "Conflict:Attack"
    assert events["killed"]["type"] == "Life:Die"
    assert events["sworn in"]["type"] == "Personnel:Start-Position"  # a multi-word trigger
    by_id = {e["id"]: e["text"] for e in out["entities"]}
    attack_args = {(a["role"], by_id[a["entity"]]) for a in events["attacked"]["arguments"]}
    assert ("Time", "Monday, January 7, 2019") in attack_args and ("Target", "Caracas") in attack_args
    # time modifies one event: the one before it, not also "killed" after it
    assert "Time" not in {a["role"] for a in events["killed"]["arguments"]}


def test_predictions_on_the_gold_sample_validate_and_ignore_its_gold(labeler):
    gold = read_document(SAMPLE)
    out = predict_document(gold, labeler)
    assert validate_document(out, "out") == []
    assert out["entities"] and all("model" in e["source"] for e in out["entities"] + out["events"])


def test_corpus_rule_keeps_human_spans_and_replaces_model_spans(labeler):
    doc = raw_doc()
    start = TEXT.index("Caracas")
    human = {
        "id": "T1",
        "type": "LOC",
        "start": start,
        "end": start + 7,
        "text": "Caracas",
        "source": {"annotator": "ann1"},
    }
    stale = {
        "id": "T2",
        "type": "PER",
        "start": 0,
        "end": 6,
        "text": "Rebels",
        "source": {"model": "newsevents-rules", "version": "0.0.1", "score": 0.5},
    }
    doc["entities"] = [human, stale]
    doc["status"] = "prelabeled"
    out = prelabel_document(doc, labeler)
    assert out["entities"][0] == human  # kept exactly, first
    assert stale not in out["entities"]
    assert not any(
        e is not human and e["start"] < human["end"] and human["start"] < e["end"] for e in out["entities"][1:]
    )
    assert len({e["id"] for e in out["entities"]}) == len(out["entities"])
    assert [layer["annotator"] for layer in out["layers"]] == [layer_name(labeler)]
    assert validate_document(out, "out") == []
    assert doc["entities"] == [human, stale]  # the input is not modified
    assert prelabel_document(out, labeler) == out  # re-running changes nothing


def test_rerun_keeps_the_model_entity_a_human_argument_names(labeler):
    """Regression: a re-run with another labeler renumbered the pre-labels, so a human event's
    Place argument that pointed at the model's "Caracas" ended up naming another entity."""
    first = prelabel_document(raw_doc(), labeler)
    caracas = next(e for e in first["entities"] if e["text"] == "Caracas")
    attack = next(e for e in first["events"] if e["trigger"]["text"] == "attacked")
    human_event = {
        "id": "E90",
        "type": "Conflict:Attack",
        "trigger": attack["trigger"],
        "arguments": [{"role": "Place", "entity": caracas["id"]}],
        "source": {"annotator": "ann1"},
    }
    first["events"].append(human_event)
    assert validate_document(first, "first") == []

    other = RuleLabeler(model="none", nominals=False)
    second = prelabel_document(first, other)
    assert validate_document(second, "second") == []
    by_id = {e["id"]: e for e in second["entities"]}
    kept = next(e for e in second["events"] if e["id"] == "E90")
    assert [(a["role"], by_id[a["entity"]]["text"]) for a in kept["arguments"]] == [("Place", "Caracas")]
    assert sum(e["text"] == "Caracas" for e in second["entities"]) == 1  # the new pre-label aliased, not doubled
    ids = [e["id"] for e in second["entities"] + second["events"]]
    assert len(ids) == len(set(ids))
    assert prelabel_document(second, other) == second  # still stable on re-run


def test_corpus_refuses_to_write_an_invalid_result(tmp_path, labeler):
    doc = raw_doc()
    doc["status"] = "prelabeled"
    doc["events"] = [
        {
            "id": "E1",
            "type": "Conflict:Attack",
            "trigger": {"start": 7, "end": 15, "text": "attacked"},
            "arguments": [{"role": "Place", "entity": "T7"}],  # no such entity
            "source": {"annotator": "ann1"},
        }
    ]
    path = tmp_path / "corpus" / "train" / "raw-doc.json"
    write_document(path, doc)
    before = path.read_text()
    with pytest.raises(ValueError, match=r"raw-doc\.json: not written, .*already invalid.*T7"):
        prelabel_corpus([tmp_path / "corpus"], labeler)
    assert path.read_text() == before
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("status", human_statuses())
def test_annotated_documents_are_never_prelabeled(labeler, status):
    doc = read_document(SAMPLE)
    doc["status"] = status
    out = prelabel_document(doc, labeler)
    assert out == doc and out is not doc  # unchanged, and a new dict as documented


def test_corpus_files_written_atomically_once(tmp_path, labeler):
    corpus = tmp_path / "corpus"
    write_document(corpus / "train" / "raw-doc.json", raw_doc())
    write_document(corpus / "train" / "gold.json", {**read_document(SAMPLE), "id": "gold"})
    gold_before = (corpus / "train" / "gold.json").read_text()
    written, unchanged = prelabel_corpus([corpus], labeler)
    assert [p.name for p in written] == ["raw-doc.json"] and [p.name for p in unchanged] == ["gold.json"]
    assert (corpus / "train" / "gold.json").read_text() == gold_before
    assert read_document(corpus / "train" / "raw-doc.json")["status"] == "prelabeled"
    written, unchanged = prelabel_corpus([corpus], labeler)
    assert written == [] and len(unchanged) == 2
    assert not list(corpus.rglob("*.tmp"))


def test_cli_prelabel_then_evaluate(tmp_path, capsys):
    gold = read_document(SAMPLE)
    (tmp_path / "in.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    args = ["prelabel", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--model", "none"]
    assert main(args) == 0
    pred = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(pred) == 1 and validate_document(pred[0], "out.jsonl") == []
    capsys.readouterr()
    assert (
        main(
            [
                "evaluate",
                "--gold",
                str(tmp_path / "in.jsonl"),
                "--pred",
                str(tmp_path / "out.jsonl"),
                "--json",
            ]
        )
        == 0
    )
    scores = json.loads(capsys.readouterr().out)["scores"]
    # Something right, far from everything: the pre-labeler is not reading the gold back.
    assert 0 < scores["entity"]["tp"] < scores["entity"]["gold"]
    assert 0 < scores["trigger_classification"]["tp"] < scores["trigger_classification"]["gold"]


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["prelabel", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert main(["prelabel", "--model", "no_such_pipeline_xyz", "--corpus", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "missing.jsonl: no such file" in err and "no_such_pipeline_xyz" in err and "Traceback" not in err


def test_nominal_and_pronoun_mentions(labeler):
    text = "The soldiers fired tear gas at young masked men. He said they drove two armoured cars into the city."
    out = predict_document({"id": "n", "text": text}, labeler)
    found = {(e["type"], e["text"]) for e in out["entities"]}
    assert {
        ("PER", "The soldiers"),
        ("WEA", "tear gas"),
        ("PER", "young masked men"),
        ("PER", "He"),
        ("PER", "they"),
        ("VEH", "two armoured cars"),
        ("GPE", "the city"),
    } <= found
    fired = next(e for e in out["events"] if e["trigger"]["text"] == "fired")
    by_id = {e["id"]: e["text"] for e in out["entities"]}
    assert ("Attacker", "The soldiers") in {(a["role"], by_id[a["entity"]]) for a in fired["arguments"]}
    names_only = RuleLabeler(model="none", nominals=False).label(segment(text))
    assert not any(e["type"] in ("PER", "WEA", "VEH") for e in names_only.entities)


def test_cli_corpus_mode_and_bad_lines(tmp_path, capsys):
    write_document(tmp_path / "corpus" / "test" / "raw-doc.json", raw_doc())
    assert main(["prelabel", "--corpus", str(tmp_path / "corpus"), "--model", "none"]) == 0
    assert main(["prelabel", "--corpus", str(tmp_path / "corpus"), "--model", "none"]) == 0
    err = capsys.readouterr().err
    assert "1 file(s) written, 0 unchanged" in err and "0 file(s) written, 1 unchanged" in err
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Fine."}\n{"id": "b"}\n', encoding="utf-8")
    assert main(["prelabel", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--model", "none"]) == 2
    err = capsys.readouterr().err
    assert "in.jsonl:2: cannot pre-label" in err and "Traceback" not in err
    assert not (tmp_path / "o.jsonl").exists()  # atomic: no half-written output


def test_gold_tokenization_is_used_when_it_covers_the_text_and_replaced_when_not(labeler):
    text = "Police arrested two men in Caracas on Monday."
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    own = {"doc_id": "a", "text": text, "sentences": [[0, len(text)]], "tokens": [list(w) for w in words]}
    kept = predict_document(own, labeler)
    assert kept["tokens"] == [{"start": s, "end": e} for s, e in words]
    assert kept["sentences"] == [{"start": 0, "end": len(text)}]
    partial = {**own, "tokens": [[0, 6], [7, 15]]}  # covers two words only: not usable
    redone = predict_document(partial, labeler)
    assert len(redone["tokens"]) == len(words)
    odd = {**own, "tokens": ["Police", "arrested"], "sentences": "not a list"}  # another tool's shape
    assert predict_document(odd, labeler)["tokens"] == kept["tokens"]

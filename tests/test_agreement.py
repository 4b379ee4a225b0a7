"""Agreement between layers, checked against pairwise F1 computed by hand."""

from __future__ import annotations

import json

import pytest
from prelabel_helpers import META

from newsevents.agreement import agreement
from newsevents.cli import main
from newsevents.document import write_document

TEXT = "Rebels attacked Caracas."
REBELS = {"start": 0, "end": 6, "text": "Rebels"}
CARACAS = {"start": 16, "end": 23, "text": "Caracas"}
TRIGGER = {"start": 7, "end": 15, "text": "attacked"}


def layer(annotator: str, types: dict[str, str], args: list[tuple[str, str]]) -> dict:
    spans = {"T1": REBELS, "T2": CARACAS}
    ents = [{"id": eid, "type": kind, **spans[eid]} for eid, kind in types.items()]
    ev = {
        "id": "E1",
        "type": "Conflict:Attack",
        "trigger": TRIGGER,
        "arguments": [{"role": r, "entity": e} for r, e in args],
    }
    return {"annotator": annotator, "entities": ents, "events": [ev]}


ANN1 = layer("ann1", {"T1": "PER", "T2": "GPE"}, [("Attacker", "T1"), ("Target", "T2")])
ANN2 = layer("ann2", {"T1": "PER", "T2": "LOC"}, [("Attacker", "T1")])
MODEL = layer("model:newsevents-rules@0.1.0", {"T1": "ORG"}, [])
DOC_GOLD = {
    "id": "a",
    "meta": META,
    "status": "annotated",
    "text": TEXT,
    "sentences": [],
    "tokens": [],
    "entities": ANN1["entities"],
    "events": ANN1["events"],
    "layers": [ANN2, MODEL, ANN1],
}
DOC_OPEN = {
    "id": "b",
    "meta": META,
    "status": "prelabeled",
    "text": TEXT,
    "sentences": [],
    "tokens": [],
    "entities": [],
    "events": [],
    "layers": [layer("ann2", {"T1": "PER"}, []), layer("ann1", {"T1": "PER"}, [])],
}


def f1s(row) -> tuple[float, float, float]:
    tasks = row.scores.tasks
    return (
        round(tasks["entity"].f1, 4),
        round(tasks["trigger_classification"].f1, 4),
        round(tasks["argument_classification"].f1, 4),
    )


def test_pairwise_f1_by_hand():
    rows = {(r.left, r.right): r for r in agreement([DOC_GOLD, DOC_OPEN])}
    assert sorted(rows) == [
        ("ann1", "ann2"),
        ("gold", "ann1"),
        ("gold", "ann2"),
        ("gold", "model:newsevents-rules@0.1.0"),
    ]
    humans = rows[("ann1", "ann2")]
    assert humans.scores.documents == 2
    # entities: doc a Rebels agree, Caracas GPE/LOC not; doc b Rebels agree -> tp 2 of 3 each side
    # trigger: 1 of 1; arguments (doc a): ann1 2, ann2 1, 1 shared -> P 1, R 1/2, F1 2/3
    assert f1s(humans) == (0.6667, 1.0, 0.6667)
    assert f1s(rows[("gold", "ann1")]) == (1.0, 1.0, 1.0)
    # only doc a has gold: entities 1 of 2 -> 0.5
    assert f1s(rows[("gold", "ann2")]) == (0.5, 1.0, 0.6667)
    # the pre-labels typed Rebels ORG and found no argument
    assert f1s(rows[("gold", "model:newsevents-rules@0.1.0")]) == (0.0, 1.0, 0.0)


def test_agreement_is_symmetric_in_f1():
    swapped = {**DOC_OPEN, "layers": DOC_OPEN["layers"][::-1]}
    assert [f1s(r) for r in agreement([swapped])] == [f1s(r) for r in agreement([DOC_OPEN])]


def test_dangling_argument_is_an_error_naming_the_document():
    bad = layer("ann3", {"T1": "PER"}, [("Target", "T9")])
    with pytest.raises(ValueError, match="^a /events/0/arguments/0"):
        agreement([{**DOC_GOLD, "layers": [bad]}])


def test_cli_table_and_json(tmp_path, capsys):
    write_document(tmp_path / "train" / "a.json", DOC_GOLD)
    write_document(tmp_path / "train" / "b.json", DOC_OPEN)
    assert main(["agreement", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["left"] == "ann1" and rows[0]["scores"]["entity"]["f1"] == 0.6667
    assert main(["agreement", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "model:newsevents-rules@0.1.0" in out and "0.6667" in out
    assert main(["agreement", str(tmp_path / "nope")]) == 2


def test_two_layers_of_one_annotator_are_an_error_not_a_merge():
    twice = {**DOC_OPEN, "layers": [layer("ann1", {"T1": "PER"}, []), layer("ann1", {"T1": "ORG"}, [])]}
    with pytest.raises(ValueError, match=r"^b /layers/1: annotator 'ann1' already has a layer \(/layers/0\)"):
        agreement([twice])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2]", "bad.json"),  # not an object
        (json.dumps({**DOC_OPEN, "layers": [{"entities": [], "events": []}]}), "bad.json /layers/0"),
        (json.dumps({**DOC_OPEN, "layers": [ANN1, {**ANN2, "annotator": "ann1"}]}), "annotator 'ann1'"),
    ],
    ids=["not-an-object", "layer-without-annotator", "duplicate-annotator"],
)
def test_bad_files_are_one_located_line(tmp_path, capsys, content, expected):
    write_document(tmp_path / "train" / "a.json", DOC_GOLD)
    (tmp_path / "train" / "bad.json").write_text(content, encoding="utf-8")
    assert main(["agreement", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "bad.json" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1

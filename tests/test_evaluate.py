"""The scorer against scores computed by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import json

import pytest

from newsevents.cli import main
from newsevents.evaluate import pair_documents, score_documents, score_pair


def ent(text: str, eid: str, kind: str, surface: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"id": eid, "type": kind, "start": start, "end": start + len(surface), "text": surface}


def event(text: str, eid: str, kind: str, trigger: str, args: list[tuple[str, str]]) -> dict:
    start = text.index(trigger)
    return {
        "id": eid,
        "type": kind,
        "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
        "arguments": [{"role": role, "entity": entity} for role, entity in args],
    }


T1 = "Rebels attacked Caracas on Monday and killed two soldiers."
GOLD1 = {
    "id": "d1",
    "text": T1,
    "entities": [
        ent(T1, "E1", "PER", "Rebels"),
        ent(T1, "E2", "GPE", "Caracas"),
        ent(T1, "E3", "TIME", "Monday"),
        ent(T1, "E4", "PER", "two soldiers"),
    ],
    "events": [
        event(T1, "V1", "Conflict:Attack", "attacked", [("Attacker", "E1"), ("Target", "E2"), ("Time", "E3")]),
        event(T1, "V2", "Life:Die", "killed", [("Agent", "E1"), ("Victim", "E4")]),
    ],
}
PRED1 = {
    "id": "d1",
    "text": T1,
    "entities": [
        ent(T1, "P1", "PER", "Rebels"),  # right
        ent(T1, "P2", "LOC", "Caracas"),  # wrong type
        ent(T1, "P3", "TIME", "Monday"),  # right
        ent(T1, "P4", "PER", "soldiers"),  # wrong span
    ],
    "events": [
        event(T1, "W1", "Conflict:Attack", "attacked", [("Attacker", "P1"), ("Target", "P2"), ("Place", "P3")]),
        event(T1, "W2", "Conflict:Attack", "killed", [("Attacker", "P1")]),  # wrong type
    ],
}
T2 = "Troops fired and shelled the town."
GOLD2 = {
    "id": "d2",
    "text": T2,
    "entities": [ent(T2, "E1", "PER", "Troops"), ent(T2, "E2", "GPE", "the town")],
    "events": [
        event(T2, "V1", "Conflict:Attack", "fired", [("Attacker", "E1")]),
        event(T2, "V2", "Conflict:Attack", "shelled", [("Target", "E2")]),
    ],
}
PRED2 = {
    "id": "d2",
    "text": T2,
    "entities": [ent(T2, "P1", "PER", "Troops"), ent(T2, "P2", "GPE", "the town")],
    "events": [
        # the town's Target role sits under the wrong Attack trigger: counts in ACE, not in strict
        event(T2, "W1", "Conflict:Attack", "fired", [("Target", "P2")]),
        event(T2, "W2", "Conflict:Attack", "shelled", []),
    ],
}


def micro(scores, task):
    return scores.as_dict()["scores"][task]


def test_hand_computed_micro_scores():
    scores = score_documents([(GOLD1, PRED1), (GOLD2, PRED2)])
    got = {task: (c.tp, c.pred, c.gold) for task, c in scores.tasks.items()}
    # entities: d1 2 of 4 right (type and span errors), d2 2 of 2
    assert got["entity"] == (4, 6, 6)
    assert got["trigger_identification"] == (4, 4, 4)
    # "killed" typed Attack instead of Die
    assert got["trigger_classification"] == (3, 4, 4)
    # d1 gold (type, span): Attack:Rebels, Attack:Caracas, Attack:Monday, Die:Rebels, Die:two soldiers
    #    pred: Attack:Rebels x2, Attack:Caracas, Attack:Monday -> 3 matched (Rebels counted once)
    # d2 gold Attack:Troops, Attack:the town; pred Attack:the town -> 1
    assert got["argument_identification"] == (4, 5, 7)
    # role also: Monday is Place not Time -> d1 2, d2 1
    assert got["argument_classification"] == (3, 5, 7)
    # strict: d2's argument is under "fired" while gold has it under "shelled"
    assert got["argument_identification_strict"] == (3, 5, 7)
    assert got["argument_classification_strict"] == (2, 5, 7)
    assert got["sentence"] == got["sentence_boundary"] == (0, 0, 0)
    assert micro(scores, "entity")["f1"] == pytest.approx(4 / 6, abs=1e-4)
    # P = 4/5 = 0.8, R = 4/7; F1 = 2PR/(P+R) = 2/3
    assert micro(scores, "argument_identification") == {
        "precision": 0.8,
        "recall": 0.5714,
        "f1": 0.6667,
        "tp": 4,
        "pred": 5,
        "gold": 7,
    }
    # P = 3/5, R = 3/7; F1 = 0.5
    assert micro(scores, "argument_classification")["f1"] == 0.5
    # P = 2/5, R = 2/7; F1 = 1/3
    assert micro(scores, "argument_classification_strict")["f1"] == 0.3333


def test_per_type_breakdown():
    per_type = score_documents([(GOLD1, PRED1), (GOLD2, PRED2)]).as_dict()["per_type"]
    ent_counts = {k: (v["tp"], v["pred"], v["gold"]) for k, v in per_type["entity"].items()}
    assert ent_counts == {"PER": (2, 3, 3), "GPE": (1, 1, 2), "LOC": (0, 1, 0), "TIME": (1, 1, 1)}
    trig = {k: (v["tp"], v["pred"], v["gold"]) for k, v in per_type["trigger_classification"].items()}
    assert trig == {"Conflict:Attack": (3, 4, 3), "Life:Die": (0, 0, 1)}
    roles = per_type["argument_classification"]
    assert (roles["Time"]["gold"], roles["Place"]["pred"], roles["Target"]["tp"]) == (1, 1, 2)


def to_offsets(doc: dict) -> dict:
    """The shared-data argument format: {role, start, end} instead of an entity id."""
    spans = {e["id"]: e for e in doc["entities"]}
    out = json.loads(json.dumps(doc))
    for ev in out["events"]:
        ev["arguments"] = [
            {"role": a["role"], "start": spans[a["entity"]]["start"], "end": spans[a["entity"]]["end"]}
            for a in ev["arguments"]
        ]
    return out


def test_offset_arguments_score_the_same_as_entity_arguments():
    by_id = score_documents([(GOLD1, PRED1), (GOLD2, PRED2)]).as_dict()
    by_offsets = score_documents([(to_offsets(GOLD1), PRED1), (GOLD2, to_offsets(PRED2))]).as_dict()
    assert by_id == by_offsets


def test_sentences_scored_only_when_both_sides_have_them():
    gold = {"id": "s", "text": "A b. C d. E f.", "sentences": [[0, 4], [5, 9], [10, 14]]}
    pred = {"id": "s", "text": gold["text"], "sentences": [{"start": 0, "end": 9}, {"start": 10, "end": 14}]}
    c = score_pair(gold, pred).tasks["sentence"]
    assert (c.tp, c.pred, c.gold) == (1, 2, 3)
    c = score_pair(gold, {"id": "s", "text": gold["text"]}).tasks["sentence"]
    assert (c.tp, c.pred, c.gold) == (0, 0, 0)


def test_sentence_boundaries_by_hand():
    text = "Hi. Yes. No way. Ok."
    #       0   4    9       17
    gold = {"id": "b", "text": text, "sentences": [[0, 3], [4, 8], [9, 16], [17, 20]]}
    # pred: misses the boundary at 4, finds one at 12 that is not there, and trims "No way." to
    # "No way" (its start is still right: a boundary, not an exact span); listed out of order
    pred = {"id": "b", "text": text, "sentences": [[12, 16], [9, 15], [0, 8], [17, 20]]}
    scores = score_pair(gold, pred).tasks
    b = scores["sentence_boundary"]
    # gold boundaries {4, 9, 17}; pred {9, 12, 17} -> tp 2, P 2/3, R 2/3, F1 2/3
    assert (b.tp, b.pred, b.gold) == (2, 3, 3)
    assert b.as_dict()["f1"] == 0.6667
    s = scores["sentence"]  # exact spans: only (17, 20) is right
    assert (s.tp, s.pred, s.gold) == (1, 4, 4)
    one = {"id": "b", "text": text, "sentences": [[0, 20]]}
    b = score_pair(gold, one).tasks["sentence_boundary"]
    assert (b.tp, b.pred, b.gold) == (0, 0, 3)  # one sentence: no boundary found, all missed
    b = score_pair(gold, {"id": "b", "text": text}).tasks["sentence_boundary"]
    assert (b.tp, b.pred, b.gold) == (0, 0, 0)  # unsegmented prediction: not scored


def test_unknown_entity_id_and_different_texts_are_located_errors():
    bad = json.loads(json.dumps(PRED1))
    bad["events"][0]["arguments"][0]["entity"] = "P99"
    with pytest.raises(ValueError, match=r"d1 /events/0/arguments/0: .*'P99'"):
        score_pair(GOLD1, bad)
    with pytest.raises(ValueError, match="texts differ"):
        score_pair(GOLD1, {**PRED1, "text": "other"})


def test_pairing_missing_prediction_counts_as_misses_and_extra_is_an_error():
    scores = score_documents(pair_documents([GOLD1, GOLD2], [PRED2]))
    assert scores.documents == 2
    assert scores.tasks["entity"].gold == 6 and scores.tasks["entity"].pred == 2
    with pytest.raises(ValueError, match="no gold counterpart: d2"):
        list(pair_documents([GOLD1], [PRED1, PRED2]))


def write_jsonl(path, docs):
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")


def test_cli_json_and_table(tmp_path, capsys):
    write_jsonl(tmp_path / "g.jsonl", [GOLD1, GOLD2])
    write_jsonl(tmp_path / "p.jsonl", [PRED2, PRED1])
    assert main(["evaluate", "--gold", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scores"]["trigger_classification"]["f1"] == 0.75
    assert main(["evaluate", "--gold", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl")]) == 0
    table = capsys.readouterr().out
    assert "argument_classification_strict" in table and "0.3333" in table


def test_cli_bad_input_is_one_line(tmp_path, capsys):
    (tmp_path / "p.jsonl").write_text("{not json\n", encoding="utf-8")
    write_jsonl(tmp_path / "g.jsonl", [GOLD1])
    assert main(["evaluate", "--gold", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "p.jsonl:1: not valid JSON" in err and "Traceback" not in err


def test_ace_time_roles_score_as_the_taxonomy_time_role():
    text = "Police arrested him on Monday."
    gold = {
        "id": "d",
        "text": text,
        "entities": [],
        "events": [
            {
                "id": "E1",
                "type": "Justice:Arrest-Jail",
                "trigger": {"start": 7, "end": 15},
                "arguments": [{"role": "Time-Within", "start": 23, "end": 29}],
            }
        ],
    }
    pred = {
        "id": "d",
        "text": text,
        "entities": [ent(text, "T1", "TIME", "Monday")],
        "events": [
            {
                "id": "E1",
                "type": "Justice:Arrest-Jail",
                "trigger": {"start": 7, "end": 15},
                "arguments": [{"role": "Time", "entity": "T1"}],
            }
        ],
    }
    scores = score_documents([(gold, pred)]).as_dict()["scores"]
    assert scores["argument_classification_strict"]["tp"] == 1
    assert scores["argument_classification"]["f1"] == 1.0


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"id": "d1", "entities": None}, "p.jsonl:1 /entities: None is not of type 'array'"),
        ({"id": "d1", "entities": [{"start": "0", "end": 3, "type": "PER"}]}, "p.jsonl:1 /entities/0/start: '0' is not of type 'integer'"),
        ({"id": "d1", "events": [{"type": "Conflict:Attack", "trigger": {"start": 0, "end": 3}, "arguments": [{"role": "Attacker"}]}]},
         "p.jsonl:1 /events/0/arguments/0: "),
        ({"title": "not a document"}, 'p.jsonl:1: the document has neither "id" nor "doc_id"'),
    ],
    ids=["null-list", "string-offset", "argument-without-target", "no-id"],
)
def test_cli_names_the_place_of_a_shape_it_cannot_score(tmp_path, capsys, bad, message):
    write_jsonl(tmp_path / "g.jsonl", [GOLD1])
    write_jsonl(tmp_path / "p.jsonl", [bad])
    assert main(["evaluate", "--gold", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_notes_labels_outside_the_taxonomy(tmp_path, capsys):
    other = {**GOLD1, "entities": [{**e, "type": e["type"].lower()} for e in GOLD1["entities"]], "events": []}
    write_jsonl(tmp_path / "g.jsonl", [other])
    write_jsonl(tmp_path / "p.jsonl", [GOLD1])
    assert main(["evaluate", "--gold", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl")]) == 0
    assert "note: entity: labels outside taxonomy" in capsys.readouterr().err


def test_corpus_gold_not_yet_annotated_is_left_out_on_both_sides(tmp_path, capsys):
    (tmp_path / "gold").mkdir()
    reviewed = {**GOLD1, "status": "reviewed"}
    machine = {**GOLD2, "status": "prelabeled"}
    for doc in (reviewed, machine):
        (tmp_path / "gold" / f"{doc['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
    write_jsonl(tmp_path / "p.jsonl", [PRED1, PRED2])
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "p.jsonl"), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["documents"] == 1
    assert f"1 gold document(s) not yet annotated by people were left out: {GOLD2['id']}" in captured.err


@pytest.mark.parametrize(
    ("span", "where"),
    [({"start": 5, "end": 2}, "/entities/0"), ({"start": 0, "end": 10_000}, "/entities/0")],
    ids=["reversed", "past-the-end"],
)
def test_cli_refuses_spans_that_cannot_be_in_the_text(tmp_path, capsys, span, where):
    bad = {**PRED1, "entities": [{**PRED1["entities"][0], **span}] + PRED1["entities"][1:]}
    write_jsonl(tmp_path / "g.jsonl", [GOLD1])
    write_jsonl(tmp_path / "p.jsonl", [bad])
    assert main(["evaluate", "--gold", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl")]) == 2
    assert f"p.jsonl:1 {where}: span {span['start']}..{span['end']} is empty, reversed or outside" in capsys.readouterr().err

"""Converting Label Studio results and merging annotations into a document (no server needed:
these are pure functions over dicts; the server round trip is in test_roundtrip.py)."""

from __future__ import annotations

import copy
import dataclasses

from ls_helpers import make_document

from newsevents.labelstudio.convert import layer_to_results, results_to_layer
from newsevents.labelstudio.merge import Annotation, merge_document
from newsevents.labelstudio.pull import pull_tasks
from newsevents.labelstudio.tasks import PushNotes, document_tasks
from newsevents.validate import validate_document


def sentence_annotation(
    doc: dict, index: int, who: str, edit=lambda result: result, when: str = "2026-01-01"
):
    """What a sentence task's annotation looks like after conversion, given an edit of its prediction."""
    task = document_tasks(doc, "sentence")[index]
    result = edit(copy.deepcopy(task.get("predictions", [{"result": []}])[0]["result"]))
    start = task["data"]["offset"]
    converted = results_to_layer(result, task["data"]["text"], start, doc["text"])
    assert converted.problems == []
    end = start + len(task["data"]["text"])
    return Annotation(who, index + 1, when, start, end, converted.entities, converted.events)


def test_prediction_results_convert_back_to_the_same_spans():
    doc = make_document()
    results, placed = layer_to_results(doc, 0, len(doc["text"]))
    assert placed == {e["id"] for e in doc["entities"]} | {v["id"] for v in doc["events"]}
    back = results_to_layer(results, doc["text"], 0, doc["text"])
    assert back.problems == []
    assert back.entities == [{k: v for k, v in e.items() if k != "source"} for e in doc["entities"]]
    assert [v["arguments"] for v in back.events] == [v["arguments"] for v in doc["events"]]


def test_a_relation_drawn_backwards_is_still_an_argument_and_two_entities_are_refused():
    doc = make_document()
    results, _ = layer_to_results({"entities": doc["entities"], "events": []}, 0, len(doc["text"]))
    trigger = {"id": "t", "from_name": "trigger", "to_name": "text", "type": "labels",
               "value": {"start": 7, "end": 9, "text": doc["text"][7:9], "labels": ["Conflict:Attack"]}}  # fmt: skip
    backwards = {
        "type": "relation",
        "from_id": "e4",
        "to_id": "t",
        "direction": "left",
        "labels": ["Attacker"],
    }
    between = {"type": "relation", "from_id": "e4", "to_id": "e5", "labels": ["Target"]}
    out = results_to_layer([*results, trigger, backwards, between], doc["text"], 0, doc["text"])
    assert out.events[0]["arguments"] == [{"role": "Attacker", "entity": "e4"}]
    assert out.problems == [
        "relation 'e4' -> 'e5' joins two entity regions; an argument goes from a trigger to an entity"
    ]


def test_whitespace_caught_by_a_drag_is_trimmed_and_a_blank_region_is_refused():
    text = "in  Caracas  now"
    region = lambda s, e: {"id": f"r{s}", "from_name": "entity", "to_name": "text", "type": "labels",
                           "value": {"start": s, "end": e, "text": text[s:e], "labels": ["GPE"]}}  # fmt: skip
    out = results_to_layer([region(3, 13), region(11, 13)], text, 0, text)
    assert out.entities == [{"id": "r3", "type": "GPE", "start": 4, "end": 11, "text": "Caracas"}]
    assert out.problems == ["region 'r11' covers only whitespace"]


def test_a_sentence_annotation_keeps_arguments_into_other_sentences():
    doc = make_document()
    doc["events"][1]["arguments"].append({"role": "Time", "entity": "e3"})  # e3 is in sentence 0
    merged = merge_document(doc, [sentence_annotation(doc, 1, "ann@x")])
    attack = next(v for v in merged["events"] if v["id"] == "v2")
    assert {"role": "Time", "entity": "e3"} in attack["arguments"]
    assert attack["source"] == {"annotator": "ann@x"}
    assert validate_document(merged) == []


def test_an_entity_deleted_in_one_sentence_drops_the_arguments_that_pointed_at_it():
    doc = make_document()
    doc["events"][1]["arguments"].append({"role": "Time", "entity": "e3"})
    drop_e3 = lambda result: [r for r in result if "e3" not in (r.get("id"), r.get("to_id"))]
    merged = merge_document(doc, [sentence_annotation(doc, 0, "ann@x", drop_e3)])
    assert "e3" not in {e["id"] for e in merged["entities"]}
    assert {"role": "Time", "entity": "e3"} not in merged["events"][1]["arguments"]
    assert validate_document(merged) == []


def test_gold_is_the_latest_annotation_unless_the_reviewer_annotated_and_each_annotator_has_a_layer():
    doc = make_document()
    drop_v2 = lambda result: [r for r in result if "v2" not in (r.get("id"), r.get("from_id"))]
    early = sentence_annotation(doc, 1, "reviewer@x", drop_v2, when="2026-01-01")
    late = sentence_annotation(doc, 1, "ann@x", when="2026-01-02")
    by_time = merge_document(doc, [early, late])
    assert "v2" in {v["id"] for v in by_time["events"]} and by_time["status"] == "annotated"
    reviewed = merge_document(doc, [early, late], reviewer="reviewer@x")
    assert "v2" not in {v["id"] for v in reviewed["events"]} and reviewed["status"] == "reviewed"
    assert [layer["annotator"] for layer in reviewed["layers"]] == ["ann@x", "reviewer@x"]
    assert "v2" in {v["id"] for v in reviewed["layers"][0]["events"]}


def test_no_annotation_changes_nothing_and_merging_twice_is_stable():
    doc = make_document()
    assert merge_document(doc, []) == doc
    once = merge_document(doc, [sentence_annotation(doc, 0, "ann@x")])
    assert merge_document(once, [sentence_annotation(once, 0, "ann@x")]) == once


def test_sentence_tasks_report_arguments_they_cannot_show():
    doc = make_document()
    doc["events"][1]["arguments"].append({"role": "Time", "entity": "e3"})
    notes = PushNotes()
    tasks = document_tasks(doc, "sentence", notes)
    assert [t["data"]["key"] for t in tasks] == ["ls-roundtrip#s0", "ls-roundtrip#s1"]
    assert notes.skipped_spans == [
        "ls-roundtrip: argument Time -> e3 of event v2 crosses a sentence boundary; not shown (kept in the corpus)"
    ]


def test_an_annotation_marked_ground_truth_beats_a_later_one_but_not_the_reviewer():
    doc = make_document()
    drop_v2 = lambda result: [r for r in result if "v2" not in (r.get("id"), r.get("from_id"))]
    picked = dataclasses.replace(
        sentence_annotation(doc, 1, "a@x", drop_v2, when="2026-01-01"), ground_truth=True
    )
    later = sentence_annotation(doc, 1, "b@x", when="2026-01-02")
    assert "v2" not in {v["id"] for v in merge_document(doc, [picked, later])["events"]}
    assert "v2" in {v["id"] for v in merge_document(doc, [picked, later], reviewer="b@x")["events"]}


def test_a_task_not_made_by_push_is_reported_not_guessed(tmp_path):
    report = pull_tasks(
        [{"id": 7, "data": {"text": "x"}, "annotations": [{"id": 1, "result": []}]}], {}, tmp_path
    )
    assert report.rejected == {"<unknown>": ["task 7 has no doc_id: not pushed by `newsevents ls push`"]}


def test_a_later_pull_without_the_reviewer_keeps_reviewed_gold():
    doc = make_document()
    drop_v2 = lambda result: [r for r in result if "v2" not in (r.get("id"), r.get("from_id"))]
    review = sentence_annotation(doc, 1, "reviewer@x", drop_v2, when="2026-01-01")
    later = sentence_annotation(doc, 1, "ann@x", when="2026-01-02")
    reviewed = merge_document(doc, [review, later], reviewer="reviewer@x")
    assert reviewed["status"] == "reviewed"
    again = merge_document(reviewed, [review, later])  # no --reviewer this time
    assert again["status"] == "reviewed"
    assert (again["entities"], again["events"]) == (reviewed["entities"], reviewed["events"])
    assert again == reviewed, "a pull after no change changes nothing"
    newer = sentence_annotation(doc, 1, "reviewer@x", when="2026-01-03")
    re_reviewed = merge_document(reviewed, [review, later, newer], reviewer="reviewer@x")
    assert "v2" in {v["id"] for v in re_reviewed["events"]}, "the reviewer can still change it"

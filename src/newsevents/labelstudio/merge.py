"""Merge converted annotations into a document: per-annotator layers and the gold layer.

Rules (summarised in `newsevents ls pull --help`):
- Each task covers a range of the document (the whole text, or one sentence). An annotation
  replaces, in the layer it feeds, exactly the spans inside its task's range; spans elsewhere stay.
  An event inside the range keeps the arguments it had to entities outside the range (a sentence
  task cannot show them), so nothing a human did in another task is lost.
- Per-annotator layer: named by the annotator's email, fed by that annotator's latest
  non-cancelled annotation of each task.
- Gold layer (top-level `entities`/`events`): per task, the first that exists of: the reviewer's
  latest annotation (when a reviewer is named), the latest annotation marked "ground truth" in
  Label Studio (how a manager picks one there), the latest non-cancelled annotation (updated_at,
  then id). Gold spans record the annotator in `source`.
- Reviewed gold stays reviewed: in a document whose status is already `reviewed` (the last of
  the schema's `x-human-statuses`), a task's gold changes only through the named reviewer's
  annotation; annotators' layers still update. A later pull without `--reviewer` cannot undo an
  adjudication.
- Predictions never reach this module: a pre-label cannot overwrite a human annotation.
- Status: `reviewed` when the reviewer's annotation is gold for every annotated task of the
  document; else `annotated` when the gold layer changed or the document was not yet
  human-annotated (raw/prelabeled: the schema's `x-human-statuses`);
  otherwise unchanged, so a pull after no change gives the same document.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..schema import human_statuses


@dataclass(frozen=True)
class Annotation:
    """One human annotation of one task, already converted to document offsets."""

    annotator: str
    annotation_id: int
    updated_at: str
    start: int  # the task's range in the document
    end: int
    entities: list[dict]
    events: list[dict]
    ground_truth: bool = False


def _inside(span: dict, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span["start"] and span["end"] <= end for start, end in ranges)


def merge_range(old: dict, ranges: list[tuple[int, int]], entities: list[dict], events: list[dict]) -> dict:
    """`old`'s spans outside `ranges` plus the new spans inside them (both sorted by position)."""
    kept_entities = [e for e in old["entities"] if not _inside(e, ranges)]
    kept_events = [copy.deepcopy(v) for v in old["events"] if not _inside(v["trigger"], ranges)]
    outside_ids = {e["id"] for e in kept_entities}
    old_events = {v["id"]: v for v in old["events"]}
    new_events = []
    for event in events:
        event = copy.deepcopy(event)
        for argument in old_events.get(event["id"], {}).get("arguments", []):
            if argument["entity"] in outside_ids and argument not in event["arguments"]:
                event["arguments"].append(dict(argument))
        new_events.append(event)
    all_entity_ids = outside_ids | {e["id"] for e in entities}
    for event in kept_events:  # an argument whose entity a human removed in another task goes too
        event["arguments"] = [a for a in event["arguments"] if a["entity"] in all_entity_ids]
    return {
        "entities": sorted([*kept_entities, *copy.deepcopy(entities)], key=lambda e: (e["start"], e["end"])),
        "events": sorted(
            [*kept_events, *new_events], key=lambda v: (v["trigger"]["start"], v["trigger"]["end"])
        ),
    }


def _latest(annotations: list[Annotation]) -> Annotation:
    return max(annotations, key=lambda a: (a.updated_at, a.annotation_id))


def _with_source(spans: list[dict], annotator: str) -> list[dict]:
    return [{**span, "source": {"annotator": annotator}} for span in spans]


def _merge_from(old: dict, chosen: list[Annotation], source: bool) -> dict:
    ranges = [(a.start, a.end) for a in chosen]
    entities = [e for a in chosen for e in (_with_source(a.entities, a.annotator) if source else a.entities)]
    events = [v for a in chosen for v in (_with_source(a.events, a.annotator) if source else a.events)]
    return merge_range(old, ranges, entities, events)


def merge_document(doc: dict, annotations: list[Annotation], reviewer: str | None = None) -> dict:
    """A new document with `annotations` merged in (the input is not modified)."""
    doc = copy.deepcopy(doc)
    if not annotations:
        return doc
    by_task: dict[tuple[int, int], list[Annotation]] = {}
    for annotation in annotations:
        by_task.setdefault((annotation.start, annotation.end), []).append(annotation)

    final_status = human_statuses()[-1]  # reviewed
    adjudicated = doc["status"] == final_status
    gold_choice = []
    for task_annotations in by_task.values():
        reviewed = [a for a in task_annotations if reviewer and a.annotator == reviewer]
        if adjudicated and not reviewed:
            continue  # reviewed gold changes only through the reviewer
        picked = [a for a in task_annotations if a.ground_truth]
        gold_choice.append(_latest(reviewed or picked or task_annotations))
    old_gold = {"entities": doc["entities"], "events": doc["events"]}
    gold = _merge_from(old_gold, gold_choice, source=True) if gold_choice else old_gold
    gold_changed = gold != old_gold
    doc["entities"], doc["events"] = gold["entities"], gold["events"]

    layers = doc.get("layers", [])
    position = {layer["annotator"]: index for index, layer in enumerate(layers)}
    for annotator in sorted({a.annotator for a in annotations}):
        latest_per_task = [
            _latest(mine)
            for mine in ([a for a in task if a.annotator == annotator] for task in by_task.values())
            if mine
        ]
        old = layers[position[annotator]] if annotator in position else {"entities": [], "events": []}
        merged = {"annotator": annotator, **_merge_from(old, latest_per_task, source=False)}
        if annotator in position:
            layers[position[annotator]] = merged
        else:
            position[annotator] = len(layers)
            layers.append(merged)
    doc["layers"] = layers

    if reviewer and gold_choice and all(a.annotator == reviewer for a in gold_choice):
        doc["status"] = final_status
    elif adjudicated:
        pass
    elif gold_changed or doc["status"] not in human_statuses():
        doc["status"] = human_statuses()[0]  # annotated
    return doc

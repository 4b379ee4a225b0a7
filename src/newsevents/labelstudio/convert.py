"""Spans <-> Label Studio results, the only place that knows the result format.

Our side: `entities` `[{id, type, start, end, text}]` and `events` `[{id, type, trigger, arguments:
[{role, entity}]}]` with document offsets. Label Studio's side: one `labels` result per region
(`from_name` "entity" or "trigger", offsets relative to the task's text) and one `relation` result
per argument (`from_id` trigger region -> `to_id` entity region, the role as its label).

Region ids are span ids both ways: we push entity/event ids as region ids, and a region a human
drew gets Label Studio's own id, which is unique and stays the same on every later export, so a
pull after no change produces the same ids. Label Studio checks nothing in what it stores, so the
reverse direction reports every structural oddity it meets as a problem instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..segment import trimmed
from . import ENTITY_CONTROL, TEXT_NAME, TRIGGER_CONTROL


def _region(
    region_id: str, control: str, label: str, start: int, end: int, text: str, source: dict | None
) -> dict:
    region = {
        "id": region_id,
        "from_name": control,
        "to_name": TEXT_NAME,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text, "labels": [label]},
    }
    if source and "score" in source:
        region["score"] = source["score"]
    return region


def layer_to_results(layer: dict, start: int, end: int) -> tuple[list[dict], set[str]]:
    """Results for the spans of `layer` inside [start, end), offsets made relative to `start`.

    Returns the results and the ids of the spans placed. An argument whose entity lies outside the
    range cannot be drawn in this task and is left out (the document keeps it; see merge)."""
    results: list[dict] = []
    placed: set[str] = set()
    for entity in layer["entities"]:
        if start <= entity["start"] and entity["end"] <= end:
            results.append(
                _region(
                    entity["id"],
                    ENTITY_CONTROL,
                    entity["type"],
                    entity["start"] - start,
                    entity["end"] - start,
                    entity["text"],
                    entity.get("source"),
                )
            )
            placed.add(entity["id"])
    relations = []
    for event in layer["events"]:
        trigger = event["trigger"]
        if not (start <= trigger["start"] and trigger["end"] <= end):
            continue
        results.append(
            _region(
                event["id"],
                TRIGGER_CONTROL,
                event["type"],
                trigger["start"] - start,
                trigger["end"] - start,
                trigger["text"],
                event.get("source"),
            )
        )
        placed.add(event["id"])
        for argument in event["arguments"]:
            if argument["entity"] in placed:
                relations.append(
                    {
                        "type": "relation",
                        "from_id": event["id"],
                        "to_id": argument["entity"],
                        "direction": "right",
                        "labels": [argument["role"]],
                    }
                )
    return results + relations, placed


@dataclass
class Converted:
    """One annotation as our spans (document offsets), plus what was wrong with it."""

    entities: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _check_region(result: dict, task_text: str) -> str | None:
    """Why a `labels` result cannot be a span, or None when it can."""
    value = result.get("value")
    if not isinstance(value, dict):
        return "has no value"
    labels = value.get("labels")
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        return f"must carry exactly one label, found {labels!r}"
    start, end = value.get("start"), value.get("end")
    if (
        not (isinstance(start, int) and isinstance(end, int))
        or isinstance(start, bool)
        or isinstance(end, bool)
    ):
        return f"has non-integer offsets {start!r}..{end!r}"
    if not 0 <= start < end <= len(task_text):
        return f"offsets {start}..{end} lie outside the task text (length {len(task_text)})"
    if "text" not in value:
        return f"offsets {start}..{end} come without the region's text, so they cannot be checked"
    if value["text"] != task_text[start:end]:
        return (
            f"offsets {start}..{end} cover {task_text[start:end]!r} but the region's text is "
            f"{value['text']!r} (offsets shifted?)"
        )
    return None


def results_to_layer(results: object, task_text: str, offset: int, doc_text: str) -> Converted:
    """An annotation's results as entities and events with document offsets (start + `offset`)."""
    out = Converted()
    if not isinstance(results, list):
        out.problems.append(f"result is not a list but {type(results).__name__}")
        return out
    kinds: dict[str, str] = {}
    rejected: set[str] = set()  # regions already reported: their relations add no news
    events: dict[str, dict] = {}
    relations = []
    for index, result in enumerate(results):
        if not isinstance(result, dict):
            out.problems.append(f"result {index} is not an object")
            continue
        if result.get("type") == "relation":
            relations.append(result)
            continue
        region_id = result.get("id")
        control = result.get("from_name")
        where = f"region {region_id!r}"
        if result.get("type") != "labels" or control not in (ENTITY_CONTROL, TRIGGER_CONTROL):
            out.problems.append(
                f"{where}: unexpected result type {result.get('type')!r} from control {control!r}"
            )
            continue
        if not isinstance(region_id, str) or not region_id:
            out.problems.append(f"result {index}: a region without an id")
            continue
        if region_id in kinds:
            out.problems.append(
                f"{where}: labelled twice (as {kinds[region_id]} and as {control}); one label per region"
            )
            continue
        why = _check_region(result, task_text)
        if why:
            out.problems.append(f"{where} {why}")
            rejected.add(region_id)
            continue
        value = result["value"]
        # Whitespace a mouse selection caught at a region's edges never carries meaning (and the
        # validator rejects it): dropped, so a sloppy drag does not cost the whole annotation.
        trimmed_span = trimmed(doc_text, value["start"] + offset, value["end"] + offset)
        if trimmed_span is None:
            out.problems.append(f"{where} covers only whitespace")
            rejected.add(region_id)
            continue
        start, end = trimmed_span
        kinds[region_id] = control
        span = {"start": start, "end": end, "text": doc_text[start:end]}
        if control == ENTITY_CONTROL:
            out.entities.append({"id": region_id, "type": value["labels"][0], **span})
        else:
            event = {"id": region_id, "type": value["labels"][0], "trigger": span, "arguments": []}
            events[region_id] = event
            out.events.append(event)
    for relation in relations:
        if not rejected & {relation.get("from_id"), relation.get("to_id")}:
            _add_argument(relation, kinds, events, out.problems)
    return out


def _add_argument(
    relation: dict, kinds: dict[str, str], events: dict[str, dict], problems: list[str]
) -> None:
    """A relation between a trigger region and an entity region, whichever way it was drawn."""
    ends = relation.get("from_id"), relation.get("to_id")
    where = f"relation {ends[0]!r} -> {ends[1]!r}"
    missing = [end for end in ends if end not in kinds]
    if missing:
        problems.append(f"{where} points at region {missing[0]!r}, which the annotation does not have")
        return
    by_kind = {kinds[end]: end for end in ends}
    if set(by_kind) != {TRIGGER_CONTROL, ENTITY_CONTROL}:
        problems.append(
            f"{where} joins two {kinds[ends[0]]} regions; an argument goes from a trigger to an entity"
        )
        return
    labels = relation.get("labels")
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        problems.append(f"{where} must carry exactly one role, found {labels!r}")
        return
    argument = {"role": labels[0], "entity": by_kind[ENTITY_CONTROL]}
    event = events[by_kind[TRIGGER_CONTROL]]
    if argument not in event["arguments"]:
        event["arguments"].append(argument)

"""Applying a pre-labeler to documents: predictions for a JSONL file, or merging into the corpus.

Two modes, one labeling function:
- `predict_document`: the document's text pre-labeled from scratch (its own entities/events, if
  any, are ignored and replaced in the copy returned): what `newsevents prelabel IN -o OUT` writes
  and what `evaluate` scores. The input file is never modified.
- `prelabel_document`: the corpus rule. Documents with a human status (the schema's
  `x-human-statuses`: annotated, reviewed) are returned unchanged. Otherwise only model-made spans (those whose `source` has `model`) are
  replaced; every other span, human-made or of unknown origin, is kept, and so is a model-made
  entity that a kept event's argument names (the argument stays bound to the same text). A
  pre-label that overlaps a kept span is dropped, so a human annotation is never overwritten. The pre-labeler's
  full output is also stored as the layer `model:<name>@<version>`, which agreement compares with
  the final gold layer.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from ..schema import document_statuses, human_statuses, model_layer_name, model_layer_tag
from .tokens import Segmented, from_document


def _machine_statuses() -> list[str]:
    """The statuses before people annotate, in the schema's workflow order (raw, prelabeled): the
    last is what pre-labeling sets, the earlier ones are what it moves on from."""
    human = set(human_statuses())
    return [status for status in document_statuses() if status not in human]


class Labeler(Protocol):
    name: str
    version: str

    def label(self, seg: Segmented): ...


def layer_name(labeler: Labeler) -> str:
    return model_layer_name(labeler.name, labeler.version)


def _as_spans(items: object) -> list[dict] | None:
    """Segments as [{start, end}], from that form or from [start, end] pairs; None for any other."""
    if not isinstance(items, list) or not items:
        return None
    spans = []
    for item in items:
        if isinstance(item, dict) and {"start", "end"} <= item.keys():
            start, end = item["start"], item["end"]
        elif isinstance(item, list | tuple) and len(item) == 2:
            start, end = item
        else:
            return None
        if not (isinstance(start, int) and isinstance(end, int)):
            return None
        spans.append({"start": start, "end": end})
    return spans


def _segmented(doc: dict) -> dict:
    """The document with sentences and tokens the labeler can use: its own, when they are valid
    (level 3) and their tokens cover every non-space character (gold data often brings its own
    tokenization, which makes spans line up), otherwise newsevents.segment's."""
    from ..segment import add_segmentation
    from ..validate import check_segmentation

    text, sentences, tokens = doc.get("text"), _as_spans(doc.get("sentences")), _as_spans(doc.get("tokens"))
    if isinstance(text, str) and sentences and tokens:
        own = {**doc, "sentences": sentences, "tokens": tokens}
        covered = sum(len("".join(text[t["start"] : t["end"]].split())) for t in tokens)
        if not check_segmentation(own) and covered == len("".join(text.split())):
            return own
    return add_segmentation(doc)


def predict_document(doc: dict, labeler: Labeler) -> dict:
    """A copy of `doc` (segmented if it was not) whose entities and events are the pre-labels."""
    out = _segmented(dict(doc))
    labeled = labeler.label(from_document(out))
    out["entities"], out["events"] = labeled.entities, labeled.events
    if "status" in out:
        out["status"] = _machine_statuses()[-1]
    return out


def _is_model_made(span: dict) -> bool:
    return "model" in (span.get("source") or {})


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fresh_ids(prefix: str, used: set[str]) -> Iterable[str]:
    n = 0
    while True:
        n += 1
        if f"{prefix}{n}" not in used:
            yield f"{prefix}{n}"


def _referenced_entities(events: list[dict]) -> set[str]:
    return {a["entity"] for event in events for a in event.get("arguments", []) if "entity" in a}


def prelabel_document(doc: dict, labeler: Labeler) -> dict:
    """The corpus rule (see the module docstring). Always a new dict; `doc` is not modified.

    A model-made entity that a kept event's argument names stays, id and all: the argument was
    checked by a human, and dropping its entity would leave it pointing at nothing, or at whatever
    new pre-label took the freed id. New ids never reuse a kept id or one a kept argument names.
    """
    if doc.get("status") in human_statuses():
        return copy.deepcopy(doc)
    out = _segmented(copy.deepcopy(doc))
    labeled = labeler.label(from_document(out))
    kept_events = [e for e in out.get("events", []) if not _is_model_made(e)]
    needed = _referenced_entities(kept_events)
    kept_entities = [e for e in out.get("entities", []) if not _is_model_made(e) or e.get("id") in needed]
    # ids a kept argument names are reserved even when dangling, so no pre-label can capture them
    used = {e["id"] for e in kept_entities} | {e["id"] for e in kept_events} | needed
    entity_ids, event_ids = _fresh_ids("T", used), _fresh_ids("E", used)
    renamed: dict[str, str] = {}
    for ent in labeled.entities:
        renamed[ent["id"]] = next(entity_ids)
        ent["id"] = renamed[ent["id"]]
    for event in labeled.events:
        event["id"] = next(event_ids)
        for argument in event["arguments"]:
            argument["entity"] = renamed[argument["entity"]]

    # Pre-labels that collide with a kept span are dropped; an argument may then point at the kept
    # entity with exactly the same span and type instead.
    kept_spans = {(e["start"], e["end"]): e for e in kept_entities}
    alias: dict[str, str] = {}
    new_entities = []
    for ent in labeled.entities:
        same = kept_spans.get((ent["start"], ent["end"]))
        if same is not None and same["type"] == ent["type"]:
            alias[ent["id"]] = same["id"]
        elif not any(_overlaps((ent["start"], ent["end"]), span) for span in kept_spans):
            new_entities.append(ent)
            alias[ent["id"]] = ent["id"]
    triggers = [(e["trigger"]["start"], e["trigger"]["end"]) for e in kept_events]
    new_events = []
    for event in labeled.events:
        span = (event["trigger"]["start"], event["trigger"]["end"])
        if any(_overlaps(span, t) for t in triggers):
            continue
        merged = dict(event)
        merged["arguments"] = [{**a, "entity": alias[a["entity"]]} for a in event["arguments"] if a["entity"] in alias]
        new_events.append(merged)

    out["entities"] = kept_entities + new_entities
    out["events"] = kept_events + new_events
    name = layer_name(labeler)
    # this pre-labeler's earlier layers (any version) are replaced; other layers are kept
    layers = [
        layer
        for layer in out.get("layers", [])
        if not (model_layer_tag(layer["annotator"]) or "").startswith(f"{labeler.name}@")
    ]
    out["layers"] = layers + [{"annotator": name, "entities": labeled.entities, "events": labeled.events}]
    machine = _machine_statuses()
    if out.get("status", machine[0]) in machine[:-1]:
        out["status"] = machine[-1]
    return out


def prelabel_corpus(paths: Iterable[Path], labeler: Labeler) -> tuple[list[Path], list[Path]]:
    """Pre-label corpus files in place, atomically. Returns (written, unchanged): a file whose
    text would not change (protected status, or the same pre-labels again) is not rewritten.

    Every result is validated before it is written: a file whose pre-labeled version would be
    invalid is left as it was and a ValueError names it and its first problem (files before it
    in the run are already written, each one valid).
    """
    from ..document import iter_document_files, read_document, write_document
    from ..validate import validate_document

    written, unchanged = [], []
    for path in iter_document_files(paths):
        doc = read_document(path)  # a DocumentError names the file and place
        try:
            new = prelabel_document(doc, labeler)
        except (AttributeError, KeyError, TypeError, ValueError) as err:
            raise ValueError(f"{path}: cannot pre-label ({err}); run `newsevents validate`") from None
        problems = validate_document(new, str(path))
        if problems:
            before = "the document is already invalid" if validate_document(doc, str(path)) else "a bug"
            raise ValueError(
                f"{path}: not written, the pre-labeled document would be invalid ({before}): "
                f"{problems[0]} (+{len(problems) - 1} more); run `newsevents validate {path}`"
            )
        (written if write_document(path, new) else unchanged).append(path)
    return written, unchanged

"""Corpus documents -> Label Studio tasks, each with the document's pre-labels as a prediction.

A task carries everything `pull` needs to map offsets back without asking the server anything
else: the document id, the sentence index and the sentence's character offset (0 for a whole
document), and a `key` that is unique per (document, unit) so a second push skips what is already
there. Region ids in predictions are our own span ids (entity id, event id), so a relation
(argument) comes back pointing at ids we know, and an accepted pre-label keeps its id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..schema import is_model_layer, model_layer_tag
from . import GRANULARITIES, TEXT_NAME
from .convert import layer_to_results


@dataclass
class PushNotes:
    """What a push could not carry into tasks (reported, never silently dropped)."""

    skipped_spans: list[str] = field(default_factory=list)


def task_key(doc_id: str, sentence: int | None) -> str:
    return doc_id if sentence is None else f"{doc_id}#s{sentence}"


def prelabel_layer(doc: dict) -> tuple[dict, str] | None:
    """The spans to show as a prediction, and their model_version.

    The gold layer if it has spans (pre-labels live there until a human replaces them, and a human
    gold layer is the best starting point for a correction round); otherwise the newest
    pre-labeler layer (`model:<name>@<version>`). None when there is nothing to show.
    """
    if doc.get("entities") or doc.get("events"):
        return {"entities": doc["entities"], "events": doc["events"]}, _model_version(doc)
    for layer in reversed(doc.get("layers", [])):
        if is_model_layer(layer["annotator"]) and (layer["entities"] or layer["events"]):
            return layer, model_layer_tag(layer["annotator"])
    return None


def _model_version(layer: dict) -> str:
    """`name@version` when one pre-labeler made every span, else `corpus-gold`."""
    sources = {
        (s.get("model"), s.get("version"))
        for s in (
            *(e.get("source", {}) for e in layer["entities"]),
            *(v.get("source", {}) for v in layer["events"]),
        )
    }
    if len(sources) == 1:
        model, version = next(iter(sources))
        if model:
            return f"{model}@{version}"
    return "corpus-gold"


def _mean_score(layer: dict) -> float | None:
    scores = [
        s["source"]["score"]
        for s in (*layer["entities"], *layer["events"])
        if isinstance(s.get("source"), dict) and "score" in s["source"]
    ]
    return round(sum(scores) / len(scores), 6) if scores else None


def _units(doc: dict, granularity: str) -> Iterator[tuple[int | None, int, int]]:
    """(sentence index or None, start, end) of each task's text in the document."""
    if granularity == "document":
        yield None, 0, len(doc["text"])
        return
    if not doc.get("sentences"):
        raise ValueError(
            f"document {doc['id']} has no sentences; run segmentation or push with --granularity document"
        )
    for index, sentence in enumerate(doc["sentences"]):
        yield index, sentence["start"], sentence["end"]


def document_tasks(doc: dict, granularity: str = "document", notes: PushNotes | None = None) -> list[dict]:
    """The tasks (import format: data + predictions) for one document."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {granularity!r}")
    notes = notes if notes is not None else PushNotes()
    prelabel = prelabel_layer(doc)
    placed: set[str] = set()
    tasks = []
    for sentence, start, end in _units(doc, granularity):
        data = {
            TEXT_NAME: doc["text"][start:end],
            "doc_id": doc["id"],
            "key": task_key(doc["id"], sentence),
            "offset": start,
            "title": doc["meta"].get("title", ""),
        }
        if sentence is not None:
            data["sentence"] = sentence
        task: dict = {"data": data}
        if prelabel:
            layer, model_version = prelabel
            results, inside = layer_to_results(layer, start, end)
            placed |= inside
            for event in layer["events"]:
                for argument in event["arguments"] if event["id"] in inside else []:
                    if argument["entity"] not in inside:
                        notes.skipped_spans.append(
                            f"{doc['id']}: argument {argument['role']} -> {argument['entity']} of event "
                            f"{event['id']} crosses a sentence boundary; not shown (kept in the corpus)"
                        )
            if results:
                prediction = {"model_version": model_version, "result": results}
                score = _mean_score(layer)
                if score is not None:
                    prediction["score"] = score
                task["predictions"] = [prediction]
        tasks.append(task)
    if prelabel:
        layer = prelabel[0]
        for item in (*layer["entities"], *layer["events"]):
            if item["id"] not in placed:
                notes.skipped_spans.append(
                    f"{doc['id']}: span {item['id']} crosses a sentence boundary; not pushed"
                )
    return tasks


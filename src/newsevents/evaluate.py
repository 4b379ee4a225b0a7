"""The benchmark's scorer: micro precision, recall and F1 of predicted against gold documents.

Everything that compares two annotation layers goes through here (the `evaluate` command, the
annotator agreement, the pre-labeler benchmark), so span matching is defined exactly once.

Each task turns a document into a multiset of tuples; a prediction is correct when the same tuple
is in the gold multiset (duplicates count as often as they occur on both sides):

- entity: (start, end, type);
- trigger identification: (start, end); classification: (start, end, event type);
- argument identification (ACE convention): (event type, argument start, argument end);
  classification: the same plus the role; the `_strict` variants also require the trigger span,
  so an argument found under the wrong trigger of the same type does not count;
- sentence: (start, end) of every sentence, exact spans;
- sentence_boundary: (start,) of every sentence but the first in text order, i.e. the positions
  where a new sentence begins (the text's start is not a decision, so it is not scored). This is
  the usual segmentation measure: a sentence whose end is trimmed differently still counts.
  Both sentence tasks are scored only for documents where both sides have sentences (an
  unsegmented document says nothing about segmentation).

Arguments may point at an entity id (`{role, entity}`, the corpus format) or carry their own
offsets (`{role, start, end}`, the format of the shared development files). Role names pass
through the taxonomy's `role_aliases`, so ACE's Time-Within etc. score as our one Time role.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from .schema import load_taxonomy

TASKS = (
    "entity",
    "trigger_identification",
    "trigger_classification",
    "argument_identification",
    "argument_classification",
    "argument_identification_strict",
    "argument_classification_strict",
    "sentence",
    "sentence_boundary",
)
_SENTENCE_TASKS = ("sentence", "sentence_boundary")

# The tasks that get a per-type breakdown, and which tuple field is the type.
_TYPED_TASKS = {
    "entity": "entity type",
    "trigger_classification": "event type",
    "argument_classification": "role",
}


@dataclass
class Counts:
    """True positives, predicted and gold totals of one task (or one type within a task)."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


@dataclass
class Scores:
    """Micro-averaged counts per task, plus per-type counts for the typed tasks."""

    documents: int = 0
    tasks: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TASKS})
    per_type: dict[str, dict[str, Counts]] = field(default_factory=lambda: {t: {} for t in _TYPED_TASKS})

    def add(self, other: Scores) -> None:
        self.documents += other.documents
        for task, counts in other.tasks.items():
            self.tasks[task].add(counts)
        for task, types in other.per_type.items():
            for name, counts in types.items():
                self.per_type[task].setdefault(name, Counts()).add(counts)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "scores": {task: counts.as_dict() for task, counts in self.tasks.items()},
            "per_type": {
                task: {name: types[name].as_dict() for name in sorted(types)} for task, types in self.per_type.items()
            },
        }


def _where(doc: dict) -> str:
    return str(doc.get("id", doc.get("doc_id", "<doc>")))


def _entity_spans(doc: dict) -> dict[str, tuple[int, int]]:
    return {e["id"]: (e["start"], e["end"]) for e in doc.get("entities", []) if "id" in e}


def _argument_span(doc: dict, spans: dict[str, tuple[int, int]], argument: dict, pointer: str) -> tuple[int, int]:
    if "start" in argument and "end" in argument:
        return argument["start"], argument["end"]
    entity = argument.get("entity")
    if entity not in spans:
        raise ValueError(f"{_where(doc)} {pointer}: argument points at entity {entity!r}, which the document lacks")
    return spans[entity]


def task_tuples(doc: dict) -> dict[str, list[tuple]]:
    """The scored tuples of one document (or one annotation layer: any dict with entities/events)."""
    out: dict[str, list[tuple]] = {task: [] for task in TASKS}
    out["entity"] = [(e["start"], e["end"], e["type"]) for e in doc.get("entities", [])]
    spans = _entity_spans(doc)
    canonical_role = load_taxonomy().canonical_role
    for i, event in enumerate(doc.get("events", [])):
        trigger = (event["trigger"]["start"], event["trigger"]["end"])
        kind = event["type"]
        out["trigger_identification"].append(trigger)
        out["trigger_classification"].append((*trigger, kind))
        for j, argument in enumerate(event.get("arguments", [])):
            start, end = _argument_span(doc, spans, argument, f"/events/{i}/arguments/{j}")
            role = canonical_role(argument["role"])
            out["argument_identification"].append((kind, start, end))
            out["argument_classification"].append((kind, start, end, role))
            out["argument_identification_strict"].append((*trigger, kind, start, end))
            out["argument_classification_strict"].append((*trigger, kind, start, end, role))
    out["sentence"] = sorted(_offsets(s) for s in doc.get("sentences") or [])
    out["sentence_boundary"] = [(start,) for start, _ in out["sentence"][1:]]
    return out


def _offsets(sentence) -> tuple[int, int]:
    """Sentences come as {start, end} (corpus) or [start, end] (the shared gum_news file)."""
    if isinstance(sentence, dict):
        return sentence["start"], sentence["end"]
    return int(sentence[0]), int(sentence[1])


def _type_of(task: str, item: tuple) -> str:
    # entity: (s, e, TYPE); trigger_classification: (s, e, TYPE); argument_classification: (..., ROLE)
    return str(item[-1])


def _count(gold: list[tuple], pred: list[tuple]) -> Counts:
    matched = Counter(gold) & Counter(pred)
    return Counts(tp=sum(matched.values()), pred=len(pred), gold=len(gold))


def score_pair(gold: dict, pred: dict) -> Scores:
    """Score one predicted document (or layer) against its gold counterpart."""
    if "text" in gold and "text" in pred and gold["text"] != pred["text"]:
        raise ValueError(f"{_where(gold)}: gold and predicted texts differ, so their offsets cannot be compared")
    try:
        gold_t, pred_t = task_tuples(gold), task_tuples(pred)
    except (KeyError, TypeError) as err:
        raise ValueError(f"{_where(gold)}: a span lacks a required field ({err}); validate the files first") from None
    scores = Scores(documents=1)
    for task in TASKS:
        if task in _SENTENCE_TASKS and not (gold_t["sentence"] and pred_t["sentence"]):
            continue
        scores.tasks[task] = _count(gold_t[task], pred_t[task])
    for task in _TYPED_TASKS:
        names = {_type_of(task, t) for t in gold_t[task]} | {_type_of(task, t) for t in pred_t[task]}
        for name in names:
            scores.per_type[task][name] = _count(
                [t for t in gold_t[task] if _type_of(task, t) == name],
                [t for t in pred_t[task] if _type_of(task, t) == name],
            )
    return scores


def score_documents(pairs: Iterable[tuple[dict, dict]]) -> Scores:
    """Micro-average over (gold, pred) pairs: counts are summed, then P/R/F1 computed once."""
    total = Scores()
    for gold, pred in pairs:
        total.add(score_pair(gold, pred))
    return total


@cache
def _input_validator():
    import json

    from jsonschema import Draft202012Validator

    from .paths import schema_dir

    return Draft202012Validator(json.loads((schema_dir() / "evaluation.schema.json").read_text(encoding="utf-8")))


def check_input(doc: object, where: str) -> None:
    """Refuse, with the place, a document `evaluate` cannot score (schema/evaluation.schema.json):
    a wrong shape would otherwise surface as a confusing error deep in the scorer, or be scored."""
    error = next(iter(sorted(_input_validator().iter_errors(doc), key=lambda e: list(map(str, e.path)))), None)
    if error is not None:
        pointer = "".join(f"/{part}" for part in error.absolute_path) or "/"
        raise ValueError(f"{where} {pointer}: {error.message} (see schema/evaluation.schema.json)")
    limit = len(doc["text"]) if isinstance(doc.get("text"), str) else None
    for pointer, span in _spans(doc):
        if span["end"] <= span["start"] or (limit is not None and span["end"] > limit):
            within = f" within the text's {limit} code points" if limit is not None else ""
            raise ValueError(f"{where} {pointer}: span {span['start']}..{span['end']} is empty, reversed or "
                             f"outside the text (start < end{within} expected)")


def _spans(doc: dict) -> Iterator[tuple[str, dict]]:
    """Every offset-carrying span of an evaluation input, with its JSON pointer."""
    for i, entity in enumerate(doc.get("entities", [])):
        yield f"/entities/{i}", entity
    for i, event in enumerate(doc.get("events", [])):
        yield f"/events/{i}/trigger", event["trigger"]
        for j, argument in enumerate(event.get("arguments", [])):
            if "start" in argument:
                yield f"/events/{i}/arguments/{j}", argument


def unknown_labels(scores: Scores) -> dict[str, list[str]]:
    """Gold or predicted labels the taxonomy does not define, per typed task: no prediction in our
    labels can match them, which is worth saying next to a low score."""
    taxonomy = load_taxonomy()
    known = {
        "entity": set(taxonomy.entity_names),
        "trigger_classification": set(taxonomy.event_names),
        "argument_classification": set(taxonomy.role_names),
    }
    return {
        task: sorted(name for name in types if name not in known[task])
        for task, types in scores.per_type.items()
        if any(name not in known[task] for name in types)
    }


def doc_key(doc: dict, where: str) -> str:
    key = doc.get("id", doc.get("doc_id"))
    if key is None:
        raise ValueError(f"{where}: document has neither 'id' nor 'doc_id', so it cannot be paired")
    return str(key)


def pair_documents(
    gold: Iterable[dict], pred: Iterable[dict], gold_name: str = "gold", pred_name: str = "pred"
) -> Iterator[tuple[dict, dict]]:
    """Pair documents by id. A gold document without a prediction is scored against an empty one
    (its spans count as misses); a prediction without gold, or a repeated id, is an error."""
    predicted: dict[str, dict] = {}
    for number, doc in enumerate(pred, 1):
        check_input(doc, f"{pred_name}:{number}")
        key = doc_key(doc, f"{pred_name}:{number}")
        if key in predicted:
            raise ValueError(f"{pred_name}:{number}: document id {key!r} appears twice")
        predicted[key] = doc
    seen: set[str] = set()
    for number, doc in enumerate(gold, 1):
        check_input(doc, f"{gold_name}:{number}")
        key = doc_key(doc, f"{gold_name}:{number}")
        if key in seen:
            raise ValueError(f"{gold_name}:{number}: document id {key!r} appears twice")
        seen.add(key)
        yield doc, predicted.pop(key, {"id": key, "entities": [], "events": []})
    if predicted:
        extra = ", ".join(sorted(predicted)[:5])
        raise ValueError(f"{pred_name}: {len(predicted)} predicted document(s) have no gold counterpart: {extra}")


def format_table(scores: Scores) -> str:
    """A plain text table of the micro scores, one task per line."""
    lines = [f"{'task':34} {'P':>7} {'R':>7} {'F1':>7} {'tp':>7} {'pred':>7} {'gold':>7}"]
    for task, c in scores.tasks.items():
        if c.pred or c.gold:
            lines.append(f"{task:34} {c.precision:7.4f} {c.recall:7.4f} {c.f1:7.4f} {c.tp:7d} {c.pred:7d} {c.gold:7d}")
    lines.append(f"documents: {scores.documents}")
    return "\n".join(lines)

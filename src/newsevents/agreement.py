"""Annotator agreement: pairwise F1 between annotation layers, and how close pre-labels came to gold.

Pairwise F1 is the usual agreement measure for span annotation (kappa needs a fixed set of items,
which spans do not have); F1(A, B) = F1(B, A), precision and recall just swap. The comparison is
the benchmark scorer itself (newsevents.evaluate.score_pair), so agreement and system scores are
measured the same way, with the same span matching.

Per document, the layers in `layers` (`{"annotator", "entities", "events"}`) are compared:
- every pair of human layers (newsevents.schema.is_model_layer: not `model:...`);
- every layer against the gold layer (top-level `entities`/`events`) when the document's status
  is a human one (the schema's `x-human-statuses`: annotated, reviewed): for a pre-labeler layer
  (`model:<name>@<version>`) this is how much of the final annotation the pre-labels already had
  right.
Counts are summed per pair over documents (micro average).

A layer is known by its annotator's name, so two layers with one name in a document are an error
(one would silently hide the other); files are validated before they are compared.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import Scores, score_pair
from .schema import human_statuses, is_model_layer

GOLD = "gold"
SUMMARY_TASKS = ("entity", "trigger_classification", "argument_classification")


@dataclass
class PairAgreement:
    """Agreement of two layers (`left` taken as reference, `right` as the other) over `scores.documents`."""

    left: str
    right: str
    scores: Scores = field(default_factory=Scores)

    def as_dict(self) -> dict:
        return {"left": self.left, "right": self.right, **self.scores.as_dict()}


def _as_doc(doc_id: str, entities: list, events: list) -> dict:
    return {"id": doc_id, "entities": entities, "events": events}


def _named_layers(doc: object, where: str | None = None) -> tuple[str, dict[str, dict]]:
    """(document id, annotator -> layer as a document). ValueError located at `where` (default: the
    document id) for a document that is not an object, a layer without an annotator, or an
    annotator with two layers."""
    if not isinstance(doc, dict):
        raise ValueError(f"{where or '<doc>'}: a document must be a JSON object, not {type(doc).__name__}")
    doc_id = str(doc.get("id", "<doc>"))
    where = where or doc_id
    layers: dict[str, dict] = {}
    first: dict[str, int] = {}
    for i, layer in enumerate(doc.get("layers") or []):
        name = layer.get("annotator") if isinstance(layer, dict) else None
        if not isinstance(name, str) or not name:
            raise ValueError(f"{where} /layers/{i}: a layer needs an 'annotator' name")
        if name in layers:
            raise ValueError(
                f"{where} /layers/{i}: annotator {name!r} already has a layer (/layers/{first[name]}); "
                "merge the two or rename one"
            )
        first[name] = i
        layers[name] = _as_doc(doc_id, layer.get("entities", []), layer.get("events", []))
    return doc_id, layers


def agreement(docs: Iterable[dict]) -> list[PairAgreement]:
    """Pairwise agreement over documents (corpus-format dicts).

    Returns one PairAgreement per (left, right) pair of layer names that occur together in at least
    one document, sorted by names: human vs human pairs with the names in sorted order, and
    `gold` (left) vs each layer (right) for documents with a human status. Raises ValueError
    (naming the document and place) when an argument points at an entity its layer lacks, or when a
    document's layers are malformed or two share an annotator name.
    """
    pairs: dict[tuple[str, str], PairAgreement] = {}
    gold_statuses = human_statuses()

    def add(left: str, right: str, a: dict, b: dict) -> None:
        pair = pairs.setdefault((left, right), PairAgreement(left, right))
        pair.scores.add(score_pair(a, b))

    for doc in docs:
        doc_id, layers = _named_layers(doc)
        humans = sorted(name for name in layers if not is_model_layer(name))
        for left, right in itertools.combinations(humans, 2):
            add(left, right, layers[left], layers[right])
        if doc.get("status") in gold_statuses:
            gold = _as_doc(doc_id, doc.get("entities", []), doc.get("events", []))
            for name in sorted(layers):
                add(GOLD, name, gold, layers[name])
    return [pairs[key] for key in sorted(pairs)]


def agreement_paths(paths: Iterable[Path]) -> list[PairAgreement]:
    """`agreement` over the corpus files under `paths` (folders are searched for *.json).

    Each document is validated first (newsevents.validate, levels 2-4): the first problem of the
    first bad file stops the run as a one-line ValueError naming the file and place.
    """
    from .document import iter_document_files
    from .validate import read_valid_document

    def docs():
        for path in iter_document_files(paths):
            doc = read_valid_document(path)
            _named_layers(doc, str(path))  # what validation cannot see: one layer per annotator
            yield doc

    return agreement(docs())


def format_table(rows: list[PairAgreement]) -> str:
    """One line per pair: documents and F1 of entities, event triggers (typed) and arguments (typed)."""
    header = f"{'left':28} {'right':36} {'docs':>5} {'entity F1':>10} {'trigger F1':>11} {'argument F1':>12}"
    lines = [header]
    for row in rows:
        f1 = [row.scores.tasks[t].f1 for t in SUMMARY_TASKS]
        lines.append(
            f"{row.left:28} {row.right:36} {row.scores.documents:5d} {f1[0]:10.4f} {f1[1]:11.4f} {f1[2]:12.4f}"
        )
    if not rows:
        lines.append("(no document has two annotator layers, or a layer and a gold annotation)")
    return "\n".join(lines)

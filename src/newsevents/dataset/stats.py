"""Counts over the corpus: what the card and the datasheet print.

Computed from the documents in the same pass that writes the rows, so the published numbers are
those of the files next to them, never typed in by hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..schema import is_model_layer
from .rows import Losses

TOTALS = ("documents", "sentences", "tokens", "entities", "events", "arguments")


@dataclass
class CorpusStats:
    totals: Counter = field(default_factory=Counter)          # (what, split) -> n
    entity_types: Counter = field(default_factory=Counter)    # (type, split) -> n
    event_types: Counter = field(default_factory=Counter)     # (type, split) -> n
    roles: Counter = field(default_factory=Counter)           # (role, split) -> n
    status: Counter = field(default_factory=Counter)
    licences: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    provenance: Counter = field(default_factory=Counter)      # "annotator"/"model"/"unrecorded" -> spans
    annotators: Counter = field(default_factory=Counter)      # layer annotator -> documents
    multi_annotated: int = 0                                   # documents with >= 2 human layers
    left_out: Counter = field(default_factory=Counter)        # status -> documents not released
    losses: Losses = field(default_factory=Losses)

    def add(self, doc: dict, losses: Losses | None = None) -> None:
        split = doc["meta"]["split"]
        arguments = sum(len(ev["arguments"]) for ev in doc["events"])
        for what, n in (("documents", 1), ("sentences", len(doc["sentences"])), ("tokens", len(doc["tokens"])),
                        ("entities", len(doc["entities"])), ("events", len(doc["events"])),
                        ("arguments", arguments)):
            self.totals[what, split] += n
        for ent in doc["entities"]:
            self.entity_types[ent["type"], split] += 1
        for ev in doc["events"]:
            self.event_types[ev["type"], split] += 1
            for arg in ev["arguments"]:
                self.roles[arg["role"], split] += 1
        for span in doc["entities"] + doc["events"]:
            source = span.get("source") or {}
            self.provenance["annotator" if "annotator" in source else "model" if "model" in source
                            else "unrecorded"] += 1
        self.status[doc["status"]] += 1
        self.licences[doc["meta"]["licence"]] += 1
        self.sources[doc["meta"]["source"]] += 1
        self.languages[doc["meta"]["language"]] += 1
        human = [layer["annotator"] for layer in doc.get("layers", []) if not is_model_layer(layer["annotator"])]
        self.annotators.update(human)
        self.multi_annotated += len(set(human)) >= 2
        if losses is not None:
            self.losses.add(losses)

    def leave_out(self, doc: dict) -> None:
        """Count a document the release does not carry (not yet annotated by people)."""
        self.left_out[doc["status"]] += 1

    def total(self, what: str, split: str | None = None) -> int:
        return sum(n for (w, s), n in self.totals.items() if w == what and split in (None, s))

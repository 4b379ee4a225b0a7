"""Corpus documents to dataset rows: one row per document, and one row per sentence.

Rows hold class-label indices (not names) so they can go straight into an Arrow table typed by
`features`. Sentence rows re-base every offset on the sentence, so `row["text"][start:end]` is the
span's text, the invariant the tests check after loading.

What a sentence row cannot hold is counted in `Losses` and printed in the datasheet, never
silently dropped: entities BIO cannot express (nested or overlapping ones, or ones that end
inside a token) stay in the row's `entities` list but get no tags, and an argument whose entity
lies in another sentence than its trigger is left out of that event's `arguments`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..schema import Taxonomy, document_statuses, meta_fields
from .features import bio_tags


@dataclass(frozen=True)
class Encoder:
    """Name -> class-label index, built from the taxonomy in the same order as the features."""

    entity: dict[str, int]
    event: dict[str, int]
    role: dict[str, int]
    bio: dict[str, int]
    status: dict[str, int]

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> Encoder:
        def index(names: list[str]) -> dict[str, int]:
            return {name: i for i, name in enumerate(names)}

        return cls(index(taxonomy.entity_names), index(taxonomy.event_names), index(taxonomy.role_names),
                   index(bio_tags(taxonomy)), index(document_statuses()))


@dataclass
class Losses:
    """Annotations the sentence config cannot carry, counted for the datasheet."""

    entities_without_tags: int = 0
    arguments_across_sentences: int = 0
    entities_outside_sentences: int = 0
    events_outside_sentences: int = 0

    def add(self, other: Losses) -> None:
        self.entities_without_tags += other.entities_without_tags
        self.arguments_across_sentences += other.arguments_across_sentences
        self.entities_outside_sentences += other.entities_outside_sentences
        self.events_outside_sentences += other.events_outside_sentences


def _source(span: dict) -> dict | None:
    src = span.get("source")
    if src is None:
        return None
    return {"annotator": src.get("annotator"), "model": src.get("model"), "version": src.get("version"),
            "score": src.get("score")}


def _entities(entities: list[dict], enc: Encoder) -> list[dict]:
    return [{"id": e["id"], "type": enc.entity[e["type"]], "start": e["start"], "end": e["end"],
             "text": e["text"], "source": _source(e)} for e in entities]


def _events(events: list[dict], enc: Encoder) -> list[dict]:
    return [{
        "id": ev["id"],
        "type": enc.event[ev["type"]],
        "trigger": {"start": ev["trigger"]["start"], "end": ev["trigger"]["end"], "text": ev["trigger"]["text"]},
        "arguments": [{"role": enc.role[a["role"]], "entity": a["entity"]} for a in ev["arguments"]],
        "source": _source(ev),
    } for ev in events]


def _offsets(spans: list[dict]) -> list[dict]:
    return [{"start": s["start"], "end": s["end"]} for s in spans]


def document_row(doc: dict, enc: Encoder) -> dict:
    """The `documents` config row: the file's content with meta flattened to columns."""
    meta = doc["meta"]
    return {
        "id": doc["id"],
        **{name: meta.get(name) for name in meta_fields()},
        "status": enc.status[doc["status"]],
        "text": doc["text"],
        "sentences": _offsets(doc["sentences"]),
        "tokens": _offsets(doc["tokens"]),
        "entities": _entities(doc["entities"], enc),
        "events": _events(doc["events"], enc),
        "layers": [{"annotator": layer["annotator"], "entities": _entities(layer["entities"], enc),
                    "events": _events(layer["events"], enc)} for layer in doc.get("layers", [])],
    }


def _inside(span: dict, start: int, end: int) -> bool:
    return span["start"] >= start and span["end"] <= end


def _bio(tokens: list[dict], entities: list[dict], enc: Encoder) -> tuple[list[int], list[dict]]:
    """BIO tags over `tokens` (document offsets). Longer entities win over the ones nested in them;
    an entity is left untagged (and returned) when a tag is already taken or when its edges do not
    fall on token edges."""
    tags = [enc.bio["O"]] * len(tokens)
    starts = [t["start"] for t in tokens]
    untagged = []
    for ent in sorted(entities, key=lambda e: (e["start"], -e["end"], e["id"])):
        first = bisect_left(starts, ent["start"])
        last = first
        while last < len(tokens) and tokens[last]["end"] <= ent["end"]:
            last += 1
        aligned = (last > first and tokens[first]["start"] == ent["start"] and tokens[last - 1]["end"] == ent["end"])
        if not aligned or any(tag != enc.bio["O"] for tag in tags[first:last]):
            untagged.append(ent)
            continue
        tags[first] = enc.bio[f"B-{ent['type']}"]
        for i in range(first + 1, last):
            tags[i] = enc.bio[f"I-{ent['type']}"]
    return tags, untagged


def _rebased(span: dict, offset: int, **extra) -> dict:
    return {**extra, "start": span["start"] - offset, "end": span["end"] - offset, "text": span["text"]}


def sentence_rows(doc: dict, enc: Encoder) -> tuple[list[dict], Losses]:
    """The `sentences` config rows of one document, and what they could not carry."""
    text, losses = doc["text"], Losses()
    entity_by_id = {e["id"]: e for e in doc["entities"]}
    token_starts = [t["start"] for t in doc["tokens"]]
    rows, placed_entities, placed_events = [], 0, 0
    for index, sent in enumerate(doc["sentences"]):
        s, e = sent["start"], sent["end"]
        lo, hi = bisect_left(token_starts, s), bisect_left(token_starts, e)
        tokens = [t for t in doc["tokens"][lo:hi] if t["end"] <= e]
        entities = [ent for ent in doc["entities"] if _inside(ent, s, e)]
        tags, untagged = _bio(tokens, entities, enc)
        losses.entities_without_tags += len(untagged)
        events = []
        for ev in doc["events"]:
            if not _inside(ev["trigger"], s, e):
                continue
            arguments = []
            for arg in ev["arguments"]:
                target = entity_by_id[arg["entity"]]
                if _inside(target, s, e):
                    arguments.append(_rebased(target, s, role=enc.role[arg["role"]], entity=arg["entity"]))
                else:
                    losses.arguments_across_sentences += 1
            events.append({"id": ev["id"], "type": enc.event[ev["type"]],
                           "trigger": _rebased(ev["trigger"], s), "arguments": arguments})
        placed_entities += len(entities)
        placed_events += len(events)
        rows.append({
            "id": f"{doc['id']}#{index}",
            "document_id": doc["id"],
            "sentence_index": index,
            "start": s,
            "end": e,
            "text": text[s:e],
            "tokens": [text[t["start"]:t["end"]] for t in tokens],
            "token_offsets": [{"start": t["start"] - s, "end": t["end"] - s} for t in tokens],
            "entity_tags": tags,
            "entities": [_rebased(ent, s, id=ent["id"], type=enc.entity[ent["type"]]) for ent in entities],
            "events": events,
        })
    losses.entities_outside_sentences = len(doc["entities"]) - placed_entities
    losses.events_outside_sentences = len(doc["events"]) - placed_events
    return rows, losses

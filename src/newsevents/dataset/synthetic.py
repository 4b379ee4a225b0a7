"""A synthetic corpus of valid documents, for tests and the build benchmark.

Deterministic (document i is always the same), drawn from the taxonomy (every event type, roles
filled with an entity type the role admits), and shaped to exercise what the dataset must get
right: non-ASCII text and an emoji (code-point offsets), a nested entity (BIO cannot tag both), an
argument in another sentence than its trigger, two annotator layers on some documents, and every
split. Never committed: tests and the benchmark write it to a temporary folder.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..document import document_path, write_document
from ..paths import SPLITS
from ..schema import Taxonomy, human_statuses, load_taxonomy
from ..segment import add_segmentation

_NAMES = ("Zoë Álvarez", "the Guardia Nacional", "Caracas", "the Andes", "Miraflores palace", "an armoured car",
          "a rifle", "Monday", "Nicolás 😀 Pérez", "the council")


def _sentence(rng: random.Random, taxonomy: Taxonomy, serial: int) -> tuple[str, list[tuple], tuple]:
    """Text of one sentence, its entities (local start, end, type) and its event (trigger, roles)."""
    event = taxonomy.event_types[serial % len(taxonomy.event_types)]
    roles = [r for r in event.roles if r.entity_types][:2]
    words, entities, arguments = [], [], []
    trigger = (0, len("announced"))
    if not roles:
        words.append("announced")
    for k, role in enumerate(roles):
        name = rng.choice(_NAMES)
        start = len(" ".join(words)) + (1 if words else 0)
        words.append(name)
        entities.append((start, start + len(name), rng.choice(role.entity_types)))
        arguments.append((role.name, len(entities) - 1))
        if k == 0:
            start = len(" ".join(words)) + 1
            words.append("announced")
            trigger = (start, start + len("announced"))
    words.append("today .")
    body = " ".join(words)
    # A capital after the full stop, as in news text: the corpus segmenter starts a sentence there.
    return body[0].upper() + body[1:], entities, (event.name, trigger, arguments)


def synthetic_document(index: int, taxonomy: Taxonomy | None = None, sentences: int = 5) -> dict:
    taxonomy = taxonomy or load_taxonomy()
    rng = random.Random(index)
    text, ents, events = "", [], []
    for n in range(sentences):
        body, local_ents, (ev_type, trig, args) = _sentence(rng, taxonomy, index * sentences + n)
        offset = len(text) + (1 if text else 0)
        text = f"{text} {body}" if text else body
        ids = []
        for start, end, etype in local_ents:
            ids.append(f"T{len(ents) + 1}")
            ents.append({"id": ids[-1], "type": etype, "start": offset + start, "end": offset + end,
                         "text": body[start:end]})
        events.append({"id": f"E{len(events) + 1}", "type": ev_type,
                       "trigger": {"start": offset + trig[0], "end": offset + trig[1], "text": body[trig[0]:trig[1]]},
                       "arguments": [{"role": role, "entity": ids[i]} for role, i in args]})
    _add_nested_and_cross_sentence(ents, events, text, taxonomy)
    doc = {
        "id": f"synthetic-{index:06d}",
        "meta": {"title": f"Synthetic document {index}", "source": "newsevents synthetic", "url": None,
                 "published": "2020-01-01", "language": "en", "licence": "CC0-1.0 (synthetic text)",
                 "split": SPLITS[index % len(SPLITS)]},
        "status": human_statuses()[0],  # annotated: a synthetic corpus is released whole
        "text": text, "sentences": [], "tokens": [], "entities": ents, "events": events,
    }
    doc = add_segmentation(doc)  # the corpus segmenter, so synthetic rows are tokenized like real ones
    if index % 4 == 0:
        doc["layers"] = [{"annotator": name, "entities": ents, "events": events} for name in ("ann1", "ann2")]
    return doc


def _add_nested_and_cross_sentence(ents: list[dict], events: list[dict], text: str, taxonomy: Taxonomy) -> None:
    """A one-word entity inside the first multi-word one (untaggable in BIO), and the last event
    gets an argument naming the first sentence's first entity when its type allows it."""
    outer = next((e for e in ents if " " in e["text"]), None)
    if outer is not None:
        word_end = outer["start"] + outer["text"].index(" ")
        ents.append({"id": f"T{len(ents) + 1}", "type": outer["type"], "start": outer["start"], "end": word_end,
                     "text": text[outer["start"]:word_end]})
    if len(events) > 1:
        last = events[-1]
        for role in taxonomy.event_type(last["type"]).roles:
            if ents[0]["type"] in role.entity_types and all(a["role"] != role.name for a in last["arguments"]):
                last["arguments"].append({"role": role.name, "entity": ents[0]["id"]})
                break


def write_synthetic_corpus(corpus_dir: Path, documents: int, sentences: int = 5) -> list[Path]:
    taxonomy, paths = load_taxonomy(), []
    for index in range(documents):
        doc = synthetic_document(index, taxonomy, sentences)
        path = document_path(Path(corpus_dir), doc)
        write_document(path, doc)
        paths.append(path)
    return paths

"""Documents and comparisons shared by the Label Studio tests (a plain module, not a conftest, so
tests can import it by name)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

# The text every round-trip test uses: emoji (outside the BMP), a combining accent, CRLF between
# the sentences, and non-breaking spaces, so any UTF-16 or newline confusion shows up as offsets.
TEXT = (
    "Police 👮 arrested Juan Pe\u0301rez in Caracas\u00a0on Monday.\r\n"
    "Protesters attacked the palace with stones\u00a0on Tuesday 🔥."
)


def _span(text: str, piece: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"start": start, "end": start + len(piece), "text": piece}


def make_document(doc_id: str = "ls-roundtrip", text: str = TEXT) -> dict:
    """A valid, pre-labelled document over TEXT (model source with scores on every span)."""
    source = {"model": "lexicon", "version": "0.1.0", "score": 0.5}
    cut = text.index("\r\n")
    entities = [
        ("e1", "PER", "Juan Pe\u0301rez"),
        ("e2", "GPE", "Caracas"),
        ("e3", "TIME", "Monday"),
        ("e4", "PER", "Protesters"),
        ("e5", "FAC", "the palace"),
        ("e6", "TIME", "Tuesday"),
    ]
    return {
        "id": doc_id,
        "meta": {
            "title": "Round trip",
            "source": "test",
            "url": None,
            "published": "2019-01-21",
            "language": "en",
            "licence": "CC BY 4.0",
            "split": "train",
        },
        "status": "prelabeled",
        "text": text,
        "sentences": [{"start": 0, "end": cut}, {"start": cut + 2, "end": len(text)}],
        "tokens": [],
        "entities": [{"id": i, "type": t, **_span(text, p), "source": dict(source)} for i, t, p in entities],
        "events": [
            {
                "id": "v1",
                "type": "Justice:Arrest-Jail",
                "trigger": _span(text, "arrested"),
                "arguments": [
                    {"role": "Person", "entity": "e1"},
                    {"role": "Place", "entity": "e2"},
                    {"role": "Time", "entity": "e3"},
                ],
                "source": dict(source),
            },
            {
                "id": "v2",
                "type": "Conflict:Attack",
                "trigger": _span(text, "attacked"),
                "arguments": [{"role": "Attacker", "entity": "e4"}, {"role": "Target", "entity": "e5"}],
                "source": dict(source),
            },
        ],
    }


def read(corpus_dir: Path, doc_id: str = "ls-roundtrip") -> dict:
    return json.loads((corpus_dir / "train" / f"{doc_id}.json").read_text(encoding="utf-8"))


def spans_only(layer: dict) -> dict:
    """Entities and events without provenance, for comparing what a human sees."""

    def strip(items: list[dict]) -> list[dict]:
        return [{k: v for k, v in copy.deepcopy(i).items() if k != "source"} for i in items]

    return {"entities": strip(layer["entities"]), "events": strip(layer["events"])}

"""Test data shared by the pre-labeler and agreement tests (a plain module, like golden_rules.py,
so no test module imports another test module)."""

from __future__ import annotations

TEXT = (
    "Rebels attacked Caracas on Monday, January 7, 2019 and killed two soldiers.\n"
    "The president was sworn in by the court in the United States."
)
META = {
    "title": "t",
    "source": "s",
    "url": None,
    "published": "2024-01-01",
    "language": "en",
    "licence": "CC BY 4.0",
    "split": "train",
}


def raw_doc(text: str = TEXT, doc_id: str = "raw-doc") -> dict:
    """A valid corpus document with status `raw`, no segmentation and no annotation."""
    return {
        "id": doc_id,
        "meta": dict(META),
        "status": "raw",
        "text": text,
        "sentences": [],
        "tokens": [],
        "entities": [],
        "events": [],
    }

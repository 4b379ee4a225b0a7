"""The dataset's declared `Features`, derived from the taxonomy and the document schema.

Declared once here and used three ways: as the Arrow schema the Parquet files are written with,
as `dataset_info` in the card's YAML, and as what tests compare the loaded features against. Every
label list (entity types, event types, roles, BIO tags, statuses) is read from
`load_taxonomy()` / `load_document_schema()`, never written down, so a taxonomy change reaches
the dataset without editing this file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..schema import Taxonomy, load_document_schema

if TYPE_CHECKING:
    from datasets import Features

CONFIGS = ("documents", "sentences")


def bio_tags(taxonomy: Taxonomy) -> list[str]:
    """'O', then B-/I- for each entity type in taxonomy order (the ClassLabel order)."""
    return ["O"] + [f"{prefix}-{name}" for name in taxonomy.entity_names for prefix in ("B", "I")]


def status_names() -> list[str]:
    """Document statuses, in the order the JSON Schema lists them."""
    return list(load_document_schema()["properties"]["status"]["enum"])


def _offsets() -> dict:
    from datasets import Value

    return {"start": Value("int32"), "end": Value("int32")}


def _span() -> dict:
    from datasets import Value

    return {**_offsets(), "text": Value("string")}


def _source() -> dict:
    """Provenance of a span: an annotator, or a pre-labeler with version and score (others null)."""
    from datasets import Value

    return {"annotator": Value("string"), "model": Value("string"), "version": Value("string"),
            "score": Value("float64")}


def _entity(taxonomy: Taxonomy, with_source: bool) -> dict:
    from datasets import ClassLabel, Value

    fields = {"id": Value("string"), "type": ClassLabel(names=taxonomy.entity_names), **_span()}
    return {**fields, "source": _source()} if with_source else fields


def _document_event(taxonomy: Taxonomy) -> dict:
    from datasets import ClassLabel, List, Value

    return {
        "id": Value("string"),
        "type": ClassLabel(names=taxonomy.event_names),
        "trigger": _span(),
        "arguments": List({"role": ClassLabel(names=taxonomy.role_names), "entity": Value("string")}),
        "source": _source(),
    }


def document_features(taxonomy: Taxonomy) -> Features:
    """One row per document: the corpus file, flattened meta, gold layer and annotator layers."""
    from datasets import ClassLabel, Features, List, Value

    entities = List(_entity(taxonomy, with_source=True))
    events = List(_document_event(taxonomy))
    return Features({
        "id": Value("string"),
        "title": Value("string"),
        "source": Value("string"),
        "url": Value("string"),
        "published": Value("string"),
        "language": Value("string"),
        "licence": Value("string"),
        "split": Value("string"),
        "status": ClassLabel(names=status_names()),
        "text": Value("string"),
        "sentences": List(_offsets()),
        "tokens": List(_offsets()),
        "entities": entities,
        "events": events,
        "layers": List({"annotator": Value("string"), "entities": entities, "events": events}),
    })


def sentence_features(taxonomy: Taxonomy) -> Features:
    """One row per sentence, offsets relative to the sentence: what sentence-level event extraction
    models read (tokens, BIO entity tags, events with triggers and in-sentence arguments)."""
    from datasets import ClassLabel, Features, List, Value

    return Features({
        "id": Value("string"),
        "document_id": Value("string"),
        "sentence_index": Value("int32"),
        "start": Value("int32"),
        "end": Value("int32"),
        "text": Value("string"),
        "tokens": List(Value("string")),
        "token_offsets": List(_offsets()),
        "entity_tags": List(ClassLabel(names=bio_tags(taxonomy))),
        "entities": List(_entity(taxonomy, with_source=False)),
        "events": List({
            "id": Value("string"),
            "type": ClassLabel(names=taxonomy.event_names),
            "trigger": _span(),
            "arguments": List({
                "role": ClassLabel(names=taxonomy.role_names),
                "entity": Value("string"),
                **_span(),
            }),
        }),
    })


def config_features(config: str, taxonomy: Taxonomy) -> Features:
    return {"documents": document_features, "sentences": sentence_features}[config](taxonomy)

"""The dataset's declared `Features`, derived from the taxonomy and the document schema.

Declared once here and used three ways: as the Arrow schema the Parquet files are written with,
as `dataset_info` in the card's YAML, and as what tests compare the loaded features against. Every
label list (entity types, event types, roles, BIO tags, statuses) is read from
`load_taxonomy()` / `newsevents.schema`, never written down, so a taxonomy change reaches
the dataset without editing this file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..schema import Taxonomy, document_statuses, meta_fields, meta_schema

if TYPE_CHECKING:
    from datasets import Features

CONFIGS = ("documents", "sentences")


def bio_tags(taxonomy: Taxonomy) -> list[str]:
    """'O', then B-/I- for each entity type in taxonomy order (the ClassLabel order)."""
    return ["O"] + [f"{prefix}-{name}" for name in taxonomy.entity_names for prefix in ("B", "I")]


# JSON Schema type -> Arrow value type of a meta column (an enum without a type is a string).
_META_VALUE_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


def _meta_columns() -> dict:
    """One column per `meta` property of the document schema, in schema order. A nullable type
    (`["string", "null"]`) is its non-null type: every Arrow column is nullable."""
    from datasets import Value

    properties = meta_schema()["properties"]
    columns = {}
    for name in meta_fields():
        declared = properties[name].get("type", "string")
        types = [t for t in ([declared] if isinstance(declared, str) else declared) if t != "null"]
        if len(types) != 1 or types[0] not in _META_VALUE_TYPES:
            raise ValueError(f"document schema: meta.{name} has type {declared!r}, which no dataset column can hold")
        columns[name] = Value(_META_VALUE_TYPES[types[0]])
    return columns


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
        **_meta_columns(),
        "status": ClassLabel(names=document_statuses()),
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

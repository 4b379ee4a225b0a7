"""The taxonomy (schema/taxonomy.json) as typed Python objects.

Every label list in the project comes from here: the validator, the Label Studio config, the
dataset features, the datasheet tables and the pre-labeler's lexicon keys. Nothing else may write
a type or role name down.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .paths import schema_dir


@dataclass(frozen=True)
class Role:
    name: str
    entity_types: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class EntityType:
    name: str
    label: str
    definition: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class EventType:
    name: str
    definition: str
    example: str
    roles: tuple[Role, ...]

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)


@dataclass(frozen=True)
class Taxonomy:
    version: str
    entity_types: tuple[EntityType, ...]
    event_types: tuple[EventType, ...]
    conventions: dict[str, str]
    # Other spellings of our roles (ACE's Time-Within, Time-Holds, ... are our one Time role), so
    # gold data written in ACE's roles scores against ours.
    role_aliases: dict[str, str] = field(default_factory=dict)

    def canonical_role(self, name: str) -> str:
        return self.role_aliases.get(name, name)

    @property
    def entity_names(self) -> list[str]:
        return [t.name for t in self.entity_types]

    @property
    def event_names(self) -> list[str]:
        return [t.name for t in self.event_types]

    @property
    def role_names(self) -> list[str]:
        """All role names, in first-seen order (the order of class labels in the dataset)."""
        seen: dict[str, None] = {}
        for event in self.event_types:
            for role in event.roles:
                seen.setdefault(role.name, None)
        return list(seen)

    def entity_type(self, name: str) -> EntityType | None:
        return next((t for t in self.entity_types if t.name == name), None)

    def event_type(self, name: str) -> EventType | None:
        return next((t for t in self.event_types if t.name == name), None)


def parse_taxonomy(raw: dict) -> Taxonomy:
    return Taxonomy(
        version=raw["version"],
        conventions=dict(raw.get("conventions", {})),
        role_aliases=dict(raw.get("role_aliases", {})),
        entity_types=tuple(
            EntityType(t["name"], t["label"], t["definition"], tuple(t.get("examples", [])))
            for t in raw["entity_types"]
        ),
        event_types=tuple(
            EventType(
                e["name"],
                e["definition"],
                e["example"],
                tuple(Role(r["name"], tuple(r["entity_types"]), r["definition"]) for r in e["roles"]),
            )
            for e in raw["event_types"]
        ),
    )


@cache
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    path = path or schema_dir() / "taxonomy.json"
    return parse_taxonomy(json.loads(Path(path).read_text(encoding="utf-8")))


@cache
def load_document_schema(path: Path | None = None) -> dict:
    path = path or schema_dir() / "document.schema.json"
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --- The document schema's lists, read from schema/document.schema.json -------------------------
# Statuses, meta fields, splits and the pre-labeler layer naming rule are asked of these functions so
# that a schema change reaches ingest, the dataset, Label Studio and agreement without a second list.

MODEL_LAYER_PREFIX = "model:"


def _resolve(schema: dict, node: dict) -> dict:
    """Follow a local `$ref` (`#/$defs/...`), the only kind the document schema uses.

    Only the fragment counts: fastjsonschema rewrites refs in place to `<$id>#/$defs/...`.
    """
    while "$ref" in node:
        target: dict = schema
        for part in node["$ref"].partition("#")[2].strip("/").split("/"):
            target = target[part]
        node = target
    return node


def _property(name: str) -> dict:
    schema = load_document_schema()
    return _resolve(schema, schema["properties"][name])


def meta_schema() -> dict:
    """The schema of `meta` (its `$ref` followed): properties with their types, and `required`."""
    return _property("meta")


def document_statuses() -> list[str]:
    """Every `status` a document may have, in the schema's (workflow) order."""
    return list(_property("status")["enum"])


def human_statuses() -> tuple[str, ...]:
    """The statuses that mean people have annotated: the schema's `x-human-statuses` on `status`.

    Kept in the schema, beside the enum it selects from, so adding a status is one edit. Both
    validators (jsonschema, fastjsonschema) ignore the unknown `x-` keyword.
    """
    status = _property("status")
    marked = tuple(status["x-human-statuses"])
    unknown = [s for s in marked if s not in status["enum"]]
    if unknown:
        raise ValueError(f"document schema: x-human-statuses names statuses not in the enum: {unknown}")
    return marked


def meta_fields() -> list[str]:
    """The `meta` properties in schema order (the order of the dataset's meta columns)."""
    return list(meta_schema()["properties"])


def required_meta_fields() -> list[str]:
    return list(meta_schema().get("required", []))


def splits() -> list[str]:
    """The dataset splits (`meta.split`'s enum), in release order."""
    return list(_resolve(load_document_schema(), meta_schema()["properties"]["split"])["enum"])


def model_layer_name(name: str, version: str) -> str:
    """A pre-labeler's layer name, `model:<name>@<version>` (the schema's rule for `layers[].annotator`)."""
    return f"{MODEL_LAYER_PREFIX}{name}@{version}"


def is_model_layer(annotator: str) -> bool:
    """True for a pre-labeler's layer, False for a person's."""
    return annotator.startswith(MODEL_LAYER_PREFIX)


def model_layer_tag(annotator: str) -> str | None:
    """`<name>@<version>` of a pre-labeler's layer (Label Studio's model_version); None for a person."""
    return annotator.removeprefix(MODEL_LAYER_PREFIX) if is_model_layer(annotator) else None


def __getattr__(name: str) -> tuple[str, ...]:
    # HUMAN_STATUSES reads like a constant but comes from the schema file, read on first use so that
    # importing this module never touches the disk (and NEWSEVENTS_SCHEMA_DIR set later still counts).
    if name == "HUMAN_STATUSES":
        return human_statuses()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

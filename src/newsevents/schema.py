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

"""The pre-labeler's data files (schema/prelabel/), loaded once and checked against the taxonomy.

Lexicons, patterns and label mappings (the NER's labels, and the outside datasets' labels that
training and benchmarks convert: gum_map.json, geneva_map.json) are data beside the taxonomy so that a linguist can change
them in a pull request without touching code; `check_resources` is what keeps them honest (a
test runs it), naming the file and key of every type or role the taxonomy does not have.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..paths import schema_dir
from ..schema import Taxonomy, load_taxonomy

FILES = (
    "triggers.json",
    "entity_patterns.jsonl",
    "nominals.json",
    "spacy_ner_map.json",
    "place_types.json",
    "arguments.json",
)


LABEL_MAPS = ("gum", "geneva")  # <name>_map.json: outside datasets' labels -> taxonomy types


@dataclass(frozen=True)
class LabelMap:
    """An outside dataset's labels mapped to taxonomy types (see the file's `description`).

    Each outside label lists the taxonomy types it covers; the first is what one of its mentions
    becomes (`to_ours`), and every listed type scores as that label (`from_ours`). One mapping
    for training, conversion and scoring, so they cannot disagree.
    """

    name: str
    kind: str  # "entity" or "event": the taxonomy list the types come from
    labels: dict[str, list[str]]
    named_types: list[str]  # outside labels whose named mentions are used (gum); [] if not said

    def to_ours(self, only: Iterable[str] | None = None) -> dict[str, str]:
        """Outside label -> the taxonomy type its mentions become (restricted to `only`)."""
        keep = set(self.labels if only is None else only)
        return {label: types[0] for label, types in self.labels.items() if label in keep}

    def from_ours(self, only: Iterable[str] | None = None) -> dict[str, str]:
        """Taxonomy type -> the outside label it scores as (restricted to outside labels `only`)."""
        keep = set(self.labels if only is None else only)
        return {ours: label for label, types in self.labels.items() if label in keep for ours in types}


@cache
def load_label_map(name: str, folder: Path | None = None) -> LabelMap:
    """schema/prelabel/<name>_map.json, e.g. load_label_map("gum") or load_label_map("geneva")."""
    path = Path(folder or prelabel_dir()) / f"{name}_map.json"
    if not path.is_file():
        known = ", ".join(LABEL_MAPS)
        raise ValueError(f"{path}: no such label map (known: {known})")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return LabelMap(name, raw["kind"], raw["labels"], raw.get("named_types", []))


def check_label_map(mapping: LabelMap, taxonomy: Taxonomy) -> list[str]:
    """Targets must be taxonomy types of the map's kind, listed under one outside label only (so
    `from_ours` is a function), and `named_types` must be labels of the map."""
    file = f"{mapping.name}_map.json"
    names = {"entity": taxonomy.entity_names, "event": taxonomy.event_names}.get(mapping.kind)
    if names is None:
        return [f"{file} /kind: {mapping.kind!r} is not 'entity' or 'event'"]
    problems = [
        f"{file} /labels/{label}: {ours!r} is not a taxonomy {mapping.kind} type"
        for label, types in mapping.labels.items()
        for ours in types
        if ours not in names
    ]
    problems += [f"{file} /labels/{label}: lists no taxonomy type" for label, t in mapping.labels.items() if not t]
    if mapping.kind == "entity":
        seen: dict[str, str] = {}
        for label, types in mapping.labels.items():
            for ours in types:
                if ours in seen:
                    problems.append(f"{file} /labels/{label}: {ours!r} is also listed under {seen[ours]!r}")
                seen.setdefault(ours, label)
    problems += [
        f"{file} /named_types: {label!r} is not a label of the map"
        for label in mapping.named_types
        if label not in mapping.labels
    ]
    return problems


@dataclass(frozen=True)
class Resources:
    triggers: dict[str, dict[str, list[str]]]  # event type -> {"lemmas": [...], "phrases": [...]}
    entity_patterns: list[dict]  # SpanRuler patterns (names, times)
    nominals: dict  # nominal heads and pronouns by entity type, see nominals.json's description
    ner_map: dict[str, str | None]  # spaCy NER label -> taxonomy entity type (None: drop)
    place_heads: dict[str, list[str]]  # entity type -> head words that retype a place
    place_refines: str  # the entity type place_heads retypes (place_types.json's `refines`)
    arguments: dict  # argument rules, see arguments.json's description
    digest: str  # short hash of all files: part of the pre-labeler's version
    label_maps: dict[str, LabelMap]  # outside datasets' labels (benchmarks, training); not in the digest


def prelabel_dir() -> Path:
    return schema_dir() / "prelabel"


@cache
def load_resources(folder: Path | None = None) -> Resources:
    folder = Path(folder or prelabel_dir())
    raw = {name: (folder / name).read_text(encoding="utf-8") for name in FILES}
    digest = hashlib.sha256("".join(raw[n] for n in FILES).encode()).hexdigest()[:8]
    return Resources(
        triggers=json.loads(raw["triggers.json"])["types"],
        entity_patterns=[json.loads(line) for line in raw["entity_patterns.jsonl"].splitlines() if line.strip()],
        nominals=json.loads(raw["nominals.json"]),
        ner_map=json.loads(raw["spacy_ner_map.json"])["labels"],
        place_heads=json.loads(raw["place_types.json"])["head_words"],
        place_refines=json.loads(raw["place_types.json"])["refines"],
        arguments=json.loads(raw["arguments.json"]),
        digest=digest,
        label_maps={name: load_label_map(name, folder) for name in LABEL_MAPS},
    )


def check_resources(res: Resources, taxonomy: Taxonomy | None = None) -> list[str]:
    """Every type and role the data files name must exist in the taxonomy. Returns problems."""
    taxonomy = taxonomy or load_taxonomy()
    entities, events, roles = set(taxonomy.entity_names), set(taxonomy.event_names), set(taxonomy.role_names)
    problems = [f"triggers.json /types/{k}: not a taxonomy event type" for k in res.triggers if k not in events]
    problems += [
        f"entity_patterns.jsonl line {i}: label {p.get('label')!r} is not a taxonomy entity type"
        for i, p in enumerate(res.entity_patterns, 1)
        if p.get("label") not in entities
    ]
    problems += [
        f"spacy_ner_map.json /labels/{k}: {v!r} is not a taxonomy entity type"
        for k, v in res.ner_map.items()
        if v is not None and v not in entities
    ]
    for key in ("heads", "pronouns"):
        problems += [
            f"nominals.json /{key}/{k}: not a taxonomy entity type" for k in res.nominals[key] if k not in entities
        ]
    problems += [
        f"place_types.json /head_words/{k}: not a taxonomy entity type" for k in res.place_heads if k not in entities
    ]
    if res.place_refines not in entities:
        problems.append(f"place_types.json /refines: {res.place_refines!r} is not a taxonomy entity type")
    named_roles = [("before", r) for r in res.arguments["before"]] + [("after", r) for r in res.arguments["after"]]
    named_roles += [(f"cues/{cue}", r) for cue, rs in res.arguments["cues"].items() for r in rs]
    problems += [f"arguments.json /{where}: {r!r} is not a taxonomy role" for where, r in named_roles if r not in roles]
    for mapping in res.label_maps.values():
        problems += check_label_map(mapping, taxonomy)
    return problems

"""The pre-labeler's data files (schema/prelabel/), loaded once and checked against the taxonomy.

Lexicons, patterns and label mappings are data beside the taxonomy so that a linguist can change
them in a pull request without touching code; `check_resources` is what keeps them honest (a
test runs it), naming the file and key of every type or role the taxonomy does not have.
"""

from __future__ import annotations

import hashlib
import json
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


@dataclass(frozen=True)
class Resources:
    triggers: dict[str, dict[str, list[str]]]  # event type -> {"lemmas": [...], "phrases": [...]}
    entity_patterns: list[dict]  # SpanRuler patterns (names, times)
    nominals: dict  # nominal heads and pronouns by entity type, see nominals.json's description
    ner_map: dict[str, str | None]  # spaCy NER label -> taxonomy entity type (None: drop)
    place_heads: dict[str, list[str]]  # entity type -> head words that retype a place
    arguments: dict  # argument rules, see arguments.json's description
    digest: str  # short hash of all files: part of the pre-labeler's version


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
        arguments=json.loads(raw["arguments.json"]),
        digest=digest,
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
    named_roles = [("before", r) for r in res.arguments["before"]] + [("after", r) for r in res.arguments["after"]]
    named_roles += [(f"cues/{cue}", r) for cue, rs in res.arguments["cues"].items() for r in rs]
    problems += [f"arguments.json /{where}: {r!r} is not a taxonomy role" for where, r in named_roles if r not in roles]
    return problems

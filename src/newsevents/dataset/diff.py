"""What changed between two builds: documents and annotations added, removed and changed.

Compares the `documents` config of two build folders by decoded names, not class-label indices,
so a reordered taxonomy does not show up as every label changing. Identity is the document id,
and within a document the entity or event id (ids are stable across edits by the annotation
tools).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import meta_fields, splits
from .card import data_path
from .manifest import read_manifest


@dataclass
class Change:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"+{len(self.added)} -{len(self.removed)} ~{len(self.changed)}"


@dataclass
class BuildDiff:
    old_version: str
    new_version: str
    old_taxonomy: str
    new_taxonomy: str
    documents: Change
    document_changes: dict[str, int]  # what changed in changed documents: text, meta, split, status...
    entities: Change
    events: Change
    rows: dict[str, dict[str, tuple[int, int]]]  # config -> split -> (old, new)

    @property
    def unchanged(self) -> bool:
        return not any(c.added or c.removed or c.changed for c in (self.documents, self.entities, self.events))


def _decode(feature, value):
    """Class-label indices back to names, through the features stored in the Parquet file."""
    from datasets import ClassLabel, List

    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, dict):
        return {k: _decode(feature[k], value.get(k)) for k in feature}
    if isinstance(feature, List):
        return [_decode(feature.feature, v) for v in value]
    return value


def read_documents(build_dir: Path) -> dict[str, dict]:
    """The documents of a build, by id, with labels as names."""
    import pyarrow.parquet as pq
    from datasets import Features

    docs: dict[str, dict] = {}
    for split in splits():
        path = Path(build_dir) / data_path("documents", split)
        if not path.is_file():
            continue
        table = pq.read_table(path)
        features = Features.from_arrow_schema(table.schema)
        for row in table.to_pylist():
            docs[row["id"]] = _decode(features, row)
    return docs


def _keyed(doc: dict, kind: str) -> dict[str, dict]:
    def bare(item: dict) -> dict:
        return {k: v for k, v in item.items() if k != "source"}

    return {f"{doc['id']}/{item['id']}": bare(item) for item in doc[kind]}


def _compare(old: dict[str, dict], new: dict[str, dict], change: Change) -> None:
    change.added += sorted(new.keys() - old.keys())
    change.removed += sorted(old.keys() - new.keys())
    change.changed += sorted(k for k in old.keys() & new.keys() if old[k] != new[k])


def diff_builds(old_dir: Path, new_dir: Path) -> BuildDiff:
    old_manifest, new_manifest = read_manifest(old_dir), read_manifest(new_dir)
    old_docs, new_docs = read_documents(old_dir), read_documents(new_dir)
    documents, entities, events, what = Change(), Change(), Change(), Counter()
    _compare(old_docs, new_docs, documents)
    for doc_id in documents.changed:
        old, new = old_docs[doc_id], new_docs[doc_id]
        what.update(name for name, differs in (
            ("text", old["text"] != new["text"]),
            ("meta", any(old.get(k) != new.get(k) for k in meta_fields() if k != "split")),
            ("split", old["split"] != new["split"]),
            ("status", old["status"] != new["status"]),
            ("segmentation", (old["sentences"], old["tokens"]) != (new["sentences"], new["tokens"])),
            ("annotator layers", old["layers"] != new["layers"]),
        ) if differs)
    empty = {"id": "", "entities": [], "events": []}
    for doc_id in sorted(old_docs.keys() | new_docs.keys()):
        old, new = old_docs.get(doc_id, {**empty, "id": doc_id}), new_docs.get(doc_id, {**empty, "id": doc_id})
        _compare(_keyed(old, "entities"), _keyed(new, "entities"), entities)
        _compare(_keyed(old, "events"), _keyed(new, "events"), events)
    rows = {}
    for config in sorted(old_manifest["rows"].keys() | new_manifest["rows"].keys()):
        o, n = old_manifest["rows"].get(config, {}), new_manifest["rows"].get(config, {})
        rows[config] = {s: (o.get(s, 0), n.get(s, 0)) for s in splits()}
    return BuildDiff(old_manifest["version"], new_manifest["version"], old_manifest["taxonomy_version"],
                     new_manifest["taxonomy_version"], documents, dict(sorted(what.items())), entities, events,
                     rows)


def format_diff(diff: BuildDiff, details: bool = False) -> str:
    lines = [(f"newsevents {diff.old_version} -> {diff.new_version} "
             f"(taxonomy {diff.old_taxonomy} -> {diff.new_taxonomy})")]
    what = ", ".join(f"{k} {v}" for k, v in sorted(diff.document_changes.items()))
    lines.append(f"documents: {diff.documents.summary()}" + (f" (changed: {what})" if what else ""))
    lines.append(f"entities:  {diff.entities.summary()}")
    lines.append(f"events:    {diff.events.summary()}")
    for config, counts in diff.rows.items():
        lines.append(f"rows {config}: " + ", ".join(f"{s} {o} -> {n}" for s, (o, n) in counts.items()))
    if diff.unchanged:
        lines.append("no documents or annotations changed")
    if details:
        for name, change in (("document", diff.documents), ("entity", diff.entities), ("event", diff.events)):
            for sign, ids in (("+", change.added), ("-", change.removed), ("~", change.changed)):
                lines += [f"  {sign} {name} {i}" for i in ids]
    return "\n".join(lines)

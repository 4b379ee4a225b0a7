"""seeds/ -> corpus/: turn a raw article and its metadata into a corpus document.

The text is copied exactly as given (its SHA-256 is checked against the metadata when the metadata
carries one). An existing corpus document is never replaced: its annotations may be human work.
Ingest only fills in what is missing (segmentation) and refuses to continue when the seed's text no
longer matches the document's, because offsets would silently point at the wrong characters.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .document import document_path, iter_document_files, read_document, write_document
from .schema import document_statuses, meta_fields, required_meta_fields
from .segment import add_segmentation
from .validate import CorpusEntry, Problem, check_corpus, validate_document


@dataclass(frozen=True)
class IngestResult:
    seed: Path
    target: Path
    action: str  # "created", "segmented", "unchanged"


class IngestError(ValueError):
    """A seed that cannot become a document; the message names the file."""


def _load_seed(text_path: Path) -> tuple[str, dict]:
    meta_path = text_path.with_suffix(".meta.json")
    if not meta_path.is_file():
        raise IngestError(f"{text_path}: no metadata file {meta_path.name} beside it")
    try:
        text = text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(f"{text_path}: byte {err.start} is not UTF-8") from None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise IngestError(f"{meta_path}: line {err.lineno}, column {err.colno}: {err.msg}") from None
    missing = [k for k in required_meta_fields() if k not in meta]
    if missing:
        raise IngestError(f"{meta_path}: missing {', '.join(missing)}")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if meta.get("sha256") and meta["sha256"] != digest:
        raise IngestError(f"{text_path}: SHA-256 {digest[:12]}... differs from the metadata's {meta['sha256'][:12]}...")
    return text, meta


def seed_to_document(text_path: Path) -> dict:
    text, meta = _load_seed(text_path)
    doc = {
        "id": meta.get("id", text_path.stem),
        "meta": {k: meta[k] for k in meta_fields() if k in meta},  # not the seed's own keys (sha256, id)
        "status": document_statuses()[0],  # raw: nothing annotated yet
        "text": text,
        "sentences": [],
        "tokens": [],
        "entities": [],
        "events": [],
    }
    return add_segmentation(doc)


def plan_seed(text_path: Path, corpus_dir: Path) -> tuple[IngestResult, dict | None]:
    """What ingesting one seed would do, and the document to write (None: nothing to write)."""
    fresh = seed_to_document(text_path)
    target = document_path(corpus_dir, fresh)
    if not target.exists():
        _check(fresh, target)
        return IngestResult(text_path, target, "created"), fresh
    existing = read_document(target)
    if existing.get("text") != fresh["text"]:
        raise IngestError(f"{target}: its text differs from {text_path}; the seed must not change once ingested "
                          "(annotations point into the old text)")
    if existing.get("sentences") and existing.get("tokens"):
        return IngestResult(text_path, target, "unchanged"), None
    updated = {**existing, "sentences": fresh["sentences"], "tokens": fresh["tokens"]}
    _check(updated, target)
    return IngestResult(text_path, target, "segmented"), updated


def _check(doc: dict, target: Path) -> None:
    """Levels 2-4 and the corpus rules that concern the document alone (a licence)."""
    problems: list[Problem] = validate_document(doc, str(target))
    if not problems:
        problems = check_corpus([CorpusEntry.of(str(target), target, doc)])
    if problems:
        raise IngestError("refusing to write an invalid document:\n" + "\n".join(map(str, problems)))


def _check_against_corpus(corpus_dir: Path, created: list[tuple[Path, dict]]) -> None:
    """The corpus-wide rules (ids, texts) for new documents next to the existing ones, so ingest
    never writes a document `validate` would then refuse (a seed whose split changed, or whose
    text is already in the corpus under another id)."""
    existing = [p for p in iter_document_files([corpus_dir]) if p not in {t for t, _ in created}] \
        if Path(corpus_dir).is_dir() else []
    entries = [CorpusEntry.of(str(p), p, read_document(p)) for p in existing]
    entries += [CorpusEntry.of(str(target), target, doc) for target, doc in created]
    new = {str(target) for target, _ in created}
    problems = [p for p in check_corpus(entries) if p.file in new]
    if problems:
        raise IngestError("refusing to write documents the corpus would refuse:\n" + "\n".join(map(str, problems)))


def ingest(seeds_dir: Path, corpus_dir: Path) -> list[IngestResult]:
    """Ingest every seed; nothing is written unless every seed can be ingested."""
    seeds = sorted(Path(seeds_dir).glob("*.txt"))
    if not seeds:
        raise IngestError(f"{seeds_dir}: no *.txt seed articles")
    planned = [plan_seed(path, corpus_dir) for path in seeds]
    _check_against_corpus(corpus_dir, [(r.target, doc) for r, doc in planned if doc is not None and r.action == "created"])
    for result, doc in planned:
        if doc is not None:
            write_document(result.target, doc)
    return [result for result, _ in planned]

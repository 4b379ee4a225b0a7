"""Reading and writing corpus documents: the one data model every step passes along.

A document is a plain dict shaped by schema/document.schema.json. Files are written in one
canonical form (sorted keys where order carries no meaning, 2-space indent, UTF-8, trailing
newline) and atomically, so a crash never leaves half a file and a re-run writes nothing new.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

# Key order of a document file: the order a reader wants, not alphabetical.
_TOP_ORDER = ("id", "meta", "status", "text", "sentences", "tokens", "entities", "events", "layers")


def _ordered(doc: dict) -> dict:
    ordered = {k: doc[k] for k in _TOP_ORDER if k in doc}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    return ordered


def dumps_document(doc: dict) -> str:
    """The canonical text of a document file (stable, so diffs show only real changes)."""
    return json.dumps(_ordered(doc), ensure_ascii=False, indent=2) + "\n"


def write_text_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path` via a temporary file and rename. Returns False when the file already
    held exactly this text (nothing written), so re-running a step leaves mtimes alone."""
    path = Path(path)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_document(path: Path, doc: dict) -> bool:
    return write_text_atomic(path, dumps_document(doc))


def read_document(path: Path) -> dict:
    """Read a document file. Raises UnicodeDecodeError / json.JSONDecodeError on bad files; the
    validator turns those into located errors, so callers that need messages should validate."""
    return json.loads(Path(path).read_bytes().decode("utf-8"))


def document_path(corpus_dir: Path, doc: dict) -> Path:
    return Path(corpus_dir) / doc["meta"]["split"] / f"{doc['id']}.json"


def iter_document_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders to the *.json files under them, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.json") if not p.name.startswith("."))
        else:
            yield path


def read_jsonl(path: Path) -> Iterator[dict]:
    """Stream a JSON Lines file (or stdin for '-'), one object at a time: memory stays flat."""
    import sys

    handle = sys.stdin if str(path) == "-" else open(path, encoding="utf-8")
    try:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{number}: not valid JSON: {err.msg} (column {err.colno})") from None
    finally:
        if handle is not sys.stdin:
            handle.close()


class JsonlWriter:
    """Write JSON Lines atomically: lines go to a temporary file renamed on success, so a failed
    run never leaves a truncated output. Use as a context manager; '-' writes to stdout."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self._handle = None
        self._tmp: str | None = None

    def __enter__(self) -> "JsonlWriter":
        import sys

        if self.path == "-":
            self._handle = sys.stdout
        else:
            target = Path(self.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            self._handle = os.fdopen(fd, "w", encoding="utf-8")
        return self

    def write(self, obj: dict) -> None:
        self._handle.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._tmp is None:
            self._handle.flush()
            return
        self._handle.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            Path(self._tmp).unlink(missing_ok=True)

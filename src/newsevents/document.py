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
from typing import Self

# Key order of a document file: the order a reader wants, not alphabetical.
_TOP_ORDER = ("id", "meta", "status", "text", "sentences", "tokens", "entities", "events", "layers")


def _ordered(doc: dict) -> dict:
    ordered = {k: doc[k] for k in _TOP_ORDER if k in doc}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    return ordered


def dumps_document(doc: dict) -> str:
    """The canonical text of a document file (stable, so diffs show only real changes)."""
    return json.dumps(_ordered(doc), ensure_ascii=False, indent=2) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _open_temporary(target: Path) -> tuple[int, str]:
    """A temporary file beside `target`, with the mode a plain open() would give (or the target's
    own mode when it exists): mkstemp's 0600 would make corpus files unreadable to others."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    os.chmod(tmp, mode)
    return fd, tmp


def write_text_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path` via a temporary file and rename. Returns False when the file already
    held exactly this text (nothing written), so re-running a step leaves mtimes alone."""
    path = Path(path)
    if path.is_file() and path.read_bytes() == text.encode("utf-8"):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _open_temporary(path)
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


class DocumentError(ValueError):
    """A file or line that is not a readable document; the message names the file and place."""


def read_document(path: Path) -> dict:
    """Read a document file. Raises DocumentError naming the file and the place for bytes that are
    not UTF-8, text that is not JSON, or JSON that is not an object. It does not validate: steps
    that write documents run the validator themselves."""
    try:
        raw = Path(path).read_bytes()
    except (IsADirectoryError, PermissionError) as err:
        raise DocumentError(f"{path}: cannot read: {err.strerror}") from None
    return _parse_document(raw, str(path))


def _parse_document(raw: bytes, where: str) -> dict:
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark some editors write
    except UnicodeDecodeError as err:
        raise DocumentError(f"{where}: not UTF-8 ({err.reason} at byte {err.start})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(f"{where}: not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})") from None
    if not isinstance(doc, dict):
        raise DocumentError(f"{where}: expected a JSON object, found {type(doc).__name__}")
    return doc


def document_path(corpus_dir: Path, doc: dict) -> Path:
    return Path(corpus_dir) / doc["meta"]["split"] / f"{doc['id']}.json"


def iter_document_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders to the *.json files under them, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.json") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def read_jsonl_numbered(path: Path | str, require_id: bool = True) -> Iterator[tuple[int, dict]]:
    """(line number, document) for each non-blank line of a JSON Lines file ('-' for stdin),
    streamed so memory stays flat. Every problem is a DocumentError naming the file and the line:
    not UTF-8, not JSON, not an object, and (with require_id) neither `id` nor `doc_id`. Lines are
    decoded one by one, so a bad byte is reported on its own line."""
    import sys

    handle = sys.stdin.buffer if str(path) == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    try:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                doc = _parse_document(raw, f"{path}:{number}")
                if require_id and "id" not in doc and "doc_id" not in doc:
                    raise DocumentError(f'{path}:{number}: the document has neither "id" nor "doc_id"')
                yield number, doc
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def read_jsonl(path: Path | str, require_id: bool = True) -> Iterator[dict]:
    """The documents of a JSON Lines file, streamed (see read_jsonl_numbered)."""
    for _number, doc in read_jsonl_numbered(path, require_id):
        yield doc


class JsonlWriter:
    """Write JSON Lines atomically: lines go to a temporary file renamed on success, so a failed
    run never leaves a truncated output. Use as a context manager; '-' writes to stdout."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self._handle = None
        self._tmp: str | None = None

    def __enter__(self) -> Self:
        import sys

        if self.path == "-":
            self._handle = sys.stdout
        else:
            target = Path(self.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = _open_temporary(target)
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

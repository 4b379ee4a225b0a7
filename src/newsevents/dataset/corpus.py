"""Reading the corpus for a build: check it first, then stream documents split by split.

The build refuses an invalid corpus: a release must not carry a span that does not slice to its
text or a type the taxonomy lacks. Order is fixed (splits in SPLITS order, documents by id, which
is the file name), so rows, and hence Parquet bytes, do not depend on the file system.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..document import iter_document_files, read_document
from ..paths import SPLITS


class InvalidCorpus(ValueError):
    """The corpus failed validation; the message lists the first problems and how to see them all."""


def check_corpus(corpus_dir: Path, shown: int = 10) -> int:
    """Validate every document (all five levels); returns the number of files, raises InvalidCorpus."""
    from ..validate import summary, validate_files

    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"{corpus_dir}: no such corpus folder")
    files = list(iter_document_files([corpus_dir]))
    if not files:
        raise InvalidCorpus(f"{corpus_dir}: no *.json documents; nothing to build")
    problems, count = validate_files(files)
    if problems:
        lines = [str(p) for p in problems[:shown]]
        more = f"\n... and {len(problems) - shown} more" if len(problems) > shown else ""
        raise InvalidCorpus(f"refusing to build an invalid corpus: {summary(problems, count)}\n"
                            + "\n".join(lines) + more + f"\nRun `newsevents validate {corpus_dir}` to see every problem.")
    return count


def split_files(corpus_dir: Path) -> dict[str, list[Path]]:
    """corpus/<split>/<id>.json grouped by split, sorted by id (validation has checked that the folder
    is the split and the file name the id)."""
    return {split: sorted((Path(corpus_dir) / split).glob("*.json")) if (Path(corpus_dir) / split).is_dir() else []
            for split in SPLITS}


def iter_documents(corpus_dir: Path) -> Iterator[dict]:
    """Every document, split by split, by id: one in memory at a time."""
    for files in split_files(corpus_dir).values():
        for path in files:
            if not path.name.startswith("."):
                yield read_document(path)

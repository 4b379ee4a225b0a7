"""Reading the corpus for a build: check it first, then stream documents split by split.

The build refuses an invalid corpus: a release must not carry a span that does not slice to its
text or a type the taxonomy lacks. Order is fixed (splits in the schema's order, documents by id, which
is the file name), so rows, and hence Parquet bytes, do not depend on the file system.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..document import iter_document_files, read_document
from ..schema import human_statuses, splits


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
    """Exactly the files validation reads (every *.json under the corpus, `iter_document_files`),
    grouped by `meta.split` and sorted by id.

    A file directly in `<split>/` belongs to that split without being read (validation refuses a
    file whose split differs from its folder); any other one (`drafts/x.json`, `train/old/y.json`)
    is read for its `meta.split`. The file name is the id (validation checks that too).
    """
    grouped: dict[str, list[Path]] = {split: [] for split in splits()}
    for path in iter_document_files([Path(corpus_dir)]):
        folder = path.parent.name
        grouped[folder if folder in grouped else read_document(path)["meta"]["split"]].append(path)
    return {split: sorted(files, key=lambda p: (p.stem, str(p))) for split, files in grouped.items()}


def is_released(doc: dict) -> bool:
    """Only documents people have annotated are released: a `raw` or `prelabeled` document's gold
    layer is machine output, which must never be published as a benchmark's gold."""
    return doc["status"] in human_statuses()


def iter_documents(corpus_dir: Path) -> Iterator[dict]:
    """Every document, split by split, by id: one in memory at a time."""
    for files in split_files(corpus_dir).values():
        for path in files:
            yield read_document(path)

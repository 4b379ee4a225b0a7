"""The contribution gate: one test per corpus document, failing with every problem the validator
finds in it (file, JSON pointer, rule, expected, found), so a contributor's `pytest` says exactly
what to fix. Corpus-wide rules (level 5) are checked once over all files and reported against the
file they concern."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from newsevents.document import iter_document_files
from newsevents.validate import Problem, validate_files

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCUMENTS = list(iter_document_files([CORPUS])) if CORPUS.is_dir() else []


@cache
def corpus_problems() -> dict[str, list[Problem]]:
    problems, _ = validate_files(DOCUMENTS)
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    return by_file


def test_corpus_is_not_empty():
    assert DOCUMENTS, f"no documents under {CORPUS}"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[str(p.relative_to(CORPUS)) for p in DOCUMENTS])
def test_document(path: Path):
    problems = corpus_problems().get(str(path), [])
    if problems:
        pytest.fail(f"{len(problems)} problem(s):\n" + "\n".join(map(str, problems)), pytrace=False)

"""DATASHEET.md: generated from the corpus, hand-written sections kept, and a stale file fails."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.dataset.agreement import corpus_agreement
from newsevents.dataset.datasheet import (
    PLACEHOLDER,
    SECTIONS,
    corpus_stats,
    generate_repository_datasheet,
    parse_hand_written,
)
from newsevents.dataset.synthetic import write_synthetic_corpus
from newsevents.document import iter_document_files, read_document
from newsevents.schema import load_taxonomy


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sheet") / "corpus"
    write_synthetic_corpus(root, 6)
    return root


def test_repository_datasheet_is_up_to_date(repo):
    if not list(iter_document_files([repo / "corpus"])):
        pytest.skip("corpus/ holds no documents yet")
    path = repo / "DATASHEET.md"
    expected = generate_repository_datasheet(repo / "corpus", path)
    assert path.is_file() and path.read_text(encoding="utf-8") == expected, (
        "DATASHEET.md is stale: run `newsevents datasheet` and commit the result")


def test_repository_datasheet_has_every_section_written(repo):
    hand = parse_hand_written((repo / "DATASHEET.md").read_text(encoding="utf-8"))
    for key, _, _ in SECTIONS:
        assert hand.get(key, PLACEHOLDER).strip() not in ("", PLACEHOLDER.strip()), f"section {key} is not written"


def test_hand_written_sections_survive_regeneration(corpus, tmp_path):
    path = tmp_path / "DATASHEET.md"
    first = generate_repository_datasheet(corpus, path)
    assert first.count(PLACEHOLDER.strip()) == len(SECTIONS)
    edited = first.replace(f"<!-- hand-written:start uses -->\n{PLACEHOLDER}",
                           "<!-- hand-written:start uses -->\nOnly for *testing*.\n\nTwo paragraphs.\n")
    edited = edited.replace("| documents | 2 | 2 | 2 | 6 |", "| documents | 99 | 2 | 2 | 6 |")  # a stale count
    path.write_text(edited, encoding="utf-8")
    again = generate_repository_datasheet(corpus, path)
    assert "<!-- hand-written:start uses -->\nOnly for *testing*.\n\nTwo paragraphs.\n<!-- hand-written:end uses -->" \
        in again
    assert "| documents | 2 | 2 | 2 | 6 |" in again and "| 99 |" not in again
    path.write_text(again, encoding="utf-8")
    assert generate_repository_datasheet(corpus, path) == again  # stable: a second run changes nothing


def test_counts_per_type_and_split_are_the_corpus_counts(corpus, tmp_path):
    sheet = generate_repository_datasheet(corpus, tmp_path / "none.md")
    docs = [read_document(p) for p in iter_document_files([corpus])]
    for etype in load_taxonomy().entity_names:
        per_split = [sum(e["type"] == etype for d in docs if d["meta"]["split"] == s for e in d["entities"])
                     for s in ("train", "validation", "test")]
        assert f"| `{etype}` | {' | '.join(map(str, per_split))} | {sum(per_split)} |" in sheet
    events = sum(len(d["events"]) for d in docs)
    assert f"| events | 10 | 10 | 10 | {events} |" in sheet


def test_agreement_says_why_it_was_not_computed(corpus, tmp_path):
    taxonomy = load_taxonomy()
    docs = [read_document(p) for p in iter_document_files([corpus])]
    with_layers = corpus_stats(docs, taxonomy)
    assert with_layers.multi_annotated == 2  # synthetic documents 0 and 4 have two annotators
    result = corpus_agreement(corpus, with_layers)
    if importlib.util.find_spec("newsevents.agreement") is None:
        assert not result.computed and "module is not part of this installation" in result.lines[0]
    without = corpus_stats([{**d, "layers": []} for d in docs], taxonomy)
    result = corpus_agreement(corpus, without)
    assert not result.computed and "No document in the corpus has layers from two human annotators" in result.lines[0]


def test_cli_check_fails_on_a_stale_file(corpus, tmp_path, capsys):
    path = tmp_path / "DATASHEET.md"
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path), "--check"]) == 1
    assert "stale: run `newsevents datasheet`" in capsys.readouterr().out
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path)]) == 0
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path), "--check"]) == 0
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path)]) == 0
    assert "unchanged" in capsys.readouterr().out

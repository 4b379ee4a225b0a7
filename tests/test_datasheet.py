"""DATASHEET.md: generated from the corpus, hand-written sections kept, and a stale file fails."""

from __future__ import annotations

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
from newsevents.document import iter_document_files, read_document, write_document
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


def test_agreement_is_computed_from_the_layers(corpus, tmp_path):
    docs = [read_document(p) for p in iter_document_files([corpus])]
    assert corpus_stats(docs, load_taxonomy()).multi_annotated == 2  # synthetic documents 0 and 4
    result = corpus_agreement(corpus)
    assert result.computed
    # both layers equal the gold layer in the synthetic corpus: every F1 is 1
    for left, right in (("ann1", "ann2"), ("gold", "ann1"), ("gold", "ann2")):
        assert f"| {left} | {right} | 2 | 1.000 | 1.000 | 1.000 |" in result.lines
    sheet = generate_repository_datasheet(corpus, tmp_path / "none.md")
    assert "| ann1 | ann2 | 2 | 1.000 | 1.000 | 1.000 |" in sheet


def test_agreement_says_why_it_was_not_computed(corpus, tmp_path):
    bare = tmp_path / "corpus"
    for path in iter_document_files([corpus]):
        doc = read_document(path)
        doc.pop("layers", None)
        write_document(bare / path.relative_to(corpus), doc)
    result = corpus_agreement(bare)
    assert not result.computed
    assert result.lines[0].startswith("Agreement: not computed. No document has two annotators' layers")


def test_cli_check_fails_on_a_stale_file(corpus, tmp_path, capsys):
    path = tmp_path / "DATASHEET.md"
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path), "--check"]) == 1
    assert "stale: run `newsevents datasheet`" in capsys.readouterr().out
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path)]) == 0
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path), "--check"]) == 0
    assert main(["datasheet", "--corpus", str(corpus), "--output", str(path)]) == 0
    assert "unchanged" in capsys.readouterr().out

"""Sentence and token segmentation: the Golden Rules, news cases pinned one by one, the span
invariants on real text (and on generated text with hypothesis), accuracy floors on GUM, and the
`newsevents segment` command on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.document import read_jsonl_numbered
from newsevents.evaluate import score_documents
from newsevents.segment import add_segmentation, segment_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden_rules import GOLDEN_RULES, UNREACHABLE

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
NEWSEVENTS = Path(sys.executable).parent / "newsevents"


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in segment_text(text)[0]]


def tokens_of(text: str) -> list[str]:
    return [text[s:e] for s, e in segment_text(text)[1]]


def check_invariants(text: str) -> None:
    """What every consumer relies on: ordered, non-overlapping, non-empty spans with no whitespace
    at their edges; tokens without whitespace, each inside one sentence; every non-space
    character in exactly one sentence and one token; no sentence across a newline."""
    sentences, tokens = segment_text(text)
    for spans in (sentences, tokens):
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end <= len(text), (spans, text)
            assert not text[start].isspace() and not text[end - 1].isspace()
            previous_end = end
    for start, end in tokens:
        assert not any(ch.isspace() for ch in text[start:end]), text[start:end]
    for start, end in sentences:
        assert not any(ch in "\n\r\u2028\u2029" for ch in text[start:end]), text[start:end]
    sentence_at = {i: n for n, (s, e) in enumerate(sentences) for i in range(s, e)}
    for start, end in tokens:
        assert sentence_at.get(start) == sentence_at.get(end - 1) is not None, text[start:end]
    covered = {i for s, e in tokens for i in range(s, e)}
    assert covered == {i for i, ch in enumerate(text) if not ch.isspace()}
    assert covered <= set(sentence_at)


# --- Golden Rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param(rule, marks=pytest.mark.xfail(strict=True, reason=UNREACHABLE[rule.id]))
        if rule.id in UNREACHABLE
        else rule
        for rule in GOLDEN_RULES
    ],
    ids=lambda rule: f"rule{rule.id:02d}",
)
def test_golden_rule(rule) -> None:
    assert sentences_of(rule.text) == list(rule.sentences)


def test_golden_rules_table_is_complete() -> None:
    assert [rule.id for rule in GOLDEN_RULES] == list(range(1, 53))
    assert sum(rule.in_pysbd48 for rule in GOLDEN_RULES) == 48


# --- news sentence cases ----------------------------------------------------------------------

NEWS_SENTENCES = [
    # abbreviations, titles, initials
    ("Gen. David Petraeus met Sen. John McCain in Washington.", 1),
    ("He works for the U.S. Army. She works for the U.N. They met in 2015.", 3),
    ("Shares of Apple Inc. rose 3% on Monday.", 1),
    ("The deal was signed by Apple Inc. The shares rose.", 2),
    ("George W. Bush and John F. Kennedy were presidents.", 1),
    ("We make a good team, you and I. Tom agreed.", 2),
    ("J. K. Rowling lives in Edinburgh.", 1),
    ("The attacks of Sept. 11, 2001 changed the U.S. The vote is on Mar. 5. Results follow.", 3),
    ("SAN JOSE, Calif. (AP) — A fire broke out.", 1),
    ("The bill passed 52-48. No. 2 on the list was tax reform.", 2),
    ("Inflation rose 2.5 percent in March. Prices of oil fell 3.25%.", 2),
    ("The meeting ended at 4 p.m. The next one is on Friday.", 2),
    ("Read more at www.example.com. The site went live in May.", 2),
    # quotations: a quotation of two sentences is two sentences; lower-case attribution stays
    ('"It is over. We lost," he said.', 2),
    ('"It is over," he said. "We lost."', 2),
    ('"We will fight!" she said. The crowd cheered.', 2),
    ('He called it "a disaster." The minister resigned.', 2),
    ("“Stop!” shouted the officer.", 1),
    # newlines, headlines, datelines, lists, ellipses
    ("Quake hits Chile\nFriday, July 21, 2017\nA strong earthquake struck.", 3),
    ("Quake hits Chile Friday, July 21, 2017 A strong earthquake struck.", 3),
    ("Officials said the victims included:\n- two children\n- a police officer", 3),
    ("He paused... The room fell silent.", 2),
    ("It was a long year . . . and it is not over.", 1),
    ("Rescue teams searched the rubble. Image: Reuters.", 2),
    # headlines and captions run into the text without punctuation (newlines lost)
    ("Election results in Hong Kong In the New Territories, turnout was high.", 2),
    ("Protesters gather in Cairo Image: Reuters.", 2),
    ("He joined Teach For America in 2010.", 1),
    ("The crowd at a concert by The Who in London cheered.", 1),
    ("Cyclone weakens over land This occurs for two reasons: As it moves inland, it loses heat.", 2),
]


@pytest.mark.parametrize(("text", "count"), NEWS_SENTENCES, ids=[t[:30] for t, _ in NEWS_SENTENCES])
def test_news_sentences(text: str, count: int) -> None:
    assert len(sentences_of(text)) == count, sentences_of(text)
    check_invariants(text)


def test_two_sentence_quotation_splits_inside_the_quotes() -> None:
    assert sentences_of('"It is over. We lost," he said.') == ['"It is over.', 'We lost," he said.']


def test_closing_quote_stays_with_its_sentence() -> None:
    assert sentences_of('He said: "We will win." Then he left.') == [
        'He said: "We will win."',
        "Then he left.",
    ]


def test_crlf_and_blank_lines() -> None:
    text = "Title line\r\n\r\n  First sentence.  Second one.\r\n"
    assert sentences_of(text) == ["Title line", "First sentence.", "Second one."]


# --- tokens -----------------------------------------------------------------------------------

TOKENS = [
    ("Trump's plan", ["Trump", "'s", "plan"]),
    ("They don't, can't and won't.", ["They", "do", "n't", ",", "ca", "n't", "and", "wo", "n't", "."]),
    ("they’re here", ["they", "’re", "here"]),
    ("O'Brien met d'Ettorre.", ["O'Brien", "met", "d'Ettorre", "."]),
    ("the U.S.-led coalition", ["the", "U.S.", "-", "led", "coalition"]),
    ("a pro-Maduro rally", ["a", "pro", "-", "Maduro", "rally"]),
    (
        "Mr. Smith of Acme Inc. paid $1,000.50 (15%).",
        ["Mr.", "Smith", "of", "Acme", "Inc.", "paid", "$", "1,000.50", "(", "15", "%", ")", "."],
    ),
    ("Jonas E. Smith and I.", ["Jonas", "E.", "Smith", "and", "I", "."]),
    (
        "See https://example.com/a_b.html, or mail jane.doe@example.com.",
        ["See", "https://example.com/a_b.html", ",", "or", "mail", "jane.doe@example.com", "."],
    ),
    ("at 6:30 p.m. on 21/07", ["at", "6:30", "p.m.", "on", "21/07"]),
    ("Wait... what?!", ["Wait", "...", "what", "?!"]),
    ("No. 5 and the 1990s", ["No.", "5", "and", "the", "1990s"]),
    ("the teachers' union", ["the", "teachers", "'", "union"]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS, ids=[t[:25] for t, _ in TOKENS])
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens_of(text) == expected


def test_said_no_keeps_its_period_apart() -> None:
    assert tokens_of("He said no.")[-2:] == ["no", "."]


# --- invariants on real text and on generated text ---------------------------------------------


def _shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"shared data {path} not present")
    return path


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_invariants_on_gum_news_and_seeds() -> None:
    texts = [doc["text"] for doc in _jsonl(_shared("gum_news.jsonl"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    texts += [rule.text for rule in GOLDEN_RULES]
    for text in texts:
        check_invariants(text)


def test_gum_flat_boundary_f1_floor() -> None:
    """Regression floor, not the benchmark (scripts/bench_segment.py reports the figures): GUM news
    and interviews with every newline replaced by a space, boundaries found by the segmenter."""
    pairs = []
    for doc in _jsonl(_shared("gum_news_interview_entities.jsonl")):
        text = doc["text"]
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)]
        gold = list(zip(starts, [*starts[1:], len(text)], strict=True))
        pairs.append(({"sentences": gold}, {"sentences": segment_text(text.replace("\n", " "))[0]}))
    f1 = score_documents(pairs).tasks["sentence_boundary"].f1  # the metric bench_segment.py reports
    assert f1 >= 0.965, f1


def test_gum_entities_fall_on_token_boundaries() -> None:
    hit = total = 0
    for doc in _jsonl(_shared("gum_news_interview_entities.jsonl")):
        tokens = segment_text(doc["text"])[1]
        starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
        for entity in doc["entities"]:
            hit += (entity["start"] in starts) + (entity["end"] in ends)
            total += 2
    assert hit / total >= 0.999


def test_generated_text_keeps_the_invariants() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    strategies = pytest.importorskip("hypothesis.strategies")
    pieces = strategies.sampled_from(
        ["Mr.", "U.S.", "a.m.", "E.", "I.", "Inc.", "3.5", "1,000", "don't", "Trump's", "--", "...", ". . .",
         "“", "”", '"', "'", "(", ")", "!", "?", ".", ",", ":", "\n", "\r\n", " ", "  ", "\t", "\u00a0",
         "The", "word", "é", "e\u0301", "😀", "1.", "a)", "•", "www.x.com", "a@b.co", "Friday, May 1, 2015"]
    )  # fmt: skip
    texts = strategies.one_of(
        strategies.text(max_size=60), strategies.lists(pieces, max_size=25).map("".join)
    )

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(texts)
    def check(text: str) -> None:
        check_invariants(text)

    check()


# --- add_segmentation ------------------------------------------------------------------------


def test_add_segmentation_keeps_every_other_key_and_does_not_mutate() -> None:
    doc = {"doc_id": "x1", "text": "Hello there. Bye.", "meta": {"split": "train"}, "entities": []}
    out = add_segmentation(doc)
    assert out["sentences"] == [{"start": 0, "end": 12}, {"start": 13, "end": 17}]
    assert [doc["text"][t["start"] : t["end"]] for t in out["tokens"]] == ["Hello", "there", ".", "Bye", "."]
    assert {k: v for k, v in out.items() if k not in ("sentences", "tokens")} == doc
    assert "sentences" not in doc


def test_add_segmentation_refuses_a_missing_text() -> None:
    with pytest.raises(ValueError, match='"text" must be a string'):
        add_segmentation({"id": "x"})


# --- the command -----------------------------------------------------------------------------


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_command_writes_segmented_documents(tmp_path: Path) -> None:
    docs = [{"id": "a", "text": "Mr. Smith left. He was tired.\nNext line"}, {"doc_id": "b", "text": ""}]
    source = _write_jsonl(
        tmp_path / "in.jsonl", [json.dumps(d) for d in docs[:1]] + [""] + [json.dumps(docs[1])]
    )
    target = tmp_path / "out" / "segmented.jsonl"
    assert main(["segment", str(source), "-o", str(target)]) == 0
    written = _jsonl(target)
    assert written == [add_segmentation(d) for d in docs]
    assert [docs[0]["text"][s["start"] : s["end"]] for s in written[0]["sentences"]] == [
        "Mr. Smith left.",
        "He was tired.",
        "Next line",
    ]


def test_command_reports_the_bad_line_and_leaves_no_output(tmp_path: Path, capsys) -> None:
    source = _write_jsonl(
        tmp_path / "in.jsonl", ['{"id": "a", "text": "Fine."}', "", '{"id": "b", "text": 3}']
    )
    target = tmp_path / "out.jsonl"
    assert main(["segment", str(source), "-o", str(target)]) == 2
    assert f"{source}:3:" in capsys.readouterr().err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]  # no temporary file left either


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"text": "no id"}', 'the document has neither "id" nor "doc_id"'),
    ],
)
def test_command_names_the_problem(tmp_path: Path, capsys, line: str, message: str) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", ['{"id": "a", "text": "ok"}', line])
    assert main(["segment", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert f"{source}:2: {message}" in err and "Traceback" not in err


def test_command_reports_bytes_that_are_not_utf8(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    assert main(["segment", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert f"{source}:2: not UTF-8" in capsys.readouterr().err


def test_reading_is_streamed(tmp_path: Path) -> None:
    """The first document comes out before a bad line further down is read."""
    source = _write_jsonl(tmp_path / "in.jsonl", ['{"id": "a", "text": "ok"}', "{broken"])
    documents = read_jsonl_numbered(str(source))
    assert next(documents) == (1, {"id": "a", "text": "ok"})
    with pytest.raises(ValueError, match=":2: not valid JSON"):
        next(documents)


def test_command_reads_stdin_and_writes_stdout() -> None:
    line = json.dumps({"id": "a", "text": "Hello World. My name is Jonas."})
    result = subprocess.run(
        [str(NEWSEVENTS), "segment", "-", "-o", "-"],
        input=line + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["sentences"] == [{"start": 0, "end": 12}, {"start": 13, "end": 30}]
    assert "1 documents" in result.stderr

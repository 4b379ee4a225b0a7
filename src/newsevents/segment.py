"""Sentence and token segmentation of news text, with code-point offsets into the untouched text.

This is the one segmenter of the project: the `newsevents segment` command and the seeds/ ->
corpus/ pipeline both call `segment_text` / `add_segmentation`, so a corpus file and a
command's output can never disagree.

Why our own rules (newsevents.segmentation) rather than a library: measured by
scripts/bench_segment.py on GUM news/interviews and on the pragmatic segmenter's Golden Rules,
no library leads on accuracy and speed at once (pySBD is accurate on the rules but ~0.2 MB/s and
keeps two-sentence quotations together; sentencex and syntok are fast but miss abbreviations,
lists and datelines). The rules are pure Python with no dependency and run in linear time.

Conventions the corpus follows (the annotation guidelines repeat them):
- A newline always ends a sentence: headlines, datelines, captions and list lines are sentences
  of their own even without final punctuation. `\\r\\n` counts as two code points.
- Quotations (schema/taxonomy.json `conventions.quotations`): sentences follow the text, not the
  quotation, so a quotation of two sentences is two sentences; a closing quotation mark belongs
  to the sentence it closes; a quotation followed by a lower-case attribution ("Great." she
  said) is one sentence.
- Spans never overlap, never start or end with whitespace, and `text[start:end]` is the sentence
  or token exactly; every token lies inside one sentence.
- Tokens: see newsevents.segmentation.tokens (clitics split "do" "n't" / "Trump" "'s"; hyphens
  split; "U.S." and other abbreviations kept whole).
"""

from __future__ import annotations

from .segmentation.sentences import sentence_spans, trimmed
from .segmentation.tokens import token_spans

# `trimmed(text, start, end)`: the span without whitespace at its edges, None when nothing is left.
# Public because the corpus rule it applies (no span starts or ends with whitespace) is also what the
# Label Studio converter applies to an annotator's selection.
__all__ = ["Span", "add_segmentation", "segment_text", "trimmed"]

Span = tuple[int, int]


def segment_text(text: str) -> tuple[list[Span], list[Span]]:
    """(sentences, tokens) of `text` as (start, end) code-point spans, end exclusive."""
    sentences = sentence_spans(text)
    tokens: list[Span] = []
    for start, end in sentences:
        tokens.extend(token_spans(text, start, end))
    return sentences, tokens


def add_segmentation(doc: dict) -> dict:
    """A copy of `doc` with `sentences` and `tokens` as lists of {"start", "end"}; every other key
    (`id` or `doc_id`, `meta`, annotations) is kept as it is. Raises ValueError when `text` is
    missing or not a string (bad input data, which the CLI reports with its file and line)."""
    text = doc.get("text")
    if not isinstance(text, str):
        found = "missing" if "text" not in doc else type(text).__name__
        raise ValueError(f'"text" must be a string (found {found})')  # noqa: TRY004 - a data error
    sentences, tokens = segment_text(text)
    out = dict(doc)
    out["sentences"] = [{"start": s, "end": e} for s, e in sentences]
    out["tokens"] = [{"start": s, "end": e} for s, e in tokens]
    return out

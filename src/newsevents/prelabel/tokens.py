"""Our tokens as spaCy Docs, and back: character offsets must round-trip exactly.

Segmentation is the segment step's job (newsevents.segment); the pre-labeler never tokenizes on
its own terms, so every span it proposes starts and ends on a corpus token boundary and the
annotation tool shows the same tokens the pre-labeler saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.vocab import Vocab


@dataclass(frozen=True)
class Segmented:
    """A text with its sentence and token offsets (code points, end exclusive)."""

    text: str
    sentences: list[tuple[int, int]]
    tokens: list[tuple[int, int]]


def segment(text: str) -> Segmented:
    from ..segment import segment_text

    sentences, tokens = segment_text(text)
    return Segmented(text, [tuple(s) for s in sentences], [tuple(t) for t in tokens])


def from_document(doc: dict) -> Segmented:
    """Use the document's own segmentation when it has one, else segment its text."""
    if doc.get("tokens") and doc.get("sentences"):
        return Segmented(
            doc["text"],
            [(s["start"], s["end"]) for s in doc["sentences"]],
            [(t["start"], t["end"]) for t in doc["tokens"]],
        )
    return segment(doc["text"])


def to_spacy(vocab: Vocab, seg: Segmented) -> Doc:
    """A spaCy Doc whose tokens are exactly our tokens and whose sentence starts are ours.

    spaCy keeps at most one trailing space per token, so text between tokens other than a single
    space (newlines, double spaces) is not reproduced in Doc.text; that is why spans are mapped
    back through the token offsets (`char_span`) rather than through Doc character indices.
    """
    text = seg.text
    words = [text[s:e] for s, e in seg.tokens]
    spaces = [
        seg.tokens[i][1] < (seg.tokens[i + 1][0] if i + 1 < len(seg.tokens) else len(text))
        for i in range(len(seg.tokens))
    ]
    starts = {s for s, _ in seg.sentences}
    sent_starts = [True if i == 0 else (s in starts) for i, (s, _) in enumerate(seg.tokens)]
    return Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts)


def char_span(seg: Segmented, start_token: int, end_token: int) -> tuple[int, int]:
    """Character offsets in the original text of tokens [start_token, end_token)."""
    return seg.tokens[start_token][0], seg.tokens[end_token - 1][1]

"""Word tokens for span annotation, as code-point spans; tokens never contain whitespace.

The aim is that every entity and trigger boundary in news falls on a token boundary, so the
choices split wherever a mention can start or end inside a written word (close to OntoNotes /
Penn Treebank tokenization, which the GUM and ACE data also follow):
- clitics are split: "Trump's" -> "Trump" "'s", "don't" -> "do" "n't", "can't" -> "ca" "n't",
  "they're" -> "they" "'re" (straight and curly apostrophes); other inner apostrophes stay
  ("O'Brien", "d'Ettorre");
- hyphens are split: "U.S.-led" -> "U.S." "-" "led", "pro-Maduro" -> "pro" "-" "Maduro", so a name
  inside a compound is its own token;
- abbreviations keep their period: "U.S.", "a.m.", "Mr.", "Inc.", "No." before a number, and a
  single-letter initial inside a sentence ("Jonas E. Smith"); a sentence-final "I." or "B." gives
  "I" "."
- numbers keep inner separators ("100.00", "1,000", "6:00", "21/07"); currency and percent signs
  are their own tokens; URLs and e-mail addresses are one token without trailing punctuation;
- "..." and "…" and runs of "!?" are one token; every other symbol is one token per character.
"""

from __future__ import annotations

import re

from .lexicon import BEFORE_NUMBER, MAYBE_FINAL, MAYBE_FINAL_CASED, TITLES

_CLITIC = r"(?:[sS]|[rR][eE]|[vV][eE]|[lL][lL]|[dD]|[mM])"


def _alternatives(words) -> str:
    """Longest first, so 'mrs' is tried before 'mr'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ABBREVIATION = _alternatives(w for w in TITLES | MAYBE_FINAL if "." not in w)
_ABBREVIATION_CASED = _alternatives(MAYBE_FINAL_CASED)
_NUMBER_ABBREVIATION = _alternatives(BEFORE_NUMBER)
_AFTER_ABBREVIATION = r"(?=\s|[,;:)\]'\"”’-]|$)"

_TOKEN = re.compile(
    "|".join(
        (
            r"[^\W\d_]+(?![\w'’.@:/+-])",  # fast path: a plain word not followed by anything special
            r"[,;:()\"“”%$&]",  # fast path: common punctuation
            r"(?:https?://|www\.)[^\s\"“”<>]+?(?=[.,;:!?'\"”’)\]]*(?:\s|$))",  # URL, no trailing punctuation
            r"\w[\w.+-]{0,63}@\w[\w-]*(?:\.\w[\w-]*)+",  # e-mail (local part at most 64)
            r"(?:[^\W\d_]\.){2,}(?!\w)",  # U.S. a.m. U.S.A. e.g.
            r"(?<![\w.])(?i:" + _ABBREVIATION + r")\." + _AFTER_ABBREVIATION,  # Mr. Inc.
            r"(?<![\w.])(?:" + _ABBREVIATION_CASED + r")\." + _AFTER_ABBREVIATION,  # Calif.
            r"(?<![\w.])(?i:" + _NUMBER_ABBREVIATION + r")\.(?=\s*\d)",  # No. 5, p. 55
            r"(?<![\w.])[A-Z]\.(?=\s)",  # an initial inside a sentence
            r"\d+(?:[.,:/]\d+)+",  # 100.00 1,000 6:00
            r"\w+?(?=[nN]['’][tT](?!\w))",  # do|n't
            r"[nN]['’][tT](?!\w)",
            r"\w+(?=['’]" + _CLITIC + r"(?!\w))",  # Trump|'s
            r"['’]" + _CLITIC + r"(?!\w)",
            r"\w+(?:['’](?!" + _CLITIC + r"(?!\w)|[tT](?!\w))\w+)*",  # words, O'Brien
            r"\.\.\.+|…+|[!?]+|--+",
            r"\S",
        )
    )
)


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans of text[start:end] (one sentence: a period that ends it is its own token
    unless it belongs to an abbreviation), as offsets into `text`."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]

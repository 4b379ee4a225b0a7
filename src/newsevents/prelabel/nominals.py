"""Nominal and pronominal mentions ("the soldiers", "government forces", "he"), as ACE annotates them.

Names are the NER's and the gazetteer's job; most mentions in news are not names, though, and an
annotator correcting pre-labels saves the most time on the many short, predictable ones. With no
tagger available offline the span is found from the head word leftwards: determiners, up to a
few lower-case modifiers, and a name right before the head (see schema/prelabel/nominals.json).
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

SCORE_NOMINAL = 0.5
SCORE_PRONOUN = 0.6


class NominalFinder:
    def __init__(self, nominals: dict, blocked: frozenset[str] = frozenset()):
        self.heads = {w: kind for kind, words in nominals["heads"].items() for w in words}
        self.pronouns = {w: kind for kind, words in nominals["pronouns"].items() for w in words}
        self.determiners = frozenset(nominals["determiners"])
        self.max_modifiers = int(nominals["max_modifiers"])
        # modifiers may not be stop words or event words ("killed soldiers" is not one mention)
        self.blocked = frozenset(STOP_WORDS) | blocked

    def find(self, doc: Doc, names: dict[int, int]) -> list[tuple[int, int, str, float]]:
        """(start, end, type, score) token spans. `names` maps a name's end token to its start."""
        out = []
        for token in doc:
            lower = token.lower_
            if lower in self.pronouns:
                out.append((token.i, token.i + 1, self.pronouns[lower], SCORE_PRONOUN))
                continue
            kind = self.heads.get(token.lemma_) or self.heads.get(lower)
            if kind is None or not (token.is_lower or token.is_sent_start):
                continue
            out.append((self._left_edge(doc, token.i, names), token.i + 1, kind, SCORE_NOMINAL))
        return out

    def _left_edge(self, doc: Doc, head: int, names: dict[int, int]) -> int:
        start, modifiers = head, 0
        while start > 0 and not doc[start].is_sent_start:
            previous = doc[start - 1]
            lower = previous.lower_
            if lower in self.determiners or previous.like_num:
                start -= 1
                continue
            if start in names and start == head:  # "National Guard troops"
                start = names[start]
                continue
            if (
                previous.is_lower
                and previous.is_alpha
                and lower not in self.blocked
                and previous.lemma_ not in self.blocked
                and modifiers < self.max_modifiers
            ):
                start, modifiers = start - 1, modifiers + 1
                continue
            break
        return start

"""Untyped event-word candidates: the trigger identification stage before typing.

A word is a candidate when it is a verb form (its lookup lemma is a WordNet verb and the word is
inflected, or a bare verb after "to", a modal or a negation), a nominalization (a word of more
than six letters ending in -tion, -sion, -ment, -ance, -ence or -ure), or a lemma of the trigger
lexicon. Capitalized words inside a sentence are names, not event words. Auxiliaries and light verbs carry no event of their own and are skipped.
The WordNet word lists come from spacy-lookups-data (installed, nothing downloaded). Only
taxonomy-typed triggers reach the output; this stage is what `scripts/bench_prelabel.py`
measures as untyped identification, and what a future typing model would classify.
"""

from __future__ import annotations

from functools import cache

from .tokens import Segmented

MODALS = frozenset(("will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought"))
BE_HAVE_DO = frozenset(("be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had"))
LIGHT = frozenset(("having", "do", "does", "did", "doing", "get", "gets", "got", "let", "lets"))
AUXILIARIES = MODALS | BE_HAVE_DO | LIGHT
VERB_CUES = MODALS | frozenset(("to", "not", "n't", "never", "'ll", "'d"))
NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure")


@cache
def _tables():
    from spacy.lookups import load_lookups

    lookups = load_lookups("en", ["lemma_lookup", "lemma_index"])
    return lookups.get_table("lemma_lookup"), frozenset(lookups.get_table("lemma_index").get("verb"))


def event_word_candidates(seg: Segmented, lexicon: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) character spans of candidate trigger words, in text order."""
    lemmas, verbs = _tables()
    words = [seg.text[s:e] for s, e in seg.tokens]
    sentence_starts = {s for s, _ in seg.sentences}
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if not word.isalpha() or lower in AUXILIARIES:
            continue
        if word[0].isupper() and seg.tokens[i][0] not in sentence_starts:
            continue  # a proper name, not an event word
        lemma = lemmas.get(lower, lower)
        previous = words[i - 1].lower() if i else ""
        if (
            lemma in lexicon
            or (lemma in verbs and (lemma != lower or previous in VERB_CUES))
            or (len(lower) > 6 and lower.endswith(NOMINAL_SUFFIXES))
        ):
            out.append(seg.tokens[i])
    return out

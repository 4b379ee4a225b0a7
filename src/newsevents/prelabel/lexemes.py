"""Word-class features from spacy-lookups-data for the small NER.

The project's NER is trained on a few thousand GUM mentions, far too few to learn which unseen
capitalized words are people, places or organizations. Brown clusters computed on a large corpus
(spacy-lookups-data's `lexeme_cluster` table, installed with the package, nothing downloaded)
put "Paris" next to "London" and "John" next to "Peter", which is exactly that knowledge.

spaCy 3.8 dropped CLUSTER from the attributes a model can embed, so the cluster id rides in the
PREFIX slot (the first character of the word, of little use for NER): the NER's MultiHashEmbed
embeds NORM, PREFIX(=cluster), SUFFIX and SHAPE. Only vocabularies of the project's own
pipelines get this getter; it must be installed before any text is processed, at training and
at run time alike.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import PREFIX
from spacy.vocab import Vocab


@cache
def _cluster_table():
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lexeme_cluster"]).get_table("lexeme_cluster")


def install_cluster_feature(vocab: Vocab) -> None:
    """Make every lexeme of `vocab` (existing and future) carry its Brown cluster as its prefix."""
    table = _cluster_table()

    def cluster(text: str) -> str:
        return f"C{table.get(text, table.get(text.lower(), 0))}"

    vocab.lex_attr_getters[PREFIX] = cluster
    for lexeme in vocab:
        lexeme.prefix_ = cluster(lexeme.orth_)

"""DATASHEET.md: Gebru et al.'s questions (Datasheets for Datasets, 2021), answered from the corpus.

Numbers (counts per split, per entity type, event type and role, statuses, licences, provenance,
agreement, what the sentence config loses) are generated; prose a person must write lives
between `<!-- hand-written:start KEY -->` and `<!-- hand-written:end KEY -->` markers and is carried
over from the existing file on every regeneration. So the repository's DATASHEET.md can be
checked for staleness (regenerate in memory, compare) without losing anyone's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..paths import SPLITS
from ..schema import Taxonomy
from .agreement import Agreement
from .card import markdown_table
from .corpus import is_released
from .rows import Encoder, sentence_rows
from .stats import TOTALS, CorpusStats

# (key, heading, Gebru et al.'s questions the hand-written part answers)
SECTIONS = (
    ("motivation", "Motivation", "For what purpose was the dataset created? Who created it and who funded it?"),
    ("composition", "Composition", ("What do the instances represent? How many are there? Is anything missing? "
     "Is there confidential or offensive content?")),
    ("collection", "Collection process", ("How was the data acquired, by whom, over what timeframe? Was consent "
     "obtained?")),
    ("preprocessing", "Preprocessing, cleaning and labelling", ("What preprocessing or labelling was done? Is the "
     "raw data kept?")),
    ("uses", "Uses", "What has the dataset been used for? What should it not be used for?"),
    ("distribution", "Distribution", "How is it distributed, under what licence, with what restrictions?"),
    ("maintenance", "Maintenance", "Who maintains it? How are errors reported and new versions announced?"),
)
_MARKER = re.compile(r"<!-- hand-written:start (?P<key>[a-z-]+) -->\n(?P<body>.*?)<!-- hand-written:end (?P=key) -->",
                     re.DOTALL)
PLACEHOLDER = "_Not written yet: write this answer in DATASHEET.md between this section's hand-written markers._\n"


def parse_hand_written(text: str) -> dict[str, str]:
    """The hand-written blocks of an existing datasheet, by key (body text without the markers)."""
    return {m["key"]: m["body"] for m in _MARKER.finditer(text)}


def read_hand_written(path: Path | None) -> dict[str, str]:
    if path is None or not Path(path).is_file():
        return {}
    return parse_hand_written(Path(path).read_text(encoding="utf-8"))


def corpus_stats(documents, taxonomy: Taxonomy) -> CorpusStats:
    """Counts over documents, including what the sentence rows lose (for `newsevents datasheet`)."""
    enc, stats = Encoder.from_taxonomy(taxonomy), CorpusStats()
    for doc in documents:
        if is_released(doc):
            stats.add(doc, sentence_rows(doc, enc)[1])
        else:
            stats.leave_out(doc)
    return stats


def _per_split(counter, names: list[str]) -> list[list[object]]:
    rows = []
    for name in names:
        counts = [counter[name, split] for split in SPLITS]
        rows.append([f"`{name}`", *counts, sum(counts)])
    return rows


@dataclass(frozen=True)
class DatasheetInput:
    stats: CorpusStats
    taxonomy: Taxonomy
    agreement: Agreement
    hand_written: dict[str, str]
    version: str | None = None


def _generated(key: str, data: DatasheetInput) -> list[str]:
    stats, tax = data.stats, data.taxonomy
    head = ["", "*Generated from the corpus:*", ""]
    if key == "composition":
        losses = stats.losses
        return head + [
            "Counts per split:", "",
            *markdown_table(["", *SPLITS, "total"], [[what, *(stats.total(what, s) for s in SPLITS), stats.total(what)]
                                             for what in TOTALS]), "",
            f"Entity mentions per type (taxonomy {tax.version}):", "",
            *markdown_table(["entity type", *SPLITS, "total"], _per_split(stats.entity_types, tax.entity_names)), "",
            "Events per type:", "",
            *markdown_table(["event type", *SPLITS, "total"], _per_split(stats.event_types, tax.event_names)), "",
            "Arguments per role:", "",
            *markdown_table(["role", *SPLITS, "total"], _per_split(stats.roles, tax.role_names)), "",
            "Documents per status: " + (", ".join(f"{k} {v}" for k, v in sorted(stats.status.items())) or "none")
            + ". Per source: " + (", ".join(f"{k} {v}" for k, v in sorted(stats.sources.items())) or "none")
            + ". Per language: " + (", ".join(f"{k} {v}" for k, v in sorted(stats.languages.items())) or "none")
            + ". Left out of the release because people have not annotated them yet: "
            + (", ".join(f"{k} {v}" for k, v in sorted(stats.left_out.items())) or "none") + ".", "",
            ("What the `sentences` config cannot carry (all of it is in the `documents` config): "
            f"{losses.entities_without_tags} entity mention(s) without BIO tags (nested, overlapping or not on "
            f"token edges), {losses.arguments_across_sentences} argument(s) whose entity is in another sentence "
            f"than the trigger, {losses.entities_outside_sentences} entity mention(s) and "
            f"{losses.events_outside_sentences} event(s) that no single sentence contains."),
        ]
    if key == "collection":
        prov = ", ".join(f"{k} {v}" for k, v in sorted(stats.provenance.items())) or "none"
        people = ", ".join(f"{k} ({v} document(s))" for k, v in sorted(stats.annotators.items())) or "none"
        return head + [(f"Provenance of gold spans (entities and events): {prov}. "
                       f"Annotators with their own layer: {people}.")]
    if key == "preprocessing":
        return head + [
            f"Annotation conventions (from `schema/taxonomy.json`, version {tax.version}):", "",
            *[f"- {name.replace('_', ' ')}: {text}" for name, text in sorted(tax.conventions.items())], "",
            f"Documents annotated by two or more people: {stats.multi_annotated}.", "",
            *data.agreement.lines,
        ]
    if key == "distribution":
        return head + ["Documents per licence:", "",
                       *markdown_table(["licence", "documents"], [[k, v] for k, v in sorted(stats.licences.items())])]
    return []


def render_datasheet(data: DatasheetInput) -> str:
    release = f" {data.version}" if data.version else ""
    lines = [
        f"# Datasheet: newsevents{release}", "",
        ("<!-- Generated by `newsevents datasheet` from corpus/ and schema/. Edit only between the "
        "hand-written markers; everything else is rewritten. -->"), "",
        ("Answers to the questions of Gebru et al., *Datasheets for Datasets*, Communications of the ACM 64(12), "
        "2021."), "",
    ]
    for key, heading, questions in SECTIONS:
        body = data.hand_written.get(key, PLACEHOLDER)
        lines += [f"## {heading}", "", f"*{questions}*", "",
                  f"<!-- hand-written:start {key} -->", body.rstrip("\n"), f"<!-- hand-written:end {key} -->",
                  *_generated(key, data), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def generate_repository_datasheet(corpus_dir: Path, existing: Path) -> str:
    """The text DATASHEET.md should have for `corpus_dir`, keeping `existing`'s hand-written parts.
    Validates first: counts over an invalid corpus would be wrong or crash."""
    from ..schema import load_taxonomy
    from .agreement import corpus_agreement
    from .corpus import check_corpus, iter_documents

    check_corpus(corpus_dir)
    taxonomy = load_taxonomy()
    stats = corpus_stats(iter_documents(corpus_dir), taxonomy)
    data = DatasheetInput(stats, taxonomy, corpus_agreement(corpus_dir), read_hand_written(existing))
    return render_datasheet(data)

"""The dataset card (README.md of a build): YAML front matter the Hub and `datasets` read, and a
body for people.

The front matter declares each config's data files per split and its features (the same
`Features` the Parquet files were written with, serialised by `datasets` itself), so
`load_dataset(build_dir, config)` types the columns from the card. Splits with no rows are left out
of `configs` and `dataset_info` (`datasets` cannot load a zero-row Parquet split, see
huggingface/datasets#8401), and the body says which ones are absent.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..paths import SPLITS
from ..schema import Taxonomy
from .features import CONFIGS, bio_tags, config_features
from .stats import CorpusStats

CARD_SECTIONS = ("Dataset summary", "Loading", "Configs and fields", "Splits", "Labels", "Conventions",
                 "Licence", "Versioning", "Datasheet")

LICENCE_NAME = "mixed-per-document"


@dataclass(frozen=True)
class CardInput:
    version: str
    taxonomy: Taxonomy
    stats: CorpusStats
    rows: dict[str, dict[str, int]]  # config -> split -> rows (only splits that have rows)
    arrow_bytes: dict[str, dict[str, int]]  # config -> split -> in-memory Arrow bytes


def data_path(config: str, split: str) -> str:
    return f"data/{config}/{split}.parquet"


def _size_category(n: int) -> str:
    for bound, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < bound:
            return name
    return "n>1M"


def front_matter(card: CardInput) -> dict:
    configs, infos = [], []
    for config in CONFIGS:
        splits = [s for s in SPLITS if card.rows[config].get(s)]
        configs.append({"config_name": config, "data_files": [{"split": s, "path": data_path(config, s)}
                                                              for s in splits]})
        if config == CONFIGS[0]:
            configs[-1]["default"] = True
        infos.append({
            "config_name": config,
            "features": config_features(config, card.taxonomy)._to_yaml_list(),
            "splits": [{"name": s, "num_bytes": card.arrow_bytes[config][s], "num_examples": card.rows[config][s]}
                       for s in splits],
        })
    return {
        "pretty_name": "newsevents",
        "language": sorted(card.stats.languages),
        "license": "other",
        "license_name": LICENCE_NAME,
        "license_link": "DATASHEET.md",
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "tags": ["event-extraction", "news", "ace-2005"],
        "size_categories": [_size_category(card.stats.total("documents"))],
        "configs": configs,
        "dataset_info": infos,
    }


def markdown_table(header: list[str], rows: list[list[object]]) -> list[str]:
    """Lines of a Markdown table (card and datasheet print the same kind)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def _body(card: CardInput) -> list[str]:
    tax, stats, version = card.taxonomy, card.stats, card.version
    present = {config: [s for s in SPLITS if card.rows[config].get(s)] for config in CONFIGS}
    absent = {config: [s for s in SPLITS if s not in present[config]] for config in CONFIGS}
    lines = [
        f"# newsevents {version}", "",
        "## Dataset summary", "",
        ("An event-extraction benchmark built from English news: entities in "
        f"{len(tax.entity_types)} types and events in {len(tax.event_types)} types with their argument roles "
        f"(taxonomy version {tax.version}, `schema/taxonomy.json`). "
        f"This release holds {stats.total('documents')} document(s), {stats.total('sentences')} sentence(s), "
        f"{stats.total('entities')} entity mention(s) and {stats.total('events')} event(s)."), "",
        "## Loading", "",
        "```python",
        "from datasets import load_dataset",
        "",
        'sentences = load_dataset("ORG/newsevents", "sentences")  # or a local build folder',
        'documents = load_dataset("ORG/newsevents", "documents")',
        "```", "",
        ("Class labels decode with `features[...].int2str`, e.g. "
        '`sentences["train"].features["entity_tags"].feature.int2str(3)`.'), "",
        "## Configs and fields", "",
        ("- `documents`: one row per article: `text`, flattened `meta` (title, source, url, published, language, "
        "licence, split), `status`, `sentences` and `tokens` as code-point offsets into `text`, the gold "
        "`entities` and `events` (trigger span, arguments as role + entity id), each span's `source` "
        "(annotator, or model with version and score), and each annotator's own `layers`."),
        ("- `sentences`: one row per sentence: `tokens` (strings), `token_offsets`, `entity_tags` (BIO, one per "
        "token), `entities` and `events` whose spans lie inside the sentence, every offset relative to the "
        "sentence `text`; `document_id`, `sentence_index`, and `start`/`end` place it back in the document."),
        "",
        "Offsets are Unicode code points, end exclusive: `row['text'][span['start']:span['end']] == span['text']`.",
        "",
        "## Splits", "",
        *markdown_table(["config", *SPLITS], [[c, *(card.rows[c].get(s, 0) for s in SPLITS)] for c in CONFIGS]), "",
    ]
    missing = [f"`{c}` has no {', '.join(absent[c])}" for c in CONFIGS if absent[c]]
    if missing:
        lines += ["Splits without rows are not declared (the `datasets` library cannot load a split of zero rows): "
                  + "; ".join(missing) + ".", ""]
    lines += [
        "## Labels", "",
        f"Taxonomy version {tax.version}; the full definitions and examples are in `schema/taxonomy.json`, "
        "the annotation guidelines in `schema/GUIDELINES.md`, and what `newsevents evaluate` scores in "
        "`schema/evaluation.schema.json`.", "",
        *markdown_table(["entity type", "label", "definition"],
                [[t.name, t.label, t.definition] for t in tax.entity_types]), "",
        f"{len(tax.event_types)} event types, {len(tax.role_names)} roles, {len(bio_tags(tax))} BIO tags. "
        "Event types: " + ", ".join(f"`{name}`" for name in tax.event_names) + ".", "",
        "## Conventions", "",
        *[f"- {name.replace('_', ' ')}: {text}" for name, text in sorted(tax.conventions.items())],
        ("- BIO tags: a longer entity wins over one nested inside it; an entity whose edges are not token "
        "edges, or that overlaps a tagged one, keeps its place in `entities` but gets no tags "
        f"({stats.losses.entities_without_tags} in this release)."),
        ("- An argument whose entity lies outside its trigger's sentence is in the `documents` config only "
        f"({stats.losses.arguments_across_sentences} in this release)."), "",
        "## Licence", "",
        ("Each document carries its own licence in `licence`; the release as a whole has no single licence. "
        "Per-document licences in this release:"), "",
        *markdown_table(["licence", "documents"], [[lic, n] for lic, n in sorted(stats.licences.items())]), "",
        "## Versioning", "",
        f"This is release {version}. Releases follow semantic versioning; on the Hub each release is a revision "
        "tagged with its version (`load_dataset(..., revision=\"" + version + "\")`). `manifest.json` lists every "
        "file with its SHA-256 and size; `CHANGELOG.md` in the source repository says what changed.", "",
        "## Datasheet", "",
        ("`DATASHEET.md` answers the questions of Gebru et al., *Datasheets for Datasets* (2021): motivation, "
        "composition, collection, labelling, uses, distribution, maintenance, with counts per type and split."),
        "",
    ]
    return lines


def render_card(card: CardInput) -> str:
    import yaml

    head = yaml.safe_dump(front_matter(card), sort_keys=False, allow_unicode=True, width=1000)
    return "---\n" + head + "---\n\n" + "\n".join(_body(card))

"""Train the small NER the default pre-labeler uses for named people, organizations and places.

Data: GUM (github.com/amir-zeldes/gum, news and interview documents, annotations CC BY 4.0, Wikinews
texts CC BY 2.5) as shipped in ../shared/data/gum_news_interview_entities.jsonl. Only *named*
mentions of GUM's person, organization and place types are used, labeled as
schema/prelabel/gum_map.json says (place -> GPE; the pre-labeler refines places to LOC/FAC with
schema/prelabel/place_types.json).

GUM is split by document into train / tune / held-out. Training sees only `train`; the number of
epochs is chosen on `tune`; `heldout` is never seen here and is the only part the benchmark
(scripts/bench_prelabel.py) reports. The split, the data's licence and the scores go to
models/ner-gum/TRAINING.json beside the model.

The model is built in a sibling folder (`.<name>.training`) and swapped in only when training has
finished, so an interrupted run leaves the shipped model as it was, never a mix of two runs.

Usage: python scripts/train_ner.py [--data PATH] [--out models/ner-gum] [--epochs 30] [--seed 0]
Takes a few minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from newsevents.document import read_jsonl
from newsevents.paths import repo_root
from newsevents.prelabel.lexemes import install_cluster_feature
from newsevents.prelabel.resources import load_label_map
from newsevents.prelabel.tokens import segment, to_spacy

# GUM type -> the label the NER learns (schema/prelabel/gum_map.json: named person/organization/place)
_GUM = load_label_map("gum")
LABELS = _GUM.to_ours(_GUM.named_types)
# GUM's own dev and test news documents, plus four interviews picked by name before training.
TUNE = ["GUM_news_homeopathic", "GUM_news_iodine", "GUM_interview_cyclone", "GUM_interview_mcguire"]
HELDOUT = ["GUM_news_nasa", "GUM_news_sensitive", "GUM_interview_libertarian", "GUM_interview_peres"]
LICENCE = "GUM annotations CC BY 4.0; Wikinews texts CC BY 2.5"
SOURCE = "github.com/amir-zeldes/gum @ 72ce5ac14978a324c2fd18d49484e65292cbe316 (dep/GUM_news_*, GUM_interview_*)"

MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 96,
            # PREFIX carries the word's Brown cluster (see newsevents.prelabel.lexemes)
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [3000, 2000, 1000, 500],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 96,
            "depth": 3,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    },
}


def split_of(doc_id: str) -> str:
    return "tune" if doc_id in TUNE else "heldout" if doc_id in HELDOUT else "train"


def examples(nlp, record: dict) -> list[Example]:
    """One Example per GUM document: our tokens, and the outermost named mentions as entities."""
    seg = segment(record["text"])
    doc = to_spacy(nlp.vocab, seg)
    by_start = {s: i for i, (s, _) in enumerate(seg.tokens)}
    by_end = {e: i for i, (_, e) in enumerate(seg.tokens)}
    spans = []
    for ent in record["entities"]:
        label = LABELS.get(ent["type"])
        if label and ent.get("named") and ent["start"] in by_start and ent["end"] in by_end:
            spans.append(doc[by_start[ent["start"]] : by_end[ent["end"]] + 1])
            spans[-1].label_ = label
    reference = to_spacy(nlp.vocab, seg)
    reference.set_ents([spacy.tokens.Span(reference, s.start, s.end, s.label_) for s in filter_spans(spans)])
    # Sentence-sized examples train better than whole documents: more updates per epoch.
    return Example(doc, reference).split_sents()


def entity_f1(nlp, data: list[Example]) -> float:
    scores = nlp.evaluate(data)
    return float(scores["ents_f"] or 0.0)


def swap_in(built: Path, target: Path) -> None:
    """Replace the folder `target` by `built` (a sibling) with renames only: `target` is always one
    run's complete model (for the instant between the two renames it is absent, and the previous
    model is at `<target>.previous`, which is deleted last)."""
    previous = target.with_name(target.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if target.exists():
        target.rename(previous)
    built.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=repo_root().parent / "shared/data/gum_news_interview_entities.jsonl"
    )
    parser.add_argument("--out", type=Path, default=repo_root() / "models/ner-gum")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dropout", type=float, default=0.35)
    parser.add_argument("--width", type=int, default=96)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"train_ner: {args.data}: not found (the shared GUM file)", file=sys.stderr)
        return 2
    random.seed(args.seed)
    spacy.util.fix_random_seed(args.seed)
    MODEL["tok2vec"]["embed"]["width"] = MODEL["tok2vec"]["encode"]["width"] = args.width
    nlp = spacy.blank("en")
    install_cluster_feature(nlp.vocab)
    # The pre-labeler reads these to name the model in provenance and to install the feature.
    nlp.meta.update(
        {
            "name": "ner_gum",
            "version": "1.0.0",
            "newsevents_features": "cluster-in-prefix",
            "license": LICENCE,
            "sources": [{"name": "GUM", "url": SOURCE, "license": LICENCE}],
        }
    )
    ner = nlp.add_pipe("ner", config={"model": MODEL})
    parts: dict[str, list[Example]] = {"train": [], "tune": [], "heldout": []}
    ids: dict[str, list[str]] = {"train": [], "tune": [], "heldout": []}
    for record in read_jsonl(args.data):
        part = split_of(record["doc_id"])
        parts[part].extend(examples(nlp, record))
        ids[part].append(record["doc_id"])
    for label in LABELS.values():
        ner.add_label(label)
    optimizer = nlp.initialize(lambda: parts["train"])
    building = args.out.with_name(f".{args.out.name}.training")
    if building.exists():
        shutil.rmtree(building)  # left by an interrupted run
    building.parent.mkdir(parents=True, exist_ok=True)
    try:
        record = run_epochs(nlp, optimizer, parts, ids, args, building)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    swap_in(building, args.out)
    print(json.dumps(record, indent=2))
    return 0


def run_epochs(nlp, optimizer, parts: dict, ids: dict, args: argparse.Namespace, building: Path) -> dict:
    """The epochs; the best one on `tune` (and TRAINING.json) is saved to `building`."""
    best, best_epoch, started = -1.0, 0, time.time()
    # Sentence-sized pieces train better than whole documents: more updates per epoch.
    train = parts["train"]
    for epoch in range(1, args.epochs + 1):
        random.shuffle(train)
        losses: dict = {}
        for batch in minibatch(train, size=8):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        f1 = entity_f1(nlp, parts["tune"])
        print(f"epoch {epoch:2d} loss {losses.get('ner', 0):9.1f} tune F1 {f1:.4f}", flush=True)
        if f1 > best:
            best, best_epoch = f1, epoch
            with nlp.use_params(optimizer.averages):
                nlp.to_disk(building)
    record = {
        "model": "ner-gum",
        "labels": sorted(LABELS.values()),
        "data": SOURCE,
        "licence": LICENCE,
        "label_mapping": LABELS,
        "train_documents": sorted(ids["train"]),
        "tune_documents": sorted(ids["tune"]),
        "heldout_documents": sorted(ids["heldout"]),
        "best_epoch": best_epoch,
        "tune_entity_f1_spacy": round(best, 4),
        "seed": args.seed,
        "dropout": args.dropout,
        "width": args.width,
        "training_seconds": round(time.time() - started, 1),
        "note": "held-out documents were not used for training or for choosing the epoch",
    }
    (building / "TRAINING.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":
    sys.exit(main())

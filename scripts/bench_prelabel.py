"""Benchmark the pre-labeler: quality on the shared development data and speed on one core.

- Entities on GUM (../shared/data/gum_news_interview_entities.jsonl): named mentions of GUM's
  person / organization / place, exact span and type, with our types mapped back to GUM's by
  schema/prelabel/gum_map.json (PER -> person, ORG -> organization, GPE/LOC/FAC -> place; other
  types dropped). Scored on
  the NER's held-out documents only (models/ner-gum/TRAINING.json), never on what it trained on.
  GUM's gold here is named mentions only, so the pre-labeler runs without its nominal and pronoun
  mentions (`nominals=False`): what is measured is its name finder (NER + gazetteer + rules).
- Triggers on GENEVA (../shared/data/geneva_val_sentences.jsonl): untyped trigger identification
  (GENEVA's 115 types are not ours). Three figures: the pre-labeler's typed events (only triggers of
  taxonomy types, so recall is bounded by how much of GENEVA is ACE-like), its untyped
  candidate stage (every eventive word, before typing), and a typed figure on the GENEVA types
  that schema/prelabel/geneva_map.json maps to ours.
- Speed: tokens/s of the pre-labeler on one core over the GUM texts, next to spaCy's blank English
  tokenizer on the same texts in the same run (the named peer).

Usage: python scripts/bench_prelabel.py [--data ../shared/data] [--model default|none|PATH] [--json OUT]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy/thinc load: one core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import time
from pathlib import Path

from newsevents.document import read_jsonl
from newsevents.evaluate import score_documents
from newsevents.paths import repo_root
from newsevents.prelabel import RuleLabeler
from newsevents.prelabel.labeler import default_model_dir
from newsevents.prelabel.resources import load_label_map
from newsevents.prelabel.tokens import Segmented, segment

# Outside labels -> ours, from schema/prelabel/{gum,geneva}_map.json (checked against the taxonomy).
GUM = load_label_map("gum")
GUM_TYPES = set(GUM.named_types)  # GUM's named person / organization / place
OURS_TO_GUM = GUM.from_ours(GUM.named_types)  # PER -> person, ORG -> organization, GPE/LOC/FAC -> place
GENEVA_TO_OURS = load_label_map("geneva").to_ours()


def heldout_gum_ids() -> set[str] | None:
    model = default_model_dir()
    info = model / "TRAINING.json" if model else None
    return set(json.loads(info.read_text())["heldout_documents"]) if info and info.is_file() else None


def bench_gum(labeler: RuleLabeler, path: Path, only: set[str] | None) -> dict:
    pairs, docs = [], []
    for record in read_jsonl(path):
        if only is not None and record["doc_id"] not in only:
            continue
        seg = segment(record["text"])
        out = labeler.label(seg)
        gold = [
            {"start": e["start"], "end": e["end"], "type": e["type"]}
            for e in record["entities"]
            if e.get("named") and e["type"] in GUM_TYPES
        ]
        pred = [
            {"start": e["start"], "end": e["end"], "type": OURS_TO_GUM[e["type"]]}
            for e in out.entities
            if e["type"] in OURS_TO_GUM
        ]
        pairs.append(({"id": record["doc_id"], "entities": gold}, {"id": record["doc_id"], "entities": pred}))
        docs.append(record["doc_id"])
    scores = score_documents(pairs).as_dict()
    return {
        "documents": sorted(docs),
        "entity": scores["scores"]["entity"],
        "per_type": scores["per_type"]["entity"],
    }


def bench_geneva(labeler: RuleLabeler, path: Path) -> dict:
    typed, candidates, mapped = [], [], []
    image = set(GENEVA_TO_OURS.values())
    for record in read_jsonl(path):
        seg = segment(record["text"])
        gold = {
            "id": record["doc_id"],
            "events": [{"type": "x", "trigger": e["trigger"], "arguments": []} for e in record["events"]],
        }
        out = labeler.label(seg)
        typed.append((gold, {"id": record["doc_id"], "entities": out.entities, "events": out.events}))
        gold_mapped = [
            {"type": GENEVA_TO_OURS[e["type"]], "trigger": e["trigger"], "arguments": []}
            for e in record["events"]
            if e["type"] in GENEVA_TO_OURS
        ]
        ours = [{**e, "arguments": []} for e in out.events if e["type"] in image]
        mapped.append(
            ({"id": record["doc_id"], "events": gold_mapped}, {"id": record["doc_id"], "events": ours})
        )
        cands = [
            {"type": "x", "trigger": {"start": s, "end": e}, "arguments": []}
            for s, e in labeler.candidates(seg)
        ]
        candidates.append((gold, {"id": record["doc_id"], "events": cands}))
    return {
        "sentences": len(typed),
        "typed_events": score_documents(typed).as_dict()["scores"]["trigger_identification"],
        "candidate_stage": score_documents(candidates).as_dict()["scores"]["trigger_identification"],
        "typed_on_mapped_types": {
            "mapping": GENEVA_TO_OURS,
            "note": "gold: GENEVA events of mapped types; pred: our events of those types; approximate",
            **score_documents(mapped).as_dict()["scores"]["trigger_classification"],
        },
    }


def bench_speed(labeler: RuleLabeler, texts: list[str], repeat: int = 3) -> dict:
    import spacy

    segs: list[Segmented] = [segment(t) for t in texts]
    n_tokens = sum(len(s.tokens) for s in segs)
    tokenizer = spacy.blank("en").tokenizer

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        return min(times)

    t_label = best(lambda: [labeler.label(s) for s in segs])
    t_segment = best(lambda: [segment(t) for t in texts])
    t_peer = best(lambda: [tokenizer(t) for t in texts])
    return {
        "tokens": n_tokens,
        "prelabeler_tokens_per_s": round(n_tokens / t_label),
        "prelabeler_with_segmentation_tokens_per_s": round(n_tokens / (t_label + t_segment)),
        "peer_spacy_blank_tokenizer_tokens_per_s": round(n_tokens / t_peer),
        "ratio_prelabeler_to_peer": round(t_peer / t_label, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=repo_root().parent / "shared" / "data")
    parser.add_argument("--model", default="default")
    parser.add_argument("--all-gum", action="store_true", help="score every GUM document (training ones too)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    labeler = RuleLabeler(model=args.model)
    gum_path = args.data / "gum_news_interview_entities.jsonl"
    only = None if args.all_gum else heldout_gum_ids()
    result = {
        "prelabeler": f"{labeler.name}@{labeler.version}",
        "gum_entities": bench_gum(RuleLabeler(model=args.model, nominals=False), gum_path, only),
        "geneva_triggers": bench_geneva(labeler, args.data / "geneva_val_sentences.jsonl"),
        "speed_one_core": bench_speed(labeler, [r["text"] for r in read_jsonl(gum_path)]),
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

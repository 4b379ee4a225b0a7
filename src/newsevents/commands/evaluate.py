"""`newsevents evaluate --gold G --pred P [--json]`: score predictions against gold documents."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="micro P/R/F1 of predicted entities, triggers, arguments and sentences against gold",
        description="Score predicted documents against gold documents, paired by id. Each of --gold and "
        "--pred is a JSON Lines file, or a corpus folder / document file, shaped as "
        "schema/evaluation.schema.json says (a bad value is reported with its place). Gold documents whose "
        "status says people have not annotated them yet (raw, prelabeled) are left out on both sides. A note "
        "on stderr names labels outside the taxonomy, which no prediction in our labels can match.",
    )
    parser.add_argument("--gold", required=True, type=Path, help="gold documents (JSONL, folder or .json)")
    parser.add_argument(
        "--pred", required=True, type=Path, help="predicted documents (JSONL, folder or .json)"
    )
    parser.add_argument("--json", action="store_true", help="print the scores and per-type breakdown as JSON")
    parser.set_defaults(func=run)


def read_documents(path: Path) -> Iterator[dict]:
    """Documents from a JSONL file, a single document file, or the *.json files under a folder."""
    from ..document import iter_document_files, read_document, read_jsonl

    if str(path) != "-" and not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.is_dir() or path.suffix == ".json":
        for file in iter_document_files([path]):
            yield read_document(file)  # a DocumentError names the file and place
    else:
        yield from read_jsonl(path)


def run(args: argparse.Namespace) -> int:
    from ..evaluate import doc_key, format_table, pair_documents, score_documents, unknown_labels
    from ..schema import human_statuses, load_taxonomy

    # A corpus document people have not annotated yet (status raw or prelabeled) holds machine
    # spans, not gold: it is left out on both sides, as a release leaves it out.
    gold, not_gold = [], []
    for number, doc in enumerate(read_documents(args.gold), 1):
        if isinstance(doc, dict) and doc.get("status", human_statuses()[0]) not in human_statuses():
            not_gold.append(doc_key(doc, f"{args.gold}:{number}"))
        else:
            gold.append(doc)
    skipped = set(not_gold)
    pred = (d for d in read_documents(args.pred) if not (isinstance(d, dict) and str(d.get("id", d.get("doc_id"))) in skipped))
    scores = score_documents(pair_documents(gold, pred, str(args.gold), str(args.pred)))
    if args.json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        print(format_table(scores))
    for task, names in unknown_labels(scores).items():
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        print(f"note: {task}: labels outside taxonomy {load_taxonomy().version}: {shown}", file=sys.stderr)
    if not_gold:
        print(f"note: {len(not_gold)} gold document(s) not yet annotated by people were left out: "
              + ", ".join(sorted(not_gold)[:5]), file=sys.stderr)
    return 0

"""`newsevents agreement [PATH ...] [--json]`: pairwise F1 between annotation layers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..paths import default_corpus


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agreement",
        help="pairwise F1 between annotators' layers, and between pre-labels and gold",
        description="Inter-annotator agreement over corpus documents: pairwise micro F1 of entities, "
        "triggers and arguments between human layers, and of every layer (pre-labeler layers included) "
        "against the gold layer of annotated/reviewed documents.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[default_corpus()],
        help="corpus folders or document files (default: corpus/)",
    )
    parser.add_argument("--json", action="store_true", help="print every pair's scores as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..agreement import agreement_paths, format_table

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"{missing[0]}: no such file or folder")
    rows = agreement_paths(args.paths)
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], indent=2))
    else:
        print(format_table(rows))
    return 0

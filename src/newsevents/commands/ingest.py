"""`newsevents ingest`: seeds/ -> corpus/ (segmented, never overwriting an existing document)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import default_corpus, default_seeds


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ingest",
        help="turn seed articles (seeds/*.txt + *.meta.json) into segmented corpus documents",
        description="Create corpus/<split>/<id>.json for every seed article that has none, segmented into "
        "sentences and tokens. Existing documents keep their annotations; only missing segmentation is filled.",
    )
    parser.add_argument("seeds", nargs="?", type=Path, default=default_seeds(),
                        help="seed folder (default: ./seeds/)")
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder (default: ./corpus/)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..ingest import ingest

    results = ingest(args.seeds, args.corpus)
    for result in results:
        print(f"{result.action:<9} {result.target}")
    return 0

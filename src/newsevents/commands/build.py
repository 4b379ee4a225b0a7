"""`newsevents build`: the release folder dist/<version>/ from corpus/."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import default_corpus, default_datasheet, default_dist


def register(sub: argparse._SubParsersAction) -> None:
    from .. import __version__

    parser = sub.add_parser(
        "build",
        help="build dist/<version>/: Parquet configs, dataset card, datasheet, schema, checksums",
        description="Validate the corpus (refusing an invalid one), then write dist/<version>/ with the "
        "`documents` and `sentences` configs as Parquet per split, README.md (dataset card), DATASHEET.md, "
        "the schema files and manifest.json (SHA-256 and size of every file). Only documents people have "
        "annotated (status annotated or reviewed) are released; the others are counted as left out in the "
        "datasheet. The same corpus builds the same bytes.",
    )
    parser.add_argument("--version", dest="release", default=__version__, metavar="X.Y.Z",
                        help=f"release version, semantic (default: the package version, {__version__})")
    parser.add_argument("--out", type=Path, default=default_dist(), help="output root (default: ./dist/)")
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder (default: ./corpus/)")
    parser.add_argument("--datasheet", type=Path, default=default_datasheet(),
                        help="DATASHEET.md whose hand-written sections the build carries (default: ./DATASHEET.md)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import time

    from ..dataset.build import build
    started = time.perf_counter()
    result = build(args.corpus, args.out, args.release, args.datasheet)
    for config, splits in result.rows.items():
        counts = ", ".join(f"{split} {n}" for split, n in splits.items())
        print(f"{config}: {counts}")
    if result.stats.left_out:
        left = ", ".join(f"{n} {status}" for status, n in sorted(result.stats.left_out.items()))
        print(f"left out (not yet annotated by people): {left}")
    print(f"built {result.path} in {time.perf_counter() - started:.1f} s")
    return 0

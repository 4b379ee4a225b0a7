"""`newsevents build`: the release folder dist/<version>/ from corpus/."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from .. import __version__

    parser = sub.add_parser(
        "build",
        help="build dist/<version>/: Parquet configs, dataset card, datasheet, schema, checksums",
        description="Validate the corpus (refusing an invalid one), then write dist/<version>/ with the "
        "`documents` and `sentences` configs as Parquet per split, README.md (dataset card), DATASHEET.md, "
        "the schema files and manifest.json (SHA-256 and size of every file). The same corpus builds the "
        "same bytes.",
    )
    parser.add_argument("--version", dest="release", default=__version__, metavar="X.Y.Z",
                        help=f"release version, semantic (default: the package version, {__version__})")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output root (default: dist/)")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the repository's corpus/)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import time

    from ..dataset.build import build
    from ..paths import repo_root

    started = time.perf_counter()
    result = build(args.corpus or repo_root() / "corpus", args.out, args.release)
    for config, splits in result.rows.items():
        counts = ", ".join(f"{split} {n}" for split, n in splits.items())
        print(f"{config}: {counts}")
    print(f"built {result.path} in {time.perf_counter() - started:.1f} s")
    return 0

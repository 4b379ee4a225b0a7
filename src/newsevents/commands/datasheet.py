"""`newsevents datasheet`: regenerate the repository's DATASHEET.md from corpus/ (hand-written
sections kept), or check that it is up to date."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import default_corpus, default_datasheet


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "datasheet",
        help="regenerate DATASHEET.md from the corpus, keeping its hand-written sections",
        description="Validate the corpus, count it, and rewrite DATASHEET.md: generated tables are replaced, "
        "text between <!-- hand-written:start KEY --> and <!-- hand-written:end KEY --> is kept.",
    )
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder (default: ./corpus/)")
    parser.add_argument("--output", type=Path, default=default_datasheet(),
                        help="datasheet file (default: ./DATASHEET.md)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the file differs from what would be generated")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..dataset.datasheet import generate_repository_datasheet
    from ..document import write_text_atomic
    output = args.output
    text = generate_repository_datasheet(args.corpus, output)
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    if args.check:
        if current != text:
            print(f"{output} is stale: run `newsevents datasheet` and commit the result")
            return 1
        print(f"{output} is up to date")
        return 0
    print(f"{output}: {'written' if write_text_atomic(output, text) else 'unchanged'}")
    return 0

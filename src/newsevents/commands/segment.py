"""`newsevents segment IN.jsonl -o OUT.jsonl`: add sentence and token spans to JSON Lines documents.

Each input line is an object with `id` (or `doc_id`) and `text`; each output line is the same
object with `sentences` and `tokens` ([{start, end}], code points) added, by the same code the
corpus pipeline uses (newsevents.segment). The input is streamed, so memory does not grow with
the file; the output is written atomically, so a bad line leaves no half-written file.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "segment",
        help="add sentence and token offsets to a JSON Lines file of documents",
        description="Read JSON Lines documents ({id or doc_id, text, ...}) and write each with `sentences` "
        "and `tokens` added as [{start, end}] code-point spans. '-' reads stdin / writes stdout.",
    )
    parser.add_argument("input", help="input .jsonl file, or '-' for stdin")
    parser.add_argument("-o", "--output", default="-", help="output .jsonl file, or '-' for stdout (default)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..document import JsonlWriter, read_jsonl_numbered
    from ..progress import Progress
    from ..segment import add_segmentation

    if args.input != "-" and not Path(args.input).is_file():
        raise FileNotFoundError(f"{args.input}: no such file")
    progress = Progress("segment")
    with JsonlWriter(args.output) as writer:
        for number, doc in read_jsonl_numbered(args.input):
            try:
                segmented = add_segmentation(doc)
            except ValueError as err:
                raise ValueError(f"{args.input}:{number}: {err}") from None
            writer.write(segmented)
            progress.add(sentences=len(segmented["sentences"]), tokens=len(segmented["tokens"]))
    progress.finish(args.output)
    return 0

"""`newsevents prelabel`: pre-label documents (JSONL predictions) or corpus files (in place)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "prelabel",
        help="propose entities and events for documents (JSONL) or corpus files",
        description="Pre-label documents. With IN.jsonl -o OUT.jsonl every document's text is labeled "
        "from scratch (predictions to score with `evaluate`; IN is not modified). With --corpus, files "
        "whose status is raw or prelabeled get new pre-labels in place; human-made spans are kept and "
        "annotated or reviewed documents are left alone.",
    )
    parser.add_argument("input", nargs="?", type=Path, help="documents as JSON Lines ('-' for stdin)")
    parser.add_argument("-o", "--output", type=Path, help="output JSON Lines ('-' for stdout)")
    parser.add_argument(
        "--corpus", type=Path, nargs="+", metavar="PATH", help="corpus folders or files to pre-label in place"
    )
    parser.add_argument(
        "--model",
        default="default",
        help="NER: 'default' (models/ner-gum if built), 'none' (rules only), or an installed "
        "spaCy pipeline name/path with an 'ner' component (default: %(default)s)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError

    if bool(args.corpus) == bool(args.input):
        raise UserError("give either IN.jsonl -o OUT.jsonl or --corpus PATH ...")
    if args.input and not args.output:
        raise UserError("-o/--output is required with an input file")
    if args.input and str(args.input) != "-" and not args.input.is_file():
        raise FileNotFoundError(f"{args.input}: no such file")

    from ..document import JsonlWriter, read_jsonl_numbered
    from ..prelabel import RuleLabeler, predict_document, prelabel_corpus
    from ..progress import Progress

    labeler = RuleLabeler(model=args.model)
    if args.corpus:
        missing = [str(p) for p in args.corpus if not p.exists()]
        if missing:
            raise FileNotFoundError(f"{missing[0]}: no such file or folder")
        written, unchanged = prelabel_corpus(args.corpus, labeler)
        print(
            f"{labeler.name}@{labeler.version}: {len(written)} file(s) written, {len(unchanged)} unchanged",
            file=sys.stderr,
        )
        return 0
    progress = Progress(f"prelabel ({labeler.name}@{labeler.version})")
    with JsonlWriter(args.output) as out:
        for number, doc in read_jsonl_numbered(args.input):
            try:
                labeled = predict_document(doc, labeler)
            except (KeyError, TypeError, ValueError) as err:
                raise ValueError(f"{args.input}:{number}: cannot pre-label ({err})") from None
            out.write(labeled)
            progress.add(tokens=len(labeled["tokens"]), entities=len(labeled["entities"]), events=len(labeled["events"]))
    progress.finish(str(args.output))
    return 0

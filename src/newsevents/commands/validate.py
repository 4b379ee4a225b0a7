"""`newsevents validate`: the contribution gate from the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check corpus documents (file, schema, text, taxonomy, corpus levels)",
        description="Check corpus documents at five levels and print one line per problem: "
        "[file pointer] [level rule] message, expected, found. Exit code 0 when clean, 1 on any problem.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="document files or folders to search for *.json (default: corpus/)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: one line per problem and a summary; json: one object for machines")
    parser.add_argument("--list-rules", action="store_true", help="print every rule id with its level and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..document import iter_document_files
    from ..paths import default_corpus
    from ..validate import LEVEL_NAMES, RULES, summary, validate_files

    if args.list_rules:
        for rule, (level, what) in RULES.items():
            print(f"L{level} {LEVEL_NAMES[level]:<8} {rule:<24} {what}")
        return 0
    paths = args.paths or [default_corpus()]
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
    files = list(iter_document_files(paths))
    if not files:
        raise FileNotFoundError("no *.json documents under " + ", ".join(map(str, paths)))
    problems, count = validate_files(files)
    if args.format == "json":
        print(json.dumps({"files": count, "errors": len(problems), "problems": [p.to_json() for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem)
        print(summary(problems, count))
    return 1 if problems else 0

"""`newsevents diff OLD NEW`: what changed between two builds."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "diff",
        help="summarise what changed between two builds (documents, entities, events)",
        description="Compare two build folders (dist/<version>/): documents and annotations added, removed "
        "and changed, and rows per config and split. Exit code 0 either way.",
    )
    parser.add_argument("old", type=Path, metavar="OLD", help="the earlier build folder, e.g. dist/0.1.0")
    parser.add_argument("new", type=Path, metavar="NEW", help="the later build folder, e.g. dist/0.2.0")
    parser.add_argument("--details", action="store_true", help="list every added, removed and changed id")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import dataclasses
    import json

    from ..dataset.diff import diff_builds, format_diff

    diff = diff_builds(args.old, args.new)
    if args.format == "json":
        print(json.dumps(dataclasses.asdict(diff), ensure_ascii=False, indent=2))
    else:
        print(format_diff(diff, args.details))
    return 0

"""`newsevents ls`: the Label Studio round trip (config, push, pull).

The server itself is started by `scripts/labelstudio start`; these commands talk to it through
LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY (`eval "$(scripts/labelstudio env)"` sets both).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..labelstudio import DEFAULT_PROJECT, GRANULARITIES
from ..paths import default_corpus

PULL_RULES = """merge rules: an annotation replaces the spans inside its task's range (the document, or
one sentence) in its annotator's layer (named by email) and, if chosen, in the gold layer. Gold is
the --reviewer's annotation if any, else the one marked ground truth in Label Studio, else the
latest non-cancelled one. In a document already reviewed, gold changes only through the
--reviewer's annotation. Predictions never reach the corpus. A document with any rejected
annotation is not written (exit code 1); a pull after no change writes nothing."""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ls",
        help="Label Studio round trip: labeling config, push tasks, pull annotations",
        description=__doc__,
    )
    commands = parser.add_subparsers(dest="ls_command", metavar="ACTION", required=True)

    config = commands.add_parser(
        "config",
        help="print the labeling config generated from the taxonomy",
        description="Print the Label Studio labeling config generated from schema/taxonomy.json: entity "
        "labels, trigger labels per event type and argument roles as relations, each label with its "
        "definition as a hint. `ls push` installs the same config in the project.",
    )
    config.add_argument("--output", type=Path, help="write it to this file instead of stdout")
    config.set_defaults(func=run_config)

    for name, func, help_text in (
        ("push", run_push, "create/update the project and import documents as tasks with pre-labels"),
        ("pull", run_pull, "export annotations and merge them, validated, into the corpus"),
    ):
        action = commands.add_parser(
            name, help=help_text, description=help_text, epilog=PULL_RULES if name == "pull" else None
        )
        action.add_argument("--project", default=DEFAULT_PROJECT, help=f"project title (default: {DEFAULT_PROJECT})")
        action.add_argument("--url", help="server URL (default: $LABEL_STUDIO_URL or http://127.0.0.1:8080)")
        action.set_defaults(func=func)
    push, pull = commands.choices["push"], commands.choices["pull"]
    push.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="documents or folders (default: corpus/)"
    )
    push.add_argument(
        "--granularity",
        choices=GRANULARITIES,
        default=GRANULARITIES[0],
        help=f"one task per {' or per '.join(GRANULARITIES)} (default: {GRANULARITIES[0]})",
    )
    pull.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder (default: ./corpus/)")
    pull.add_argument("--reviewer", help="email of the adjudicator whose annotation is gold when present")
    pull.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")


def run_config(args: argparse.Namespace) -> int:
    from ..document import write_text_atomic
    from ..labelstudio.config import labeling_config

    xml = labeling_config()
    if args.output:
        write_text_atomic(args.output, xml)
    else:
        sys.stdout.write(xml)
    return 0


def run_push(args: argparse.Namespace) -> int:
    from ..document import iter_document_files
    from ..labelstudio.push import PushReport, load_valid, push_documents
    from ..labelstudio.server import connection

    paths = args.paths or [default_corpus()]
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
    report = PushReport()
    docs = load_valid(iter_document_files(paths), report)
    push_documents(connection(args.url), args.project, docs, args.granularity, report)
    for line in [*report.invalid, *report.notes.skipped_spans]:
        print(line, file=sys.stderr)
    print(report.summary())
    return 1 if report.invalid else 0


def run_pull(args: argparse.Namespace) -> int:
    from ..labelstudio.pull import pull_tasks
    from ..labelstudio.server import ServerError, connection, export_tasks, find_project, user_names

    if not args.corpus.is_dir():
        raise FileNotFoundError(f"{args.corpus}: no such folder")
    conn = connection(args.url)
    project_id = find_project(conn, args.project)
    if project_id is None:
        raise ServerError(f"no project {args.project!r} on {conn.url}; push first")
    report = pull_tasks(
        export_tasks(conn, project_id), user_names(conn), args.corpus, args.reviewer, dry_run=args.dry_run
    )
    for doc_id, reasons in sorted(report.rejected.items()):
        for reason in reasons:
            print(f"rejected {doc_id}: {reason}", file=sys.stderr)
    for doc_id in report.written:
        print(f"{'would write' if args.dry_run else 'wrote'} {doc_id}")
    print(report.summary())
    return 1 if report.rejected else 0

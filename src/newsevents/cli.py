"""The `newsevents` command. Each subcommand lives in newsevents/commands/<name>.py and exposes
`register(subparsers)`; this module only discovers and dispatches, so adding a command never
touches this file. Command modules import heavy libraries inside their handlers, so `--help`
stays fast."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__, commands


class UserError(Exception):
    """An error the user can fix: printed as one line, exit code 2, no traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="Build, validate and annotate the newsevents event-extraction benchmark.",
    )
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `newsevents validate | head` is not an error
        sys.stderr.close()
        return 1
    except (UserError, OSError, ValueError) as err:
        print(f"newsevents {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

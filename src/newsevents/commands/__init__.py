"""Subcommands of `newsevents`: one module per command, each with `register(subparsers)`."""

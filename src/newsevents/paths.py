"""Where the project's data lives, so every step agrees without passing paths around."""

from __future__ import annotations

import os
from pathlib import Path

# The schema folder ships inside the package (see pyproject's force-include), and in a source
# checkout it is the repository's schema/. NEWSEVENTS_SCHEMA_DIR overrides both for experiments.
_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def schema_dir() -> Path:
    override = os.environ.get("NEWSEVENTS_SCHEMA_DIR")
    if override:
        return Path(override)
    for candidate in (_REPO_ROOT / "schema", _PACKAGE_DIR / "schema"):
        if (candidate / "taxonomy.json").is_file():
            return candidate
    raise FileNotFoundError(
        "schema/taxonomy.json not found next to the package or in the source checkout; "
        "set NEWSEVENTS_SCHEMA_DIR to the folder that holds it"
    )


def repo_root() -> Path:
    """The source checkout's root, for files that ship with the code (models/, scripts/).

    Not a default for data: installed from a wheel it points into site-packages. Commands take
    their data paths from the current directory (the defaults below), like git or make.
    """
    return _REPO_ROOT


# Every command's default data paths, relative to the current directory: run from the repository
# root (as the Makefile does) they are the checkout's corpus/, dist/, ...; elsewhere they are the
# user's own, never a folder inside the installed package.


def default_corpus() -> Path:
    return Path("corpus")


def default_seeds() -> Path:
    return Path("seeds")


def default_dist() -> Path:
    return Path("dist")


def default_changelog() -> Path:
    return Path("CHANGELOG.md")


def default_datasheet() -> Path:
    return Path("DATASHEET.md")


def __getattr__(name: str) -> tuple[str, ...]:
    # SPLITS is the document schema's `meta.split` enum (newsevents.schema.splits()), read on first
    # use: schema.py imports this module for schema_dir(), so it cannot be imported at the top.
    if name == "SPLITS":
        from .schema import splits

        return tuple(splits())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""CHANGELOG.md: one `## [X.Y.Z]` entry per release (Keep a Changelog style). A release without
an entry is refused at publish time, so every Hub tag has words saying what it changed."""

from __future__ import annotations

import re
from pathlib import Path


def changelog_entry(path: Path, version: str) -> str | None:
    """The body of the entry for `version`, or None when there is none."""
    path = Path(path)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    heading = re.compile(rf"^## \[?{re.escape(version)}\]?(?:\s.*)?$", re.MULTILINE)
    match = heading.search(text)
    if match is None:
        return None
    following = re.compile(r"^## ", re.MULTILINE).search(text, match.end())
    return text[match.end(): following.start() if following else len(text)].strip()

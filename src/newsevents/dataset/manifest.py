"""The checksum manifest of a build: every file with its SHA-256 and size, plus what it was built
from (versions of the release, taxonomy, newsevents and pyarrow) and the row counts.

It lets anyone check a download (`verify_manifest`), lets `publish` refuse a build that was edited
after it was made, and lets `diff` compare releases. It holds no timestamp, so rebuilding the same
corpus gives the same manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entries(folder: Path) -> list[dict]:
    """Every file under `folder` except the manifest itself, sorted by POSIX path."""
    folder = Path(folder)
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        entries.append({"path": path.relative_to(folder).as_posix(), "sha256": sha256_file(path),
                        "size": path.stat().st_size})
    return sorted(entries, key=lambda e: e["path"])


def manifest_text(info: dict, folder: Path) -> str:
    return json.dumps({**info, "files": file_entries(folder)}, ensure_ascii=False, indent=2) + "\n"


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no manifest; is {folder} a build made by `newsevents build`?")
    return json.loads(path.read_text(encoding="utf-8"))


def verify_manifest(folder: Path) -> list[str]:
    """Problems (one line each) between the manifest and the files on disk; empty when they agree."""
    folder = Path(folder)
    listed = {e["path"]: e for e in read_manifest(folder)["files"]}
    actual = {e["path"]: e for e in file_entries(folder)}
    problems = [f"{folder / p}: listed in {MANIFEST} but missing" for p in sorted(listed.keys() - actual.keys())]
    problems += [f"{folder / p}: not listed in {MANIFEST}" for p in sorted(actual.keys() - listed.keys())]
    for path in sorted(listed.keys() & actual.keys()):
        if listed[path]["sha256"] != actual[path]["sha256"] or listed[path]["size"] != actual[path]["size"]:
            problems.append(f"{folder / path}: changed since the build (sha256 {actual[path]['sha256'][:12]}, "
                            f"manifest says {listed[path]['sha256'][:12]})")
    return problems

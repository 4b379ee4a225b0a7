"""A real Label Studio server for the session, started with scripts/labelstudio on a free port
and a temporary data folder, and stopped at the end. The tests skip (with the reason) only when
label-studio cannot be installed; a server that installs but does not start is a failure.

Set NEWSEVENTS_LS_VENV to reuse an existing Label Studio virtualenv (saves the install).

The data folder is new for every session, but `scripts/labelstudio start` fills a new folder from
the migrated database template under .labelstudio/templates/ (saved by the first start for this
label-studio version and token): ~4 s instead of ~30 s of migrations, with the same real server."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ls_helpers import make_document

from newsevents.document import write_document
from newsevents.labelstudio.server import Connection

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "labelstudio"
TOKEN = "newsevents0test0token0000000000000000000"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _script(*args: str, timeout: float) -> subprocess.CompletedProcess:
    env = {**os.environ, "LABEL_STUDIO_API_KEY": TOKEN}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def ls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    try:
        installed = _script("install", timeout=1200)
    except subprocess.TimeoutExpired:
        pytest.skip(
            "label-studio could not be installed: `scripts/labelstudio install` timed out after 20 min"
        )
    if installed.returncode != 0:
        tail = (installed.stderr or installed.stdout).strip().splitlines()[-3:]
        pytest.skip(f"label-studio could not be installed: {' | '.join(tail)}")
    data = tmp_path_factory.mktemp("labelstudio-data")
    port = str(_free_port())
    started = _script("start", "--port", port, "--data", str(data), timeout=300)
    if started.returncode != 0:
        log = (
            (data / "labelstudio.log").read_text(errors="replace")[-2000:]
            if (data / "labelstudio.log").exists()
            else ""
        )
        pytest.fail(f"Label Studio installed but did not start: {started.stderr}\n{log}")
    try:
        yield Connection(started.stdout.strip().splitlines()[-1], TOKEN)
    finally:
        _script("stop", "--data", str(data), timeout=60)


@pytest.fixture
def project_name(request: pytest.FixtureRequest) -> str:
    """One project per test, so tests do not see each other's tasks."""
    digest = hashlib.sha1(request.node.nodeid.encode("utf-8")).hexdigest()[:8]
    return f"t-{digest}-{request.node.name[:30]}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus folder holding make_document() under train/."""
    doc = make_document()
    write_document(tmp_path / "corpus" / "train" / f"{doc['id']}.json", doc)
    return tmp_path / "corpus"

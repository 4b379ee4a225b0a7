"""`newsevents publish` against a local HTTP server that plays the Hub endpoints huggingface_hub calls
for create_repo, upload_folder (preupload + commit, files sent inline), list_repo_refs and
create_tag. The CLI runs in a subprocess with HF_ENDPOINT pointing at it, exactly as a user runs it.

What this does not prove: that the real Hub accepts these requests (its auth, rate limits, the
LFS/Xet upload path large Parquet files take there, the dataset viewer's reading of the card).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsevents.dataset.build import build
from newsevents.dataset.manifest import MANIFEST, read_manifest
from newsevents.dataset.synthetic import write_synthetic_corpus

TOKEN = "hf_fakeSECRETtoken0123456789abcdef"
REPO_ID = "newsevents-org/newsevents"


class FakeHub:
    """Repositories in memory: files per repo, commits, tags; every request recorded."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.validated: list[dict] = []
        self.repos: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self):
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _reply(self, status: int, body: dict, headers: dict | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                hub._record(self, b"")
                parts = self.path.split("?")[0].strip("/").split("/")
                if parts[:2] == ["api", "datasets"] and parts[-1] == "refs":
                    repo = hub.repos.get("/".join(parts[2:-1]))
                    if repo is None:
                        return self._reply(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                    return self._reply(200, {
                        "branches": [{"name": "main", "ref": "refs/heads/main", "targetCommit": repo["head"]}],
                        "converts": [],
                        "tags": [{"name": t, "ref": f"refs/tags/{t}", "targetCommit": c} for t, c in repo["tags"].items()],
                    })
                self._reply(404, {"error": f"fake hub: no GET {self.path}"})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                hub._record(self, body)
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._reply(401, {"error": "Invalid credentials"})
                path = self.path.split("?")[0].strip("/")
                if path == "api/validate-yaml":
                    return hub._validate_yaml(self, json.loads(body))
                if path == "api/repos/create":
                    payload = json.loads(body)
                    repo_id = f"{payload['organization']}/{payload['name']}" if payload.get("organization") \
                        else payload["name"]
                    if repo_id in hub.repos:
                        # like the Hub: the conflict still names the repo's url (create_repo reads it)
                        return self._reply(409, {"error": "You already created this dataset repo",
                                                 "url": f"{hub.url}/datasets/{repo_id}"})
                    hub.repos[repo_id] = {"files": {}, "head": "0" * 40, "tags": {}, "commits": []}
                    return self._reply(200, {"url": f"{hub.url}/datasets/{repo_id}"})
                parts = path.split("/")
                repo_id, action = "/".join(parts[2:4]), parts[4] if len(parts) > 4 else ""
                repo = hub.repos.get(repo_id)
                if parts[:2] != ["api", "datasets"] or repo is None:
                    return self._reply(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                if action == "preupload":
                    files = json.loads(body)["files"]
                    return self._reply(200, {"files": [{"path": f["path"], "uploadMode": "regular",
                                                        "shouldIgnore": False} for f in files]})
                if action == "commit":
                    lines = [json.loads(line) for line in body.splitlines() if line.strip()]
                    added = {}
                    for line in lines:
                        if line["key"] == "file":
                            added[line["value"]["path"]] = base64.b64decode(line["value"]["content"])
                        elif line["key"] != "header":
                            return self._reply(400, {"error": f"fake hub: unsupported {line['key']}"})
                    repo["files"].update(added)
                    oid = hashlib.sha1(repo["head"].encode() + body).hexdigest()
                    repo["head"] = oid
                    repo["commits"].append({"oid": oid, "header": lines[0]["value"], "files": sorted(added)})
                    return self._reply(200, {"commitUrl": f"{hub.url}/datasets/{repo_id}/commit/{oid}",
                                             "commitOid": oid})
                if action == "tag":
                    tag = json.loads(body)["tag"]
                    if tag in repo["tags"]:
                        return self._reply(409, {"error": f"Tag {tag} already exists"})
                    repo["tags"][tag] = parts[5]
                    return self._reply(200, {})
                self._reply(404, {"error": f"fake hub: no POST {self.path}"})

        return Handler

    def _validate_yaml(self, handler, payload: dict) -> None:
        """Like the Hub: the README's front matter must be a YAML mapping; a dataset card needs configs."""
        import yaml

        self.validated.append(payload)
        text = payload["content"]
        errors = []
        try:
            meta = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else None
        except yaml.YAMLError as err:
            meta, errors = None, [{"message": f"YAML: {err}"}]
        if not isinstance(meta, dict):
            errors = errors or [{"message": "no YAML front matter"}]
        elif payload["repoType"] == "dataset" and not all("config_name" in c for c in meta.get("configs", [{}])):
            errors.append({"message": "configs without config_name"})
        handler._reply(400 if errors else 200, {"errors": errors, "warnings": []})

    def _record(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        self.requests.append({"method": handler.command, "path": handler.path.split("?")[0],
                              "auth": handler.headers.get("Authorization"), "size": len(body)})

    def endpoints(self) -> list[str]:
        return [f"{r['method']} {r['path']}" for r in self.requests]


@pytest.fixture
def hub():
    fake = FakeHub()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    write_synthetic_corpus(root / "corpus", 6)
    return build(root / "corpus", root / "dist", "0.1.0").path


@pytest.fixture
def changelog(tmp_path) -> Path:
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Changelog\n\n## [0.1.0] - 2026-11-26\n\n- First release.\n", encoding="utf-8")
    return path


def run_publish(build_dir: Path | None, changelog: Path | None, home: Path, hub: FakeHub | None,
                token: str | None = TOKEN, extra: list[str] = ()) -> subprocess.CompletedProcess:
    """`newsevents publish` run in `home`; a None build or changelog leaves that option to its default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env.update({"HF_HOME": str(home), "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1",
                "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"})
    if hub is not None:
        env["HF_ENDPOINT"] = hub.url
    if token is not None:
        env["HF_TOKEN"] = token
    options = [*(["--build", str(build_dir)] if build_dir else []), *(["--changelog", str(changelog)] if changelog else [])]
    return subprocess.run([sys.executable, "-m", "newsevents", "publish", "--repo-id", REPO_ID, *options, *extra],
                          capture_output=True, text=True, env=env, timeout=120, cwd=home, check=False)


def _files_holding(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_publish_uploads_every_file_and_tags_the_commit(release, changelog, hub, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_publish(release, changelog, home, hub)
    assert result.returncode == 0, result.stderr
    repo = hub.repos[REPO_ID]
    manifest = read_manifest(release)
    expected = sorted([e["path"] for e in manifest["files"]] + [MANIFEST])
    assert sorted(repo["files"]) == expected
    for entry in manifest["files"]:
        assert hashlib.sha256(repo["files"][entry["path"]]).hexdigest() == entry["sha256"]
    assert len(repo["commits"]) == 1
    commit = repo["commits"][0]
    assert commit["header"]["summary"] == "Release 0.1.0"
    assert "First release." in commit["header"]["description"]
    assert repo["tags"] == {"0.1.0": commit["oid"]}
    assert hub.endpoints() == [
        f"GET /api/datasets/{REPO_ID}/refs",
        "POST /api/repos/create",
        "POST /api/validate-yaml",
        f"POST /api/datasets/{REPO_ID}/preupload/main",
        f"POST /api/datasets/{REPO_ID}/commit/main",
        f"POST /api/datasets/{REPO_ID}/tag/{commit['oid']}",
    ]
    assert all(r["auth"] == f"Bearer {TOKEN}" for r in hub.requests)
    assert commit["oid"] in result.stdout and "0.1.0" in result.stdout
    assert hub.validated == [{"content": (release / "README.md").read_text(encoding="utf-8"), "repoType": "dataset"}]


def test_token_never_reaches_output_or_disk(release, changelog, hub, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    ok = run_publish(release, changelog, home, hub)
    hub.repos[REPO_ID]["tags"].clear()
    hub.requests.clear()
    # a failure on the Hub side (401 from a wrong token) must not echo the token either
    bad = run_publish(release, changelog, home, hub, token=TOKEN + "x")
    assert ok.returncode == 0 and bad.returncode == 2
    for out in (ok.stdout, ok.stderr, bad.stdout, bad.stderr):
        assert TOKEN not in out
    assert "Traceback" not in bad.stderr and "refused" in bad.stderr
    assert _files_holding(tmp_path, TOKEN.encode()) == []
    assert _files_holding(release, TOKEN.encode()) == []


def test_missing_token_is_refused_before_any_request(release, changelog, hub, tmp_path):
    result = run_publish(release, changelog, tmp_path, hub, token=None)
    assert result.returncode == 2
    assert "HF_TOKEN is not set" in result.stderr and "Traceback" not in result.stderr
    assert hub.requests == []


def test_release_without_changelog_entry_is_refused(release, hub, tmp_path):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [0.0.9]\n\n- Older.\n", encoding="utf-8")
    result = run_publish(release, changelog, tmp_path, hub)
    assert result.returncode == 2
    assert "no entry for 0.1.0" in result.stderr
    assert hub.requests == []


def test_edited_build_is_refused(release, changelog, hub, tmp_path):
    import shutil

    copy = tmp_path / "0.1.0"
    shutil.copytree(release, copy)
    with open(copy / "README.md", "a", encoding="utf-8") as handle:
        handle.write("edited by hand\n")
    result = run_publish(copy, changelog, tmp_path, hub)
    assert result.returncode == 2
    assert "does not match its manifest" in result.stderr and "README.md" in result.stderr
    assert hub.requests == []


def test_a_version_is_published_once_and_the_next_one_goes_to_the_same_repo(release, changelog, hub, tmp_path):
    assert run_publish(release, changelog, tmp_path, hub).returncode == 0
    again = run_publish(release, changelog, tmp_path, hub)
    assert again.returncode == 2
    assert "already has a tag 0.1.0" in again.stderr
    assert len(hub.repos[REPO_ID]["commits"]) == 1
    write_synthetic_corpus(tmp_path / "corpus", 7)
    newer = build(tmp_path / "corpus", tmp_path / "dist", "0.2.0").path
    changelog.write_text(changelog.read_text() + "\n## [0.2.0] - 2026-12-01\n\n- One more document.\n")
    assert run_publish(newer, changelog, tmp_path, hub).returncode == 0
    repo = hub.repos[REPO_ID]
    assert [c["header"]["summary"] for c in repo["commits"]] == ["Release 0.1.0", "Release 0.2.0"]
    assert repo["tags"] == {"0.1.0": repo["commits"][0]["oid"], "0.2.0": repo["commits"][1]["oid"]}
    assert repo["files"]["manifest.json"] == (newer / "manifest.json").read_bytes()


def test_defaults_are_dist_and_changelog_of_the_current_directory(release, hub, tmp_path):
    import shutil

    shutil.copytree(release, tmp_path / "dist" / "0.1.0")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [0.0.9]\n\n- Older.\n", encoding="utf-8")
    refused = run_publish(None, None, tmp_path, hub, extra=["--version", "0.1.0"])
    assert refused.returncode == 2 and "no entry for 0.1.0" in refused.stderr and hub.requests == []
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [0.1.0]\n\n- First.\n", encoding="utf-8")
    published = run_publish(None, None, tmp_path, hub, extra=["--version", "0.1.0"])
    assert published.returncode == 0, published.stderr
    assert list(hub.repos[REPO_ID]["tags"]) == ["0.1.0"]

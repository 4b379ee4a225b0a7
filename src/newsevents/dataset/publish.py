"""Upload a build to a Hugging Face dataset repository and tag the revision with its version.

The token comes from the HF_TOKEN environment variable and is passed to `HfApi` in memory only:
never read from or written to a file, never printed, and scrubbed from any error message that
reaches the user. The endpoint is HF_ENDPOINT when set (a mirror, or the tests' local fake Hub).
A build is uploaded only when its files still match its manifest and CHANGELOG.md has an entry
for its version, and a version already tagged on the Hub is refused (a release is immutable).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .changelog import changelog_entry
from .manifest import read_manifest, verify_manifest


class PublishError(ValueError):
    """A publish that must not go ahead, or failed on the Hub; the message never holds the token."""


@dataclass(frozen=True)
class Published:
    repo_id: str
    version: str
    commit: str
    url: str


def _token() -> str:
    token = os.environ.get("HF_TOKEN", "").strip()
    if not token:
        raise PublishError("HF_TOKEN is not set: export a Hugging Face write token in the environment")
    return token


def check_publishable(build_dir: Path, changelog: Path) -> str:
    """The build's version, after checking the files match the manifest and the changelog has an entry."""
    problems = verify_manifest(build_dir)
    if problems:
        raise PublishError("the build does not match its manifest; rebuild it:\n" + "\n".join(problems))
    version = read_manifest(build_dir)["version"]
    if not changelog_entry(changelog, version):
        raise PublishError(f"{changelog} has no entry for {version}: add `## [{version}]` with what changed")
    return version


def publish(build_dir: Path, repo_id: str, changelog: Path, private: bool | None = None) -> Published:
    from huggingface_hub import HfApi

    version = check_publishable(Path(build_dir), changelog)
    token = _token()
    api = HfApi(endpoint=os.environ.get("HF_ENDPOINT") or None, token=token)
    try:
        if any(tag.name == version for tag in _tags(api, repo_id)):
            raise PublishError(f"{repo_id} already has a tag {version}: releases are immutable, bump the version")
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True, private=private)
        commit = api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(build_dir),
                                   commit_message=f"Release {version}",
                                   commit_description=changelog_entry(changelog, version))
        api.create_tag(repo_id, repo_type="dataset", tag=version, revision=commit.oid,
                       tag_message=f"newsevents {version}")
    except PublishError:
        raise
    except Exception as err:  # noqa: BLE001 -- any failure talking to the Hub reaches the user token-free
        message = str(err).replace(token, "***").strip()
        raise PublishError(f"the Hub refused the upload to {repo_id}: {type(err).__name__}: {message}") from None
    return Published(repo_id, version, commit.oid, f"{api.endpoint}/datasets/{repo_id}/tree/{version}")


def _tags(api, repo_id: str) -> list:
    """The repository's tags; none when the repository does not exist yet."""
    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        return list(api.list_repo_refs(repo_id, repo_type="dataset").tags)
    except RepositoryNotFoundError:
        return []

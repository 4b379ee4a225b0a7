"""`newsevents publish`: upload a build to a Hugging Face dataset repository, tagged with its version."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import default_changelog, default_dist


def register(sub: argparse._SubParsersAction) -> None:
    from .. import __version__

    parser = sub.add_parser(
        "publish",
        help="upload a build to a Hub dataset repo and tag it with the version (token from HF_TOKEN)",
        description="Check the build against its manifest and CHANGELOG.md, create the dataset repo if needed, "
        "upload the build folder in one commit and tag that commit with the version. The token is read "
        "from the HF_TOKEN environment variable only; HF_ENDPOINT selects another Hub endpoint.",
    )
    parser.add_argument("--repo-id", required=True, metavar="ORG/NAME", help="the dataset repository")
    parser.add_argument("--build", type=Path, default=None,
                        help=f"build folder (default: ./dist/<version>, version {__version__} unless --version)")
    parser.add_argument("--version", dest="release", default=__version__, metavar="X.Y.Z",
                        help="the release to publish from dist/ when --build is not given")
    parser.add_argument("--changelog", type=Path, default=default_changelog(),
                        help="CHANGELOG.md that must have an entry for the version (default: ./CHANGELOG.md)")
    parser.add_argument("--private", action="store_true", help="create the repository as private")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..dataset.publish import publish
    build_dir = args.build or default_dist() / args.release
    if not build_dir.is_dir():
        raise FileNotFoundError(f"{build_dir}: no such build; run `newsevents build --version {args.release}` first")
    done = publish(build_dir, args.repo_id, args.changelog,
                   private=True if args.private else None)
    print(f"published {done.repo_id} {done.version} (commit {done.commit}): {done.url}")
    return 0

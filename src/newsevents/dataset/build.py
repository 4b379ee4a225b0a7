"""`dist/<version>/` from corpus/: validate, write Parquet per config and split, the card, the
datasheet, the schema files and the checksum manifest.

Everything is written to a temporary folder next to the target and moved into place at the end,
so a failed build leaves the previous one untouched and re-running a build is always safe. Nothing
in the output depends on the clock or the file system's order: the same corpus gives the same
bytes (for one pyarrow version, which the manifest records).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..document import write_text_atomic
from ..paths import SPLITS, default_datasheet, schema_dir
from ..schema import Taxonomy, human_statuses, load_taxonomy
from .agreement import corpus_agreement
from .card import CardInput, data_path, render_card
from .corpus import check_corpus, is_released, iter_documents
from .datasheet import DatasheetInput, read_hand_written, render_datasheet
from .features import CONFIGS, config_features
from .manifest import MANIFEST, manifest_text
from .parquet import SplitWriter
from .rows import Encoder, document_row, sentence_rows
from .stats import CorpusStats

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")
SCHEMA_FILES = ("taxonomy.json", "document.schema.json", "evaluation.schema.json", "GUIDELINES.md")


@dataclass(frozen=True)
class BuildResult:
    path: Path
    version: str
    rows: dict[str, dict[str, int]]
    arrow_bytes: dict[str, dict[str, int]]
    stats: CorpusStats


def check_version(version: str) -> str:
    if not SEMVER.match(version):
        raise ValueError(f"version {version!r} is not semantic (MAJOR.MINOR.PATCH, e.g. 0.1.0)")
    return version


def write_rows(corpus_dir: Path, folder: Path, taxonomy: Taxonomy) -> tuple[dict, dict, CorpusStats]:
    """One pass over the corpus: both configs' Parquet files and the stats. Returns rows and Arrow
    bytes per config and split (splits without rows have no file and no entry)."""
    enc, stats = Encoder.from_taxonomy(taxonomy), CorpusStats()
    schemas = {c: config_features(c, taxonomy).arrow_schema for c in CONFIGS}
    rows: dict[str, dict[str, int]] = {c: {} for c in CONFIGS}
    arrow_bytes: dict[str, dict[str, int]] = {c: {} for c in CONFIGS}
    documents = iter_documents(corpus_dir)
    writers = {c: {s: SplitWriter(folder / data_path(c, s), schemas[c]) for s in SPLITS} for c in CONFIGS}
    try:
        for doc in documents:
            if not is_released(doc):
                stats.leave_out(doc)
                continue
            split = doc["meta"]["split"]
            sentences, losses = sentence_rows(doc, enc)
            writers["documents"][split].write([document_row(doc, enc)])
            writers["sentences"][split].write(sentences)
            stats.add(doc, losses)
        for config, by_split in writers.items():
            for split, writer in by_split.items():
                if writer.close():
                    rows[config][split] = writer.rows
                    arrow_bytes[config][split] = writer.arrow_bytes
    except BaseException:
        for by_split in writers.values():
            for writer in by_split.values():
                writer.abort()
        raise
    return rows, arrow_bytes, stats


def _replace_dir(source: Path, target: Path) -> None:
    """Move a finished build into place; the old one is removed only after the new one is there."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        target.rename(old / target.name)
    source.rename(target)
    if old is not None:
        shutil.rmtree(old)


def _make_readable(folder: Path) -> None:
    """Temporary files are created private (0600/0700); a release is for everyone to read."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def build(corpus_dir: Path, out_root: Path, version: str = __version__,
          datasheet_source: Path | None = None) -> BuildResult:
    """Build release `version` of the corpus into `out_root/version`. `datasheet_source` is the
    DATASHEET.md whose hand-written sections are carried into the build (default: ./DATASHEET.md)."""
    import datasets
    import pyarrow

    check_version(version)
    corpus_dir, out_root = Path(corpus_dir), Path(out_root)
    check_corpus(corpus_dir)
    taxonomy = load_taxonomy()
    out_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{version}.build.", dir=out_root))
    try:
        rows, arrow_bytes, stats = write_rows(corpus_dir, work, taxonomy)
        empty = [c for c in CONFIGS if not rows[c]]
        if empty:
            left_out = ", ".join(f"{n} {status}" for status, n in sorted(stats.left_out.items())) or "none"
            raise ValueError(f"{corpus_dir}: nothing to release in config(s) {', '.join(empty)}: only documents "
                             "with status " + " or ".join(human_statuses()) + f" are released (left out: {left_out}); "
                             "documents without sentences give no sentence rows")
        write_text_atomic(work / "README.md", render_card(CardInput(version, taxonomy, stats, rows, arrow_bytes)))
        hand = read_hand_written(datasheet_source or default_datasheet())
        sheet = DatasheetInput(stats, taxonomy, corpus_agreement(corpus_dir), hand, version)
        write_text_atomic(work / "DATASHEET.md", render_datasheet(sheet))
        for name in SCHEMA_FILES:
            (work / "schema").mkdir(exist_ok=True)
            shutil.copyfile(schema_dir() / name, work / "schema" / name)
        info = {"name": "newsevents", "version": version, "taxonomy_version": taxonomy.version,
                "newsevents_version": __version__, "pyarrow_version": pyarrow.__version__,
                "datasets_version": datasets.__version__, "rows": rows}
        write_text_atomic(work / MANIFEST, manifest_text(info, work))
        _make_readable(work)
        target = out_root / version
        _replace_dir(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildResult(target, version, rows, arrow_bytes, stats)

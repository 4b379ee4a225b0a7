"""Inter-annotator agreement for the datasheet, through `newsevents.agreement` when it is installed.

Agreement needs documents annotated by two people; the datasheet says plainly when it was not
computed and why, rather than print a number that does not exist.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from .stats import CorpusStats


@dataclass(frozen=True)
class Agreement:
    lines: tuple[str, ...]          # markdown lines for the datasheet (a table, or one sentence)
    computed: bool


def not_computed(reason: str) -> Agreement:
    return Agreement((f"Agreement: not computed. {reason}",), False)


def corpus_agreement(corpus_dir: Path, stats: CorpusStats) -> Agreement:
    if stats.multi_annotated == 0:
        return not_computed("No document in the corpus has layers from two human annotators, "
                            "so there is nothing to compare.")
    try:
        module = importlib.import_module("newsevents.agreement")
    except ModuleNotFoundError:
        return not_computed("The `newsevents.agreement` module is not part of this installation yet.")
    function = getattr(module, "corpus_agreement", None)
    if function is None:
        return not_computed("`newsevents.agreement` has no `corpus_agreement(corpus_dir)` function.")
    return _as_agreement(function(Path(corpus_dir)))


def _as_agreement(result: object) -> Agreement:
    """Render the module's result: a mapping of measure -> value, or already-formatted lines."""
    if isinstance(result, dict):
        lines = ["| measure | value |", "|---|---|"]
        lines += [f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |" for k, v in result.items()]
        return Agreement(tuple(lines), True)
    return Agreement(tuple(str(result).splitlines()), True)

"""Inter-annotator agreement for the datasheet, computed by `newsevents.agreement` (pairwise F1 with
the benchmark's own scorer) and rendered as a table.

Agreement needs two layers on one document; the datasheet says plainly when there are none,
rather than print a number that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Agreement:
    lines: tuple[str, ...]          # markdown lines for the datasheet (a table, or one sentence)
    computed: bool


def corpus_agreement(corpus_dir: Path) -> Agreement:
    """Pairwise F1 over every document of the corpus: human layer vs human layer, and the gold
    layer vs each annotator's or pre-labeler's layer."""
    from ..agreement import SUMMARY_TASKS, agreement_paths

    pairs = agreement_paths([Path(corpus_dir)])
    if not pairs:
        return Agreement((("Agreement: not computed. No document has two annotators' layers, or an annotator's "
                          "or pre-labeler's layer next to its gold annotation, so there is nothing to compare."),),
                         False)
    lines = [("Agreement (pairwise F1 with the benchmark's scorer, micro-averaged over the documents both "
             "layers annotate; `gold` is the adjudicated layer):"), "",
             "| left | right | documents | " + " | ".join(f"{t.replace('_', ' ')} F1" for t in SUMMARY_TASKS) + " |",
             "|---|---|---|" + "---|" * len(SUMMARY_TASKS)]
    for pair in pairs:
        f1 = " | ".join(f"{pair.scores.tasks[t].f1:.3f}" for t in SUMMARY_TASKS)
        lines.append(f"| {pair.left} | {pair.right} | {pair.scores.documents} | {f1} |")
    if all(pair.left == "gold" for pair in pairs):
        lines += ["", ("No document has layers from two human annotators yet: the rows compare layers with the "
                      "gold annotation only, which is not inter-annotator agreement.")]
    return Agreement(tuple(lines), True)

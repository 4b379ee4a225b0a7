"""Exported tasks -> validated, merged corpus documents.

Label Studio stores whatever it is sent, so everything that comes back is checked: the task's text
against the document (did the document change since the push?), each annotation's structure
(convert), each annotation on its own against the validator (offsets, span text, taxonomy, roles
allowed for the event and entity types), and finally the merged document. A document with any
rejected annotation is not written at all: no half-merged file. Each rejection is one line naming
the document, the task, the annotation and its annotator, and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import iter_document_files, read_document, write_document
from ..schema import Taxonomy, load_taxonomy
from ..validate import Problem, validate_document
from . import TEXT_NAME
from .convert import results_to_layer
from .merge import Annotation, merge_document


@dataclass
class PullReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: dict[str, list[str]] = field(default_factory=dict)  # doc id -> reasons
    cancelled: int = 0

    def reject(self, doc_id: str, reason: str) -> None:
        self.rejected.setdefault(doc_id, []).append(reason)

    def summary(self) -> str:
        return (
            f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.rejected)} rejected, {self.cancelled} skipped (cancelled) annotations"
        )


def index_corpus(corpus_dir: Path) -> dict[str, Path]:
    """Document id -> file (the file name is the id, checked by the validator)."""
    return {path.stem: path for path in iter_document_files([corpus_dir])}


def _annotator(completed_by: object, users: dict[int, str]) -> str:
    if isinstance(completed_by, dict):  # some exports expand the user
        return completed_by.get("email") or users.get(
            completed_by.get("id"), f"user-{completed_by.get('id')}"
        )
    return users.get(completed_by, f"user-{completed_by}")


_INDEXED = re.compile(r"^/(entities|events)/(\d+)")


def _explain(problem: Problem, layer: dict) -> str:
    """A validator problem in terms of the annotation's region ids (what the annotator sees)."""
    match = _INDEXED.match(problem.pointer)
    where = problem.pointer
    if match:
        kind, index = match.group(1), int(match.group(2))
        item = layer[kind][index]
        where = f"region {item['id']!r} ({'entity' if kind == 'entities' else 'trigger'} {item['type']})"
        rest = problem.pointer[match.end() :]
        if rest.startswith("/arguments/"):
            argument = item["arguments"][int(rest.split("/")[2])]
            where += f", argument {argument['role']} -> {argument['entity']!r}"
    return f"{where}: [{problem.rule}] {problem.detail()}"


def _task_range(task: dict, doc: dict) -> tuple[int, int] | str:
    """The task's (start, end) in the document, or why its text no longer matches."""
    data = task.get("data") or {}
    text, offset = data.get(TEXT_NAME), data.get("offset", 0)
    if not isinstance(text, str) or not isinstance(offset, int):
        return "task data lacks text/offset (not pushed by `newsevents ls push`?)"
    if doc["text"][offset : offset + len(text)] != text:
        return f"the document's text at {offset}..{offset + len(text)} changed since the push; re-push the document"
    return offset, offset + len(text)


def _convert_task(
    task: dict, doc: dict, users: dict[int, str], taxonomy: Taxonomy, report: PullReport
) -> list[Annotation]:
    """The task's usable annotations; every problem goes to the report."""
    if not task.get("annotations"):  # nothing to map back, so a changed text does not matter here
        return []
    doc_id = doc["id"]
    label = f"task {task.get('id')} ({(task.get('data') or {}).get('key', '?')})"
    span = _task_range(task, doc)
    if isinstance(span, str):
        report.reject(doc_id, f"{label}: {span}")
        return []
    start, end = span
    # The annotation alone, checked as a document: its segmentation is checked once, on the merge.
    bare = {k: v for k, v in doc.items() if k != "layers"} | {"sentences": [], "tokens": []}
    out = []
    for raw in task.get("annotations") or []:
        if raw.get("was_cancelled"):
            report.cancelled += 1
            continue
        who = _annotator(raw.get("completed_by"), users)
        where = f"{label} annotation {raw.get('id')} by {who}"
        converted = results_to_layer(raw.get("result"), doc["text"][start:end], start, doc["text"])
        problems = [f"{where}: {p}" for p in converted.problems]
        if not problems:
            layer = {**bare, "entities": converted.entities, "events": converted.events}
            problems = [f"{where}: {_explain(p, layer)}" for p in validate_document(layer, doc_id, taxonomy)]
        for problem in problems:
            report.reject(doc_id, problem)
        if not problems:
            out.append(
                Annotation(
                    who,
                    int(raw.get("id") or 0),
                    str(raw.get("updated_at") or ""),
                    start,
                    end,
                    converted.entities,
                    converted.events,
                    ground_truth=bool(raw.get("ground_truth")),
                )
            )
    return out


def pull_tasks(
    tasks: list[dict],
    users: dict[int, str],
    corpus_dir: Path,
    reviewer: str | None = None,
    taxonomy: Taxonomy | None = None,
    dry_run: bool = False,
) -> PullReport:
    """Merge exported tasks into the corpus documents they came from."""
    taxonomy = taxonomy or load_taxonomy()
    report = PullReport()
    files = index_corpus(corpus_dir)
    by_doc: dict[str, list[dict]] = {}
    for task in tasks:
        doc_id = (task.get("data") or {}).get("doc_id")
        if not isinstance(doc_id, str):
            if task.get("annotations"):
                report.reject(
                    "<unknown>", f"task {task.get('id')} has no doc_id: not pushed by `newsevents ls push`"
                )
            continue
        by_doc.setdefault(doc_id, []).append(task)
    for doc_id, doc_tasks in sorted(by_doc.items()):
        if not any(t.get("annotations") for t in doc_tasks):
            continue
        path = files.get(doc_id)
        if path is None:
            report.reject(
                doc_id,
                f"no document {doc_id!r} under {corpus_dir} (tasks {[t.get('id') for t in doc_tasks]})",
            )
            continue
        try:
            doc = read_document(path)
        except ValueError as err:
            report.reject(doc_id, f"{err}; run `newsevents validate`")  # err names the file and place
            continue
        annotations = [a for task in doc_tasks for a in _convert_task(task, doc, users, taxonomy, report)]
        if doc_id in report.rejected:
            continue
        merged = merge_document(doc, annotations, reviewer)
        problems = validate_document(merged, str(path), taxonomy)
        if problems:
            for problem in problems:
                report.reject(doc_id, f"merged document: {problem}")
            continue
        if merged == doc or dry_run:
            (report.unchanged if merged == doc else report.written).append(doc_id)
        elif write_document(path, merged):
            report.written.append(doc_id)
        else:
            report.unchanged.append(doc_id)
    return report

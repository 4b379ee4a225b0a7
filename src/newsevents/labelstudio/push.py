"""Push: valid corpus documents -> tasks in a Label Studio project, idempotently.

The project is found by title (created when missing, its labeling config brought up to date
with the taxonomy), and a task whose `key` is already in the project is not imported again, so
pushing twice, or pushing after adding documents, never duplicates a task. An existing task gets
the document's current pre-labels as a new prediction only when their model_version is new to it
(a re-run pre-labeler shows up; annotations are never touched). Invalid documents are
not pushed: an annotator must never label a text whose offsets we could not map back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..document import read_document
from ..validate import validate_document
from .config import labeling_config
from .server import Connection, add_prediction, ensure_project, existing_tasks, import_tasks
from .tasks import PushNotes, document_tasks


@dataclass
class PushReport:
    project_id: int = 0
    project_action: str = ""
    imported: int = 0
    already_there: int = 0
    predictions_added: int = 0
    invalid: list[str] = field(default_factory=list)
    notes: PushNotes = field(default_factory=PushNotes)

    def summary(self) -> str:
        return (
            f"project {self.project_id} ({self.project_action}): {self.imported} tasks imported, "
            f"{self.already_there} already there, {self.predictions_added} new predictions on them, "
            f"{len(self.invalid)} documents refused, "
            f"{len(self.notes.skipped_spans)} spans not pushed"
        )


def load_valid(files: Iterable[Path], report: PushReport) -> list[dict]:
    docs = []
    for path in files:
        try:
            doc = read_document(path)
        except ValueError as err:
            report.invalid.append(str(err))  # a DocumentError names the file and place
            continue
        problems = validate_document(doc, str(path))
        if problems:
            report.invalid.append(f"{path}: {len(problems)} problems, first: {problems[0]}")
            continue
        docs.append(doc)
    return docs


def push_documents(
    conn: Connection, project: str, docs: list[dict], granularity: str, report: PushReport | None = None
) -> PushReport:
    report = report or PushReport()
    report.project_id, report.project_action = ensure_project(conn, project, labeling_config())
    known = existing_tasks(conn, report.project_id)
    new_tasks, queued = [], set()
    for doc in docs:
        for task in document_tasks(doc, granularity, report.notes):
            there = known.get(task["data"]["key"])
            if there is None:
                if task["data"]["key"] not in queued:  # the same document given twice
                    queued.add(task["data"]["key"])
                    new_tasks.append(task)
                continue
            report.already_there += 1
            for prediction in task.get("predictions", []):
                if prediction["model_version"] not in there.model_versions:
                    add_prediction(conn, there.id, prediction)
                    report.predictions_added += 1
    report.imported = import_tasks(conn, report.project_id, new_tasks) if new_tasks else 0
    return report

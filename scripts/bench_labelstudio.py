#!/usr/bin/env python3
"""Benchmark the Label Studio round trip on ~1,000 sentence tasks, against named peers.

Measures, in one run on a fresh server:
- cold start: `scripts/labelstudio start --no-template` on an empty data folder until /health
  answers, against the peer "start from the migrated template" (what a fresh folder gets by
  default, e.g. each test session);
- push: `newsevents ls push` logic (project, idempotency check, build tasks, import), against the
  peer "raw SDK import" of the very same task list in one `import_tasks` call;
- re-push (all tasks already there: the idempotency cost);
- pull: export + conversion + validation + merge + atomic writes, against the peer "raw export"
  (`exports.download_sync` of the same project, nothing else);
- re-pull after no change (must write nothing).

Data: the GUM Wikinews news/interview documents of /work/shared/data (one sentence per line),
entities mapped to our types, plus one synthetic event per sentence with an argument so every
task carries relations. Annotations are the predictions accepted unchanged (imported inline),
so pull has a human layer to merge for every task.

    .venv/bin/python scripts/bench_labelstudio.py [--tasks 1000] [--data /work/shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsevents.document import write_document
from newsevents.labelstudio.config import labeling_config
from newsevents.labelstudio.pull import pull_tasks
from newsevents.labelstudio.push import push_documents
from newsevents.labelstudio.server import Connection, client, export_tasks, find_project, user_names
from newsevents.labelstudio.tasks import document_tasks
from newsevents.prelabel.resources import load_label_map
from newsevents.schema import load_taxonomy
from newsevents.validate import validate_document

REPO = Path(__file__).resolve().parent.parent
GUM_TYPES = load_label_map("gum").to_ours()
# The benchmark's synthetic events: the taxonomy's first event type and its first role, whatever
# they are (no label is written here).
BENCH_EVENT = load_taxonomy().event_types[0]
BENCH_ROLE = BENCH_EVENT.roles[0]
TOKEN = "newsevents0bench0token00000000000000000"


def gum_documents(data_dir: Path, max_sentences: int) -> list[dict]:
    """Corpus documents from GUM, one sentence per line, until `max_sentences` sentences."""
    docs, total = [], 0
    with open(data_dir / "gum_news_interview_entities.jsonl", encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            text = raw["text"]
            sentences, start = [], 0
            for piece in text.split("\n"):
                stripped = piece.strip()
                if stripped:
                    first = start + piece.index(stripped)
                    sentences.append({"start": first, "end": first + len(stripped)})
                start += len(piece) + 1
            sentences = sentences[: max_sentences - total]
            limit = sentences[-1]["end"]
            text = text[:limit]
            entities = [
                {
                    "id": f"e{i}",
                    "type": GUM_TYPES[m["type"]],
                    "start": m["start"],
                    "end": m["end"],
                    "text": text[m["start"] : m["end"]],
                    "source": {"model": "gum", "version": "1", "score": 0.9},
                }
                for i, m in enumerate(raw["entities"])
                if m["type"] in GUM_TYPES
                and m["end"] <= limit
                and text[m["start"] : m["end"]].strip() == text[m["start"] : m["end"]]
            ]
            doc = {
                "id": raw["doc_id"].lower().replace("_", "-"),
                "meta": {
                    "title": raw["doc_id"],
                    "source": "GUM",
                    "url": None,
                    "published": "2015-01-01",
                    "language": "en",
                    "licence": "CC BY 2.5",
                    "split": "train",
                },
                "status": "prelabeled",
                "text": text,
                "sentences": sentences,
                "tokens": [],
                "entities": entities,
                "events": _events(text, sentences, entities),
            }
            problems = validate_document(doc, doc["id"])
            if problems:
                raise SystemExit(f"bench data is invalid: {problems[0]}")
            docs.append(doc)
            total += len(sentences)
            if total >= max_sentences:
                break
    return docs


def _events(text: str, sentences: list[dict], entities: list[dict]) -> list[dict]:
    """One BENCH_EVENT per sentence: the first free word as trigger, the first entity its first
    role admits as that argument."""
    events = []
    for s in sentences:
        inside = [e for e in entities if s["start"] <= e["start"] and e["end"] <= s["end"]]
        agent = next((e for e in inside if e["type"] in BENCH_ROLE.entity_types), None)
        if agent is None:
            continue
        taken = [(e["start"], e["end"]) for e in inside]
        position = s["start"]
        for word in text[s["start"] : s["end"]].split(" "):
            end = position + len(word)
            if word.isalpha() and not any(a < end and position < b for a, b in taken):
                events.append(
                    {
                        "id": f"v{len(events)}",
                        "type": BENCH_EVENT.name,
                        "trigger": {"start": position, "end": end, "text": word},
                        "arguments": [{"role": BENCH_ROLE.name, "entity": agent["id"]}],
                        "source": {"model": "bench", "version": "1", "score": 0.5},
                    }
                )
                break
            position = end + 1
    return events


def timed(action):
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


def script(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LABEL_STUDIO_API_KEY": TOKEN}
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "labelstudio"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def accepted(tasks: list[dict]) -> list[dict]:
    """The tasks with their predictions imported as (human) annotations as well."""
    return [
        {**t, "annotations": [{"result": t["predictions"][0]["result"]}]} if t.get("predictions") else t
        for t in tasks
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--port", type=int, default=8097)
    args = parser.parse_args()

    docs = gum_documents(args.data, args.tasks)
    tasks = [t for d in docs for t in document_tasks(d, "sentence")]
    regions = sum(len(t.get("predictions", [{}])[0].get("result", [])) for t in tasks)
    print(f"data: {len(docs)} documents, {len(tasks)} sentence tasks, {regions} predicted results")

    with tempfile.TemporaryDirectory(prefix="bench-ls-") as tmp:
        data = Path(tmp) / "ls"
        if script("install").returncode != 0:
            raise SystemExit("scripts/labelstudio install failed")
        cold = report_starts(Path(tmp), args.port)
        templated, started = timed(lambda: script("start", "--port", str(args.port), "--data", str(data)))
        if started.returncode != 0:
            raise SystemExit(f"server did not start: {started.stderr}")
        try:
            conn = Connection(started.stdout.strip().splitlines()[-1], TOKEN)
            print(f"cold start (fresh data folder, migrating, until /health): {cold:.1f} s; peer start from the "
                  f"migrated template: {templated:.1f} s; ratio cold/template = {cold / templated:.1f}")
            report_push(conn, docs, tasks)
            report_pull(conn, docs, tasks, Path(tmp) / "corpus")
        finally:
            script("stop", "--data", str(data))
    return 0


def report_starts(tmp: Path, port: int) -> float:
    """The cold start's seconds; also makes sure the template exists for the next start."""
    cold, started = timed(lambda: script("start", "--no-template", "--port", str(port), "--data", str(tmp / "cold")))
    if started.returncode != 0:
        raise SystemExit(f"server did not start: {started.stderr}")
    script("stop", "--data", str(tmp / "cold"))
    made = script("start", "--port", str(port), "--data", str(tmp / "template"))  # saves it when missing
    script("stop", "--data", str(tmp / "template"))
    if made.returncode != 0:
        raise SystemExit(f"server did not start: {made.stderr}")
    return cold


def report_push(conn: Connection, docs: list[dict], tasks: list[dict]) -> None:
    push_s, report = timed(lambda: push_documents(conn, "bench-push", docs, "sentence"))
    assert report.imported == len(tasks), report.summary()
    api = client(conn)
    project = api.projects.create(title="bench-raw", label_config=labeling_config())
    raw_s, _ = timed(lambda: api.projects.import_tasks(project.id, request=tasks))
    again_s, again = timed(lambda: push_documents(conn, "bench-push", docs, "sentence"))
    assert again.imported == 0 and again.already_there == len(tasks)
    print(
        f"push {len(tasks)} tasks: {push_s:.2f} s ({len(tasks) / push_s:.0f} tasks/s); "
        f"peer raw SDK import_tasks of the same list: {raw_s:.2f} s; ratio push/raw = {push_s / raw_s:.2f}"
    )
    print(f"re-push (all {len(tasks)} already there, nothing imported): {again_s:.2f} s")


def report_pull(conn: Connection, docs: list[dict], tasks: list[dict], corpus: Path) -> None:
    for doc in docs:
        write_document(corpus / "train" / f"{doc['id']}.json", doc)
    api = client(conn)
    project = api.projects.create(title="bench-pull", label_config=labeling_config())
    api.projects.import_tasks(project.id, request=accepted(tasks))
    project_id = find_project(conn, "bench-pull")
    export_s, _ = timed(lambda: export_tasks(conn, project_id))

    def pull():
        return pull_tasks(export_tasks(conn, project_id), user_names(conn), corpus)

    pull_s, report = timed(pull)
    assert not report.rejected and len(report.written) == len(docs), report.summary()
    again_s, again = timed(pull)
    assert again.written == [] and len(again.unchanged) == len(docs)
    print(
        f"pull {len(tasks)} annotated tasks into {len(docs)} documents: {pull_s:.2f} s "
        f"({len(tasks) / pull_s:.0f} tasks/s); peer raw export alone: {export_s:.2f} s; "
        f"ratio pull/export = {pull_s / export_s:.2f}"
    )
    print(f"re-pull after no change (writes nothing): {again_s:.2f} s")


if __name__ == "__main__":
    sys.exit(main())

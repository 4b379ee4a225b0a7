"""Push to and pull from a real Label Studio server: what annotators do must come back exactly,
and what the server lets through but is wrong must be rejected with a message."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from ls_helpers import make_document, read, spans_only

from newsevents.cli import main
from newsevents.document import iter_document_files, read_document, write_document
from newsevents.labelstudio.pull import pull_tasks
from newsevents.labelstudio.push import push_documents
from newsevents.labelstudio.server import Connection, client, export_tasks, find_project, user_names


def push(conn: Connection, project: str, corpus: Path, granularity: str = "document"):
    docs = [read_document(p) for p in iter_document_files([corpus])]
    return push_documents(conn, project, docs, granularity)


def pull(conn: Connection, project: str, corpus: Path, reviewer: str | None = None):
    return pull_tasks(export_tasks(conn, find_project(conn, project)), user_names(conn), corpus, reviewer)


def tasks_of(conn: Connection, project: str) -> list:
    return list(client(conn).tasks.list(project=find_project(conn, project), fields="all"))


def prediction_result(conn: Connection, task_id: int) -> list[dict]:
    (prediction,) = client(conn).predictions.list(task=task_id)
    return copy.deepcopy(prediction.result)


def annotate(conn: Connection, task_id: int, result: list[dict], **extra) -> int:
    return client(conn).annotations.create(id=task_id, result=result, **extra).id


def region(region_id: str, control: str, label: str, text: str, piece: str) -> dict:
    start = text.index(piece)
    return {
        "id": region_id,
        "from_name": control,
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": start + len(piece), "text": piece, "labels": [label]},
    }


def relation(src: str, dst: str, role: str) -> dict:
    return {"type": "relation", "from_id": src, "to_id": dst, "direction": "right", "labels": [role]}


def test_push_then_pull_of_untouched_predictions_is_lossless_and_push_is_idempotent(
    ls_server, corpus, project_name
):
    path = corpus / "train" / "ls-roundtrip.json"
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    first = push(ls_server, project_name, corpus)
    assert (first.project_action, first.imported) == ("created", 1)
    (task,) = tasks_of(ls_server, project_name)
    (prediction,) = client(ls_server).predictions.list(task=task.id)
    assert prediction.model_version == "lexicon@0.1.0" and prediction.score == 0.5
    assert task.data["text"] == make_document()["text"]

    report = pull(ls_server, project_name, corpus)
    assert (report.written, report.rejected) == ([], {})
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime

    again = push(ls_server, project_name, corpus)
    assert (again.project_action, again.imported, again.already_there) == ("unchanged", 0, 1)
    assert len(tasks_of(ls_server, project_name)) == 1


def test_accepted_predictions_come_back_exactly_and_a_second_pull_writes_nothing(
    ls_server, corpus, project_name
):
    push(ls_server, project_name, corpus)
    (task,) = tasks_of(ls_server, project_name)
    annotate(ls_server, task.id, prediction_result(ls_server, task.id))

    report = pull(ls_server, project_name, corpus)
    assert (report.written, report.rejected) == (["ls-roundtrip"], {})
    doc = read(corpus)
    assert spans_only(doc) == spans_only(make_document())
    assert doc["status"] == "annotated"
    assert {e["source"]["annotator"] for e in doc["entities"]} == {"admin@newsevents.local"}
    (layer,) = doc["layers"]
    assert layer["annotator"] == "admin@newsevents.local" and spans_only(layer) == spans_only(make_document())

    path = corpus / "train" / "ls-roundtrip.json"
    mtime = path.stat().st_mtime_ns
    assert pull(ls_server, project_name, corpus).written == []
    assert path.stat().st_mtime_ns == mtime


def test_a_human_edit_comes_back_exactly(ls_server, corpus, project_name):
    """Accept some predictions, delete one, add an entity, an event and an argument."""
    push(ls_server, project_name, corpus)
    (task,) = tasks_of(ls_server, project_name)
    text = task.data["text"]
    result = [
        r for r in prediction_result(ls_server, task.id) if r.get("id") != "e6" and r.get("to_id") != "e6"
    ]
    result += [
        region("hum1", "entity", "WEA", text, "stones"),
        region("hum2", "trigger", "Justice:Arrest-Jail", text, "arrested"),
    ]
    result = [r for r in result if r.get("id") != "v1" and "v1" not in (r.get("from_id"), r.get("to_id"))]
    result += [relation("hum2", "e1", "Person"), relation("v2", "hum1", "Instrument")]
    annotate(ls_server, task.id, result)

    report = pull(ls_server, project_name, corpus)
    assert report.rejected == {} and report.written == ["ls-roundtrip"]
    expected = spans_only(make_document())
    expected["entities"] = [e for e in expected["entities"] if e["id"] != "e6"]
    stones = make_document()["text"].index("stones")
    expected["entities"].insert(
        5, {"id": "hum1", "type": "WEA", "start": stones, "end": stones + 6, "text": "stones"}
    )
    arrested = expected["events"][0]["trigger"]
    expected["events"][0] = {
        "id": "hum2",
        "type": "Justice:Arrest-Jail",
        "trigger": arrested,
        "arguments": [{"role": "Person", "entity": "e1"}],
    }
    expected["events"][1]["arguments"].append({"role": "Instrument", "entity": "hum1"})
    assert spans_only(read(corpus)) == expected


def test_sentence_tasks_keep_offsets_across_emoji_combining_marks_crlf_and_nbsp(
    ls_server, corpus, project_name
):
    report = push(ls_server, project_name, corpus, granularity="sentence")
    assert report.imported == 2
    assert push(ls_server, project_name, corpus, granularity="sentence").imported == 0
    tasks = {t.data["sentence"]: t for t in tasks_of(ls_server, project_name)}
    second = tasks[1]
    doc_text = make_document()["text"]
    assert doc_text[second.data["offset"] :].startswith(second.data["text"])
    result = prediction_result(ls_server, second.id)
    result.append(region("fire", "entity", "WEA", second.data["text"], "🔥"))
    annotate(ls_server, second.id, result)

    assert pull(ls_server, project_name, corpus).rejected == {}
    doc = read(corpus)
    fire = next(e for e in doc["entities"] if e["id"] == "fire")
    assert doc_text[fire["start"] : fire["end"]] == "🔥" == fire["text"]
    # The first sentence had no annotation: its pre-labels stay, with their model provenance.
    assert next(e for e in doc["entities"] if e["id"] == "e1")["source"]["model"] == "lexicon"
    assert spans_only(doc)["events"] == spans_only(make_document())["events"]


@pytest.mark.parametrize(
    "corrupt, message",
    [
        (
            lambda r: r[0]["value"].update(start=r[0]["value"]["start"] + 1, end=r[0]["value"]["end"] + 1),
            "offsets shifted?",
        ),
        (lambda r: r[0]["value"].update(labels=["PERSON"]), "Unknown entity type. Did you mean 'PER'?"),
        (lambda r: r.append(relation("v1", "gone", "Person")), "points at region 'gone'"),
        (lambda r: r.append(relation("v1", "e5", "Victim")), "Justice:Arrest-Jail has no role 'Victim'"),
        (lambda r: r.append(relation("v2", "e3", "Target")), "does not admit entity e3 of type TIME"),
    ],
    ids=[
        "offset-off-by-one",
        "unknown-label",
        "relation-to-missing-region",
        "role-not-allowed",
        "role-entity-type",
    ],
)
def test_corrupted_annotations_are_rejected_with_a_message_and_nothing_is_written(
    ls_server, corpus, project_name, corrupt, message
):
    push(ls_server, project_name, corpus)
    (task,) = tasks_of(ls_server, project_name)
    result = prediction_result(ls_server, task.id)
    corrupt(result)
    annotation_id = annotate(ls_server, task.id, result)
    path = corpus / "train" / "ls-roundtrip.json"
    before = path.read_bytes()

    report = pull(ls_server, project_name, corpus)
    assert report.written == []
    (reason,) = report.rejected["ls-roundtrip"]
    assert f"annotation {annotation_id} by admin@newsevents.local" in reason and message in reason
    assert path.read_bytes() == before


def test_cli_push_and_pull(ls_server, corpus, project_name, monkeypatch, capsys):
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", ls_server.api_key)
    assert main(["ls", "push", str(corpus), "--project", project_name]) == 0
    assert "1 tasks imported" in capsys.readouterr().out
    (task,) = tasks_of(ls_server, project_name)
    result = prediction_result(ls_server, task.id)
    result[0]["value"]["labels"] = ["NOPE"]
    annotate(ls_server, task.id, result)
    assert main(["ls", "pull", "--project", project_name, "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "rejected ls-roundtrip: task" in err and "unknown-entity-type" in err


def test_cli_pull_names_an_unreachable_server(corpus, monkeypatch, capsys):
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "x" * 40)
    assert main(["ls", "pull", "--url", "http://127.0.0.1:9", "--corpus", str(corpus)]) == 2
    assert "cannot reach Label Studio at http://127.0.0.1:9" in capsys.readouterr().err


def test_two_annotators_get_their_own_layers_and_the_reviewer_decides_gold(ls_server, corpus, project_name):
    api = client(ls_server)
    reviewer = f"{project_name[:10]}-reviewer@example.org"
    reviewer_id = api.users.create(
        email=reviewer, username=reviewer.split("@")[0], password="pw-reviewer-1"
    ).id
    push(ls_server, project_name, corpus)
    (task,) = tasks_of(ls_server, project_name)
    accepted = prediction_result(ls_server, task.id)
    without_v2 = [r for r in accepted if "v2" not in (r.get("id"), r.get("from_id"))]
    annotate(ls_server, task.id, without_v2, completed_by=reviewer_id)
    annotate(ls_server, task.id, accepted)  # the admin, later

    assert pull(ls_server, project_name, corpus).written == ["ls-roundtrip"]
    doc = read(corpus)
    assert "v2" in {v["id"] for v in doc["events"]} and doc["status"] == "annotated"
    layers = {layer["annotator"]: layer for layer in doc["layers"]}
    assert set(layers) == {"admin@newsevents.local", reviewer}
    assert "v2" not in {v["id"] for v in layers[reviewer]["events"]}

    assert pull(ls_server, project_name, corpus, reviewer=reviewer).written == ["ls-roundtrip"]
    doc = read(corpus)
    assert "v2" not in {v["id"] for v in doc["events"]} and doc["status"] == "reviewed"
    assert {e["source"]["annotator"] for e in doc["entities"]} == {reviewer}


def test_a_new_prelabel_version_is_added_to_existing_tasks_once(ls_server, corpus, project_name):
    push(ls_server, project_name, corpus)
    doc = read(corpus)
    for span in [*doc["entities"], *doc["events"]]:
        span["source"]["version"] = "0.2.0"
    write_document(corpus / "train" / "ls-roundtrip.json", doc)
    report = push(ls_server, project_name, corpus)
    assert (report.imported, report.already_there, report.predictions_added) == (0, 1, 1)
    assert push(ls_server, project_name, corpus).predictions_added == 0
    (task,) = tasks_of(ls_server, project_name)
    versions = sorted(p.model_version for p in client(ls_server).predictions.list(task=task.id))
    assert versions == ["lexicon@0.1.0", "lexicon@0.2.0"]

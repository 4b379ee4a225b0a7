"""Document files and JSON Lines: canonical, atomic, readable by others, and every unreadable
input named by file and place."""

from __future__ import annotations

import os
import stat

import pytest

from newsevents.document import (
    DocumentError,
    JsonlWriter,
    dumps_document,
    read_document,
    read_jsonl,
    write_document,
    write_text_atomic,
)


def test_write_is_canonical_and_a_rerun_writes_nothing(tmp_path):
    doc = {"text": "Hi.", "id": "a", "events": [], "meta": {"b": 1, "a": 2}}
    path = tmp_path / "train" / "a.json"
    assert write_document(path, doc) is True
    assert list(read_document(path)) == ["id", "meta", "text", "events"]
    assert path.read_text(encoding="utf-8") == dumps_document(doc) and dumps_document(doc).endswith("}\n")
    before = path.stat().st_mtime_ns
    assert write_document(path, dict(reversed(list(doc.items())))) is False
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in path.parent.iterdir()] == ["a.json"], "no temporary file left behind"


def test_written_files_get_the_umask_mode_not_mkstemps_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.json", "{}\n")
        with JsonlWriter(tmp_path / "b.jsonl") as writer:
            writer.write({"id": "x"})
    finally:
        os.umask(old)
    for name in ("a.json", "b.jsonl"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name


def test_a_failed_jsonl_write_leaves_no_output(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), JsonlWriter(target) as writer:
        writer.write({"id": "x"})
        raise RuntimeError("stage failed")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": "a"', r"x\.json: not valid JSON: .* \(line 1, column 11\)"),
        (b"caf\xe9", r"x\.json: not UTF-8 \(.* at byte 3\)"),
        (b"[1, 2]", r"x\.json: expected a JSON object, found list"),
    ],
)
def test_read_document_names_the_file_and_place(tmp_path, content, message):
    (tmp_path / "x.json").write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read_document(tmp_path / "x.json")


def test_read_document_accepts_a_byte_order_mark(tmp_path):
    (tmp_path / "x.json").write_bytes('\ufeff{"id": "x"}'.encode())
    assert read_document(tmp_path / "x.json") == {"id": "x"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[1]", r"in\.jsonl:3: expected a JSON object, found list"),
        (b'{"text": "no id"}', r'in\.jsonl:3: the document has neither "id" nor "doc_id"'),
        (b'{"id": "b", "text": "caf\xe9"}', r"in\.jsonl:3: not UTF-8"),
        (b'{"id": "b",', r"in\.jsonl:3: not valid JSON"),
    ],
)
def test_read_jsonl_names_the_line(tmp_path, line, message):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a"}\n\n' + line + b"\n")
    documents = read_jsonl(path)
    assert next(documents) == {"id": "a"}, "streamed: the first line comes before the bad one is read"
    with pytest.raises(DocumentError, match=message):
        next(documents)

"""Long runs report progress on stderr and end with one summary line."""

from __future__ import annotations

from newsevents.progress import Progress


def test_reports_every_interval_and_summarises(capsys):
    progress = Progress("segment", every=0.0)  # every call is past the interval
    progress.add(sentences=2, tokens=10)
    progress.add(sentences=1, tokens=4)
    progress.finish("out.jsonl")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("segment: 1 documents so far (")
    assert lines[1].startswith("segment: 2 documents so far (")
    assert lines[2].startswith("segment: 2 documents, 3 sentences, 14 tokens -> out.jsonl (")


def test_a_short_run_prints_only_the_summary(capsys):
    progress = Progress("prelabel", every=3600.0)
    progress.add(tokens=5)
    progress.finish("-")
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("prelabel: 1 documents, 5 tokens -> stdout (")

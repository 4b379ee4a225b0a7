"""Each validation rule has one fixture under tests/fixtures/invalid/ (a file, or a folder for the
corpus-wide rules that need several files) that triggers that rule and nothing else."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.document import read_document
from newsevents.validate import RULES, validate_document, validate_paths

INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"
VALID = Path(__file__).resolve().parent / "fixtures" / "valid"
LINE = re.compile(r"^\[(?P<file>\S+)(?: (?P<pointer>/\S*))?\] \[L(?P<level>[1-5]) [A-Z]+ (?P<rule>[a-z0-9-]+)\] .+")


def fixture_for(rule: str) -> Path:
    candidates = [p for p in (INVALID / f"{rule}.json", INVALID / rule) if p.exists()]
    assert len(candidates) == 1, f"rule {rule} needs exactly one fixture under {INVALID}"
    return candidates[0]


def test_every_fixture_names_a_rule():
    names = {p.name.removesuffix(".json") for p in INVALID.iterdir()}
    assert names == set(RULES), f"fixtures without a rule: {names - set(RULES)}; rules without one: {set(RULES) - names}"


@pytest.mark.parametrize("rule", list(RULES))
def test_fixture_triggers_exactly_its_rule(rule: str):
    problems = validate_paths([fixture_for(rule)])
    assert problems, f"{rule}: the fixture passed validation"
    assert {p.rule for p in problems} == {rule}, "\n".join(map(str, problems))
    for problem in problems:
        assert problem.level == RULES[rule][0]
        assert LINE.match(str(problem)), str(problem)
        assert problem.file.endswith(".json")


@pytest.mark.parametrize("path", sorted(VALID.glob("*.json")), ids=lambda p: p.name)
def test_valid_fixture_passes(path: Path):
    assert validate_paths([path]) == []


def test_problem_line_names_file_pointer_rule_expected_and_found():
    (problem,) = validate_paths([INVALID / "role-entity-type.json"])
    assert str(problem) == (
        f"[{INVALID / 'role-entity-type.json'} /events/1/arguments/0] [L4 TAXONOMY role-entity-type] "
        "Role Attacker of Conflict:Attack does not admit entity T7 of type WEA. "
        "Expected: one of PER, ORG, GPE. Found: WEA."
    )


def test_every_problem_in_one_document_is_reported():
    doc = read_document(VALID / "arrest-and-attack.json")
    doc["entities"][0]["text"] = "Polise"
    doc["events"][1]["type"] = "Conflict:Atack"
    doc["events"][0]["arguments"][3]["role"] = "When"
    rules = sorted(p.rule for p in validate_document(doc))
    assert rules == ["span-text-mismatch", "unknown-event-type", "unknown-role"]


def test_layers_are_checked_like_the_gold_layer():
    doc = read_document(VALID / "arrest-and-attack.json")
    layer = {"annotator": "alice", "entities": [dict(doc["entities"][0], type="PERSON")], "events": []}
    doc["layers"] = [layer]
    (problem,) = validate_document(doc, "x.json")
    assert (problem.rule, problem.pointer) == ("unknown-entity-type", "/layers/0/entities/0/type")


def test_offsets_count_code_points_not_bytes_or_utf16():
    doc = read_document(VALID / "arrest-and-attack.json")
    prefix = "\U0001F1FB\U0001F1EA e\u0301 "  # flag = 2 code points, e + combining accent = 2 code points
    shift = len(prefix)
    doc["text"] = prefix + doc["text"]
    for item in doc["sentences"] + doc["tokens"] + doc["entities"] + [e["trigger"] for e in doc["events"]]:
        item["start"] += shift
        item["end"] += shift
    doc["sentences"][0]["start"] = 0
    doc["tokens"] = [{"start": 0, "end": 2}, {"start": 3, "end": 5}] + doc["tokens"]
    assert validate_document(doc) == []


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", "validate", *args], capture_output=True, text=True)


def test_cli_exit_codes_and_summary():
    ok = run_cli(str(VALID))
    assert ok.returncode == 0 and "PASSED" in ok.stdout
    bad = run_cli(str(INVALID / "unknown-role.json"), str(INVALID / "not-json.json"))
    assert bad.returncode == 1
    lines = bad.stdout.splitlines()
    assert [LINE.match(line)["rule"] for line in lines[:-1]] == ["unknown-role", "not-json"]
    assert lines[-1].startswith("*** FAILED *** 2 error(s) in 2 of 2 file(s)")
    assert "Traceback" not in bad.stderr


def test_cli_json_format():
    result = run_cli("--format", "json", str(INVALID / "span-reversed.json"))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"] == 1 and report["errors"] == 1
    (problem,) = report["problems"]
    assert problem["rule"] == "span-reversed" and problem["level"] == 3 and problem["pointer"] == "/entities/0"
    assert problem["expected"] == "start < end" and problem["found"] == "start 6, end 0"


def test_cli_missing_path_is_a_clear_error():
    result = run_cli("no/such/folder")
    assert result.returncode == 2
    assert "no/such/folder: no such file or folder" in result.stderr and "Traceback" not in result.stderr


def schema_mutations() -> list[tuple[str, object]]:
    """Documents that break the schema in every way the schema can be broken, plus valid ones."""
    base = read_document(VALID / "arrest-and-attack.json")
    cases: list[tuple[str, object]] = [("valid", base), ("not-an-object", [base])]

    def mutate(name, change):
        doc = json.loads(json.dumps(base))
        change(doc)
        cases.append((name, doc))

    mutate("bad-slug", lambda d: d.update(id="Not A Slug"))
    mutate("empty-text", lambda d: d.update(text=""))
    mutate("negative-offset", lambda d: d["tokens"][0].update(start=-1))
    mutate("float-offset", lambda d: d["tokens"][0].update(end=6.0))
    mutate("score-above-one", lambda d: d["entities"][0].update(source={"model": "m", "version": "1", "score": 1.5}))
    mutate("both-sources", lambda d: d["entities"][0].update(source={"annotator": "a", "model": "m", "version": "1"}))
    mutate("bad-date", lambda d: d["meta"].update(published="21/01/2019"))
    mutate("bad-split", lambda d: d["meta"].update(split="dev"))
    mutate("null-url-ok", lambda d: d["meta"].update(url=None))
    mutate("extra-meta-ok", lambda d: d["meta"].update(section="World"))
    mutate("argument-extra-key", lambda d: d["events"][0]["arguments"][0].update(start=0))
    mutate("layer-missing-events", lambda d: d.update(layers=[{"annotator": "a", "entities": []}]))
    mutate("layer-ok", lambda d: d.update(layers=[{"annotator": "a", "entities": [], "events": []}]))
    mutate("trigger-missing-text", lambda d: d["events"][0]["trigger"].pop("text"))
    for path in sorted(INVALID.glob("schema-*.json")):
        cases.append((path.stem, read_document(path)))
    return cases


@pytest.mark.parametrize(("name", "doc"), schema_mutations(), ids=[n for n, _ in schema_mutations()])
def test_fast_schema_check_agrees_with_jsonschema(name, doc):
    """The fast validator decides "valid?"; jsonschema (draft 2020-12, integers without a decimal
    point) is the reference."""
    import fastjsonschema

    from newsevents.validate import _schema_validators

    fast, reference = _schema_validators()
    try:
        fast(doc)
        fast_valid = True
    except fastjsonschema.JsonSchemaValueException:
        fast_valid = False
    assert fast_valid == reference.is_valid(doc)
    assert fast_valid == name.endswith(("valid", "-ok"))


@pytest.mark.parametrize("content", ['{"id": "x",\n', "", "\n\n"], ids=["cut-short", "empty", "blank-lines"])
def test_a_file_cut_short_is_a_problem_not_a_crash(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    (problem,) = validate_paths([path])
    assert problem.rule == "not-json" and problem.message.startswith("Line ")


def test_tokens_without_sentences_is_one_problem():
    doc = read_document(VALID / "arrest-and-attack.json")
    doc["sentences"] = []
    (problem,) = validate_document(doc, "x.json")
    assert (problem.rule, problem.pointer) == ("token-outside-sentence", "/sentences")


def test_each_missing_key_is_named_at_its_own_pointer(tmp_path):
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    problems = validate_paths([tmp_path / "x.json"])
    assert {p.rule for p in problems} == {"schema-required"}
    assert sorted(p.pointer for p in problems) == sorted(
        f"/{key}" for key in ("id", "text", "meta", "status", "sentences", "tokens", "entities", "events")
    )
    assert all(p.expected == "the key " + repr(p.pointer[1:]) for p in problems)

"""The contribution gate: five levels of checks over corpus documents.

Modelled on the Universal Dependencies validator: every problem is a value with a place (file and
JSON pointer), a level, a stable rule id, and what was expected and found, so a contributor can fix
it without reading code, and so tests can pin one rule per fixture. Levels:

1. FILE: UTF-8, JSON, file name equals `id`;
2. SCHEMA: schema/document.schema.json;
3. TEXT: offsets inside the text and forward, span text equals the slice, no whitespace at a span's
   edge, segments sorted without overlap, tokens inside sentences, unique ids, arguments that point
   at an existing entity;
4. TAXONOMY: types and roles exist in schema/taxonomy.json and each argument's entity type is one
   its role admits;
5. CORPUS: ids unique across files, folder equals split, licence present, no text in two documents
   (which would leak between splits).

A document that fails level 1 or 2 is not checked further: later checks would only repeat the same
mistake in noisier words.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from .document import iter_document_files
from .paths import SPLITS
from .schema import Taxonomy, load_document_schema, load_taxonomy

LEVEL_NAMES = {1: "FILE", 2: "SCHEMA", 3: "TEXT", 4: "TAXONOMY", 5: "CORPUS"}

# rule id -> (level, what it guards). The single list of rules: the CLI's --list-rules, the docs
# and the one-fixture-per-rule test all read it.
RULES: dict[str, tuple[int, str]] = {
    "not-utf8": (1, "the file is not valid UTF-8"),
    "not-json": (1, "the file is not valid JSON"),
    "id-filename-mismatch": (1, "the file name (without .json) must equal the document's id"),
    "schema-required": (2, "a required key is missing"),
    "schema-type": (2, "a value has the wrong JSON type"),
    "schema-unknown-key": (2, "a key the schema does not define"),
    "schema-value": (2, "a value outside what the schema allows (enum, pattern, range, length)"),
    "span-out-of-range": (3, "an offset lies beyond the end of the text"),
    "span-reversed": (3, "a span whose end is not after its start"),
    "span-text-mismatch": (3, "a span's stored text differs from text[start:end]"),
    "span-whitespace-edge": (3, "a span starts or ends with whitespace"),
    "segments-overlap": (3, "sentences or tokens out of order or overlapping"),
    "token-outside-sentence": (3, "a token that no sentence contains"),
    "duplicate-id": (3, "two entities or events in one layer share an id"),
    "argument-missing-entity": (3, "an argument points at an entity id the layer does not have"),
    "unknown-entity-type": (4, "an entity type the taxonomy does not define"),
    "unknown-event-type": (4, "an event type the taxonomy does not define"),
    "unknown-role": (4, "a role the event type does not have"),
    "role-entity-type": (4, "an argument whose entity type the role does not admit"),
    "duplicate-doc-id": (5, "two files hold documents with the same id"),
    "split-folder-mismatch": (5, "a document under corpus/<split>/ whose meta.split differs"),
    "licence-missing": (5, "meta.licence is empty"),
    "duplicate-text": (5, "two documents with the same text (leaks between splits)"),
}


@dataclass(frozen=True)
class Problem:
    file: str
    pointer: str
    rule: str
    message: str
    expected: str = ""
    found: str = ""

    @property
    def level(self) -> int:
        return RULES[self.rule][0]

    def detail(self) -> str:
        """The message with what was expected and found: the part of the line that does not say
        where (other tools, e.g. the Label Studio pull, name the place in their own terms)."""
        line = self.message
        if self.expected:
            line += f" Expected: {self.expected}."
        if self.found:
            line += f" Found: {self.found}."
        return line

    def __str__(self) -> str:
        place = f"{self.file} {self.pointer}".rstrip()
        return f"[{place}] [L{self.level} {LEVEL_NAMES[self.level]} {self.rule}] {self.detail()}"

    def to_json(self) -> dict:
        return {**asdict(self), "level": self.level, "level_name": LEVEL_NAMES[self.level]}


def _pointer(*parts: object) -> str:
    """An RFC 6901 JSON pointer."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _short(value: object, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---------------------------------------------------------------- level 1: the file


def read_file(path: Path, display: str | None = None) -> tuple[dict | None, list[Problem]]:
    """Decode and parse one file; a problem instead of an exception when it is unreadable."""
    name = display or str(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark some editors write
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(name, "", "not-utf8", f"Byte {err.start} (line {line}) is not valid UTF-8; save the file as UTF-8.",
                    "UTF-8", f"byte 0x{raw[err.start]:02x}")
        ]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as err:
        lines = text.splitlines()
        # A file cut short fails on the line after its last one: show the last line instead.
        found = lines[min(err.lineno, len(lines)) - 1] if lines else ""
        return None, [
            Problem(name, "", "not-json", f"Line {err.lineno}, column {err.colno}: {err.msg}.",
                    "a JSON object", _short(found))
        ]


def check_file_name(doc: dict, path: Path, name: str) -> list[Problem]:
    doc_id = doc.get("id") if isinstance(doc, dict) else None
    if isinstance(doc_id, str) and path.stem != doc_id:
        return [Problem(name, "/id", "id-filename-mismatch", "Rename the file or change the id so they agree.",
                        f"{doc_id}.json", path.name)]
    return []


# ---------------------------------------------------------------- level 2: the JSON Schema

_SCHEMA_RULES = {"required": "schema-required", "type": "schema-type", "additionalProperties": "schema-unknown-key"}


@cache
def _schema_validators() -> tuple[Callable[[object], object], object]:
    """A compiled validator that only answers "valid?" (fastjsonschema: about ten times faster than
    jsonschema on our documents, which is most of a build's validation time) and jsonschema's, which
    explains every error, run only on documents the fast one rejects. The schema uses only keywords
    whose meaning is the same in draft-04 and draft 2020-12; a test checks both validators agree on
    valid documents and on every way the schema can be broken."""
    import fastjsonschema
    from jsonschema import Draft202012Validator, validators

    schema = load_document_schema()
    # Draft-04 semantics: its "integer" excludes 6.0, which later drafts count as an integer but
    # text[0:6.0] cannot use. The reference validator is made just as strict below.
    # deepcopy: fastjsonschema rewrites $ref values in place, and load_document_schema() is shared
    fast = fastjsonschema.compile({**copy.deepcopy(schema), "$schema": "http://json-schema.org/draft-04/schema#"})
    strict_integers = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
    )
    reference = validators.extend(Draft202012Validator, type_checker=strict_integers)
    return fast, reference(schema)


def check_schema(doc: object, name: str) -> list[Problem]:
    import fastjsonschema

    fast, validator = _schema_validators()
    try:
        fast(doc)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass
    problems = []
    for error in sorted(validator.iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        rule = _SCHEMA_RULES.get(error.validator, "schema-value")
        path, found = list(error.absolute_path), _short(error.instance)
        if error.validator == "required":  # point at the missing key itself
            # jsonschema reports each missing key separately but names it only in the message
            key = next((k for k in error.validator_value if k not in error.instance and f"{k!r} is" in error.message),
                       error.message.split(" is ")[0].strip("'"))
            path, expected, found = path + [key], "the key " + repr(key), "no such key"
        elif error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            path, found = path + extra[:1], ", ".join(map(repr, extra))
            expected = "only the keys " + ", ".join(sorted(error.schema.get("properties", {})))
        elif error.validator == "oneOf":  # provenance: say which shapes are allowed
            expected = '{"annotator": ...} or {"model": ..., "version": ..., "score": 0..1}'
        else:
            expected = f"{error.validator} {_short(error.validator_value)}"
        problems.append(Problem(name, _pointer(*path), rule, error.message.rstrip(".") + ".", expected, found))
    return problems


# ---------------------------------------------------------------- level 3: text and offsets


def _layers(doc: dict) -> Iterator[tuple[tuple, dict]]:
    """The gold layer (at the top level) and every annotator layer, each with its pointer prefix."""
    yield (), doc
    for index, layer in enumerate(doc.get("layers", [])):
        yield ("layers", index), layer


def _check_span(text: str, span: dict, name: str, where: tuple, stored_text: bool) -> list[Problem]:
    start, end = span["start"], span["end"]
    if end > len(text) or start > len(text):
        return [Problem(name, _pointer(*where), "span-out-of-range", "Offsets must lie inside the text.",
                        f"start <= end <= {len(text)} (the text's length in code points)", f"{start}..{end}")]
    if end <= start:
        return [Problem(name, _pointer(*where), "span-reversed", "A span must cover at least one character.",
                        "start < end", f"start {start}, end {end}")]
    piece = text[start:end]
    if stored_text and span["text"] != piece:
        return [Problem(name, _pointer(*where, "text"), "span-text-mismatch",
                        f"text[{start}:{end}] differs from the stored span text.", _short(piece), _short(span["text"]))]
    if piece != piece.strip():
        return [Problem(name, _pointer(*where), "span-whitespace-edge", "Trim whitespace from the span's edges.",
                        _short(piece.strip()), _short(piece))]
    return []


def check_segmentation(doc: dict, name: str = "<doc>") -> list[Problem]:
    """The level-3 checks of `sentences` and `tokens` alone (for steps that receive segmentation
    from elsewhere and must decide whether to trust it)."""
    return _check_segments(doc["text"], doc, name)


def _check_segments(text: str, doc: dict, name: str) -> list[Problem]:
    problems = []
    for key in ("sentences", "tokens"):
        previous_end = 0
        for index, seg in enumerate(doc[key]):
            found = _check_span(text, seg, name, (key, index), stored_text=False)
            problems += found
            if not found and seg["start"] < previous_end:
                problems.append(Problem(name, _pointer(key, index), "segments-overlap",
                                        f"{key} must be in text order and must not overlap.",
                                        f"start >= {previous_end}", str(seg["start"])))
            previous_end = max(previous_end, seg["end"])
    sentences = doc["sentences"]
    if doc["tokens"] and not sentences:  # one line, not one per token: the fix is to segment
        problems.append(Problem(name, "/sentences", "token-outside-sentence",
                                "The document has tokens but no sentences; segment it (newsevents ingest or segment).",
                                "sentences covering every token", "[]"))
    elif sentences and not problems:
        s = 0
        for index, tok in enumerate(doc["tokens"]):
            while s < len(sentences) and sentences[s]["end"] <= tok["start"]:
                s += 1
            if s == len(sentences) or not (sentences[s]["start"] <= tok["start"] and tok["end"] <= sentences[s]["end"]):
                problems.append(Problem(name, _pointer("tokens", index), "token-outside-sentence",
                                        "Every token must lie inside one sentence.",
                                        "a sentence containing it", f"token {tok['start']}..{tok['end']}"))
    return problems


def _check_layer_text(text: str, layer: dict, prefix: tuple, name: str) -> list[Problem]:
    problems = []
    seen: dict[str, tuple] = {}
    for kind in ("entities", "events"):
        for index, item in enumerate(layer[kind]):
            where = (*prefix, kind, index)
            if item["id"] in seen:
                problems.append(Problem(name, _pointer(*where, "id"), "duplicate-id",
                                        f"Id {item['id']!r} is already used at {_pointer(*seen[item['id']])}.",
                                        "ids unique within the layer", item["id"]))
            seen.setdefault(item["id"], where)
            span = item if kind == "entities" else item["trigger"]
            problems += _check_span(text, span, name, where if kind == "entities" else (*where, "trigger"), True)
    entity_ids = {e["id"] for e in layer["entities"]}
    for e_index, event in enumerate(layer["events"]):
        for a_index, argument in enumerate(event["arguments"]):
            if argument["entity"] not in entity_ids:
                problems.append(Problem(name, _pointer(*prefix, "events", e_index, "arguments", a_index, "entity"),
                                        "argument-missing-entity",
                                        f"Argument {argument['role']} of event {event['id']} points at no entity.",
                                        "an id from " + _pointer(*prefix, "entities"), argument["entity"]))
    return problems


def check_text(doc: dict, name: str) -> list[Problem]:
    text = doc["text"]
    problems = _check_segments(text, doc, name)
    for prefix, layer in _layers(doc):
        problems += _check_layer_text(text, layer, prefix, name)
    return problems


# ---------------------------------------------------------------- level 4: the taxonomy


def _did_you_mean(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def check_taxonomy(doc: dict, name: str, taxonomy: Taxonomy) -> list[Problem]:
    problems = []
    for prefix, layer in _layers(doc):
        entity_types = {}
        for index, entity in enumerate(layer["entities"]):
            entity_types[entity["id"]] = entity["type"]
            if taxonomy.entity_type(entity["type"]) is None:
                problems.append(Problem(name, _pointer(*prefix, "entities", index, "type"), "unknown-entity-type",
                                        f"Unknown entity type.{_did_you_mean(entity['type'], taxonomy.entity_names)}",
                                        "one of " + ", ".join(taxonomy.entity_names), entity["type"]))
        for e_index, event in enumerate(layer["events"]):
            event_type = taxonomy.event_type(event["type"])
            if event_type is None:
                problems.append(Problem(name, _pointer(*prefix, "events", e_index, "type"), "unknown-event-type",
                                        f"Unknown event type.{_did_you_mean(event['type'], taxonomy.event_names)}",
                                        "an event type of schema/taxonomy.json", event["type"]))
                continue
            for a_index, argument in enumerate(event["arguments"]):
                where = (*prefix, "events", e_index, "arguments", a_index)
                role = event_type.role(argument["role"])
                role_names = [r.name for r in event_type.roles]
                if role is None:
                    problems.append(Problem(name, _pointer(*where, "role"), "unknown-role",
                                            f"{event_type.name} has no role {argument['role']!r}."
                                            f"{_did_you_mean(argument['role'], role_names)}",
                                            "one of " + ", ".join(role_names), argument["role"]))
                    continue
                entity_type = entity_types.get(argument["entity"])
                # An unknown entity type was reported above; one mistake, one line.
                if taxonomy.entity_type(entity_type or "") and entity_type not in role.entity_types:
                    problems.append(Problem(name, _pointer(*where), "role-entity-type",
                                            f"Role {role.name} of {event_type.name} does not admit entity "
                                            f"{argument['entity']} of type {entity_type}.",
                                            "one of " + ", ".join(role.entity_types), entity_type))
    return problems


# ---------------------------------------------------------------- levels 2-4 on one document


def validate_document(doc: object, file: str = "<doc>", taxonomy: Taxonomy | None = None) -> list[Problem]:
    """Levels 2 to 4 on a document already in memory (used by every step that writes documents)."""
    problems = check_schema(doc, file)
    if problems:
        return problems
    assert isinstance(doc, dict)
    problems = check_text(doc, file)
    return problems + check_taxonomy(doc, file, taxonomy or load_taxonomy())


def read_valid_document(path: Path) -> dict:
    """Read one corpus file for a step that needs it valid (levels 1-4): a ValueError names the
    file, the place and the first problem, and says how to see them all."""
    from .document import read_document

    doc = read_document(path)
    problems = validate_document(doc, str(path))
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValueError(f"{problems[0]}{more} Run `newsevents validate {path}`.")
    return doc


# ---------------------------------------------------------------- level 5 and whole runs


@dataclass(frozen=True)
class CorpusEntry:
    """What the corpus-wide checks need of one document: kept instead of the document itself, so
    validating a large corpus holds a few fields per file in memory, not every text."""

    name: str
    folder: str
    id: str
    split: str
    licence: str
    text_sha256: str
    text_start: str

    @classmethod
    def of(cls, name: str, path: Path, doc: dict) -> CorpusEntry:
        digest = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
        return cls(name, path.parent.name, doc["id"], doc["meta"]["split"], doc["meta"]["licence"], digest,
                   doc["text"][:40])


def check_corpus(entries: Iterable[CorpusEntry]) -> list[Problem]:
    problems = []
    first_by_id: dict[str, str] = {}
    first_by_text: dict[str, str] = {}
    for entry in entries:
        name = entry.name
        if entry.id in first_by_id:
            problems.append(Problem(name, "/id", "duplicate-doc-id", f"Id {entry.id!r} is also used by {first_by_id[entry.id]}.",
                                    "a corpus-wide unique id", entry.id))
        first_by_id.setdefault(entry.id, name)
        if entry.text_sha256 in first_by_text:
            problems.append(Problem(name, "/text", "duplicate-text", f"The same text is in {first_by_text[entry.text_sha256]}.",
                                    "each text once in the corpus", _short(entry.text_start, 40)))
        first_by_text.setdefault(entry.text_sha256, name)
        if entry.folder in SPLITS and entry.folder != entry.split:
            problems.append(Problem(name, "/meta/split", "split-folder-mismatch",
                                    f"The file is under {entry.folder}/ but says split {entry.split!r}; move it or fix the split.",
                                    entry.folder, entry.split))
        if not entry.licence.strip():
            problems.append(Problem(name, "/meta/licence", "licence-missing",
                                    "Say under which licence the text may be redistributed.", "a licence", '""'))
    return problems


def validate_paths(paths: Iterable[Path | str], taxonomy: Taxonomy | None = None) -> list[Problem]:
    """All five levels over files and folders (folders are searched for *.json)."""
    return validate_files(list(iter_document_files(Path(p) for p in paths)), taxonomy)[0]


def validate_files(files: list[Path], taxonomy: Taxonomy | None = None) -> tuple[list[Problem], int]:
    """Validate files; returns the problems and the number of files read."""
    taxonomy = taxonomy or load_taxonomy()
    problems: list[Problem] = []
    entries: list[CorpusEntry] = []
    for path in files:
        name = str(path)
        doc, found = read_file(path, name)
        if doc is not None:
            found = check_file_name(doc, path, name) + validate_document(doc, name, taxonomy)
            if not any(p.level == 2 for p in found):
                entries.append(CorpusEntry.of(name, path, doc))
        problems += found
    problems += check_corpus(entries)
    return problems, len(files)


def summary(problems: list[Problem], files: int) -> str:
    if not problems:
        return f"*** PASSED *** {files} file(s), no problems."
    by_level: dict[str, int] = {}
    for p in problems:
        key = f"L{p.level} {LEVEL_NAMES[p.level]}"
        by_level[key] = by_level.get(key, 0) + 1
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(by_level.items()))
    bad_files = len({p.file for p in problems})
    return f"*** FAILED *** {len(problems)} error(s) in {bad_files} of {files} file(s) ({detail})."

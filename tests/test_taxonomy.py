"""The taxonomy is the single source of truth: it must be complete and coherent, and no label list
may be written anywhere else in the code."""

from __future__ import annotations

import re
from pathlib import Path

from newsevents.schema import load_taxonomy

REPO = Path(__file__).resolve().parent.parent
TAX = load_taxonomy()


def test_entity_types_are_ace_plus_time():
    assert TAX.entity_names == ["PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA", "TIME"]


def test_event_types_are_the_33_ace_subtypes_plus_broadcast():
    names = TAX.event_names
    assert len(names) == len(set(names)) == 34
    assert "Contact:Broadcast" in names
    by_family: dict[str, int] = {}
    for name in names:
        assert re.fullmatch(r"[A-Z][a-z]+:[A-Z][A-Za-z]*(-[A-Z][a-z]+)*", name), name
        by_family[name.split(":")[0]] = by_family.get(name.split(":")[0], 0) + 1
    # ACE 2005: Life 5, Movement 1, Transaction 2, Business 4, Conflict 2, Contact 2 (+Broadcast),
    # Personnel 4, Justice 13.
    assert by_family == {"Life": 5, "Movement": 1, "Transaction": 2, "Business": 4, "Conflict": 2,
                         "Contact": 3, "Personnel": 4, "Justice": 13}


def test_every_type_and_role_is_defined_and_exemplified():
    for entity in TAX.entity_types:
        assert entity.definition and entity.examples, entity.name
    for event in TAX.event_types:
        assert event.definition and "**" in event.example, f"{event.name}: the example marks its trigger in **"
        role_names = [r.name for r in event.roles]
        assert len(role_names) == len(set(role_names)), event.name
        for role in event.roles:
            assert role.definition, f"{event.name}.{role.name}"
            assert role.entity_types and set(role.entity_types) <= set(TAX.entity_names), f"{event.name}.{role.name}"
        assert "Time" in role_names, event.name


NAMES = set(TAX.entity_names) | set(TAX.event_names) | set(TAX.role_names)
LITERAL = re.compile(r"""(["'])([A-Za-z][A-Za-z:-]*)\1""")
EVENT_NAME = re.compile("|".join(re.escape(name) for name in TAX.event_names))


def label_names_in(line: str) -> set[str]:
    """Taxonomy names a line of code writes: quoted literals, and event type names anywhere."""
    return ({m.group(2) for m in LITERAL.finditer(line)} & NAMES) | set(EVENT_NAME.findall(line))


def _code_files() -> list[Path]:
    files = sorted((REPO / "src").rglob("*.py")) + sorted((REPO / "scripts").iterdir())
    return [p for p in files if p.is_file()]


def test_no_label_list_is_written_outside_the_taxonomy():
    """Code may not write a type or role name: every list is derived from schema/taxonomy.json
    (the pre-labeler's lexicons and label maps are data in schema/prelabel/, checked against the
    taxonomy by their own tests)."""
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in _code_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if label_names_in(line)
    ]
    assert not offenders, "label names written in code (derive them from the taxonomy):\n" + "\n".join(offenders)


def test_the_label_check_catches_hand_written_lists():
    line = 'ROLES = ("Attacker", "Target"); TYPES = [\'PER\', "GPE"]  # see Justice:Arrest-Jail'
    assert label_names_in(line) == {"Attacker", "Target", "PER", "GPE", "Justice:Arrest-Jail"}
    assert label_names_in('person = "Person of interest"; level = "PERSON"') == set()

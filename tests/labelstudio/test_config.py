"""The labeling config generated from the taxonomy, checked by the real server's validation."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from label_studio_sdk.core.api_error import ApiError

from newsevents.labelstudio.config import labeling_config
from newsevents.labelstudio.server import client
from newsevents.paths import schema_dir
from newsevents.schema import load_taxonomy, parse_taxonomy


def awkward_taxonomy():
    """The real taxonomy plus names and definitions full of XML metacharacters."""
    raw = json.loads((schema_dir() / "taxonomy.json").read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    raw["entity_types"][0]["definition"] = "A <person> & \"their\" 'kin' -> people"
    raw["entity_types"].append(
        {"name": "R&D<lab>", "label": "Lab & co", "definition": "x < y & z", "examples": ["A&B"]}
    )
    raw["event_types"][0]["roles"][0]["name"] = "Per&son"
    return parse_taxonomy(raw)


def test_every_taxonomy_name_is_a_label_with_its_definition_as_hint():
    taxonomy = load_taxonomy()
    root = ET.fromstring(labeling_config(taxonomy))
    labels = {block.get("name"): block for block in root.iter("Labels")}
    entity_hints = {lab.get("value"): lab.get("hint") for lab in labels["entity"]}
    assert list(entity_hints) == taxonomy.entity_names
    assert all(t.definition in entity_hints[t.name] for t in taxonomy.entity_types)
    triggers = {lab.get("value"): lab.get("hint") for lab in labels["trigger"]}
    assert list(triggers) == taxonomy.event_names
    attack = taxonomy.event_type("Conflict:Attack")
    assert attack.definition in triggers[attack.name] and "Attacker (PER, ORG, GPE)" in triggers[attack.name]
    assert [r.get("value") for r in root.iter("Relation")] == taxonomy.role_names


def test_metacharacters_in_names_and_definitions_are_escaped():
    root = ET.fromstring(labeling_config(awkward_taxonomy()))
    values = [lab.get("value") for lab in root.iter("Label")]
    assert "R&D<lab>" in values
    assert "Per&son" in [r.get("value") for r in root.iter("Relation")]


def test_the_server_accepts_the_config_and_reads_every_label(ls_server, project_name):
    taxonomy = awkward_taxonomy()
    project = client(ls_server).projects.create(title=project_name, label_config=labeling_config(taxonomy))
    parsed = client(ls_server).projects.get(project.id).parsed_label_config
    assert parsed["entity"]["labels"] == taxonomy.entity_names
    assert parsed["trigger"]["labels"] == taxonomy.event_names
    assert parsed["entity"]["to_name"] == ["text"]


def test_the_server_validation_is_real_a_raw_ampersand_is_refused(ls_server, project_name):
    broken = labeling_config().replace('value="PER"', 'value="P&R"')
    with pytest.raises(ApiError) as err:
        client(ls_server).projects.create(title=project_name, label_config=broken)
    assert err.value.status_code == 400

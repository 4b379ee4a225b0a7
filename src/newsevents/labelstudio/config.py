"""The Label Studio labeling config, generated from the taxonomy (never written by hand).

Entities and triggers are two `<Labels>` blocks on the same `<Text>`, so a region's control name
says which kind of span it is; argument roles are `<Relations>` (a relation drawn from a trigger to
an entity is an argument). Every label carries its definition as a hint, so the guidelines are one
hover away. Label Studio's `<Relation>` takes no hint (only value and background), so each role's
definition and admitted entity types are in the hint of every trigger label that has the role. ElementTree writes the XML, so `<`, `&` and quotes in a definition are escaped: a raw
`<` or `&` would make the server reject the config.
"""

from __future__ import annotations

import colorsys
import hashlib
import re
import xml.etree.ElementTree as ET

from ..schema import EventType, Taxonomy, load_taxonomy
from . import ENTITY_CONTROL, TEXT_NAME, TRIGGER_CONTROL


def _colour(name: str, lightness: float) -> str:
    """A stable colour per label name (same name, same colour, whatever the taxonomy order)."""
    hue = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.65)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def _event_hint(event: EventType) -> str:
    roles = "; ".join(f"{r.name} ({', '.join(r.entity_types)}): {r.definition}" for r in event.roles)
    # the taxonomy marks the trigger as **word** (Markdown); a hint is plain text: [word]
    example = re.sub(r"\*\*(.+?)\*\*", r"[\1]", event.example)
    return f"{event.definition} Example: {example} Roles: {roles}"


def labeling_config(taxonomy: Taxonomy | None = None) -> str:
    """The config XML as a string, with the taxonomy version in a comment-free attribute-only form."""
    taxonomy = taxonomy or load_taxonomy()
    view = ET.Element("View")
    header = ET.SubElement(view, "Header")
    header.set(
        "value",
        f"newsevents taxonomy {taxonomy.version}: label entities and event triggers, "
        "then draw a relation from each trigger to its argument entities",
    )
    entities = ET.SubElement(
        view, "Labels", name=ENTITY_CONTROL, toName=TEXT_NAME, choice="single", showInline="true"
    )
    for entity in taxonomy.entity_types:
        examples = "; ".join(entity.examples)
        ET.SubElement(
            entities,
            "Label",
            value=entity.name,
            background=_colour(entity.name, 0.75),
            hint=f"{entity.label}: {entity.definition} Examples: {examples}",
        )
    triggers = ET.SubElement(
        view, "Labels", name=TRIGGER_CONTROL, toName=TEXT_NAME, choice="single", showInline="true"
    )
    for event in taxonomy.event_types:
        ET.SubElement(
            triggers, "Label", value=event.name, background=_colour(event.name, 0.55), hint=_event_hint(event)
        )
    relations = ET.SubElement(view, "Relations", choice="single")
    for role in taxonomy.role_names:
        ET.SubElement(relations, "Relation", value=role)
    ET.SubElement(view, "Text", name=TEXT_NAME, value=f"${TEXT_NAME}")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"

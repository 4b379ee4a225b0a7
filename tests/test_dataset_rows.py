"""Document -> sentence rows: re-based offsets, BIO tags and what BIO cannot carry, pinned on one
small hand-written document."""

from __future__ import annotations

from newsevents.dataset.features import bio_tags
from newsevents.dataset.rows import Encoder, document_row, sentence_rows
from newsevents.schema import load_taxonomy

TEXT = "Troops of Venezuela fired on protesters. Zoë fled Caracas."


def span(text: str, start: int = 0) -> dict:
    i = TEXT.index(text, start)
    return {"start": i, "end": i + len(text), "text": text}


def document() -> dict:
    words = ["Troops", "of", "Venezuela", "fired", "on", "protesters", ".", "Zoë", "fled", "Caracas", "."]
    tokens, cursor = [], 0
    for word in words:
        i = TEXT.index(word, cursor)
        tokens.append({"start": i, "end": i + len(word)})
        cursor = i + len(word)
    return {
        "id": "d1", "status": "annotated", "text": TEXT,
        "meta": {"title": "t", "source": "s", "url": None, "published": "2020-01-01", "language": "en",
                 "licence": "CC0", "split": "test"},
        "sentences": [{"start": 0, "end": 40}, {"start": 41, "end": len(TEXT)}],
        "tokens": tokens,
        "entities": [
            {"id": "T1", "type": "PER", **span("Troops of Venezuela")},
            {"id": "T2", "type": "GPE", **span("Venezuela")},              # nested: no tags
            {"id": "T3", "type": "PER", **span("protesters")},
            {"id": "T4", "type": "PER", **span("Zoë")},
            {"id": "T5", "type": "GPE", **span("Caracas")},
            {"id": "T6", "type": "GPE", **span("Cara")},                   # ends inside a token: no tags
        ],
        "events": [
            {"id": "E1", "type": "Conflict:Attack", "trigger": span("fired"),
             "arguments": [{"role": "Attacker", "entity": "T1"}, {"role": "Target", "entity": "T3"}]},
            {"id": "E2", "type": "Movement:Transport", "trigger": span("fled"),
             "arguments": [{"role": "Artifact", "entity": "T4"}, {"role": "Origin", "entity": "T5"},
                           {"role": "Artifact", "entity": "T3"}]},                   # T3: other sentence
        ],
    }


def test_sentence_rows_rebase_offsets_and_tag_bio():
    taxonomy = load_taxonomy()
    enc = Encoder.from_taxonomy(taxonomy)
    rows, losses = sentence_rows(document(), enc)
    tag = bio_tags(taxonomy)
    first, second = rows
    assert first["text"] == "Troops of Venezuela fired on protesters."
    assert [tag[t] for t in first["entity_tags"]] == ["B-PER", "I-PER", "I-PER", "O", "O", "B-PER", "O"]
    assert second["text"] == "Zoë fled Caracas." and second["start"] == 41
    assert second["tokens"] == ["Zoë", "fled", "Caracas", "."]
    assert [tag[t] for t in second["entity_tags"]] == ["B-PER", "O", "B-GPE", "O"]
    assert second["entities"][2] == {"id": "T6", "type": enc.entity["GPE"], "start": 9, "end": 13, "text": "Cara"}
    (event,) = second["events"]
    assert event["trigger"] == {"start": 4, "end": 8, "text": "fled"}
    assert [(a["entity"], a["start"], a["end"]) for a in event["arguments"]] == [("T4", 0, 3), ("T5", 9, 16)]
    assert (losses.entities_without_tags, losses.arguments_across_sentences) == (2, 1)
    assert (losses.entities_outside_sentences, losses.events_outside_sentences) == (0, 0)


def test_document_row_keeps_everything_with_label_indices():
    enc = Encoder.from_taxonomy(load_taxonomy())
    row = document_row(document(), enc)
    assert row["split"] == "test" and row["url"] is None and row["status"] == enc.status["annotated"]
    assert len(row["entities"]) == 6 and row["entities"][1]["type"] == enc.entity["GPE"]
    assert [a["role"] for a in row["events"][1]["arguments"]] == [enc.role[r] for r in ("Artifact", "Origin", "Artifact")]
    assert row["layers"] == [] and row["entities"][0]["source"] is None


def test_document_row_has_exactly_the_declared_columns_meta_from_the_schema():
    """The meta columns are the schema's meta properties: a document row and the features agree."""
    from newsevents.dataset.features import document_features
    from newsevents.schema import meta_fields

    taxonomy = load_taxonomy()
    row = document_row(document(), Encoder.from_taxonomy(taxonomy))
    columns = list(document_features(taxonomy))
    assert list(row) == columns
    assert columns[1:1 + len(meta_fields())] == meta_fields()

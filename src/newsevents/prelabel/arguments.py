"""Argument rules: which pre-labeled entity fills which role of a pre-labeled event.

Deliberately simple and position-based (no parser is available offline): candidates are entities
in the trigger's sentence, near it, whose type the taxonomy admits for a role of the event. A cue
word right before the entity ("to", "from", "by", ...) decides first; then the side of the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema import EventType


@dataclass(frozen=True)
class Mention:
    """An entity as the argument rules see it: token positions and type."""

    index: int  # position in the pre-labeler's entity list
    type: str
    start_token: int
    end_token: int  # exclusive
    named: bool = True  # a name (NER, gazetteer, time), not a nominal or a pronoun


def choose_role(event: EventType, mention: Mention, before: bool, cue: str | None, rules: dict) -> str | None:
    allowed = [r.name for r in event.roles if mention.type in r.entity_types]
    if not allowed:
        return None
    if len(allowed) == 1:
        return allowed[0]
    for role in rules["cues"].get(cue or "", []):
        if role in allowed:
            return role
    for role in rules["before" if before else "after"]:
        if role in allowed:
            return role
    return allowed[0]


def _is_passive(trigger_start: int, sentence_start: int, lower_words: list[str], rules: dict) -> bool:
    """'was arrested', 'were quickly released': an auxiliary right before the trigger (one word
    may stand between). Then the entity before the trigger is the one acted upon."""
    auxiliaries = set(rules.get("passive_auxiliaries", []))
    window = lower_words[max(sentence_start, trigger_start - 2) : trigger_start]
    return any(word in auxiliaries for word in window)


def assign_arguments(
    event: EventType,
    trigger: tuple[int, int],
    sentence: tuple[int, int],
    mentions: list[Mention],
    lower_words: list[str],
    rules: dict,
) -> list[tuple[str, int, float]]:
    """(role, entity index, score) for one event: each role once, by the nearest candidate.

    `trigger` and `sentence` are token ranges (end exclusive); `lower_words` are the lower-cased
    tokens of the document, used for cue words."""
    limit = int(rules["max_distance"])
    passive = _is_passive(trigger[0], sentence[0], lower_words, rules)
    best: dict[str, tuple[int, int]] = {}  # role -> (distance, mention index)
    for mention in mentions:
        if mention.start_token < sentence[0] or mention.end_token > sentence[1]:
            continue
        if mention.start_token < trigger[1] and trigger[0] < mention.end_token:
            continue  # an entity overlapping its own trigger is not its argument
        before = mention.end_token <= trigger[0]
        distance = trigger[0] - mention.end_token if before else mention.start_token - trigger[1]
        if distance > limit:
            continue
        cue = lower_words[mention.start_token - 1] if mention.start_token > sentence[0] else None
        role = choose_role(event, mention, before and not passive, cue, rules)
        if role and (role not in best or distance < best[role][0]):
            best[role] = (distance, mention.index)
    return [
        (role, index, round(0.6 * (1 - distance / (limit + 1)), 3))
        for role, (distance, index) in sorted(best.items(), key=lambda kv: kv[1])
    ]

"""The default pre-labeler: spaCy NER (optional) + EntityRuler + trigger Matcher + argument rules.

Given a segmented text it proposes entities and events in the corpus format, every span marked
with the pre-labeler's name, version and a score. Types and roles all come from the taxonomy and
the data files in schema/prelabel/ (checked against it), so the output obeys the taxonomy.

`--model` selects the NER: "default" (the project's models/ner-gum when built, else rules only),
"none" (rules only), or any installed spaCy pipeline name or path with an `ner` component, whose
labels are mapped through schema/prelabel/spacy_ner_map.json (unmapped labels are dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .. import __version__
from ..paths import repo_root
from ..schema import Taxonomy, load_taxonomy
from .arguments import Mention, assign_arguments
from .nominals import NominalFinder
from .resources import Resources, check_resources, load_resources
from .tokens import Segmented, char_span, to_spacy

# The NER built by scripts/train_ner.py: models/ in a source checkout, or inside the package when
# the wheel force-includes it. Missing: the rules run alone.
_MODEL_PLACES = (
    repo_root() / "models" / "ner-gum",
    Path(__file__).resolve().parents[1] / "models" / "ner-gum",
)


def default_model_dir() -> Path | None:
    return next((p for p in _MODEL_PLACES if (p / "meta.json").is_file()), None)


CLUSTER_FEATURE = "cluster-in-prefix"  # nlp.meta["newsevents_features"] of models needing lexemes.py
RULER_KEY = "newsevents_ruler"
SCORES = {"ner": 0.7, "ruler": 0.8, "trigger": 0.6, "trigger_phrase": 0.7, "trigger_ambiguous": 0.35}


@dataclass
class Labeled:
    """The pre-labeler's output for one text, in corpus format (ids T1.. and E1..)."""

    entities: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def _load_ner(model: str | Path | None) -> tuple[Language, str]:
    """The pipeline whose vocab builds our Docs, and the name of its NER ('' for rules only)."""
    if model == "default":
        model = default_model_dir()
    if model in (None, "none"):
        return spacy.blank("en"), ""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ValueError(f"--model {model}: not an installed spaCy pipeline or a pipeline folder ({err})") from None
    if "ner" not in nlp.pipe_names:
        raise ValueError(f"--model {model}: the pipeline has no 'ner' component (it has: {', '.join(nlp.pipe_names)})")
    if nlp.meta.get("newsevents_features") == CLUSTER_FEATURE:
        from .lexemes import install_cluster_feature

        install_cluster_feature(nlp.vocab)
    return nlp, f"{nlp.meta.get('name', 'ner')}-{nlp.meta.get('version', '0')}"


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping without one containing the other (nesting is allowed, crossing is not)."""
    overlap = a[0] < b[1] and b[0] < a[1]
    nested = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
    return overlap and not nested


class RuleLabeler:
    """Entities and events for segmented texts. Build once (loading takes seconds), label many."""

    def __init__(
        self,
        model: str | Path | None = "default",
        nominals: bool = True,
        resources: Resources | None = None,
        taxonomy: Taxonomy | None = None,
    ):
        self.taxonomy = taxonomy or load_taxonomy()
        self.res = resources or load_resources()
        problems = check_resources(self.res, self.taxonomy)
        if problems:
            raise ValueError(f"schema/prelabel does not match the taxonomy: {problems[0]} (+{len(problems) - 1} more)")
        self.nlp, ner_name = _load_ner(model)
        self.name = "newsevents-rules" + (f"+{ner_name}" if ner_name else "")
        self.version = f"{__version__}+{self.res.digest}"
        self._steps = [p for n, p in self.nlp.pipeline if n in ("tok2vec", "transformer", "ner")] if ner_name else []
        # A SpanRuler, not an EntityRuler: its matches may nest inside NER entities ("Australia"
        # in "the Medical Journal of Australia"), as mentions do in ACE and GUM.
        self.ruler = self.nlp.add_pipe(
            "span_ruler", name="newsevents_ruler", config={"spans_key": RULER_KEY, "overwrite": True}
        )
        self.ruler.add_patterns(self.res.entity_patterns)
        # Single-word triggers by dictionary lookup (fast); the Matcher only for multi-word ones.
        self._trigger_words: dict[str, list[str]] = {}
        self.matcher = Matcher(self.nlp.vocab)
        for kind, entry in self.res.triggers.items():
            for word in entry["lemmas"]:
                self._trigger_words.setdefault(word, []).append(kind)
            patterns = [
                [{attr: w} for w in phrase.split()] for phrase in entry["phrases"] for attr in ("LEMMA", "LOWER")
            ]
            if patterns:
                self.matcher.add(kind, patterns)
        from spacy.lookups import load_lookups

        self._lemmas = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self._lexicon = frozenset(w for entry in self.res.triggers.values() for w in entry["lemmas"])
        self.nominals = NominalFinder(self.res.nominals, self._lexicon) if nominals else None
        self._order = {name: i for i, name in enumerate(self.taxonomy.event_names)}
        self._place_heads = {w.lower(): t for t, words in self.res.place_heads.items() for w in words}

    def candidates(self, seg: Segmented) -> list[tuple[int, int]]:
        """Untyped event-word candidates (see candidates.py): identification before typing."""
        from .candidates import event_word_candidates

        return event_word_candidates(seg, self._lexicon)

    def source(self, score: float) -> dict:
        return {"model": self.name, "version": self.version, "score": round(score, 3)}

    def spacy_doc(self, seg: Segmented) -> Doc:
        doc = to_spacy(self.nlp.vocab, seg)
        for token in doc:
            lower = token.lower_
            token.lemma_ = self._lemmas.get(lower, lower)
        return doc

    def label(self, seg: Segmented) -> Labeled:
        doc = self.spacy_doc(seg)
        for step in self._steps:
            doc = step(doc)
        doc = self.ruler(doc)
        out = Labeled()
        mentions: list[Mention] = []
        for start, end, kind, score, named in self._entity_spans(doc):
            char_start, char_end = char_span(seg, start, end)
            out.entities.append(
                {
                    "id": f"T{len(out.entities) + 1}",
                    "type": kind,
                    "start": char_start,
                    "end": char_end,
                    "text": seg.text[char_start:char_end],
                    "source": self.source(score),
                }
            )
            mentions.append(Mention(len(out.entities) - 1, kind, start, end, named))
        self._events(doc, seg, mentions, self._argument_candidates(mentions, doc), out)
        return out

    def _argument_candidates(self, mentions: list[Mention], doc: Doc) -> list[Mention]:
        """Outermost mentions that are not relative pronouns (see arguments.json)."""
        skip = set(self.res.arguments.get("not_arguments", []))
        return [
            m
            for m in mentions
            if doc[m.start_token : m.end_token].text.lower() not in skip
            and not any(
                o is not m
                and o.start_token <= m.start_token
                and m.end_token <= o.end_token
                and (o.end_token - o.start_token) > (m.end_token - m.start_token)
                for o in mentions
            )
        ]

    def _entity_spans(self, doc: Doc) -> list[tuple[int, int, str, float, bool]]:
        """(start token, end token, type, score, is a name): NER entities (mapped) plus ruler matches. A ruler
        match on exactly an NER span retypes it (the lists are more reliable than a small model);
        one that crosses an NER span is dropped; one nested in (or around) it is kept."""
        spans: dict[tuple[int, int], tuple[str, float]] = {}
        for ent in doc.ents:
            kind = self._entity_type(ent)
            if kind:
                spans[(ent.start, ent.end)] = (kind, SCORES["ner"])
        ner = list(spans)
        for match in filter_spans(list(doc.spans[RULER_KEY])):
            if not any(_crosses((match.start, match.end), other) for other in ner):
                spans[(match.start, match.end)] = (self._refine_place(match.label_, match), SCORES["ruler"])
        if self.nominals:
            names = set(spans)
            ends = {e: s for s, e in names}
            for start, end, kind, score in self.nominals.find(doc, ends):
                inside_name = any(s <= end - 1 < e for s, e in names)  # the head is part of a name
                if not inside_name and not any(_crosses((start, end), n) for n in names):
                    spans.setdefault((start, end), (kind, score))
            return [(s, e, kind, score, (s, e) in names) for (s, e), (kind, score) in sorted(spans.items())]
        return [(s, e, kind, score, True) for (s, e), (kind, score) in sorted(spans.items())]

    def _entity_type(self, ent) -> str | None:
        return self._refine_place(self.res.ner_map.get(ent.label_), ent)

    def _refine_place(self, kind: str | None, span) -> str | None:
        if kind != self.res.place_refines:
            return kind
        return self._place_heads.get(span[-1].lower_, kind)

    def _events(
        self, doc: Doc, seg: Segmented, mentions: list[Mention], candidates: list[Mention], out: Labeled
    ) -> None:
        # a trigger inside a name is part of the name ("the Supreme Court"); inside a nominal it may
        # be the event itself ("the attack victims"), so only names block triggers
        inside_entity = {i for m in mentions if m.named for i in range(m.start_token, m.end_token)}
        found: dict[tuple[int, int], set[str]] = {}
        for token in doc:
            kinds = self._trigger_words.get(token.lemma_) or self._trigger_words.get(token.lower_)
            if kinds:
                found[(token.i, token.i + 1)] = set(kinds)
        for match_id, start, end in self.matcher(doc):
            found.setdefault((start, end), set()).add(self.nlp.vocab.strings[match_id])
        spans = filter_spans([doc[s:e] for s, e in found])
        lower = [t.lower_ for t in doc]
        found_arguments: list[list[tuple[str, int, float]]] = []
        for span in sorted(spans, key=lambda s: s.start):
            if any(i in inside_entity for i in range(span.start, span.end)):
                continue
            kinds = sorted(found[(span.start, span.end)], key=self._order.__getitem__)
            score = (
                SCORES["trigger_ambiguous"]
                if len(kinds) > 1
                else (SCORES["trigger_phrase"] if len(span) > 1 else SCORES["trigger"])
            )
            kind = kinds[0]
            sent = span.sent
            start, end = char_span(seg, span.start, span.end)
            arguments = assign_arguments(
                self.taxonomy.event_type(kind),
                (span.start, span.end),
                (sent.start, sent.end),
                candidates,
                lower,
                self.res.arguments,
            )
            out.events.append(
                {
                    "id": f"E{len(out.events) + 1}",
                    "type": kind,
                    "trigger": {"start": start, "end": end, "text": seg.text[start:end]},
                    "arguments": [],
                    "source": self.source(score),
                }
            )
            found_arguments.append(arguments)
        self._attach_arguments(out, found_arguments)

    def _attach_arguments(self, out: Labeled, found: list[list[tuple[str, int, float]]]) -> None:
        """Fill each event's arguments. A one-event role (Time, Place) goes to one event only: the
        nearest trigger before the entity ("attacked Caracas on Monday and killed": attacked),
        else the nearest after it ("On Monday, rebels attacked")."""
        exclusive = set(self.res.arguments.get("one_event_roles", []))
        best: dict[int, tuple[tuple[bool, int], int]] = {}  # entity index -> (priority, event position)
        for position, arguments in enumerate(found):
            trigger = out.events[position]["trigger"]["start"]
            for role, index, _ in arguments:
                if role in exclusive:
                    entity = out.entities[index]["start"]
                    priority = (trigger < entity, -abs(entity - trigger))
                    if index not in best or priority > best[index][0]:
                        best[index] = (priority, position)
        for position, (event, arguments) in enumerate(zip(out.events, found, strict=True)):
            event["arguments"] = [
                {"role": role, "entity": out.entities[index]["id"]}
                for role, index, _ in arguments
                if role not in exclusive or best[index][1] == position
            ]

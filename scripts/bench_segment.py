"""Measure sentence segmentation against gold, with the peer libraries in the same run.

    .venv/bin/python scripts/bench_segment.py [--data ../shared/data] [--json results.json]

What is measured, for newsevents.segment and each peer that imports (pySBD, syntok, sentencex,
blingfire, spaCy's rule-based sentencizer):
- GUM flat: boundary precision / recall / F1 on gum_news_interview_entities.jsonl (43 Wikinews news
  and interview documents, one sentence per line) with every newline replaced by a space, so the
  segmenter must find every boundary itself, headlines and datelines included;
- GUM news: boundary F1 on gum_news.jsonl with its real newlines kept (how the corpus is
  segmented: a newline always ends a sentence);
- Golden Rules: share of the pragmatic segmenter's English Golden Rules (tests/golden_rules.py)
  segmented exactly right, on the 48 pySBD scores itself on and on all 52 (rule 41 expects cleaned
  text, which no offset-keeping segmenter can produce; rule 40 contradicts the corpus convention
  that a newline ends a sentence);
- throughput in MB/s (UTF-8) and sentences/s on the flat GUM text, best of several passes.
A boundary is the start of every sentence but the first. Every segmenter, peers included, is run
line by line so no peer is penalised for ignoring the newline convention; the flat GUM text has no
newline, so its scores and the speed are each library exactly as shipped.
Also reported: the share of GUM entity boundaries that fall on newsevents token boundaries (and on
spaCy's tokenizer's), since tokens exist to carry span annotations, and the speed of sentences and
tokens together (newsevents.segment.segment_text, what the command and the corpus pipeline run).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Span = tuple[int, int]
Segmenter = Callable[[str], list[Span]]
ROOT = Path(__file__).resolve().parent.parent


def _align(text: str, pieces: Iterable[str]) -> list[Span]:
    """Offsets of segmenters that return strings: each stripped piece is found from a cursor."""
    spans, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # the library changed the text; keep the cursor, count the sentence anyway
            at = cursor
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    return spans


def _trim(text: str, spans: Iterable[Span]) -> list[Span]:
    from newsevents.segmentation.sentences import trimmed

    return [span for span in (trimmed(text, start, end) for start, end in spans) if span]


def build_segmenters() -> dict[str, Segmenter]:
    """Ours first, then each peer that is installed (they are dev dependencies)."""
    from newsevents.segmentation.sentences import sentence_spans

    segmenters: dict[str, Segmenter] = {"newsevents": sentence_spans}
    if importlib.util.find_spec("pysbd"):
        import pysbd

        sbd = pysbd.Segmenter(language="en", clean=False)
        segmenters["pysbd"] = lambda text: _align(text, sbd.segment(text))
    if importlib.util.find_spec("syntok"):
        from syntok import segmenter as syntok_segmenter

        def syntok_spans(text: str) -> list[Span]:
            return [
                (sent[0].offset, sent[-1].offset + len(sent[-1].value))
                for paragraph in syntok_segmenter.analyze(text)
                for sent in paragraph
                if sent
            ]

        segmenters["syntok"] = syntok_spans
    if importlib.util.find_spec("sentencex"):
        from sentencex import segment as sentencex_segment

        segmenters["sentencex"] = lambda text: _align(text, sentencex_segment("en", text))
    if importlib.util.find_spec("blingfire"):
        import blingfire

        segmenters["blingfire"] = lambda text: _trim(text, blingfire.text_to_sentences_and_offsets(text)[1])
    if importlib.util.find_spec("spacy"):
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = 10**8
        segmenters["spacy-sentencizer"] = lambda text: _trim(
            text, ((s.start_char, s.end_char) for s in nlp(text).sents)
        )
    return segmenters


def by_line(segmenter: Segmenter, text: str) -> list[Span]:
    """Run a segmenter on each line: the corpus rule that a newline ends a sentence."""
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.extend((s + offset, e + offset) for s, e in segmenter(line))
        offset += len(line) + 1
    return spans


def boundary_scores(pairs: Iterable[tuple[list[Span], list[Span]]]) -> dict[str, float]:
    """Micro P/R/F1 of sentence boundaries over (gold, found) sentence lists, by the benchmark's
    scorer (newsevents.evaluate, task `sentence_boundary`: the start of every sentence but the
    first), so segmentation is measured one way everywhere."""
    from newsevents.evaluate import score_documents

    docs = (({"sentences": gold}, {"sentences": found}) for gold, found in pairs)
    counts = score_documents(docs).as_dict()["scores"]["sentence_boundary"]
    return {key: counts[key] for key in ("precision", "recall", "f1")}


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gum_flat(docs: list[dict]) -> list[tuple[str, list[Span]]]:
    """(text with newlines as spaces, gold sentences = its lines; a trailing newline starts none)."""
    out = []
    for doc in docs:
        text = doc["text"]
        lines, start = [], 0
        for line in text.split("\n"):
            if start < len(text) or not lines:
                lines.append((start, start + len(line)))
            start += len(line) + 1
        out.append((text.replace("\n", " "), lines))
    return out


def load_golden_rules() -> list[dict]:
    spec = importlib.util.spec_from_file_location("golden_rules", ROOT / "tests" / "golden_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [rule._asdict() for rule in module.GOLDEN_RULES]


def golden_score(segmenter: Segmenter, rules: list[dict]) -> dict[str, object]:
    right48 = right52 = 0
    failed = []
    for rule in rules:
        text = rule["text"]
        got = [text[s:e] for s, e in by_line(segmenter, text)]
        if got == list(rule["sentences"]):
            right52 += 1
            right48 += rule["in_pysbd48"]
        else:
            failed.append(rule["id"])
    n48 = sum(rule["in_pysbd48"] for rule in rules)
    return {
        "rules48": round(right48 / n48, 4),
        "rules52": round(right52 / len(rules), 4),
        "right48": right48,
        "right52": right52,
        "failed": failed,
    }


def throughput(segmenter: Segmenter, texts: list[str], budget: float = 3.0) -> dict[str, float]:
    """Best of up to 5 passes (at least one, stopping once `budget` seconds are spent)."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    best, sentences, spent = float("inf"), 0, 0.0
    for _ in range(5):
        began = time.perf_counter()
        sentences = sum(len(segmenter(t)) for t in texts)
        elapsed = time.perf_counter() - began
        best, spent = min(best, elapsed), spent + elapsed
        if spent > budget:
            break
    return {"mb_per_s": round(size / best / 1e6, 3), "sentences_per_s": round(sentences / best)}


def entity_alignment(entity_docs: list[dict]) -> dict[str, float]:
    """Share of entity starts and ends that are token starts and ends."""
    from newsevents.segment import segment_text

    tokenizers: dict[str, Callable[[str], list[Span]]] = {"newsevents": lambda t: segment_text(t)[1]}
    if importlib.util.find_spec("spacy"):
        import spacy

        nlp = spacy.blank("en")
        tokenizers["spacy-tokenizer"] = lambda t: [
            (tok.idx, tok.idx + len(tok.text)) for tok in nlp.tokenizer(t) if not tok.is_space
        ]
    result = {}
    for name, tokenize in tokenizers.items():
        hit = total = 0
        for doc in entity_docs:
            tokens = tokenize(doc["text"])
            starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
            for entity in doc["entities"]:
                hit += (entity["start"] in starts) + (entity["end"] in ends)
                total += 2
        result[name] = round(hit / total, 4)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", nargs="*", help="segmenter names to run (default: all installed)")
    args = parser.parse_args(argv)

    entity_docs = load_jsonl(args.data / "gum_news_interview_entities.jsonl")
    flat = gum_flat(entity_docs)
    news = load_jsonl(args.data / "gum_news.jsonl")
    rules = load_golden_rules()
    segmenters = build_segmenters()
    if args.only:
        segmenters = {k: v for k, v in segmenters.items() if k in args.only}

    results: dict[str, dict] = {}
    for name, segmenter in segmenters.items():
        flat_pairs = [(gold, segmenter(text)) for text, gold in flat]
        news_pairs = [([tuple(s) for s in doc["sentences"]], by_line(segmenter, doc["text"])) for doc in news]
        results[name] = {
            "gum_flat": boundary_scores(flat_pairs),
            "gum_news": boundary_scores(news_pairs),
            "golden": golden_score(segmenter, rules),
            "speed": throughput(segmenter, [text for text, _ in flat]),
        }
        print(f"measured {name}", file=sys.stderr)
    report = {"segmenters": results, "entity_boundaries_on_tokens": entity_alignment(entity_docs)}
    if "newsevents" in results:
        from newsevents.segment import segment_text

        # sentences and tokens together, what `newsevents segment` and the corpus pipeline run
        report["newsevents_with_tokens_speed"] = throughput(
            lambda text: segment_text(text)[0], [text for text, _ in flat]
        )
    if "pysbd" in results and "newsevents" in results:
        ratio = results["newsevents"]["speed"]["mb_per_s"] / results["pysbd"]["speed"]["mb_per_s"]
        report["speedup_vs_pysbd"] = round(ratio, 1)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def render(report: dict) -> str:
    lines = [
        "| segmenter | GUM flat P / R / F1 | GUM news F1 (newlines kept) | Golden 48 | Golden 52 | MB/s | sentences/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in report["segmenters"].items():
        flat, news, gold, speed = r["gum_flat"], r["gum_news"], r["golden"], r["speed"]
        lines.append(
            f"| {name} | {flat['precision']:.3f} / {flat['recall']:.3f} / {flat['f1']:.3f} "
            f"| {news['f1']:.3f} | {gold['right48']}/48 ({gold['rules48']:.1%}) "
            f"| {gold['right52']}/52 ({gold['rules52']:.1%}) | {speed['mb_per_s']} | {speed['sentences_per_s']} |"
        )
    lines.append("")
    for name, r in report["segmenters"].items():
        lines.append(f"{name}: golden rules failed {r['golden']['failed']}")
    lines.append(f"entity boundaries on token boundaries (GUM): {report['entity_boundaries_on_tokens']}")
    if "newsevents_with_tokens_speed" in report:
        speed = report["newsevents_with_tokens_speed"]
        lines.append(f"newsevents sentences + tokens: {speed['mb_per_s']} MB/s, {speed['sentences_per_s']} sentences/s")
    if "speedup_vs_pysbd" in report:
        lines.append(f"newsevents is {report['speedup_vs_pysbd']}x pySBD's MB/s in this run")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""Measure `newsevents build` and `load_dataset` on a synthetic corpus, with peers in the same run.

    .venv/bin/python scripts/bench_build.py [--documents 10000] [--sentences 5] [--json results.json] [--keep]

Writes a synthetic corpus of valid documents (newsevents.dataset.synthetic: every event type,
non-ASCII text, nested entities, cross-sentence arguments, annotator layers on a quarter of the
documents) to a temporary folder, never the repository, then measures, each step in a fresh
Python process so import and cache effects are counted the way a user meets them:

- build: `newsevents build` end to end (validation, Parquet for both configs, card, datasheet with
  agreement, manifest): wall time and the process's peak RSS (ru_maxrss); a second build of the
  same corpus checks the manifests are identical at this scale;
- validate alone (`newsevents.validate.validate_files`, the first step of the build): time, to show
  which part of the build is validation and which is writing;
- baseline process: importing what the build imports and doing nothing: peak RSS, so the build's
  own memory is the difference;
- load: `datasets.load_dataset(build, config)` for both configs with an empty cache (Parquet ->
  Arrow cache) and again warm;
- peers: `json.load` of every corpus file (the cheapest possible read of the input) and
  `pyarrow.parquet.read_table` of every Parquet file of the build (the cheapest read of the output).
Ratios are build / json.load and load_dataset / read_table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(code: str) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON object; ru_maxrss (KiB) is added."""
    wrapper = code + textwrap.dedent("""
        import resource as _r, json as _j
        RESULT["peak_rss_mb"] = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024
        print(_j.dumps(RESULT))
    """)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"child failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = wall
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=5, help="sentences per synthetic document")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench_build."))
    corpus, dist, cache = work / "corpus", work / "dist", work / "hf-cache"
    figures: dict = {"documents": args.documents, "sentences_per_document": args.sentences}
    try:
        from newsevents.dataset.synthetic import write_synthetic_corpus

        started = time.perf_counter()
        files = write_synthetic_corpus(corpus, args.documents, args.sentences)
        figures["generate_seconds"] = time.perf_counter() - started
        figures["corpus_mb"] = sum(p.stat().st_size for p in files) / 1e6

        figures["peer_json_load"] = run_child(textwrap.dedent(f"""
            import json, time
            from pathlib import Path
            started = time.perf_counter()
            docs = [json.load(open(p, encoding="utf-8")) for p in sorted(Path({str(corpus)!r}).rglob("*.json"))]
            RESULT = {{"seconds": time.perf_counter() - started, "documents": len(docs)}}
        """))
        figures["baseline_imports"] = run_child(textwrap.dedent("""
            import datasets, pyarrow.parquet, newsevents.dataset.build, newsevents.validate, newsevents.agreement
            RESULT = {}
        """))
        figures["validate_only"] = run_child(textwrap.dedent(f"""
            import time
            from newsevents.document import iter_document_files
            from newsevents.validate import validate_files
            started = time.perf_counter()
            problems, count = validate_files(list(iter_document_files([__import__("pathlib").Path({str(corpus)!r})])))
            RESULT = {{"seconds": time.perf_counter() - started, "problems": len(problems), "files": count}}
        """))
        build_code = textwrap.dedent(f"""
            import time
            from newsevents.dataset.build import build
            started = time.perf_counter()
            result = build({str(corpus)!r}, {str(dist)!r} + "/{{out}}", "0.1.0")
            RESULT = {{"seconds": time.perf_counter() - started, "rows": result.rows}}
        """)
        figures["build"] = run_child(build_code.replace("{out}", "a"))
        figures["build_again"] = run_child(build_code.replace("{out}", "b"))
        first, second = (json.loads((dist / d / "0.1.0" / "manifest.json").read_text()) for d in ("a", "b"))
        figures["identical_manifests"] = first == second
        built = dist / "a" / "0.1.0"
        figures["build_mb"] = sum(p.stat().st_size for p in built.rglob("*") if p.is_file()) / 1e6

        figures["peer_read_table"] = run_child(textwrap.dedent(f"""
            import time, pyarrow.parquet as pq
            from pathlib import Path
            started = time.perf_counter()
            rows = sum(pq.read_table(p).num_rows for p in sorted(Path({str(built)!r}).rglob("*.parquet")))
            RESULT = {{"seconds": time.perf_counter() - started, "rows": rows}}
        """))
        load_code = textwrap.dedent(f"""
            import time, datasets
            datasets.disable_progress_bars()
            RESULT = {{}}
            for config in ("documents", "sentences"):
                started = time.perf_counter()
                ds = datasets.load_dataset({str(built)!r}, config, cache_dir={str(cache)!r})
                RESULT[config] = {{"seconds": time.perf_counter() - started,
                                   "rows": sum(len(d) for d in ds.values())}}
            RESULT["seconds"] = RESULT["documents"]["seconds"] + RESULT["sentences"]["seconds"]
        """)
        figures["load_cold"] = run_child(load_code)
        figures["load_warm"] = run_child(load_code)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    b, j, v, r = figures["build"], figures["peer_json_load"], figures["validate_only"], figures["peer_read_table"]
    lc, lw = figures["load_cold"], figures["load_warm"]
    print(f"synthetic corpus: {args.documents} documents, {figures['corpus_mb']:.1f} MB JSON "
          f"(generated in {figures['generate_seconds']:.1f} s); build output {figures['build_mb']:.1f} MB")
    print(f"build                 {b['seconds']:7.2f} s   peak RSS {b['peak_rss_mb']:6.0f} MB "
          f"(baseline imports {figures['baseline_imports']['peak_rss_mb']:.0f} MB)")
    print(f"  of which validation {v['seconds']:7.2f} s   (validate alone, same corpus)")
    print(f"build again           {figures['build_again']['seconds']:7.2f} s   identical manifests: "
          f"{figures['identical_manifests']}")
    print(f"peer json.load all    {j['seconds']:7.2f} s   build / json.load = {b['seconds'] / j['seconds']:.1f}x")
    print(f"load_dataset cold     {lc['seconds']:7.2f} s   (documents {lc['documents']['seconds']:.2f} s, "
          f"sentences {lc['sentences']['seconds']:.2f} s, {lc['sentences']['rows']} sentence rows)")
    print(f"load_dataset warm     {lw['seconds']:7.2f} s")
    print(f"peer read_table all   {r['seconds']:7.2f} s   load cold / read_table = {lc['seconds'] / r['seconds']:.1f}x")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

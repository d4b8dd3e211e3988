"""Throughput benchmark: the whole pipeline against pkuseg alone on the same text.

    .venv/bin/python benchmarks/throughput.py [--chars 2000000]

Builds a corpus from the sample reports (copies with a distinct first line, so every copy is
its own document) of at least ``--chars`` characters, then measures, each in a fresh process:

  (a) pkuseg alone: ``pkuseg.pkuseg().cut`` over all of the text, one process;
  (b) ``reportx extract`` over the corpus (no Prefect);
  (c) ``reportx run`` (the Prefect flow, ephemeral server) into an empty dataset folder;
  (d) ``reportx run`` again with no new input.

It prints characters per second, wall time, peak resident memory and model load time for
each, and the ratios b/a (target <= 1.0), c/b (<= 1.3, server start excluded) and d/c (<= 0.05).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def build_corpus(folder: Path, min_chars: int) -> tuple[int, int]:
    """Copies of the sample reports until ``min_chars``; returns (files, characters)."""
    reports = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
    texts = [r.read_text(encoding="utf-8") for r in reports]
    folder.mkdir(parents=True, exist_ok=True)
    total = n = 0
    while total < min_chars:
        for r, t in zip(reports, texts):
            body = f"基准语料副本 {n}\n{t}"
            (folder / f"{n:04d}_{r.name}").write_text(body, encoding="utf-8")
            total += len(body)
            n += 1
    return n, total


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Wall seconds and peak RSS (MB) of a child process; its stdout's last JSON line if any."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed:\n{proc.stderr[-2000:]}")
    info = {}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{") and line.endswith("}"):
            try:
                info = json.loads(line)
                break
            except json.JSONDecodeError:
                pass
    return {"wall": wall, "peak_mb": max(peak, before) / 1024, **info}


PKUSEG_ALONE = """
import json, sys, time, pathlib
t0 = time.perf_counter()
import pkuseg
seg = pkuseg.pkuseg()
load = time.perf_counter() - t0
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
t1 = time.perf_counter()
for t in texts:
    seg.cut(t)
print(json.dumps({"load": load, "work": time.perf_counter() - t1}))
"""

EXTRACT = """
import json, sys, time, pathlib
t0 = time.perf_counter()
from extract.extractors import create
from extract.ingest import read_document
from extract.nlp.pipeline import get_nlp
from extract.process import extract_document
nlp = get_nlp(); extractors = create()
nlp.tokenizer.segmenter  # load pkuseg now, so load time is measured apart
load = time.perf_counter() - t0
t1 = time.perf_counter(); n = 0
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    n += len(extract_document(read_document(p), extractors, nlp).records)
print(json.dumps({"load": load, "work": time.perf_counter() - t1, "records": n}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=2_000_000)
    args = ap.parse_args()
    py = str(BIN / "python")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        files, chars = build_corpus(corpus, args.chars)
        env["PREFECT_HOME"] = str(tmp / "prefect")
        print(f"corpus: {files} files, {chars:,} characters")
        a = measure([py, "-c", PKUSEG_ALONE, str(corpus)], env)
        b = measure([py, "-c", EXTRACT, str(corpus)], env)
        out = tmp / "data"
        c = measure([str(BIN / "reportx"), "run", str(corpus), "--out", str(out)], env)
        d = measure([str(BIN / "reportx"), "run", str(corpus), "--out", str(out)], env)
        shutil.rmtree(out, ignore_errors=True)
    rows = [
        ("(a) pkuseg alone", a["work"], a["wall"], a["peak_mb"], a.get("load")),
        ("(b) reportx extract", b["work"], b["wall"], b["peak_mb"], b.get("load")),
        ("(c) Prefect flow", c["wall"], c["wall"], c["peak_mb"], None),
        ("(d) flow, no new input", d["wall"], d["wall"], d["peak_mb"], None),
    ]
    print(f"{'step':<26}{'work s':>9}{'wall s':>9}{'chars/s':>12}{'peak MB':>10}{'load s':>8}")
    for name, work, wall, peak, load in rows:
        print(f"{name:<26}{work:>9.1f}{wall:>9.1f}{chars / work:>12,.0f}{peak:>10.0f}{'' if load is None else f'{load:.1f}':>8}")
    print(f"b/a (pipeline vs pkuseg, work time): {b['work'] / a['work']:.2f}   (target <= 1.0)")
    print(f"c/b (flow vs extract, wall incl. model load and server start): {c['wall'] / b['wall']:.2f}   (target <= 1.3)")
    print(f"d/c (no-new-input run vs full run): {d['wall'] / c['wall']:.2f}   (target <= 0.05)")
    print(f"records extracted: {b.get('records')}")


if __name__ == "__main__":
    sys.exit(main())

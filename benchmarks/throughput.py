"""Throughput benchmark: the whole pipeline against pkuseg alone on the same text.

    .venv/bin/python benchmarks/throughput.py [--chars 2000000] [--jobs N]

Builds a corpus from the sample reports (copies with a distinct first line, so every copy is
its own document) of at least ``--chars`` characters, then measures, each in a fresh process:

  (a) pkuseg alone: ``pkuseg.pkuseg().cut`` over all of the text, one process;
  (b) ``reportx extract`` over the corpus (no Prefect; one process per core by default);
  (c) the Prefect flow over the corpus into an empty dataset folder, in a process that talks to
      a Prefect server started before the clock starts (as a served deployment does);
  (d) the same flow again in the same process, with no new input.

It prints wall time, characters per second, peak resident memory of the largest process and
model load time for each, the ratios b/a (target <= 1.0), c/b (<= 1.3) and d/c (<= 0.05), and
the peak memory of ``reportx extract`` on half the corpus, to show it stays flat as input grows.
"""

from __future__ import annotations

import argparse
import json
import os
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


def _tree_rss_mb(root: int) -> float:
    """Largest resident set (MB) among ``root`` and its descendants now (Linux /proc).

    Pool workers are children of multiprocessing's forkserver, which getrusage never attributes
    to the command, so the tree is sampled instead."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parent[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        kids = {pid for pid, pp in parent.items() if pp in tree} - tree
        grew = bool(kids)
        tree |= kids
    best = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    best = max(best, int(line.split()[1]))
        except OSError:
            continue
    return best / 1024


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Wall seconds and peak RSS (MB, largest single process of its tree, sampled every 0.2 s)
    of a command; its stdout's last JSON line if any."""
    import threading

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss_mb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, errs = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed:\n{errs[-2000:]}")
    info = {}
    for line in reversed(out.splitlines()):
        if line.startswith("{") and line.endswith("}"):
            try:
                info = json.loads(line)
                break
            except json.JSONDecodeError:
                pass
    return {"wall": wall, "peak_mb": peak[0], **info}


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

FLOW = """
import json, sys, time
from prefect.server.api.server import SubprocessASGIServer
from prefect.settings import PREFECT_API_URL, temporary_settings
t0 = time.perf_counter()
server = SubprocessASGIServer(); server.start()
server_start = time.perf_counter() - t0
with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
    from flows.ingest import run_ingest
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else None
    t1 = time.perf_counter()
    first = run_ingest(sys.argv[1], sys.argv[2], jobs=jobs)
    c = time.perf_counter() - t1
    t2 = time.perf_counter()
    second = run_ingest(sys.argv[1], sys.argv[2], jobs=jobs)
    d = time.perf_counter() - t2
assert first.published is not None and second.published is None, (first.line(), second.line())
print(json.dumps({"server_start": server_start, "c": c, "d": d, "records": sum(first.counts.values()),
                  "c_line": first.line()[:120], "d_line": second.line()[:120]}))
server.stop()
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=2_000_000)
    ap.add_argument("--jobs", type=int, default=None, help="extraction processes for (b) and (c) (default: one per core)")
    args = ap.parse_args()
    py = str(BIN / "python")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
    if args.jobs:
        env["REPORTX_JOBS"] = str(args.jobs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, half = tmp / "corpus", tmp / "half"
        files, chars = build_corpus(corpus, args.chars)
        half_files, half_chars = build_corpus(half, args.chars // 2)
        env["PREFECT_HOME"] = str(tmp / "prefect")
        print(f"corpus: {files} files, {chars:,} characters; {os.cpu_count()} cores; jobs {env.get('REPORTX_JOBS', 'auto')}")
        a = measure([py, "-c", PKUSEG_ALONE, str(corpus)], env)
        paths = [str(p) for p in sorted(corpus.glob("*.txt"))]
        b = measure([str(BIN / "reportx"), "extract", *paths], env)
        b_half = measure([str(BIN / "reportx"), "extract", *[str(p) for p in sorted(half.glob("*.txt"))]], env)
        c = measure([py, "-c", FLOW, str(corpus), str(tmp / "data")], env)
    rows = [
        ("(a) pkuseg alone", a["wall"], a["peak_mb"], a.get("load")),
        ("(b) reportx extract", b["wall"], b["peak_mb"], None),
        ("(c) Prefect flow", c["c"], c["peak_mb"], None),
        ("(d) flow, no new input", c["d"], None, None),
    ]
    print(f"{'step':<26}{'wall s':>9}{'chars/s':>12}{'peak MB':>10}{'load s':>8}")
    for name, wall, peak, load in rows:
        print(f"{name:<26}{wall:>9.2f}{chars / wall:>12,.0f}{'' if peak is None else f'{peak:.0f}':>10}"
              f"{'' if load is None else f'{load:.1f}':>8}")
    print(f"Prefect server start (before the clock of c): {c['server_start']:.1f}s")
    print(f"b/a (pipeline vs pkuseg alone, wall): {b['wall'] / a['wall']:.2f}   (target <= 1.0)")
    print(f"c/b (flow vs extract, wall, server start excluded): {c['c'] / b['wall']:.2f}   (target <= 1.3)")
    print(f"d/c (no-new-input run vs full run): {c['d'] / c['c']:.3f}   (target <= 0.05)")
    print(f"peak RSS of the largest process, reportx extract: {b_half['peak_mb']:.0f} MB on {half_chars:,} chars, "
          f"{b['peak_mb']:.0f} MB on {chars:,} chars")
    print(f"records: {c['records']} ({c['c_line']}) / second run: {c['d_line']}")


if __name__ == "__main__":
    sys.exit(main())

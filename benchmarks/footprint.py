"""What a user pays: wall time, characters per second and the sum of PSS over every process of a
command, for pkuseg alone, `reportx extract`, `reportx run` and a no-new-input rerun, at 0.25x,
0.5x, 1x and 2x a corpus of >= 2 M characters.

    .venv/bin/python benchmarks/footprint.py          (or: make bench)
    options: --chars 2000000 --sizes 0.25,0.5,1,2 --seed 21 --md docs/benchmarks.md --png docs/benchmarks.png
             --tree DIR  (measure the code of another tree, e.g. an exported commit, with this venv)

Corpus: the report texts of the scoring sets (fixtures/{dev,heldout,prose,prose_heldout,tables,
wild_dev,wild_heldout,wild2_dev,wild2_heldout}/reports) and the samples (fixtures/reports), split
into paragraphs (lines), shuffled with a fixed seed (reshuffled on every pass through them) and
joined into documents whose lengths are drawn from the lengths of those reports, until the size is
reached. Each size is a prefix of the 2x document stream, written to its own folder. Only the
texts are read: nothing here scores or prints extraction errors.

Memory: every ~0.2 s the sampler sums ``memory_full_info().pss`` over the command's process, its
descendants and every process whose environment carries this measurement's marker (the Prefect
server of `reportx run` runs in a session of its own; the marker finds it whatever its parent),
and keeps the peak of that sum; PSS counts a page shared by n processes as 1/n in each, so the
sum is what the run holds. After each command the sampler waits for its processes to end and
reports any left behind (and stops them: they carry the marker).

Steps, each a fresh command (wall time includes interpreter start and model load):
  pkuseg alone     one process: ``pkuseg.pkuseg().cut`` over every document (no user dictionary);
  reportx extract  ``reportx extract FILES`` (default jobs: one process per core), JSON to a file;
  reportx run      ``reportx run FOLDER --out OUT`` with its own PREFECT_HOME (a copy of one warmed
                   by an untimed tiny run, so Prefect's database migrations are not timed) and its
                   own REPORTX_CACHE_DIR, both in a temporary folder; includes the server start;
  rerun            the same command again: nothing new, nothing published.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SETS = ("dev", "heldout", "prose", "prose_heldout", "tables", "wild_dev", "wild_heldout", "wild2_dev", "wild2_heldout",
        "reports")
MARK = "REPORTX_BENCH_MARK"
STEPS = ("pkuseg alone", "reportx extract", "reportx run", "rerun")

PKUSEG_ALONE = """
import sys, pathlib
import pkuseg
seg = pkuseg.pkuseg()
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    seg.cut(p.read_text(encoding="utf-8"))
"""


# --- corpus ------------------------------------------------------------------------------------

def source_reports() -> list[Path]:
    found = []
    for name in SETS:
        folder = ROOT / "fixtures" / name
        for p in sorted(folder.rglob("*")):
            rel = p.relative_to(folder).parts
            if p.is_file() and p.suffix in (".txt", ".md") and (name == "reports" or "reports" in rel[:-1]):
                found.append(p)
    return found


@dataclass
class Corpus:
    sources: int
    paragraphs: int
    unique_chars: int
    docs: list[str]


def build_stream(min_chars: int, seed: int) -> Corpus:
    """Documents of shuffled paragraphs, >= ``min_chars`` characters in all."""
    texts = [p.read_text(encoding="utf-8") for p in source_reports()]
    paragraphs = [line.strip() for t in texts for line in t.splitlines() if line.strip()]
    lengths = [len(t) for t in texts]
    rng = random.Random(seed)
    pool: list[str] = []
    docs: list[str] = []
    total = 0
    while total < min_chars:
        want = rng.choice(lengths)
        body: list[str] = []
        size = 0
        while size < want:
            if not pool:
                pool = paragraphs[:]
                rng.shuffle(pool)
            para = pool.pop()
            body.append(para)
            size += len(para) + 1
        doc = "\n".join(body) + "\n"
        docs.append(doc)
        total += len(doc)
    return Corpus(len(texts), len(paragraphs), sum(len(p) for p in set(paragraphs)), docs)


def write_prefix(docs: list[str], folder: Path, min_chars: int) -> tuple[int, int]:
    folder.mkdir(parents=True)
    total = n = 0
    for n, doc in enumerate(docs, 1):
        (folder / f"doc{n:05d}.txt").write_text(doc, encoding="utf-8")
        total += len(doc)
        if total >= min_chars:
            break
    return n, total


# --- measuring ---------------------------------------------------------------------------------

@dataclass
class Measure:
    wall: float = 0.0
    peak_mb: float = 0.0
    peak_parts: dict[str, float] = field(default_factory=dict)
    processes: int = 0
    leftovers: list[str] = field(default_factory=list)
    returncode: int = 0


def _role(proc: psutil.Process, root: int, forkservers: set[int]) -> str:
    try:
        if proc.pid == root:
            return "main"
        cmd = " ".join(proc.cmdline())
        if "flows.server" in cmd:
            return "prefect server"
        if "forkserver" in cmd:
            return "worker" if proc.ppid() in forkservers else "forkserver"
        if "resource_tracker" in cmd:
            return "resource tracker"
        return "other"
    except psutil.Error:
        return "other"


class Sampler:
    """Peak of the summed PSS of a command's processes (see the module doc)."""

    def __init__(self, root: psutil.Process, marker: str, interval: float = 0.2):
        self.root, self.marker, self.interval = root, marker, interval
        self.known: dict[tuple[int, float], bool] = {}  # (pid, create time) -> carries the marker
        self.peak, self.parts, self.seen = 0.0, {}, set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def members(self) -> list[psutil.Process]:
        out = []
        for proc in psutil.process_iter(["pid", "create_time"]):
            key = (proc.info["pid"], proc.info["create_time"])
            marked = self.known.get(key)
            if marked is None:
                try:
                    marked = proc.environ().get(MARK) == self.marker
                except psutil.Error:
                    marked = False
                marked = marked or proc.pid == self.root.pid
                if not marked:
                    try:
                        marked = any(p.pid == self.root.pid for p in proc.parents())
                    except psutil.Error:
                        pass
                self.known[key] = marked
            if marked:
                out.append(proc)
        return out

    def sample(self) -> None:
        procs = self.members()
        forkservers = set()
        for p in procs:
            try:
                if "forkserver" in " ".join(p.cmdline()) and p.ppid() not in {q.pid for q in procs if q.pid != p.pid and
                                                                            "forkserver" in " ".join(q.cmdline())}:
                    forkservers.add(p.pid)
            except psutil.Error:
                pass
        total, parts = 0.0, {}
        for p in procs:
            try:
                pss = p.memory_full_info().pss / 2**20
            except psutil.Error:
                continue
            role = _role(p, self.root.pid, forkservers)
            parts[role] = parts.get(role, 0.0) + pss
            total += pss
            self.seen.add(p.pid)
        if total > self.peak:
            self.peak, self.parts = total, parts

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure(cmd: list[str], env: dict, stdout: Path) -> Measure:
    marker = uuid.uuid4().hex
    env = {**env, MARK: marker}
    m = Measure()
    t0 = time.perf_counter()
    with open(stdout, "wb") as out, open(stdout.with_suffix(".err"), "wb") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
        with Sampler(psutil.Process(proc.pid), marker) as sampler:
            m.returncode = proc.wait()
            m.wall = time.perf_counter() - t0
    m.peak_mb, m.peak_parts, m.processes = sampler.peak, sampler.parts, len(sampler.seen)
    # whatever the command started must be gone: wait a little, then name and stop what is left
    deadline = time.monotonic() + 15
    while True:
        left = [p for p in psutil.process_iter() if _carries(p, marker)]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    for p in left:
        try:
            m.leftovers.append(f"{p.pid} {' '.join(p.cmdline())[:100]}")
            p.kill()
        except psutil.Error:
            pass
    if m.returncode not in (0, 3):
        tail = stdout.with_suffix(".err").read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(cmd[:3])} failed with exit code {m.returncode}:\n{tail}")
    return m


def _carries(proc: psutil.Process, marker: str) -> bool:
    try:
        return proc.environ().get(MARK) == marker
    except psutil.Error:
        return False


# --- the run -----------------------------------------------------------------------------------

def run_sizes(args, tmp: Path, say) -> tuple[Corpus, list[dict]]:
    sizes = [float(s) for s in args.sizes.split(",")]
    corpus = build_stream(int(args.chars * max(sizes)), args.seed)
    py, reportx = str(BIN / "python"), str(BIN / "reportx")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
           "PYTHONUNBUFFERED": "1"}
    if args.tree:  # its src/ and flows/ come before the venv's editable install of this checkout
        tree = args.tree.resolve()
        env["PYTHONPATH"] = os.pathsep.join([str(tree / "src"), str(tree)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    for key in ("PREFECT_API_URL", "PREFECT_HOME", "REPORTX_CACHE_DIR"):
        env.pop(key, None)
    template = tmp / "prefect-template"
    warm = tmp / "warm"
    write_prefix(corpus.docs, warm / "in", 1)
    say("warming a fresh PREFECT_HOME (untimed: database migrations) ...")
    measure([reportx, "run", str(warm / "in"), "--out", str(warm / "out")],
            {**env, "PREFECT_HOME": str(template), "REPORTX_CACHE_DIR": str(warm / "cache")}, warm / "run.out")
    rows = []
    for size in sizes:
        where = tmp / f"x{size:g}"
        docs, chars = write_prefix(corpus.docs, where / "corpus", int(args.chars * size))
        files = [str(p) for p in sorted((where / "corpus").glob("*.txt"))]
        home = where / "prefect"
        shutil.copytree(template, home)
        run_env = {**env, "PREFECT_HOME": str(home), "REPORTX_CACHE_DIR": str(where / "cache")}
        run_cmd = [reportx, "run", str(where / "corpus"), "--out", str(where / "data")]
        row = {"size": size, "docs": docs, "chars": chars, "load": os.getloadavg()[0]}
        say(f"{size:g}x: {docs} documents, {chars:,} characters")
        for step, cmd, e in (("pkuseg alone", [py, "-c", PKUSEG_ALONE, str(where / "corpus")], env),
                             ("reportx extract", [reportx, "extract", *files], env),
                             ("reportx run", run_cmd, run_env),
                             ("rerun", run_cmd, run_env)):
            m = measure(cmd, e, where / f"{step.replace(' ', '_')}.out")
            row[step] = m
            say(f"  {step:<16} {m.wall:7.1f} s {chars / m.wall:>10,.0f} chars/s  PSS sum {m.peak_mb:6.0f} MB "
                f"({', '.join(f'{k} {v:.0f}' for k, v in sorted(m.peak_parts.items()))}; {m.processes} processes)"
                + (f"  LEFT OVER: {m.leftovers}" if m.leftovers else ""))
        rerun_out = (where / "rerun.out").read_text(encoding="utf-8")
        if "nothing new" not in rerun_out:
            raise SystemExit(f"the rerun at {size:g}x published something:\n{rerun_out[-1000:]}")
        rows.append(row)
    return corpus, rows


def render(args, corpus: Corpus, rows: list[dict], started: float, load_before, load_after) -> str:
    cpu = platform.processor() or platform.machine()
    lines = [
        "# Benchmarks: time and memory of a run",
        "",
        "Regenerate (about 40 minutes on 2 cores): `make bench` "
        "(`.venv/bin/python benchmarks/footprint.py`); it rewrites this page and "
        f"[benchmarks.png](benchmarks.png). How it measures: the docstring of `benchmarks/footprint.py`.",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))}, {os.cpu_count()} cores ({cpu}), "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}; load average "
        f"{load_before:.2f} before, {load_after:.2f} after (a shared machine: times vary with its load). "
        f"Code: {_code(args)}.",
        "",
        f"Corpus: {corpus.sources} report texts of the scoring sets and the samples, {corpus.paragraphs:,} paragraphs "
        f"({corpus.unique_chars:,} characters in distinct paragraphs), shuffled by paragraph (seed {args.seed}) into "
        f"documents of the reports' own lengths; 1x = {args.chars:,} characters, each size a prefix of the 2x stream.",
        "",
        "**PSS sum**: the peak over the run of the summed proportional set size of every process the command "
        "started (the command, its pool's forkserver and workers, the Prefect server): what the run holds in "
        "memory. Wall time is the whole command, interpreter start and model load included.",
        "",
        "| size | documents | characters | step | wall s | chars/s | PSS sum MB | at the peak (MB) | processes |",
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        for step in STEPS:
            m: Measure = row[step]
            parts = ", ".join(f"{k} {v:.0f}" for k, v in sorted(m.peak_parts.items(), key=lambda kv: -kv[1]))
            lines.append(f"| {row['size']:g}x | {row['docs']} | {row['chars']:,} | {step} | {m.wall:.1f} | "
                         f"{row['chars'] / m.wall:,.0f} | {m.peak_mb:.0f} | {parts} | {m.processes} |")
    lines += ["", "Ratios (targets of issue #21 in brackets):", "",
              "| size | extract / pkuseg alone (<= 0.5) | run / extract (<= 1.2) | rerun / run (<= 0.05) |",
              "| ---: | ---: | ---: | ---: |"]
    for row in rows:
        a, b, c, d = (row[s].wall for s in STEPS)
        lines.append(f"| {row['size']:g}x | {b / a:.2f} | {c / b:.2f} | {d / c:.3f} |")
    peaks = [row["reportx run"].peak_mb for row in rows]
    lines += ["", f"PSS sum of `reportx run` from {rows[0]['size']:g}x to {rows[-1]['size']:g}x: "
              f"{min(peaks):.0f} to {max(peaks):.0f} MB (spread {100 * (max(peaks) - min(peaks)) / min(peaks):.0f}% of the "
              f"smallest; target <= 1,500 MB and flat within 10%).", ""]
    left = [(row["size"], s, row[s].leftovers) for row in rows for s in STEPS if row[s].leftovers]
    lines.append("Processes left behind after a command: " + ("none." if not left else
                 "; ".join(f"{sz:g}x {s}: {lo}" for sz, s, lo in left)))
    lines += ["", "![wall time and PSS sum against corpus size](benchmarks.png)", ""]
    return "\n".join(lines)


def _code(args) -> str:
    if args.code:
        return args.code
    where = args.tree.resolve() if args.tree else ROOT
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "flows"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
    except OSError:
        sha, dirty = "", ""
    if args.tree:
        return f"the tree {where}"
    return f"commit {sha}" + (" with uncommitted changes in src/ or flows/" if dirty else "")


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chars = [row["chars"] / 1e6 for row in rows]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for step, marker in zip(STEPS, "osD^"):
        ax1.plot(chars, [row[step].wall for row in rows], marker=marker, label=step)
        ax2.plot(chars, [row[step].peak_mb for row in rows], marker=marker, label=step)
    ax1.set(xlabel="corpus, million characters", ylabel="wall time, s", title="Wall time")
    ax2.set(xlabel="corpus, million characters", ylabel="peak of summed PSS, MB", title="Memory of all processes")
    ax2.axhline(1500, color="grey", linestyle="--", linewidth=1, label="1.5 GB target")
    ax2.set_ylim(bottom=0, top=max(2500, 1.25 * max(r[s].peak_mb for r in rows for s in STEPS)))
    ax1.set_ylim(bottom=0)
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=2_000_000, help="characters of the 1x corpus")
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="corpus sizes, multiples of --chars")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--md", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--png", type=Path, default=ROOT / "docs" / "benchmarks.png")
    ap.add_argument("--tree", type=Path, default=None, help="measure the code of this source tree (default: this checkout)")
    ap.add_argument("--code", default=None, help="what the page says the measured code is (default: commit or tree)")
    args = ap.parse_args()

    def say(line: str) -> None:
        print(line, flush=True)

    started, load_before = time.time(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="reportx-bench-") as tmp:
        corpus, rows = run_sizes(args, Path(tmp), say)
    load_after = os.getloadavg()[0]
    args.md.parent.mkdir(parents=True, exist_ok=True)
    plot(rows, args.png)
    args.md.write_text(render(args, corpus, rows, started, load_before, load_after), encoding="utf-8")
    say(f"wrote {args.md} and {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Storage over incremental runs: does the data folder grow with new documents, or with versions?

    .venv/bin/python benchmarks/storage.py [--runs 10] [--per-run 2]

Runs ``reportx run`` ``--runs`` times into one empty data folder, adding ``--per-run`` new
reports to the input folder before each run (the authored dev, prose, tables and wild_dev
reports, in a fixed order), and prints after each run: the size of the new input, the size of
the data folder counting each hard-linked file once (what ``du`` reports), and its growth.
Records, merged facts and texts unchanged since the previous version are shared by hard links,
so the growth per run should follow the new documents, not the number of versions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTX = ROOT / ".venv" / "bin" / "reportx"


def disk_bytes(folder: Path) -> int:
    """Bytes of the files under ``folder``, each inode once (hard links counted once, as du does)."""
    seen, total = set(), 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            if st.st_ino not in seen:
                seen.add(st.st_ino)
                total += st.st_size
    return total


def sources() -> list[Path]:
    out = []
    for sub in ("dev", "prose", "tables", "wild_dev"):
        out += sorted((ROOT / "fixtures" / sub / "reports").glob("*.txt"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--per-run", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the data folder (its path is printed) to look into")
    args = ap.parse_args()
    files = sources()
    need = args.runs * args.per_run
    if len(files) < need:
        print(f"only {len(files)} authored reports; need {need}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="reportx-storage-"))
    inbox, data = work / "in", work / "data"
    inbox.mkdir()
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "REPORTX_CACHE_DIR": str(work / "cache")}
    print(f"{'run':>3} {'new input KB':>12} {'input KB':>9} {'data KB':>8} {'growth KB':>9} {'records+merged+prov KB':>22}")
    prev = 0
    try:
        for run in range(1, args.runs + 1):
            new = files[(run - 1) * args.per_run: run * args.per_run]
            for f in new:
                shutil.copy(f, inbox / f"{f.parent.parent.name}-{f.name}")
            proc = subprocess.run([str(REPORTX), "run", str(inbox), "--out", str(data)], env=env,
                                  capture_output=True, text=True, timeout=900)
            if proc.returncode not in (0, 3):
                print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
                return 1
            size = disk_bytes(data)
            rec = disk_bytes_of(data, ("records", "merged", "provenance"))
            print(f"{run:>3} {sum(f.stat().st_size for f in new) / 1024:>12.1f} {disk_bytes(inbox) / 1024:>9.1f} "
                  f"{size / 1024:>8.1f} {(size - prev) / 1024:>9.1f} {rec / 1024:>22.1f}", flush=True)
            prev = size
    finally:
        if args.keep:
            print(f"kept: {data}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def disk_bytes_of(data: Path, subfolders: tuple[str, ...]) -> int:
    """Like ``disk_bytes``, over the given subfolders of every version."""
    seen, total = set(), 0
    for version in data.glob("v*"):
        for sub in subfolders:
            for p in (version / sub).rglob("*"):
                st = p.lstat()
                if p.is_file() and st.st_ino not in seen:
                    seen.add(st.st_ino)
                    total += st.st_size
    return total


if __name__ == "__main__":
    raise SystemExit(main())

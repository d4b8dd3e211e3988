"""Serve the ingest flow as a scheduled deployment on a Prefect server.

    PREFECT_API_URL=http://127.0.0.1:4200/api python -m flows.serve --input fixtures/reports --out data

registers the deployment ``ingest-reports/scheduled`` with a cron schedule and pinned
parameters (input folder, output folder) and then executes its runs until stopped (Ctrl-C).
``make serve`` starts a local server on 127.0.0.1 first. Runs can also be triggered at any
time: ``prefect deployment run ingest-reports/scheduled``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from flows.ingest import ingest_reports

DEFAULT_CRON = "0 * * * *"  # hourly, at minute 0


def main(argv: list[str] | None = None) -> None:
    """Register the scheduled deployment and serve its runs (blocks)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", default="fixtures/reports", help="folder the runs read reports from")
    ap.add_argument("--out", default="data", help="dataset folder the runs publish to")
    ap.add_argument("--cron", default=DEFAULT_CRON, help=f"cron schedule (default {DEFAULT_CRON!r})")
    ap.add_argument("--name", default="scheduled", help="deployment name")
    args = ap.parse_args(argv)
    if not os.environ.get("PREFECT_API_URL"):
        ap.error("PREFECT_API_URL is not set: start a server (`make serve` does) and point PREFECT_API_URL at it")
    ingest_reports.serve(
        name=args.name,
        cron=args.cron,
        parameters={"input_dir": str(Path(args.input).resolve()), "out_dir": str(Path(args.out).resolve())},
        description="Ingest new reports and publish a dataset version",
    )


if __name__ == "__main__":
    main()

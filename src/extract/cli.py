"""``reportx``: the command line. It only wires the library's stages together."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese industry reports in, versioned JSON datasets out.")
err = Console(stderr=True, soft_wrap=True)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPORTS = REPO_ROOT / "fixtures" / "reports"
DEFAULT_GOLD = REPO_ROOT / "fixtures" / "gold"


def _extractors(names: Optional[List[str]]):
    from .extractors import UnknownExtractorError, create

    try:
        return create(names or None)
    except UnknownExtractorError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="Report files (.txt/.md)"),
    extractor: Optional[List[str]] = typer.Option(None, "--extractor", "-e", help="Extractor name (repeatable; default: all)"),
    no_ruler: bool = typer.Option(False, help="Switch the gazetteer entity ruler off"),
) -> None:
    """Print the records of FILES as JSON Lines on stdout (no Prefect, no dataset)."""
    from .ingest import IngestError, read_document
    from .nlp.pipeline import get_nlp
    from .process import extract_document

    extractors = _extractors(extractor)
    nlp = get_nlp(ruler=not no_ruler)
    failed = 0
    out = sys.stdout
    for f in files:
        try:
            doc = read_document(f)
        except IngestError as exc:
            err.print(f"[red]skipped[/red] {exc}")
            failed += 1
            continue
        res = extract_document(doc, extractors, nlp)
        for r in res.records:
            out.write(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n")
        for rej in res.rejected:
            err.print(f"[yellow]rejected[/yellow] {rej.source} ({rej.extractor}): {rej.reason}")
        err.print(f"{f}: {len(res.records)} records")
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    set_: Optional[str] = typer.Option(None, "--set", help="A scoring set under fixtures/: gold (real reports, default), dev or heldout"),
    reports: Path = typer.Option(DEFAULT_REPORTS, help="Folder of reports"),
    gold: Path = typer.Option(DEFAULT_GOLD, help="Folder of gold JSON Lines (same file stems as the reports)"),
    errors: bool = typer.Option(False, "--errors", help="List misses, false positives and field errors"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
    extractor: Optional[List[str]] = typer.Option(None, "--extractor", "-e"),
    no_ruler: bool = typer.Option(False, help="Switch the gazetteer entity ruler off"),
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per kind and per field."""
    from .evaluate import KINDS, evaluate, pair_files
    from .ingest import read_document
    from .nlp.pipeline import get_nlp
    from .process import extract_document

    if set_ is not None:
        base = REPO_ROOT / "fixtures" / ("" if set_ == "gold" else set_)
        if set_ not in ("gold", "dev", "heldout"):
            err.print(f"[red]error:[/red] unknown set {set_!r}; known sets: gold, dev, heldout")
            raise typer.Exit(2)
        reports, gold = base / "reports", base / "gold"
    try:
        pairs = pair_files(reports, gold)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    extractors = _extractors(extractor)
    nlp = get_nlp(ruler=not no_ruler)

    def predict(path: Path) -> list[dict]:
        res = extract_document(read_document(path), extractors, nlp)
        return [r.model_dump(mode="json") for r in res.records]

    t0 = time.perf_counter()
    result = evaluate(pairs, predict)
    elapsed = time.perf_counter() - t0
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    console = Console(soft_wrap=True)
    t = Table(title=f"reportx eval: {len(pairs)} reports against {gold}")
    for col in ("kind", "field", "tp", "fp", "fn", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col not in ("kind", "field") else "left")
    for kind in KINDS:
        c = result.kinds[kind]
        t.add_row(kind, "(records)", str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
        for (k, f), fc in sorted(result.fields.items()):
            if k == kind:
                t.add_row("", f, str(fc.tp), str(fc.fp), str(fc.fn), f"{fc.precision:.3f}", f"{fc.recall:.3f}", f"{fc.f1:.3f}")
    m = result.micro
    t.add_row("micro", "(all records)", str(m.tp), str(m.fp), str(m.fn), f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", style="bold")
    console.print(t)
    if errors:
        for g in result.misses:
            console.print(f"[red]MISS[/red] {g['source']}:{g.get('line')} {g['kind']} {_key(g)} | {g.get('evidence', '')[:120]!r}")
        for p in result.false_positives:
            console.print(f"[yellow]FP[/yellow]   {p['source']} {p['kind']} {_key(p)} | {p.get('evidence', '')[:120]!r}")
        for e in result.field_errors:
            console.print(f"[magenta]FIELD[/magenta] {e['source']} {e['kind']}.{e['field']}: gold={e['gold']!r} predicted={e['predicted']!r} | {str(e['evidence'])[:80]!r}")
    console.print(f"evaluated in {elapsed:.1f}s")


@app.command()
def run(
    input_dir: Path = typer.Argument(..., help="Folder of report files"),
    out: Path = typer.Option(Path("data"), "--out", "-o", help="Dataset folder (versions are published here)"),
    extractor: Optional[List[str]] = typer.Option(None, "--extractor", "-e", help="Extractor name (repeatable; default: all)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's INFO logs"),
) -> None:
    """Run the Prefect ingest flow on INPUT_DIR and publish a new dataset version under --out."""
    # Prefect reads its settings at import: quiet by default so the progress bar stays readable
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .runner import discover

    _extractors(extractor)  # fail fast on unknown names, listing the known ones
    try:
        total = len(discover(input_dir))
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    from flows.ingest import ingest_reports

    t0 = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("starting Prefect", total=total)

        def advance(path: Path) -> None:
            bar.update(task, advance=1, description=f"processed {path.name}")

        bar.update(task, description="processing")
        summary = ingest_reports(str(input_dir), str(out), extractor or None, progress=advance)
    elapsed = time.perf_counter() - t0
    console = Console(soft_wrap=True)
    for o in summary.outcomes:
        if o.state != "published":
            console.print(f"[yellow]{o.state}[/yellow] {o.source}: {o.reason}")
    for rej in summary.rejected:
        console.print(f"[yellow]rejected record[/yellow] {rej.source} ({rej.extractor}): {rej.reason}")
    console.print(summary.line())
    if summary.published:
        console.print("records: " + ", ".join(f"{k}={v}" for k, v in sorted(summary.counts.items())))
        console.print(f"dataset {summary.published.version} written to {summary.published.path} (latest -> {summary.published.version}) in {elapsed:.1f}s")


@app.command()
def schemas(check: bool = typer.Option(False, "--check", help="Fail if the committed schemas are stale")) -> None:
    """Regenerate schemas/*.schema.json from the record models (or --check them)."""
    from . import schemas as sch

    if check:
        bad = sch.stale()
        if bad:
            err.print(f"[red]stale schemas:[/red] {', '.join(bad)} — run `reportx schemas`")
            raise typer.Exit(1)
        print("schemas up to date")
        return
    for p in sch.write():
        print(p)


def _key(r: dict) -> str:
    if r["kind"] == "policy":
        return f"《{r.get('title')}》 issuers={r.get('issuers')} date={r.get('date')}"
    if r["kind"] == "funding_round":
        return f"{r.get('company')} round={r.get('round')} date={r.get('date')} amount={r.get('amount_raw')} investors={r.get('investors')}"
    return f"{r.get('product')} / {r.get('company')} {r.get('authority')} class={r.get('cert_class')} date={r.get('date')}"


def main() -> None:  # console script entry point
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    app()


if __name__ == "__main__":
    main()

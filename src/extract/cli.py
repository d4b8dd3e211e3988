"""``reportx``: the command line. It only wires the library's stages together."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table

from . import jsonl, stopping

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape_char(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape", "backslashreplace").decode("ascii") if not 0xD800 <= ord(ch) <= 0xDFFF else f"\\u{ord(ch):04x}"


def plain(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``, ``\\x1b``): a file name holding a
    newline or a terminal escape cannot forge a line of output or recolour the terminal, and one
    that is not UTF-8 cannot crash the output (its bytes are shown as ``\\xff``)."""
    return _CONTROL.sub(lambda m: _escape_char(m.group()), text)


def escape(text: str) -> str:
    """``text`` printable literally through rich: markup escaped, control characters shown as escapes."""
    return _markup_escape(plain(text))


app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese industry reports in, versioned JSON datasets out.")
err = Console(stderr=True, soft_wrap=True, emoji=False)  # ids like funding_round:m:… stay literal


def _console() -> Console:
    """stdout console at least 120 columns wide, so score tables are not truncated in pipes and CI."""
    import shutil

    return Console(soft_wrap=True, emoji=False, width=max(120, shutil.get_terminal_size((120, 24)).columns))

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPORTS = REPO_ROOT / "fixtures" / "reports"
DEFAULT_GOLD = REPO_ROOT / "fixtures" / "gold"
#: scoring sets under fixtures/ (gold: the real reports; the rest authored, see fixtures/dev/README.md)
SCORING_SETS = ("gold", "dev", "heldout", "prose", "prose_heldout", "tables", "wild_dev", "wild_heldout", "wild2_dev",
                "wild2_heldout", "wild3_dev", "wild3_heldout", "wild4_dev", "wild4_heldout", "wild5_dev", "wild5_heldout",
                "wild6_dev", "wild6_heldout", "wild7_dev", "wild7_heldout", "wild8_dev", "wild8_heldout", "wild9_dev", "wild9_heldout",
                "wild10_dev", "wild10_heldout", "wild11_dev", "wild11_heldout")
#: sets `reportx eval --ner` ablates besides gold: prose-only reports with names the rules alone
#: cannot bound (prose: rules were tuned on it; prose_heldout: only scored). The dev set is not
#: among them: its reports are NER training data.
NER_ABLATION_SETS = ("prose", "prose_heldout")


def _set_dirs(name: str) -> tuple[Path, Path]:
    """(reports, gold) folders of a scoring set under fixtures/."""
    base = REPO_ROOT / "fixtures" / ("" if name == "gold" else name)
    return base / "reports", base / "gold"


def _switched_off(no_ruler: bool, no_ner: bool) -> dict[str, bool]:
    """``--no-ruler`` / ``--no-ner`` as pipeline arguments: off when given, else the settings'
    ``ruler`` / ``ner`` (``REPORTX_RULER=0`` / ``REPORTX_NER=0`` switch them off the same way)."""
    return {k: False for k, flag in (("ruler", no_ruler), ("ner", no_ner)) if flag}


def _extractors(names: Optional[List[str]]):
    from .extractors import UnknownExtractorError, create
    from .settings import SettingsError

    try:
        return create(names or None)
    except (UnknownExtractorError, SettingsError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="Report files (.txt/.md/.pdf)"),
    extractor: Optional[List[str]] = typer.Option(None, "--extractor", "-e", help="Extractor name (repeatable; default: all)"),
    no_ruler: bool = typer.Option(False, "--no-ruler", help="Switch the gazetteer entity ruler off (as REPORTX_RULER=0)"),
    no_ner: bool = typer.Option(False, "--no-ner", help="Switch the trained NER off, rules and gazetteers only (as REPORTX_NER=0)"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Extraction processes (default: REPORTX_JOBS or one per core, at most one per file)"),
) -> None:
    """Print the records of FILES as JSON Lines on stdout (no Prefect, no dataset), in file order.

    Exit codes: 0 every file read and every record valid; 3 some records were rejected (each named
    on stderr with its extractor and reason); 1 a file could not be read or extracted; 2 usage."""
    from .ingest import IngestError, read_document

    names = [e.name for e in _extractors(extractor)]
    try:
        from .parallel import default_jobs

        jobs = jobs or default_jobs(len(files))
    except ValueError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    failed = rejected = 0
    out = sys.stdout

    def docs():  # read lazily: only the documents in flight are held in memory
        nonlocal failed
        for f in files:
            try:
                yield read_document(f)
            except IngestError as exc:
                err.print(f"[red]skipped[/red] {escape(str(exc))}")
                failed += 1

    if jobs > 1:
        from .parallel import ExtractionPool

        pool = ExtractionPool(jobs, names, **_switched_off(no_ruler, no_ner))
        results = pool.imap(docs())
    else:
        from .nlp.pipeline import get_nlp
        from .process import extract_document

        pool = None
        extractors = _extractors(extractor)
        nlp = get_nlp(**_switched_off(no_ruler, no_ner))
        results = ((doc, extract_document(doc, extractors, nlp)) for doc in docs())
    try:
        for doc, res in results:
            if isinstance(res, BaseException):
                err.print(f"[red]failed[/red] {escape(str(doc.source))}: extraction failed: {escape(repr(res))}")
                failed += 1
                continue
            for r in res.records:
                out.write(jsonl.dumps(r.model_dump(mode="json"), sort_keys=False) + "\n")  # U+2028 etc. escaped
            for rej in res.rejected:
                err.print(f"[yellow]rejected[/yellow] {escape(str(rej.source))} ({escape(str(rej.extractor))}): {escape(str(rej.reason))}")
            rejected += len(res.rejected)
            err.print(f"{escape(str(doc.source))}: {escape(str(len(res.records)))} records"
                      + (f", {len(res.rejected)} rejected" if res.rejected else ""))
    finally:
        if pool is not None:
            pool.close()
    if failed:
        raise typer.Exit(1)
    if rejected:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("eval")
def eval_cmd(
    set_: Optional[str] = typer.Option(None, "--set", help="A scoring set under fixtures/: " + ", ".join(SCORING_SETS) + " (default: gold, the real reports)"),
    reports: Path = typer.Option(DEFAULT_REPORTS, help="Folder of reports"),
    gold: Path = typer.Option(DEFAULT_GOLD, help="Folder of gold JSON Lines (same file stems as the reports)"),
    errors: bool = typer.Option(False, "--errors", help="List misses (each with the stage that lost it), false positives and field errors"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
    extractor: Optional[List[str]] = typer.Option(None, "--extractor", "-e"),
    no_ruler: bool = typer.Option(False, "--no-ruler", help="Switch the gazetteer entity ruler off (as REPORTX_RULER=0)"),
    no_ner: bool = typer.Option(False, "--no-ner", help="Switch the trained NER off, rules and gazetteers only (as REPORTX_NER=0)"),
    ner: bool = typer.Option(False, "--ner", help="Also score the NER: entities per label on its held-out split, and records with and without it"),
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per kind and per field."""
    from .devtools.evaluate import KINDS, evaluate, group_pairs, pair_files
    from .ingest import read_document
    from .nlp.pipeline import get_nlp
    from .process import extract_document

    if set_ is not None:
        if set_ not in SCORING_SETS:
            err.print(f"[red]error:[/red] unknown set {escape(repr(set_))}; known sets: {escape(str(', '.join(SCORING_SETS)))}")
            raise typer.Exit(2)
        reports, gold = _set_dirs(set_)
        if not reports.is_dir():
            err.print(f"[red]error:[/red] --set {escape(set_)} reads {escape(str(reports))}, which is not here: the scoring "
                      "sets live in a checkout of the repository; with an installed package pass --reports and --gold")
            raise typer.Exit(2)
    try:
        pairs = pair_files(reports, gold)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    extractors = _extractors(extractor)
    if ner:
        if set_ is None and reports == DEFAULT_REPORTS and gold == DEFAULT_GOLD:
            # the real reports, and the authored prose sets whose names the rules find hard
            sets = [("gold", pairs)] + [(name, pair_files(*_set_dirs(name))) for name in NER_ABLATION_SETS]
        else:
            sets = [(set_ or str(gold), pairs)]
        _ner_report(sets, extractors, ruler=not no_ruler)
        return
    nlp = get_nlp(**_switched_off(no_ruler, no_ner))

    traced: dict[str, tuple] = {}  # report name -> (result, predictions): for --errors' stage of each miss

    def predict(path: Path) -> list[dict]:
        res = extract_document(read_document(path), extractors, nlp, trace=errors)
        preds = [r.model_dump(mode="json") for r in res.records]
        if errors:
            traced[path.name] = (res, preds)
        return preds

    t0 = time.perf_counter()
    result = evaluate(pairs, predict)
    elapsed = time.perf_counter() - t0
    if errors:
        from .devtools.diagnose import stage_of_miss

        for g in result.misses:
            res, preds = traced[g["source"]]
            found = stage_of_miss(g, res, preds)
            g["stage"], g["stage_detail"] = found.stage, found.detail
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    console = _console()
    t = Table(title=f"reportx eval: {len(group_pairs(pairs))} reports against {gold}")
    for col in ("kind", "field", "tp", "fp", "fn", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col not in ("kind", "field") else "left")
    for kind in KINDS:
        c = result.kinds[kind]
        if kind in result.unannotated:
            t.add_row(kind, "(not annotated in this set)", "-", "-", "-", "-", "-", "-")
            continue
        t.add_row(kind, "(records)", str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
        for (k, f), fc in sorted(result.fields.items()):
            if k == kind:
                t.add_row("", f, str(fc.tp), str(fc.fp), str(fc.fn), f"{fc.precision:.3f}", f"{fc.recall:.3f}", f"{fc.f1:.3f}")
    m = result.micro
    t.add_row("micro", "(all records)", str(m.tp), str(m.fp), str(m.fn), f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", style="bold")
    console.print(t)
    for kind, n in result.unannotated.items():
        console.print(f"{escape(str(kind))}: {escape(str(n))} predictions not scored (this set's gold does not annotate {escape(str(kind))})")
    if errors:
        for g in result.misses:
            console.print(f"[red]MISS[/red] {escape('[' + g['stage'] + ']')} {escape(str(g['source']))}:{escape(str(g.get('line')))} "
                          f"{escape(str(g['kind']))} {escape(str(_key(g)))} | {escape(repr(g.get('evidence', '')[:120]))}")
            console.print(f"     {escape(g['stage_detail'])}")
        for p in result.false_positives:
            console.print(f"[yellow]FP[/yellow]   {escape(str(p['source']))} {escape(str(p['kind']))} {escape(str(_key(p)))} | {escape(repr(p.get('evidence', '')[:120]))}")
        for e in result.field_errors:
            console.print(f"[magenta]FIELD[/magenta] {escape(str(e['source']))} {escape(str(e['kind']))}.{escape(str(e['field']))}: gold={escape(repr(e['gold']))} predicted={escape(repr(e['predicted']))} | {escape(repr(str(e['evidence'])[:80]))}")
    if errors and result.misses:
        from .devtools.diagnose import STAGES

        by = Table(title="misses by the stage that lost them (src/extract/devtools/diagnose.py)")
        by.add_column("kind")
        for st in STAGES:
            by.add_column(st, justify="right")
        for kind in KINDS:
            row = [sum(1 for g in result.misses if g["kind"] == kind and g["stage"] == st) for st in STAGES]
            if any(row):
                by.add_row(kind, *map(str, row))
        console.print(by)
    console.print(f"evaluated in {elapsed:.1f}s")


@app.command()
def run(
    input_dir: Path = typer.Argument(..., help="Folder of report files"),
    out: Path = typer.Option(Path("data"), "--out", "-o", help="Dataset folder (versions are published here)"),
    extractor: Optional[List[str]] = typer.Option(None, "--extractor", "-e", help="Extractor name (repeatable; default: all)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's INFO logs"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Extraction processes on this machine (default: REPORTX_JOBS or one per core)"),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Extract on a local Dask cluster of N worker processes"),
    dask: Optional[str] = typer.Option(None, "--dask", help="Extract on an existing Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786)"),
    from_scratch: bool = typer.Option(False, "--from-scratch",
                                      help="Publish a version of the input files only, not built on `latest` (when `latest` fails verification)"),
) -> None:
    """Run the Prefect ingest flow on INPUT_DIR and publish a new dataset version under --out.

    A run with nothing to extract (every file unchanged, a duplicate or unreadable, no stored
    document to extract again) is settled without Prefect: the same summary and ledger lines, no
    server started.

    Exit codes: 0 done, every file published or skipped; 3 done, but some files are quarantined
    or some records were rejected (see the lines above, `reportx status`); 1 the run failed and
    published nothing, or there was nothing to do (an empty input folder); 2 a usage error found
    before any work (paths, settings); 130 / 143 stopped by SIGINT / SIGTERM (whatever the run
    started is stopped too).
    """
    # Prefect reads its settings at import: quiet by default so the progress bar stays readable
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if verbose else "warning")  # --workers: no INFO lines
    import warnings

    # Prefect warns at import when PREFECT_HOME cannot be created; the check below says it in one line
    warnings.filterwarnings("ignore", message="Failed to create the Prefect home directory")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .runner import discover

    def fail(message: str, code: int = 2):
        err.print(f"[red]error:[/red] {escape(message)}")
        raise typer.Exit(code)

    _extractors(extractor)  # fail fast on unknown names, listing the known ones
    try:
        from . import settings

        settings.current()  # a bad REPORTX_* setting is an error here, not a traceback from the flow's import
        pruned: list[Path] = []
        files = discover(input_dir, exclude=[out], pruned=pruned)
        total = len(files)
        for folder in pruned:
            err.print(f"not read: {escape(str(folder))} is a reportx dataset folder (its texts are copies, not reports)")
    except (ValueError, FileNotFoundError, NotADirectoryError) as exc:
        fail(str(exc))
    from .runner import display_path

    for given, what in ((input_dir, "the input folder"), (out, "--out")):
        if display_path(given) != str(given):
            fail(f"{display_path(given)}: {what} has a name that is not valid UTF-8; rename it")
    if out.name.startswith(".staging-") or out.name == ".pending":
        fail(f"{out}: --out is named like a dataset's own working file; choose another name")
    if out.exists() and not out.is_dir():
        fail(f"{out}: --out is a file, not a dataset folder")
    inside = _inside_a_version(out)
    if inside is not None:
        fail(f"{out}: --out is inside the published version {inside}, which is never written to; give the dataset folder")
    if out.resolve() == input_dir.resolve():
        fail(f"{out}: --out is the input folder; give the dataset its own folder (it may be inside the input folder)")
    if total == 0:
        fail(f"{input_dir}: no report files in this folder (.txt, .md, .pdf): nothing to do", 1)
    from .dataset import DatasetError
    from .runner import previous_version

    try:  # a `latest` the run cannot build on is refused now, in one line, before Prefect starts
        verified = previous_version(out, from_scratch=from_scratch)  # (the flow checks again, holding the lock)
    except DatasetError as exc:
        fail(str(exc), 1)
    from flows.cache import limits

    try:
        limits()  # a bad REPORTX_CACHE_MAX_* is an error now, not a warning in the middle of the run
    except ValueError as exc:
        fail(str(exc))
    t0 = time.perf_counter()
    from .runner import settle_without_extraction

    try:  # nothing to extract (the usual scheduled rerun): settled here, no Prefect server started
        summary = settle_without_extraction(input_dir, out, _extractors(extractor), from_scratch=from_scratch,
                                            verified=verified, files=files)
    except DatasetError as exc:
        fail(str(exc), 1)
    if summary is not None:
        _report_run(summary, time.perf_counter() - t0, note="nothing to extract, so Prefect was not started")
        return
    from flows.server import ServerError, ensure_prefect_home

    try:
        ensure_prefect_home()  # a Prefect home that cannot be created fails at once, not after a stall
    except ServerError as exc:
        fail(str(exc))
    from flows.ingest import CLI_REPORTS, run_ingest

    _hide_from_prefect_console(*CLI_REPORTS)  # quarantines are printed below, once each
    from .dataset import latest

    before = latest(out)
    try:
        with _signals_unwind(), Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                         console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("starting Prefect", total=total)

            def advance(path: Path) -> None:
                bar.update(task, advance=1, description=f"processed {escape(path.name)}")

            def say(line: str) -> None:
                bar.console.print(escape(line))

            summary = run_ingest(str(input_dir), str(out), extractor or None, progress=advance, workers=workers, dask_address=dask,
                                 jobs=jobs, say=say, from_scratch=from_scratch)
    except stopping.Stopped as stop:
        now = latest(out)
        if now != before:  # the stop came after the commit point: the version is whole and published
            err.print(f"stopped by {escape(str(stop.name))}: what the run started is stopped; {escape(str(now))} was published whole before the stop (the ledger may miss this run)")
        else:
            err.print(f"stopped by {escape(str(stop.name))}: what the run started is stopped; a version is only ever published whole, so `latest` is intact")
        raise typer.Exit(128 + stop.signum)
    except (ServerError, DatasetError) as exc:
        fail(str(exc), 1)
    _report_run(summary, time.perf_counter() - t0)


def _report_run(summary, elapsed: float, note: str = "") -> None:
    """Print a finished run: its quarantined files and rejected records, its summary line, the
    version published; exit 3 (EXIT_PARTIAL) when a file was quarantined or a record rejected."""
    console = _console()
    for o in summary.outcomes:
        if o.state == "quarantined":
            console.print(f"[yellow]quarantined[/yellow] {escape(str(o.source))}: {escape(str(o.reason))}")
    for rej in summary.rejected:
        console.print(f"[yellow]rejected record[/yellow] {escape(str(rej.source))} ({escape(str(rej.extractor))}): {escape(str(rej.reason))}")
    console.print(escape(summary.line()))
    if summary.published:
        console.print("records: " + ", ".join(f"{k}={v}" for k, v in sorted(summary.counts.items())))
        console.print(escape(f"dataset {summary.published.version} written to {summary.published.path} "
                             f"(latest -> {summary.published.version}) in {elapsed:.1f}s"))
    else:
        console.print(f"nothing new: no version published ({elapsed:.1f}s{'; ' + note if note else ''})")
    if summary.rejected or any(o.state == "quarantined" for o in summary.outcomes):
        raise typer.Exit(EXIT_PARTIAL)


#: `reportx run` finished, but some files are quarantined or some records were rejected
EXIT_PARTIAL = 3


def _inside_a_version(path: Path) -> Path | None:
    """The published version folder (vNNNN with a manifest) that ``path`` is or lies inside, if any."""
    for p in [path.resolve(), *path.resolve().parents]:
        if p.name[:1] == "v" and p.name[1:].isdigit() and (p / "datapackage.json").is_file():
            return p
    return None


def _hide_from_prefect_console(attribute: str) -> None:
    """Prefect's console handler skips log records that carry ``attribute`` (the CLI prints them
    itself); its API handler still sends them to the server, so the UI shows them."""
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    class _Skip(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return not getattr(record, attribute, False)

    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler):
            handler.addFilter(_Skip())


#: seconds a stopped run may take to unwind before it exits regardless
UNWIND_SECONDS = 5.0


def _exit_after(seconds: float, code: int) -> None:
    time.sleep(seconds)
    err.print(f"stopped: exiting without waiting for running tasks (exit code {escape(str(code))})")
    os._exit(code)


@contextmanager
def _signals_unwind():
    """SIGINT and SIGTERM raise ``stopping.Stopped`` in the main thread, so every ``with`` and ``finally``
    of the run (the Prefect server, the extraction pool, the publish lock) cleans up; a second
    signal while unwinding is ignored so cleanup can finish."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return

    def handler(signum, frame):
        stopping.request(signum)  # honoured before any publish even if the raise below is swallowed
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        # a task thread busy with one document cannot be interrupted, and Prefect's task runner
        # waits for it while unwinding: after a grace period the process exits as it is (its
        # Prefect server and extraction workers watch for that and stop within a second or two)
        threading.Thread(target=_exit_after, args=(UNWIND_SECONDS, 128 + signum), daemon=True).start()
        raise stopping.Stopped(signum)

    stopping.clear()
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, h in previous.items():
            signal.signal(sig, h)
        stopping.clear()


@app.command()
def schemas(check: bool = typer.Option(False, "--check", help="Fail if the committed schemas are stale")) -> None:
    """Regenerate schemas/*.schema.json from the record models (or --check them)."""
    from . import schemas as sch

    if check:
        bad = sch.stale()
        if bad:
            err.print(f"[red]stale schemas:[/red] {escape(str(', '.join(bad)))} — run `reportx schemas`")
            raise typer.Exit(1)
        print("schemas up to date")
        return
    for p in sch.write():
        print(p)


def _ner_report(sets, extractors, *, ruler: bool) -> None:
    """Entity-level scores of the trained NER on its held-out split, and its record-level ablation."""
    from .devtools.evaluate import evaluate
    from .ingest import read_document
    from .devtools.training.ner import CURATED_JSONL, HELDOUT_JSONL, evaluate as ner_evaluate, heldout_units
    from .devtools.training.ner_data import LABELS
    from .nlp.pipeline import get_nlp
    from .process import extract_document

    console = _console()
    with_ner = get_nlp(ruler=ruler, ner=True)
    if "ner" not in with_ner.pipe_names:
        err.print("[red]error:[/red] no trained NER in the package; run `reportx train-ner`")
        raise typer.Exit(2)
    units = heldout_units()
    curated = "hand-curated spans" if CURATED_JSONL.is_file() else "silver spans"
    scores = ner_evaluate(with_ner, units)
    t = Table(title=f"NER entities on the held-out split ({len(units)} lines of {HELDOUT_JSONL.name}, {curated}; "
                    f"pipeline {'+'.join(with_ner.pipe_names)})")
    for col in ("label", "tp", "fp", "fn", "precision", "recall", "F1"):
        t.add_column(col, justify="left" if col == "label" else "right")
    for lab in (*LABELS, "micro"):
        c = scores[lab]
        t.add_row(lab, str(c["tp"]), str(c["fp"]), str(c["fn"]), f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}",
                  style="bold" if lab == "micro" else None)
    console.print(t)

    ruler_note = "gazetteer ruler on" if ruler else "gazetteer ruler off"
    t = Table(title=f"Records with and without the trained NER (ablation; {ruler_note} in both): micro P/R/F1, "
                    "recall on prose-only gold (not table rows), F1 per kind")
    from .devtools.evaluate import KINDS

    for col in ("set", "pipeline", "P", "R", "F1", "prose-only R", *KINDS):
        t.add_column(col, justify="left" if col in ("set", "pipeline") else "right", no_wrap=col in ("set", "pipeline"))
    for set_name, pairs in sets:
        gold_prose = [g for g in _gold_records(pairs) if not g.get("borderline") and "\t" not in g.get("evidence", "")]
        for label, use in (("rules + NER", True), ("rules only", False)):
            nlp = get_nlp(ruler=ruler, ner=use)
            res = evaluate(pairs, lambda p: [r.model_dump(mode="json") for r in extract_document(read_document(p), extractors, nlp).records])
            # (counted per record: two records of one line, "先后完成A轮和B轮", are two)
            prose_missed = sum(1 for g in res.misses if not g.get("borderline") and "\t" not in g.get("evidence", ""))
            prose_tp = len(gold_prose) - prose_missed
            m = res.micro
            t.add_row(set_name if use else "", label, f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}",
                      f"{prose_tp / len(gold_prose):.3f} ({prose_tp}/{len(gold_prose)})" if gold_prose else "-",
                      *("-" if k in res.unannotated else f"{res.kinds[k].f1:.3f}" for k in KINDS))
    console.print(t)


def _gold_records(pairs) -> list[dict]:
    from .devtools.evaluate import load_gold

    return [{"source": report.name, **g} for report, gold in pairs for g in load_gold(gold)]


def _needs(path: Path, what: str, option: str) -> Path:
    """``path``, or a usage error saying that ``what`` lives in a checkout and which option names another."""
    if not path.exists():
        err.print(f"[red]error:[/red] {escape(what)} not found at {escape(str(path))}: it lives in a checkout of the "
                  f"repository; pass {option}")
        raise typer.Exit(2)
    return path


@app.command("build-ner-data")
def build_ner_data(
    seed: int = typer.Option(0, help="Seed of the augmentation"),
    root: Optional[Path] = typer.Option(None, help="Checkout whose fixtures/ hold the labelled reports (default: this one)"),
    out: Optional[Path] = typer.Option(None, help="Folder the three JSON Lines files are written to (default: ROOT/training)"),
) -> None:
    """Rebuild ner_train.jsonl, ner_dev.jsonl and ner_heldout.jsonl from the labelled reports."""
    from .devtools.training.ner import REPO_ROOT, build_data

    root = _needs((root or REPO_ROOT) / "fixtures", "the labelled reports (fixtures/)", "--root").parent
    out = out or root / "training"
    out.mkdir(parents=True, exist_ok=True)
    print(json.dumps(build_data(seed=seed, root=root, out_dir=out), ensure_ascii=False))


@app.command("train-ner")
def train_ner(
    seed: int = typer.Option(0, help="Random seed (training is reproducible for the same seed and data)"),
    rebuild_data: bool = typer.Option(False, "--rebuild-data", help="Rebuild the training data first"),
    max_steps: Optional[int] = typer.Option(None, help="Override training.max_steps of the config"),
    data_dir: Optional[Path] = typer.Option(None, help="Folder of ner_train/ner_dev JSON Lines (default: the checkout's training/)"),
    config: Optional[Path] = typer.Option(None, help="spaCy training config (default: the checkout's training/config.cfg)"),
    model_dir: Optional[Path] = typer.Option(None, help="Where the model goes (default: the package's, which the pipeline loads)"),
) -> None:
    """Train the NER from training/config.cfg and install it as the pipeline's default model."""
    from .devtools.training.ner import CONFIG, MODEL_DIR, TRAINING_DIR, build_data, train

    data_dir = data_dir or TRAINING_DIR
    config = _needs(config or CONFIG, "the training config", "--config")
    if rebuild_data:
        err.print(json.dumps(build_data(seed=seed, out_dir=data_dir), ensure_ascii=False))
    _needs(data_dir / "ner_train.jsonl", "the training data", "--data-dir (or --rebuild-data in a checkout)")
    result = train(seed=seed, max_steps=max_steps, data_dir=data_dir, config=config, model_dir=model_dir or MODEL_DIR)
    console = _console()
    console.print(f"trained in {escape(str(result['seconds']))}s; model written to {escape(str(result['model_dir']))}")
    console.print("dev split (checkpoint selection and tuning; silver spans) | held-out split (reporting only)")
    for lab, c in result["scores"].items():
        d = result["dev_scores"][lab]
        console.print(f"  {lab:8} dev F1={d['f1']:.3f} | held-out P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f}")


@app.command()
def status(
    data_dir: Path = typer.Argument(Path("data"), help="Dataset folder"),
    all_: bool = typer.Option(False, "--all", help="Also list files that no longer exist"),
) -> None:
    """The last state of every input file the runs have seen: published, skipped or quarantined,
    with the reason and the run. Files that no longer exist are left out unless --all."""
    from .dataset import latest
    from .ledger import current
    from .runner import path_exists

    entries = current(data_dir)
    if not entries:
        err.print(f"{escape(str(data_dir))}: no runs recorded (no ledger.jsonl)")
        raise typer.Exit(1)
    gone = {s for s, e in entries.items() if not path_exists(s, e.working_dir)}
    shown = sorted((e for s, e in entries.items() if all_ or s not in gone), key=lambda e: e.source)
    console = _console()
    counts: dict[str, int] = {}
    for e in shown:
        counts[e.state] = counts.get(e.state, 0) + 1
    console.print(f"{escape(str(data_dir))}: latest {escape(str(latest(data_dir)))}; {len(shown)} files: "
                  + ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
                  + (f" ({len(gone)} recorded files no longer exist: --all lists them)" if gone and not all_ else ""))
    colour = {"published": "green", "skipped": "dim", "quarantined": "yellow"}
    for e in shown:
        state = f"[{colour.get(e.state, 'white')}]{escape(e.state)}[/]"
        missing = " (file gone)" if e.source in gone else ""
        reason = f": {escape(str(e.reason))}" if e.reason else ""
        console.print(f"{state} {escape(str(e.source))}{missing}{reason} (run {escape(str(e.run[:8]))} at {escape(str(e.time))})")


cache_app = typer.Typer(no_args_is_help=True, help="The extraction cache under the Prefect home (bounded; see flows/cache.py).")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info() -> None:
    """Where the extraction cache is, how much it holds, and its limits."""
    from flows import cache

    try:
        max_mb, max_days = cache.limits()
    except ValueError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    st = cache.stats()
    print(f"{st.path}: {st.entries} entries, {st.bytes / 1e6:.1f} MB "
          f"(limits: {max_mb:g} MB, {max_days:g} days; REPORTX_CACHE_MAX_MB, REPORTX_CACHE_MAX_DAYS)")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every cached extraction (the next run extracts new documents again; published data is untouched)."""
    from flows import cache

    gone = cache.clear()
    print(f"{gone.path}: removed {gone.entries} entries ({gone.bytes / 1e6:.1f} MB)")


datasets_app = typer.Typer(no_args_is_help=True, help="List, show and compare published dataset versions.")
app.add_typer(datasets_app, name="datasets")


def _open(data_dir: Path, version: str):
    from .dataset import DatasetError, open_dataset

    try:
        return open_dataset(data_dir, version)
    except DatasetError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)


@datasets_app.command("list")
def datasets_list(data_dir: Path = typer.Argument(Path("data"), help="Dataset folder")) -> None:
    """Published versions, oldest first, with record counts; * marks latest."""
    from .dataset import DatasetError, latest, open_dataset, strays, versions

    names = versions(data_dir)
    if not names:
        err.print(f"{escape(str(data_dir))}: no published versions")
        raise typer.Exit(1)
    cur = latest(data_dir)
    t = Table(title=f"datasets in {data_dir}")
    from .records import RECORD_MODELS

    for col in ("", "version", "created", "documents", *RECORD_MODELS, "merged facts"):
        t.add_column(col)
    bad = dict(strays(data_dir))
    for name in names:
        if name in bad:
            continue
        try:
            ds = open_dataset(data_dir, name)
        except DatasetError as exc:
            bad[name] = str(exc)
            continue
        counts = {r["name"]: r["count"] for r in ds.manifest["resources"]}
        merged = sum(v for k, v in counts.items() if k.startswith("merged_"))  # (changes_* are not facts)
        t.add_row("*" if name == cur else "", name, ds.manifest.get("created", ""), str(len(ds.inputs)),
                  *(str(counts.get(kind, 0)) for kind in RECORD_MODELS), str(merged))
    _console().print(t)
    for name, why in sorted(bad.items()):  # listed, not fatal: the other versions are still readable
        err.print(f"[yellow]not a version[/yellow] {escape(str(data_dir / name))}: {escape(why)}")


@datasets_app.command("show")
def datasets_show(
    data_dir: Path = typer.Argument(Path("data"), help="Dataset folder"),
    version: str = typer.Argument("latest", help="Version id (default: latest)"),
    verify_: bool = typer.Option(False, "--verify", help="Re-check hashes, schemas and evidence offsets"),
) -> None:
    """A version's manifest summary: inputs, extractors, resources (and --verify it)."""
    from .dataset import DatasetError, open_dataset, verify

    if verify_:  # a version that cannot even be opened (copied, linked, torn manifest) failed verification
        try:
            ds = open_dataset(data_dir, version)
        except DatasetError as exc:
            exists = version == "latest" or os.path.lexists(data_dir / version)
            err.print(f"[red]{'verification failed' if exists else 'error'}:[/red] {escape(str(exc))}")
            raise typer.Exit(1 if exists else 2)
    else:
        ds = _open(data_dir, version)
    m = ds.manifest
    console = _console()
    console.print(f"[bold]{escape(str(ds.version))}[/bold] ({escape(str(ds.path))}) created {escape(str(m.get('created')))} schema {escape(str(m.get('schema_version')))} "
                  f"code {m.get('code_version')} fingerprint {m.get('fingerprint')} previous {m.get('previous_version')}")
    console.print("extractors: " + ", ".join(f"{e['name']}@{e['version']}" for e in m.get("extractors", [])))
    t = Table(title="resources")
    for col in ("name", "path", "count", "bytes", "sha256"):
        t.add_column(col)
    for r in m["resources"]:
        files = r.get("path", [])
        if isinstance(files, str):
            path = files
        elif files:
            path = f"{files[0].rsplit('/', 1)[0]}/ ({len(files)} part{'s' if len(files) != 1 else ''})"
        else:
            path = "(no rows)"
        digest = r.get("sha256", r.get("hash", ""))
        t.add_row(escape(r["name"]), escape(path), str(r["count"]), str(r.get("bytes", 0)), digest[:16] + "…" if digest else "-")
    console.print(t)
    for inp in ds.inputs.values():
        console.print(f"input {escape(str(inp['doc_id'][:12]))}… {escape(str(', '.join(inp.get('sources', [inp['source']]))))}")
    for q in m.get("quarantined", []):
        console.print(f"[yellow]quarantined[/yellow] {escape(str(q['source']))}: {escape(str(q['reason']))}")
    for lost in m.get("lost", []):
        console.print(f"[yellow]lost[/yellow] {escape(str(lost['doc_id'])[:12])}… "
                      f"{escape(', '.join(x for x in lost.get('sources', []) if x) or '(no source known)')}: {escape(str(lost.get('reason', '')))}"
                      " (`reportx datasets repair DATA --input DIR` looks for it)")
    if verify_:
        try:
            verify(ds.path)
        except DatasetError as exc:
            err.print(f"[red]verification failed:[/red] {escape(str(exc))}")
            raise typer.Exit(1)
        console.print("[green]verified[/green]: hashes, sizes, counts, schemas, evidence offsets")


@datasets_app.command("changes")
def datasets_changes(
    data_dir: Path = typer.Argument(..., help="Dataset folder"),
    since: str = typer.Option(..., "--since", help="Print what changed after this version (e.g. v0003)"),
    kind: Optional[List[str]] = typer.Option(None, "--kind", "-k", help="Only this record kind (repeatable)"),
) -> None:
    """Fact changes after version --since up to latest, as JSON Lines on stdout: one line per
    added, removed or changed merged fact (stable id, values now and before, which changed), with
    the version that changed it. The same rows as each version's changes/<kind>.jsonl."""
    from .dataset import DatasetError, changes_since
    from .records import RECORD_MODELS

    unknown = [k for k in kind or [] if k not in RECORD_MODELS]
    if unknown:
        err.print(f"[red]error:[/red] unknown kind {escape(', '.join(unknown))}; kinds: {escape(', '.join(RECORD_MODELS))}")
        raise typer.Exit(2)
    try:
        for row in changes_since(data_dir, since, kind or None):
            sys.stdout.write(jsonl.dumps(row, sort_keys=False) + "\n")
    except DatasetError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)


@datasets_app.command("repair")
def datasets_repair(
    data_dir: Path = typer.Argument(..., help="Dataset folder"),
    input_dir: Optional[Path] = typer.Option(None, "--input", "-i",
                                             help="Also look here for report files whose text a lost document held"),
) -> None:
    """Make `latest` trustworthy again after a file of it was edited, torn or deleted.

    A `latest` that verifies is left alone. A missing `latest` is pointed at the newest version that
    verifies. A damaged one is not edited: its documents are extracted again from texts that still
    hash to their ids (stored copies in any version, their source files, files under --input) and a
    new version is published; documents without such a text are listed as lost in its manifest.
    Exit codes: 0 repaired (or nothing to repair); 3 published, but some documents were lost;
    1 nothing could be recovered.
    """
    from .dataset import DatasetError
    from .runner import repair

    if not data_dir.is_dir():
        err.print(f"[red]error:[/red] {escape(str(data_dir))}: no such dataset folder")
        raise typer.Exit(2)
    if input_dir is not None and not input_dir.is_dir():
        err.print(f"[red]error:[/red] {escape(str(input_dir))}: --input is not a folder")
        raise typer.Exit(2)
    from .dataset import latest

    before = latest(data_dir)
    try:
        with _signals_unwind():
            done = repair(data_dir, _extractors(None), inputs=input_dir, say=lambda line: err.print(escape(line)))
            after = stopping.requested()  # a stop that came after the commit point (or was swallowed before it)
    except stopping.Stopped as stop:
        now = latest(data_dir)  # what is on disk decides what to say: a version renamed into place is published
        if now != before:
            err.print(f"stopped by {escape(str(stop.name))} after {escape(str(now))} was published whole; `latest` names it")
        else:
            err.print(f"stopped by {escape(str(stop.name))}: nothing was published; a version is only ever published whole")
        raise typer.Exit(128 + stop.signum)
    except DatasetError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    if after is not None:
        if done.published is not None:
            err.print(f"stopped by {escape(stopping.Stopped(after).name)} after {escape(done.published.version)} was published whole; `latest` names it")
        else:
            err.print(f"stopped by {escape(stopping.Stopped(after).name)}: nothing was published")
        raise typer.Exit(128 + after)
    for lost in done.lost:
        err.print(f"[yellow]lost[/yellow] {escape(lost['doc_id'][:12])}… {escape(', '.join(s for s in lost['sources'] if s) or '(no source known)')}: "
                  f"{escape(lost['reason'])}")
    print(plain(done.line()))
    if done.damaged is not None and done.published is None:
        raise typer.Exit(1)
    if done.lost:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def retract(
    data_dir: Path = typer.Argument(..., help="Dataset folder"),
    targets: List[str] = typer.Argument(..., help="doc_ids (or unique prefixes of 8+ hex digits) or source paths"),
    reason: str = typer.Option("", "--reason", help="Why (kept in the manifest and shown when runs skip the text)"),
    restore: bool = typer.Option(False, "--restore", help="Let retracted documents back in instead"),
) -> None:
    """Take documents and their facts out of the dataset, in a new version.

    A removed source file keeps its facts (runs carry documents whose files are gone); this is the
    explicit way to withdraw them. The new version holds every other document and record unchanged;
    merged facts lose the retracted source (or go, if it was their only one) and `changes/` lists
    them. Later runs skip a retracted text wherever it turns up again, until `--restore`. Earlier
    versions are never edited. Exit codes: 0 published; 1 nothing matched or the dataset cannot be
    trusted (nothing published).
    """
    from .dataset import DatasetError
    from .runner import retract as do_retract

    if not data_dir.is_dir():
        err.print(f"[red]error:[/red] {escape(str(data_dir))}: no such dataset folder")
        raise typer.Exit(2)
    try:
        with _signals_unwind():
            done = do_retract(data_dir, list(targets), reason=reason, restore=restore)
    except stopping.Stopped as stop:
        err.print(f"stopped by {escape(str(stop.name))}: nothing was published")
        raise typer.Exit(128 + stop.signum)
    except DatasetError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    for d in done.documents:
        err.print(f"{'restored' if restore else 'retracted'} {escape(d['doc_id'][:12])}… {escape(', '.join(s for s in d['sources'] if s))}"
                  + ("" if restore else f" ({d['records']} records)"))
    print(plain(done.line()))


@datasets_app.command("diff")
def datasets_diff(
    data_dir: Path = typer.Argument(..., help="Dataset folder"),
    a: str = typer.Argument(..., help="Older version"),
    b: str = typer.Argument("latest", help="Newer version (default: latest)"),
    merged: bool = typer.Option(False, "--merged", help="Compare merged (cross-report) records instead of per-document ones"),
    as_json: bool = typer.Option(False, "--json", help="Print the full diff as JSON"),
) -> None:
    """Records added, removed and changed from version A to B, by stable id."""
    from .dataset import diff, value_changes

    d = diff(_open(data_dir, a), _open(data_dir, b), merged=merged)
    if as_json:
        print(json.dumps({"a": d.a, "b": d.b, "counts": d.counts(), "added": d.added, "removed": d.removed,
                          "changed": [{"before": x, "after": y} for x, y in d.changed]}, ensure_ascii=False, indent=2))
        return
    console = _console()
    c = d.counts()
    console.print(f"{escape(str(d.a))} -> {escape(str(d.b))}: {escape(str(c['added']))} added, {escape(str(c['removed']))} removed, {escape(str(c['changed']))} changed, {escape(str(c['unchanged']))} unchanged")
    for r in d.added:
        console.print(f"[green]+[/green] {escape(str(r['id']))} {escape(str(_name(r)))}")
    for r in d.removed:
        console.print(f"[red]-[/red] {escape(str(r['id']))} {escape(str(_name(r)))}")
    for x, y in d.changed:
        fields = value_changes(x, y) or ["evidence offsets"]
        console.print(f"[yellow]~[/yellow] {escape(str(y['id']))} {escape(str(_name(y)))} ({escape(str(', '.join(fields)))})")


def _name(r: dict) -> str:
    """The record's (or merged fact's) display name, as its kind defines it."""
    from .records import RECORD_MODELS

    model = RECORD_MODELS.get(r.get("kind", ""))
    return model.display_name(r.get("fields", r)) if model is not None else ""


def _key(r: dict) -> str:
    """One line of a record's fields, as its kind writes it (``RecordBase.summary``)."""
    from .records import RECORD_MODELS, RecordBase

    return RECORD_MODELS.get(r.get("kind", ""), RecordBase).summary(r)


@app.command()
def review(
    data_dir: Path = typer.Argument(Path("data"), help="Dataset folder (ignored with --gold)"),
    version: str = typer.Option("latest", "--version", help="Version id (default: latest)"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file to write (default: DATA_DIR/review-<version>.html; "
                                                                   "with --gold: build/review-gold.html under the current folder)"),
    gold: bool = typer.Option(False, "--gold", help="Run extraction on a scoring set and compare with its gold, side by side"),
    set_: str = typer.Option("gold", "--set", help="With --gold: the scoring set under fixtures/ (gold, dev, heldout, prose, prose_heldout, tables, wild_dev, wild_heldout, wild2_dev, wild2_heldout, wild3_dev, wild3_heldout, wild4_dev, wild4_heldout, wild5_dev, wild5_heldout, wild6_dev or wild6_heldout)"),
) -> None:
    """Write a static HTML review page (no server): records per kind with highlighted evidence, or --gold misses and false positives."""
    from .devtools import review as rv

    if not gold:
        ds = _open(data_dir, version)
        html_text = rv.render_review(ds, title=f"reportx review — {data_dir.name or data_dir} {ds.version}")
        target = out or (data_dir / f"review-{ds.version}.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")
        counts: dict[str, int] = {}
        for r in ds.records():
            counts[r.kind] = counts.get(r.kind, 0) + 1  # type: ignore[attr-defined]
        print(plain(str(target)))
        print(f"{ds.version}: {len(ds.documents)} documents, {sum(counts.values())} records: "
              + ", ".join(f"{k}={counts.get(k, 0)}" for k in rv.kinds_of(counts)))
        return

    from .devtools.evaluate import pair_files
    from .nlp.pipeline import get_nlp
    from .process import extract_document

    if set_ not in SCORING_SETS:
        err.print(f"[red]error:[/red] unknown set {escape(repr(set_))}; known sets: {escape(str(', '.join(SCORING_SETS)))}")
        raise typer.Exit(2)
    reports_dir, gold_dir = _set_dirs(set_)
    try:
        pairs = pair_files(reports_dir, gold_dir)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    extractors = _extractors(None)
    nlp = get_nlp()
    reports = rv.gold_reports(pairs, lambda doc: [r.model_dump(mode="json") for r in extract_document(doc, extractors, nlp).records])
    html_text = rv.render_gold_review(reports, subtitle=f"set {set_}: {reports_dir} against {gold_dir}")
    target = out or Path("build") / "review-gold.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html_text, encoding="utf-8")
    print(plain(str(target)))
    print(f"set {set_}: {len(reports)} reports, {sum(len(r.gold) for r in reports)} gold records, "
          f"{sum(len(r.preds) for r in reports)} predicted")


@app.command("export")
def export_cmd(
    data_dir: Path = typer.Argument(Path("data"), help="Dataset folder"),
    version: str = typer.Option("latest", "--version", help="Version to export (default: latest)"),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet or csv"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder to write (default: DATA_DIR/exports/<version>-<format>)"),
) -> None:
    """One table per kind (records, and merged facts) as Parquet or CSV, for pandas, duckdb and
    spreadsheets: dates stay strings as written, lists are list columns (JSON text in CSV)."""
    from .export import FORMATS, export

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {escape(repr(fmt))}; formats: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    ds = _open(data_dir, version)
    target = out or data_dir / "exports" / f"{ds.version}-{fmt}"
    if _inside_a_version(target) is not None:
        err.print(f"[red]error:[/red] {escape(str(target))}: inside a published version, which is never written to")
        raise typer.Exit(2)
    for path in export(ds, target, fmt):
        print(plain(str(path)))


@app.command("new-extractor")
def new_extractor(
    name: str = typer.Argument(..., help="Versioned registry name: <kind>.<flavour>.v<N>, e.g. clinical_trial.rules.v1"),
    root: Path = typer.Option(REPO_ROOT, help="Project root to write into"),
) -> None:
    """Scaffold a new extractor: its module, its fixture and its test (existing files are kept)."""
    from .devtools import scaffold

    try:
        plan = scaffold.plan(name, root)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    from .extractors import available

    if name in available():
        err.print(f"[red]error:[/red] extractor {escape(repr(name))} is already registered")
        raise typer.Exit(2)
    console = _console()
    for path, written in scaffold.write(plan):
        console.print(f"{escape(str('wrote' if written else 'kept (exists)'))} {escape(str(path))}")
    console.print("next steps (docs/adding-an-extractor.md):")
    for i, step in enumerate(scaffold.next_steps(plan), 1):
        console.print(f"  {escape(str(i))}. {escape(step)}")


def main() -> None:  # console script entry point (through extract.entry)
    import signal

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from .dataset import DatasetError
    from .jsonl import JsonlError

    # imports are done: Ctrl-C is Python's KeyboardInterrupt again, and SIGTERM the default, until a
    # command that writes installs its own handlers (_signals_unwind)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        app()
    except (DatasetError, JsonlError) as exc:  # a damaged or missing dataset: one line, not a traceback
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(1)
    finally:
        # the command is over (what it said stands): a Ctrl-C during interpreter shutdown would only
        # print a traceback from a thread's teardown or change the exit code after the fact
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


if __name__ == "__main__":
    main()

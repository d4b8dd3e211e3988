"""Ingest flow: discover report files -> read -> skip what is unchanged -> extract -> publish.

Thin by design: every task calls the library. Retries only where I/O is (listing, reading,
opening the previous version, publishing). A file that cannot be read is quarantined with its
reason; it never fails the run. A run that finds nothing new publishes nothing.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task

from extract.document import Document
from extract.extractors import create
from extract.ingest import IngestError
from extract.nlp.pipeline import get_nlp
from extract.process import DocumentResult, extract_document
from extract.runner import Outcome, RunState, RunSummary, discover, load, new_state, publish_state


def _not_ingest_error(task, task_run, state) -> bool:
    """Retry OS errors (a file still being copied), never a file that is simply not a report."""
    return not isinstance(state.result(raise_on_failure=False), IngestError)


@task(retries=2, retry_delay_seconds=[1, 4])
def discover_files(input_dir: str) -> list[Path]:
    """Report files in the input folder."""
    return discover(Path(input_dir))


@task(retries=2, retry_delay_seconds=[1, 4])
def start_run(out_dir: str, extractor_names: list[str] | None) -> RunState:
    """Open the latest published version the run builds on."""
    return new_state(Path(out_dir), create(extractor_names))


@task(retries=2, retry_delay_seconds=[1, 4], retry_condition_fn=_not_ingest_error)
def read_file(path: Path) -> Document:
    """Decode one file into a Document (IngestError is final, OS errors are retried)."""
    return load(path)


@task
def extract_records(doc: Document, extractor_names: list[str] | None) -> DocumentResult:
    """Structure, segment and extract one document; records are validated before they leave."""
    return extract_document(doc, create(extractor_names), get_nlp())


@task(retries=2, retry_delay_seconds=[1, 4])
def publish_version(out_dir: str, state: RunState, extractor_names: list[str] | None, quarantined: list[Outcome]):
    """Write and atomically publish the new dataset version."""
    return publish_state(Path(out_dir), state, create(extractor_names), quarantined)


@flow(name="ingest-reports", log_prints=False)
def ingest_reports(input_dir: str, out_dir: str, extractors: list[str] | None = None, progress=None) -> RunSummary:
    """Process the new reports in ``input_dir`` and publish a new dataset version under ``out_dir``."""
    logger = get_run_logger()
    files = discover_files(input_dir)
    state = start_run(out_dir, extractors)
    summary = RunSummary(previous=state.previous.version if state.previous else None)
    for path in files:
        try:
            doc = read_file(path)
        except IngestError as exc:
            summary.outcomes.append(Outcome(str(path), "quarantined", exc.reason))
            logger.warning("quarantined %s: %s", path, exc.reason)
        else:
            outcome = state.classify(doc)
            if outcome is None:
                res = extract_records(doc, extractors)
                state.add_result(res)
                summary.rejected.extend(res.rejected)
                outcome = Outcome(str(path), "published", doc_id=doc.doc_id, records=len(res.records))
            summary.outcomes.append(outcome)
        if progress is not None:
            progress(path)
    redo, keep = state.leftovers()
    for doc in redo:  # stored documents whose extraction changed: extract again from their text
        state.add_result(extract_records(doc, extractors))
    state.keep(keep)
    summary.reextracted, summary.kept_missing = len(redo), len(keep)
    if state.results:
        quarantined = [o for o in summary.outcomes if o.state == "quarantined"]
        summary.published = publish_version(out_dir, state, extractors, quarantined)
    logger.info(summary.line())
    return summary

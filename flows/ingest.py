"""Ingest flow: discover report files -> read -> extract -> validate -> publish a dataset version.

Thin by design: every task calls the library. Retries only where I/O is (reading, publishing).
A file that cannot be read is quarantined with its reason; it never fails the run.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task

from extract.document import Document
from extract.extractors import create
from extract.ingest import IngestError
from extract.nlp.pipeline import get_nlp
from extract.process import DocumentResult, extract_document
from extract.runner import Outcome, RunSummary, discover, load, publish_results


@task(retries=2, retry_delay_seconds=[1, 4])
def discover_files(input_dir: str) -> list[Path]:
    """Report files in the input folder."""
    return discover(Path(input_dir))


@task(retries=2, retry_delay_seconds=[1, 4], retry_condition_fn=lambda task, run, state: not isinstance(state.result(raise_on_failure=False), IngestError))
def read_file(path: Path) -> Document:
    """Decode one file into a Document (IngestError is final, OS errors are retried)."""
    return load(path)


@task
def extract_records(doc: Document, extractor_names: list[str] | None) -> DocumentResult:
    """Structure, segment and extract one document; records are validated before they leave."""
    return extract_document(doc, create(extractor_names), get_nlp())


@task(retries=2, retry_delay_seconds=[1, 4])
def publish_version(out_dir: str, results: list[DocumentResult], extractor_names: list[str] | None, quarantined: list[Outcome]):
    """Write and atomically publish the new dataset version."""
    return publish_results(Path(out_dir), results, create(extractor_names), quarantined)


@flow(name="ingest-reports", log_prints=False)
def ingest_reports(input_dir: str, out_dir: str, extractors: list[str] | None = None, progress=None) -> RunSummary:
    """Process every report in ``input_dir`` and publish a new dataset version under ``out_dir``."""
    logger = get_run_logger()
    summary = RunSummary()
    files = discover_files(input_dir)
    results: list[DocumentResult] = []
    for path in files:
        try:
            doc = read_file(path)
        except IngestError as exc:
            summary.outcomes.append(Outcome(str(path), "quarantined", exc.reason))
            logger.warning("quarantined %s: %s", path, exc.reason)
        else:
            res = extract_records(doc, extractors)
            results.append(res)
            summary.rejected.extend(res.rejected)
            summary.outcomes.append(Outcome(str(path), "published", doc_id=doc.doc_id, records=len(res.records)))
        if progress is not None:
            progress(path)
    quarantined = [o for o in summary.outcomes if o.state == "quarantined"]
    summary.published = publish_version(out_dir, results, extractors, quarantined)
    logger.info(summary.line())
    return summary

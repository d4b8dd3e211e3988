"""Shared test fixtures: heavy resources (the spaCy pipeline with pkuseg) load once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))


@pytest.fixture(scope="session")
def nlp():
    from extract.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def run_extractor(nlp):
    """run_extractor(extractor_or_name, text) -> list of records for ``text`` as one document."""
    from extract.document import Document
    from extract.extractors import create
    from extract.process import extract_document

    def run(extractor, text: str, source: str = "<test>"):
        ex = create([extractor])[0] if isinstance(extractor, str) else extractor
        res = extract_document(Document(text=text, source=source), [ex], nlp)
        assert not res.rejected, res.rejected
        return res.records

    return run

"""Build data for, train, evaluate and locate the project's trained NER.

The model ships inside the package (``extract/data/ner_model``) so a fresh clone runs without
training; ``reportx train-ner`` rebuilds the data, retrains with a fixed seed and replaces it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from .ner_data import LABELS, Unit, build_units, read_jsonl, to_docbin, write_jsonl

from ...nlp.resources import DATA_DIR as PACKAGE_DATA, MODEL_DIR  # noqa: F401  (re-exported for callers)
REPO_ROOT = Path(__file__).resolve().parents[4]
TRAINING_DIR = REPO_ROOT / "training"
CONFIG = TRAINING_DIR / "config.cfg"
TRAIN_JSONL = TRAINING_DIR / "ner_train.jsonl"
#: lines carved from the training units by a second hash: checkpoint selection and all tuning
DEV_JSONL = TRAINING_DIR / "ner_dev.jsonl"
#: the held-out lines: only scored (reporting), never used to train, select or tune
HELDOUT_JSONL = TRAINING_DIR / "ner_heldout.jsonl"
#: the held-out lines with hand-corrected, complete entity spans (scoring prefers them)
CURATED_JSONL = TRAINING_DIR / "ner_heldout_curated.jsonl"

#: the labelled reports: real reports with gold, and the authored dev set (never fixtures/heldout)
SOURCES = (("fixtures/reports", "fixtures/gold"), ("fixtures/dev/reports", "fixtures/dev/gold"))


def _records_for(report: Path, gold_dir: Path, extract) -> list[dict]:
    gold = gold_dir / f"{report.stem}.jsonl"
    recs = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()] if gold.is_file() else []
    return recs + extract(report)


def build_data(seed: int = 0, copies: int = 3, root: Path = REPO_ROOT, out_dir: Path = TRAINING_DIR) -> dict:
    """Rebuild ner_train.jsonl, ner_dev.jsonl and ner_heldout.jsonl in ``out_dir``; return their sizes."""
    from ...extractors import create
    from ...ingest import read_document
    from ...process import extract_document
    from ...nlp.pipeline import build_nlp

    # weak labels come from the rules alone (no NER), so rebuilding does not depend on the model
    nlp = build_nlp(ner=False)
    extractors = create()

    def extract(path: Path) -> list[dict]:
        return [r.model_dump(mode="json") for r in extract_document(read_document(path), extractors, nlp).records]

    pairs = []
    for reports, gold in SOURCES:
        for p in sorted((root / reports).glob("*.txt")):
            pairs.append((p, _records_for(p, root / gold, extract)))
    train, dev, heldout = build_units(pairs, seed=seed, copies=copies)
    out_dir = Path(out_dir)
    write_jsonl(train, out_dir / TRAIN_JSONL.name)
    write_jsonl(dev, out_dir / DEV_JSONL.name)
    write_jsonl(heldout, out_dir / HELDOUT_JSONL.name)
    return {"train_units": len(train), "dev_units": len(dev), "heldout_units": len(heldout), "reports": len(pairs)}


def train(seed: int = 0, model_dir: Path = MODEL_DIR, max_steps: int | None = None, limit: int | None = None,
          data_dir: Path = TRAINING_DIR, config: Path = CONFIG, overrides: dict | None = None) -> dict:
    """Train the NER from ``config`` on the JSONL data in ``data_dir``; write the model to ``model_dir``.

    spaCy keeps the checkpoint that scores best on the dev split (ner_dev.jsonl), never on the
    held-out split. ``max_steps`` and ``limit`` (examples per corpus) shorten training, for smoke
    tests; ``overrides`` are extra config overrides (experiments).
    """
    from spacy.cli.train import train as spacy_train
    from spacy.util import fix_random_seed

    from ...nlp.pipeline import build_nlp

    fix_random_seed(seed)
    tok_nlp = build_nlp(ner=False, ruler=False)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data_dir = Path(data_dir)
        to_docbin(read_jsonl(data_dir / TRAIN_JSONL.name), tok_nlp).to_disk(tmp / "train.spacy")
        to_docbin(read_jsonl(data_dir / DEV_JSONL.name), tok_nlp).to_disk(tmp / "dev.spacy")
        overrides = {**(overrides or {}), "paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy"),
                     "system.seed": seed}
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
            overrides["training.eval_frequency"] = max(1, min(200, max_steps))
        if limit is not None:
            overrides["corpora.train.limit"] = limit
            overrides["corpora.dev.limit"] = limit
        t0 = time.perf_counter()
        spacy_train(config, tmp / "out", overrides=overrides, use_gpu=-1)
        elapsed = time.perf_counter() - t0
        best = tmp / "out" / "model-best"
        if model_dir.exists():
            shutil.rmtree(model_dir)
        shutil.copytree(best, model_dir)
    _forget_training_paths(model_dir)
    # scored as extraction uses it: with the gazetteer ruler in front of the model
    nlp = build_nlp(model_dir=model_dir)
    units = heldout_units()
    dev = read_jsonl(data_dir / DEV_JSONL.name)
    scores = evaluate(nlp, units[:limit] if limit else units)
    dev_scores = evaluate(nlp, dev[:limit] if limit else dev)
    return {"seconds": round(elapsed, 1), "model_dir": str(model_dir), "scores": scores, "dev_scores": dev_scores}


def _forget_training_paths(model_dir: Path) -> None:
    """The shipped config names no temporary corpus: spaCy saves the paths the run trained on
    (a deleted /tmp folder); the model's config is then training/config.cfg as filled by spaCy."""
    from spacy.util import load_config

    cfg = load_config(model_dir / "config.cfg", interpolate=False)
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg.to_disk(model_dir / "config.cfg")


def heldout_units() -> list[Unit]:
    """The held-out split, with hand-curated spans for every line that has them."""
    units = read_jsonl(HELDOUT_JSONL)
    if CURATED_JSONL.is_file():
        # score only lines whose spans a person checked: silver spans miss names and would
        # count the model's correct finds as errors
        held = {u.text for u in units}
        units = [u for u in read_jsonl(CURATED_JSONL) if u.text in held]
    return units


def evaluate(nlp, units: list[Unit]) -> dict:
    """Entity-level precision/recall/F1 per label (exact character spans) on ``units``."""
    counts = {lab: [0, 0, 0] for lab in LABELS}  # tp, fp, fn
    texts = [u.text for u in units]
    for u, doc in zip(units, nlp.pipe(texts)):
        # exact character spans: an entity the tokenizer cannot represent counts as a miss
        gold = {(s, e, lab) for s, e, lab in u.spans}
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        for s in pred & gold:
            counts[s[2]][0] += 1
        for s in pred - gold:
            if s[2] in counts:
                counts[s[2]][1] += 1
        for s in gold - pred:
            counts[s[2]][2] += 1
    out = {}
    total = [0, 0, 0]
    for lab, (tp, fp, fn) in counts.items():
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        out[lab] = _prf(tp, fp, fn)
    out["micro"] = _prf(*total)
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def units_from_gold(reports_dir: Path, gold_dir: Path) -> list[Unit]:
    """Units labelled from gold records only (plus weak labels): for scoring on any gold set."""
    from .ner_data import units_from_report

    units = []
    for p in sorted(Path(reports_dir).glob("*.txt")):
        g = Path(gold_dir) / f"{p.stem}.jsonl"
        recs = [json.loads(x) for x in g.read_text(encoding="utf-8").splitlines() if x.strip()] if g.is_file() else []
        units += units_from_report(p.read_text(encoding="utf-8"), recs, p.name)
    return units

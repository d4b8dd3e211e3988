"""One pipeline in memory: pool workers are forked from a forkserver that loaded it (issue #21).

Memory itself is measured by benchmarks/footprint.py, not here; these tests check the mechanism
(the workers run on the forkserver's pipeline, frozen out of the garbage collector's reach) and
that it changes no result.
"""

import gc
import multiprocessing

import pytest

from extract import parallel

from .conftest import REPORTS


def _in_a_fresh_interpreter(queue) -> None:
    """A new process has no forkserver yet: the first pool starts one that preloads."""
    import os

    from extract.extractors import create
    from extract.ingest import read_document
    from extract.nlp.pipeline import get_nlp
    from extract.parallel import _PRELOAD_ENV, ExtractionPool, _status
    from extract.process import extract_document

    out = {}
    docs = [read_document(p) for p in REPORTS[:2]]
    pool = ExtractionPool(2, None)
    try:
        out["env_after_start"] = _PRELOAD_ENV in os.environ
        out["statuses"] = [pool._executor.submit(_status).result(timeout=300) for _ in range(4)]
        out["pool"] = [[r.model_dump(mode="json") for r in res.records] for _, res in pool.imap(docs)]
    finally:
        pool.close()
    other = ExtractionPool(1, None, ruler=True, ner=False)  # settings the forkserver did not preload
    try:
        out["other_status"] = other._executor.submit(_status).result(timeout=300)
        out["other"] = [[r.model_dump(mode="json") for r in res.records] for _, res in other.imap(docs[:1])]
    finally:
        other.close()
    out["parent_loaded"] = get_nlp.cache_info().currsize  # the parent of the pools loads no pipeline
    extractors = create()
    out["one"] = [[r.model_dump(mode="json") for r in extract_document(d, extractors, get_nlp()).records] for d in docs]
    out["one_no_ner"] = [[r.model_dump(mode="json") for r in
                          extract_document(docs[0], extractors, get_nlp(ruler=True, ner=False)).records]]
    queue.put(out)


@pytest.mark.slow
def test_workers_run_on_the_pipeline_the_forkserver_loaded_and_give_the_same_records():
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_in_a_fresh_interpreter, args=(queue,))
    child.start()
    try:
        out = queue.get(timeout=600)
    finally:
        child.join(60)
        if child.is_alive():
            child.kill()
    assert child.exitcode == 0
    assert not out["env_after_start"], "the preload setting must not stay in the parent's environment"
    for status in out["statuses"]:
        assert status["shared"], status  # no second copy of the model in the worker
        assert status["frozen"] > 0 and not status["preload_env"], status
    assert out["parent_loaded"] == 0
    assert out["pool"] == out["one"] and sum(map(len, out["one"])) > 20
    # a pool with other settings loads its own pipeline in the worker, and reads as that pipeline does
    assert not out["other_status"]["shared"]
    assert out["other"] == out["one_no_ner"]


def test_a_failing_preload_leaves_the_workers_to_load_the_pipeline(monkeypatch):
    import extract.nlp.pipeline as pipeline

    def broken(**kwargs):
        raise OSError("no model here")

    monkeypatch.setattr(pipeline, "get_nlp", broken)
    monkeypatch.setenv(parallel._PRELOAD_ENV, "1,1")
    frozen = gc.get_freeze_count()
    parallel._preload()  # must not raise: a forkserver that dies here would break every pool
    assert parallel._PRELOAD_ENV not in __import__("os").environ
    assert gc.get_freeze_count() == frozen and "nlp" not in parallel._PRELOADED


def test_preload_does_nothing_outside_a_forkserver(monkeypatch):
    monkeypatch.delenv(parallel._PRELOAD_ENV, raising=False)
    frozen = gc.get_freeze_count()
    parallel._preload()
    assert gc.get_freeze_count() == frozen and "nlp" not in parallel._PRELOADED

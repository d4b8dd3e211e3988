"""Every gold file the project scores against is well-formed: evidence verbatim, on its line."""

import json

import pytest

from extract.devtools.evaluate import KINDS, gold_stem
from extract.records import ROUNDS

from .conftest import FIXTURES

GOLD_SETS = ["gold", "dev/gold", "heldout/gold", "prose/gold", "prose_heldout/gold", "tables/gold", "wild_dev/gold", "wild_heldout/gold",
             "wild2_dev/gold", "wild2_heldout/gold", "wild3_dev/gold", "wild3_heldout/gold", "wild4_dev/gold", "wild4_heldout/gold",
             "wild5_dev/gold", "wild5_heldout/gold", "wild6_dev/gold", "wild6_heldout/gold",
             "wild7_dev/gold", "wild7_heldout/gold", "wild8_dev/gold", "wild8_heldout/gold",
             "wild9_dev/gold", "wild9_heldout/gold", "wild10_dev/gold", "wild10_heldout/gold",
             "wild11_dev/gold", "wild11_heldout/gold"]
FILES = [p for s in GOLD_SETS for p in sorted((FIXTURES / s).glob("*.jsonl"))]


@pytest.mark.parametrize("gold", FILES, ids=lambda p: p.stem)
def test_gold_evidence_is_verbatim_and_on_its_line(gold):
    report = next(gold.parent.parent.glob(f"reports/{gold_stem(gold)}.*"))
    text = report.read_text(encoding="utf-8")
    lines = text.split("\n")
    for i, raw in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(raw)
        assert rec["kind"] in KINDS, f"{gold.name}:{i}"
        ev, line = rec["evidence"], rec["line"]
        assert ev in text, f"{gold.name}:{i}: evidence not verbatim"
        assert "\n".join(lines[line - 1:])[: len(ev)] == ev or ev.split("\n")[0] in lines[line - 1], f"{gold.name}:{i}: not on line {line}"
        if rec["kind"] == "funding_round":
            assert rec.get("round") in set(ROUNDS) | {None}, f"{gold.name}:{i}"

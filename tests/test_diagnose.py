"""`reportx eval --errors` says which stage lost each missed fact (src/extract/diagnose.py).

A toy extractor with a known trigger, a known pattern and a known filter makes every stage
happen on purpose; no model is loaded, so the entity test sees quoted names only."""

from __future__ import annotations

import regex as re
import pytest

from extract.devtools.diagnose import stage_of_miss
from extract.document import Document
from extract.extractors.base import RuleExtractor
from extract.process import extract_document
from extract.records import FundingRound

_TRIGGER = re.compile(r"融资")
_ROUND = re.compile(r"“?(?P<company>[\p{Han}]{2,8}?)”?完成(?P<round>[A-Z])轮融资")


class ToyRounds(RuleExtractor):
    """`X完成B轮融资` only; a company called 某… is dropped as a placeholder."""

    name = "funding_round.toy.v1"
    kind = "funding_round"
    version = "1"
    record_model = FundingRound

    def extract(self, ctx):
        for block in ctx.structure.blocks:
            if not ctx.sentences(block, _TRIGGER):
                continue
            for m in _ROUND.finditer(ctx.text, block.start, block.end):
                if m["company"].startswith("某"):
                    ctx.filtered(m.start(), m.end(), "a placeholder company name")
                    continue
                yield self.make(ctx, m.start(), m.end(), company=m["company"], round=m["round"], round_raw=f"{m['round']}轮")


TEXT = """今天，甲科技发布了新一代产品。

据悉，“乙医疗”完成B轮融资。

某科技完成A轮融资。

丁科技完成A轮融资。

“戊科技”宣布获得一笔新融资。

“庚智能”简讯

公司宣布获得数亿元融资。

据悉，一家影像企业近日获得融资。
"""


def _gold(company: str, evidence: str, round_: str | None = None) -> dict:
    line = TEXT[:TEXT.index(evidence)].count("\n") + 1
    return {"kind": "funding_round", "company": company, "round": round_, "date": None, "evidence": evidence, "line": line}


@pytest.fixture(scope="module")
def traced():
    res = extract_document(Document(text=TEXT, source="toy.txt"), [ToyRounds()], None, trace=True)
    return res, [r.model_dump(mode="json") for r in res.records]


@pytest.mark.parametrize("gold, stage, detail", [
    (_gold("甲科技", "甲科技发布了新一代产品"), "no trigger", "no funding_round trigger word"),
    (_gold("乙医疗", "“乙医疗”完成B轮融资", "C"), "wrong key", "round: gold 'C', predicted 'B'"),
    (_gold("壬生物", "一家影像企业近日获得融资"), "no entity", "company '壬生物' is not a ORG mention anywhere"),
    (_gold("某科技", "某科技完成A轮融资", "A"), "filtered", "a placeholder company name"),
    (_gold("丁科技", "丁科技完成A轮融资", "B"), "wrong key", "round: gold 'B', predicted 'A'"),
    (_gold("戊科技", "“戊科技”宣布获得一笔新融资"), "no assembly", "trigger and key entity present"),
    (_gold("庚智能", "公司宣布获得数亿元融资"), "no assembly", "only written outside the block"),
])
def test_each_miss_is_attributed_to_the_stage_that_lost_it(traced, gold, stage, detail):
    res, preds = traced
    found = stage_of_miss(gold, res, preds)
    assert (found.stage, detail in found.detail) == (stage, True), found


def test_the_trace_is_kept_only_when_asked():
    res = extract_document(Document(text=TEXT, source="toy.txt"), [ToyRounds()], None)
    assert res.context is None
    with pytest.raises(ValueError, match="trace=True"):
        stage_of_miss(_gold("甲科技", "甲科技发布了新一代产品"), res, [])


def test_eval_errors_prints_the_stage_of_every_miss_and_a_summary(tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    reports, gold = tmp_path / "reports", tmp_path / "gold"
    reports.mkdir()
    gold.mkdir()
    (reports / "a.txt").write_text("今天，甲科技发布了新一代产品。\n", encoding="utf-8")
    (gold / "a.jsonl").write_text(
        '{"kind": "funding_round", "company": "甲科技", "round": null, "date": null, "evidence": "甲科技发布了新一代产品", "line": 1}\n',
        encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "--reports", str(reports), "--gold", str(gold), "--errors"])
    assert res.exit_code == 0, res.output
    assert "MISS [no trigger] a.txt:1 funding_round 甲科技" in res.stdout
    assert "misses by the stage that lost them" in res.stdout

"""A record kind from a package that is not reportx: prizes organisations received (X荣获“Y”).

Everything a kind needs is here: its record model (what it declares tells merge, eval, review,
diff and the NER data how to treat it) and a tiny extractor. The package registers both through
entry points (``reportx_toy_kind-0.1.0.dist-info/entry_points.txt``, what ``pip install`` writes
from a ``pyproject.toml``); ``tests/test_plugin_kind.py`` puts this folder on PYTHONPATH and runs
reportx on it. No reportx module names this kind.
"""

from __future__ import annotations

import re
from typing import ClassVar, Iterable, Literal

from pydantic import Field

from extract.extractors import ExtractionContext, RuleExtractor
from extract.records import RecordBase


class Award(RecordBase):
    """A prize an organisation received."""

    key_fields: ClassVar[tuple[str, ...]] = ("winner", "prize")
    eval_fields: ClassVar[tuple[str, ...]] = ("winner", "date")
    eval_compare: ClassVar[dict[str, str]] = {"winner": "company"}
    entity_fields: ClassVar[dict[str, str]] = {"winner": "ORG"}
    key_entity: ClassVar[tuple[str, ...]] = ("winner",)

    kind: Literal["award"] = "award"
    winner: str = Field(min_length=1, description="The organisation as written")
    prize: str = Field(min_length=1, description="The prize without its quotes")
    date: str | None = Field(default=None, description="ISO partial date")


#: 2023年6月，深睿医疗荣获“中国医疗器械创新奖”
AWARD = re.compile(r"(?:(?P<year>\d{4})年(?:(?P<month>\d{1,2})月)?，)?"
                   r"(?<![\u4e00-\u9fa5A-Za-z])(?P<winner>[\u4e00-\u9fa5A-Za-z]{2,12}?)荣获“(?P<prize>[^”]{2,30})”")


class AwardRulesV1(RuleExtractor):
    name: ClassVar[str] = "award.rules.v1"
    kind: ClassVar[str] = "award"
    version: ClassVar[str] = "0.1.0"
    record_model: ClassVar[type[RecordBase]] = Award

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        for m in AWARD.finditer(ctx.text):
            date = None
            if m.group("year"):
                date = m.group("year") + (f"-{int(m.group('month')):02d}" if m.group("month") else "")
            yield self.make(ctx, m.start(), m.end(), confidence=0.9,
                            winner=m.group("winner"), prize=m.group("prize"), date=date)

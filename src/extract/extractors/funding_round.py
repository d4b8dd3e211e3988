"""funding_round records (work in progress: being written)."""

from __future__ import annotations

from typing import Iterable

from ..records import FundingRound, RecordBase
from .base import ExtractionContext, RuleExtractor


class FundingRoundRulesV1(RuleExtractor):
    name = "funding_round.rules.v1"
    kind = "funding_round"
    version = "1"
    record_model = FundingRound

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        return []

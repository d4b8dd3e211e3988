"""policy records (work in progress: being written)."""

from __future__ import annotations

from typing import Iterable

from ..records import Policy, RecordBase
from .base import ExtractionContext, RuleExtractor


class PolicyRulesV1(RuleExtractor):
    name = "policy.rules.v1"
    kind = "policy"
    version = "1"
    record_model = Policy

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        return []

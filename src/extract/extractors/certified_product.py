"""certified_product records (work in progress: being written)."""

from __future__ import annotations

from typing import Iterable

from ..records import CertifiedProduct, RecordBase
from .base import ExtractionContext, RuleExtractor


class CertifiedProductRulesV1(RuleExtractor):
    name = "certified_product.rules.v1"
    kind = "certified_product"
    version = "1"
    record_model = CertifiedProduct

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        return []

"""policy records: named policy documents issued by government or regulatory bodies.

Where policies are found:

* ``prose``: titles in 《》 in paragraphs, list items, headings and captions, with the issuing body
  and date read from the clause around them; also the merging of several mentions of one
  document and a government page's head block (发布机构：…, 成文日期：…);
* ``plain``: titles written without 《》, ended by their document-type suffix (…的通知, …指导原则
  （征求意见稿）) and started by the publishing verb, the 关于 or the issuing body before them; a
  policy named only by its number (2023年第42号公告); titles in 「」 (Taiwan, Hong Kong); and
  headed field lists (【文件名称】… 【成文日期】…);
* ``tables``: policy tables (title, issuer and date columns) and 《》 titles inside other tables.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...normalize import canonical_agency, dateline
from ...records import Policy, RecordBase
from ...structure import Block, BlockType
from ..base import ExtractionContext, ExtractorConfig, RuleExtractor, written_elsewhere
from .plain import document_year, field_list_mentions, plain_mentions, titled_item_mentions
from .prose import (
    _CITATION_BLOCKS,
    _REFERENCE_HEADING,
    _SKIP_BLOCKS,
    _TITLE_TRIGGER,
    Mention,
    document_period,
    has_doc_suffix,
    header_mention,
    is_negative_title,
    merge_mentions,
    prose_mentions,
    split_issuers,
)
from .tables import table_mentions

__all__ = ["PolicyConfig", "PolicyRulesV1", "has_doc_suffix", "is_negative_title", "split_issuers"]


def _is_reference_block(block: Block) -> bool:
    return block.type in _CITATION_BLOCKS or bool(_REFERENCE_HEADING.search(block.heading or ""))


class PolicyConfig(ExtractorConfig):
    """Settings of policy.rules.v1."""

    use_ner: bool = True  # GOV entities of the trained NER fill issuers the rules cannot read


class PolicyRulesV1(RuleExtractor):
    """Policy documents named in prose (with or without 《》), in field lists and in policy tables."""

    name = "policy.rules.v1"
    kind = "policy"
    version = "8"
    record_model = Policy
    Config = PolicyConfig

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        """One policy record per distinct document named in ``ctx``."""
        mentions: list[Mention] = []
        period = document_period(ctx.text)
        if head := header_mention(ctx.text):
            mentions.append(head)
        mentions.extend(field_list_mentions(ctx.text))
        mentions.extend(titled_item_mentions(ctx.text))
        year = document_year(ctx.text, period)
        line = dateline(ctx.text)
        dated = line.year if line else None
        for block in ctx.structure.blocks:
            mentions.extend(self._block_mentions(block, ctx, period, year, dated))
        for m in merge_mentions(mentions):
            # names still not written in the evidence or the spans the mention kept: where written
            support = written_elsewhere(ctx.text, [m.title, *m.issuers], m.start, m.end, m.support)
            yield self.make(ctx, m.start, m.end, confidence=m.confidence, support=support, title=m.title, issuers=m.issuers,
                            issuers_canonical=[canonical_agency(i) for i in m.issuers], date=m.date)

    def _block_mentions(self, block: Block, ctx: ExtractionContext, period: str | None, year: int | None,
                        dated: int | None = None) -> list[Mention]:
        if block.type in _SKIP_BLOCKS:
            return []
        if block.type is BlockType.TABLE and block.table is not None:
            return table_mentions(block, ctx)
        view = block.view(ctx.text)
        # the text just above supplies the year of a bare 6月29日 in the block's first sentence
        before = ctx.structure.context_before(block, 200)
        reference = _is_reference_block(block)
        found = prose_mentions(view.text, view.doc_span, citation_block=reference, context_before=before,
                               sentences=ctx.sentences(block, _TITLE_TRIGGER), doc_period=period,
                               entities=ctx.entities(block, "GOV") if self.config.use_ner and "《" in view.text else [])
        if not reference:
            found.extend(plain_mentions(view.text, view.doc_span, context_before=before, doc_period=period, doc_year=year, dated_year=dated))
        return found

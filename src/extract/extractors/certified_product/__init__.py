"""certified_product records: products that received a regulatory market approval.

Two sources:

* tables whose caption / header / source note / preceding paragraph say the rows are approvals
  ("表 4 医疗器械三类证 AI 产品获批情况", "FDA 审批通过的 AI 产品"): one record per row, columns
  found by header names, authority and class from the table's context;
* prose sentences with an approval phrase ("获FDA批准", "获得国家药监局颁发的三类医疗器械注册证",
  "通过FDA 510(k)认证", "拥有 NMPA 和 CE 双重认证", "批准上市"): the product is taken from the
  noun phrase the approval qualifies ("获…批准的X"), the sentence subject ("X是Y研发的…",
  "Y的X获得…") or, for "该产品…", the bold heading above the paragraph.

A clause without a subject of its own ("…获得CE认证，并通过FDA 510(k)审查", "…，成为首个获得三类证
的Y", "Y的核心产品为X，已于2019年获得三类证") shares the product of the clause before it; "其X" /
"公司的X" belong to the company the sentence or paragraph is about ("Y宣布", "Y方面", "Y是…的企业",
a digest item "【Y｜B轮】"), else to the company the document speaks for ("Y（以下简称“公司”）").
Short-name asides ("（以下简称“术锐”）") are dropped from names and remembered as makers; a bare
"7月11日" takes the year of its block, of the title ("2023年…年度回顾") or of the document's date line.
News forms: one subject joining several products ("A的X与B的Y同日拿下三类证", "“X”与“Y”双双获批"),
a list after the phrase ("同日获批的还有A的X以及B的Y", dated like the approval before it), an
announcement's labelled certificate list ("产品名称：X；注册证编号：…"), Taiwan's and Hong Kong's
regulators (traditional text arrives through the simplified view: "取得卫福部食药署第二等级医疗器材许可证").

Layout: ``vocabulary`` (regulators, approval words, name helpers), ``tables`` (table rows and field
lists), ``prose`` (phrases, subjects, dates, paragraph and document memory); this module holds the
extractor and the merge of table and prose candidates.

Priority reviews (绿色通道, 创新医疗器械特别审查, breakthrough designation), submissions still in
review, clinical-trial approvals, counts ("47 款…获批", "新获批三类证87张", statistics tables) and the
report's own promo approval codes are not approvals. The same approval found twice (table row and
prose, also when the prose wraps the row's name in a description) is emitted once, keeping the more
precise date.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

import regex as re

from .. import confidence
from ...focus import interview_speakers, spoken_by, without_speaker
from ...lexicon import products as lex
from ...lexicon.orgs import ANAPHOR_RE, COMPANY_SELF_WORD, is_org_name
from ...orgnames import organisation
from ...nlp.resources import gazetteer
from ...normalize import dateline, last_year, parse_date
from ...records import CertifiedProduct, RecordBase
from ...structure import Block, BlockType
from ..base import ExtractionContext, ExtractorConfig, RuleExtractor, written_elsewhere
from .vocabulary import (
    authorities_in, class_for, clean_name, defined_aliases, has_letters, is_product_name, looks_like_company, name_variants, norm,
    registration_number, same_product, strip_asides, unique, written_authority, ANOTHER, APPROVAL_ROUTE, Candidate,
    FORWARD_RE, GOT_RE, NOT_APPROVAL, ORDINAL_RE, OWN_PRODUCTS, PROMO, PROSE_TRIGGER, RESTATES, RESTATING_CLAUSE, ROW_NOT_APPROVED, STATUS_NOT_APPROVED, PRODUCT_PAIR, FORMER_LATTER,
    TABLE_APPROVAL, TABLE_NEGATIVE, APPROVED_CERT, NAMED_PRODUCT, MADE_BY_CLAUSE,
)
from .cards import product_cards
from .tables import (
    authority_columns, cell_text, columns, field_group, field_list, heading_above, number_authorities, preceding_paragraph,
    reporting_company, reporting_company_at, row_makers, row_serial, table_authorities, table_companies,
)
from .prose import (
    add_candidate, approval_phrases, listed_products, borrow_companies, clause_bounds, describes_company, end_heading_line,
    find_product, find_products, fuller_company, han_name, heading_topic, is_statistic, leading_company, maker, other_maker,
    ner_name, opening_org, phrase_authorities, plausible_entity, registration_after, respective_dates, sentence_date,
    sentence_topic,
    strip_noise, translated_lines, outside, legal_company, BlockMemory, DocumentFacts, SentenceInfo,
)


class CertifiedProductConfig(ExtractorConfig):
    """Settings of certified_product.rules.v1."""

    use_ner: bool = True  # PRODUCT/ORG entities of the trained NER name products the rules cannot read


class CertifiedProductRulesV1(RuleExtractor):
    name = "certified_product.rules.v1"
    kind = "certified_product"
    version = "8"
    record_model = CertifiedProduct
    Config = CertifiedProductConfig

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        """Approved products from approval tables and from approval sentences, each fact once."""
        layer = ctx.entity_layer
        known = set(gazetteer("org")) | table_companies(ctx) | defined_aliases(ctx.text)
        tables: list[Candidate] = []
        prose_tables: list[Block] = []
        for block in ctx.structure.of_type(BlockType.TABLE):
            found = list(self._table(ctx, block))
            tables.extend(found)
            if not found:
                prose_tables.append(block)
        # "1. 经自然腔道柔性手术机器人系统" / "注册人：…" / "审批时间：2月6日": a round-up's cards
        tables.extend(product_cards(ctx.text, dateline(ctx.text)))
        facts = DocumentFacts.of(ctx.text)
        prose = list(self._prose(ctx, known, facts))
        prose.extend(self._table_sentences(ctx, known, facts, prose_tables))
        for cand in merge(tables, prose):
            maker_aside = _MAKER_ASIDE.match(cand.product or "")
            if (maker_aside and cand.company is None and re.search(r"\p{Han}", maker_aside["co"])
                    and looks_like_company(maker_aside["co"], known)):
                # "Y（澄和医疗）获批上市": the maker in brackets after the product
                cand.product, cand.company = maker_aside["prod"], cand.company or maker_aside["co"]
            # names read outside the sentence or row (the cell above, a heading, the paragraph's
            # subject, a definition, a footnote): where they are written
            support = written_elsewhere(ctx.text, (cand.product, cand.company), cand.start, cand.end, cand.support)
            company = organisation(cand.company, known=known | (layer.org_names if layer is not None else set()))
            if layer is not None:
                # an organisation of the document, never a fragment (extract.entities): 公司/其 resolved,
                # "以X为例" -> X, a body or a product -> none
                company = layer.company(cand.company if _refers_back(cand.company) else company, cand.start, cand.end)
                holder = _HOLDER.search(ctx.text, cand.start, cand.end) if company is None else None
                if holder is not None:
                    company = layer.company(holder["co"], cand.start, cand.end) or holder["co"]
                own = _SELF_OWNER.search(ctx.text, cand.start, cand.end) if company is None else None
                if own is not None:
                    # "我們的「X」獲得…" in a company's own report: the company the document is about
                    block = layer.block_at(own.start())
                    found = layer.resolve(block, own.start(), own["word"]) if block is not None else None
                    company = found.name if found else None
                if company is None and spoken_by(ctx.text, cand.start, layer.focus.speakers):
                    # a founder's answer in an interview: "是X，2023年8月拿到三类证" is the company the interview is about
                    about = layer.about()
                    company = about.name if about is not None else None
                if company is None and (block := layer.block_at(cand.start)) is not None:
                    # "备注：宫颈细胞学…软件2025年2月获…注册证" under a card or section headed by its
                    # company ("企业名称：南京某某医疗科技有限公司", "（一）朔源生物：…"): that company
                    found = layer.focus.at(block, cand.start)
                    if found is not None and found.how in ("heading", "item_head"):
                        company = layer.company(found.name, cand.start, cand.end)
            product = tidy_product(cand.product)
            if product is None and company is None:
                # the product was only noise and the maker no organisation: nothing left to record
                # (a record needs one; building it would fail the document's other records too)
                ctx.filtered(cand.start, cand.end, "neither a product nor a company")
                continue
            yield self.make(
                ctx, cand.start, cand.end, confidence=cand.confidence, support=support,
                product=product, company=company, authority=cand.authority,
                authority_raw=cand.authority_raw, cert_class=cand.cert_class,
                registration_no=registration_number(ctx.text[cand.start:cand.end], cand.authority), date=cand.date,
            )

    # --- tables ---

    def _table(self, ctx: ExtractionContext, block: Block) -> Iterator[Candidate]:
        """One candidate per row of a table whose context says its rows are approvals."""
        table = block.table
        if table is None or table.header is None:
            return
        cols = columns(table)
        if cols.get("product") is None and cols.get("company") is None:
            return
        before = preceding_paragraph(ctx, block)
        title = block.caption or before
        header = " ".join(table.columns)
        if TABLE_NEGATIVE.search(title) or TABLE_NEGATIVE.search(header):
            return
        context = " ".join([block.caption, header, block.note, before, block.heading])
        # a column per regulator (企业 | 产品 | NMPA | FDA | CE) is itself an approvals table
        if not TABLE_APPROVAL.search(context) and cols.get("auth") is None and not authority_columns(table):
            return
        auths = table_authorities(block, header, before)
        klass_text = " ".join([block.caption, header, before])
        # a table of "公司产品" or of "报告期内新增…注册证" without a company column lists the reporting
        # company's products: the company the text defines as 公司, else the one it is about
        owner, owner_at = None, ()
        if cols.get("company") is None and (OWN_PRODUCTS.search(block.caption + before)
                                            or _OWN_REPORT.search(block.caption + " " + before)):
            owner, owner_at = reporting_company(ctx.text), reporting_company_at(ctx.text)
            about = ctx.entity_layer.about() if owner is None and ctx.entity_layer is not None else None
            if about is not None and about.offset >= 0:
                owner, owner_at = about.name, ((about.offset, about.offset + len(about.name)),)
        # "公司 | 核心产品 | NMPA三类证 | FDA 510(k) | CE MDR": one column per regulator, its cells the dates
        per_auth = authority_columns(table) if cols.get("date") is None and cols.get("auth") is None else {}
        makers = row_makers(ctx, block)
        company_above, above_cell = None, ()
        for n, row in enumerate(table.rows, 1):
            product = clean_name(cell_text(row, cols.get("product")))
            company = han_name(clean_name(cell_text(row, cols.get("company"))))
            cell = row.cell(cols["company"]) if cols.get("company") is not None else None
            here = ((cell.start, cell.end),) if company is not None and cell is not None else ()
            if company is None and product is not None:
                company, here = company_above, above_cell  # a company's further products leave its cell empty
            company_above, above_cell = company, here
            if product is not None and not is_product_name(product):
                continue
            if product is None and company is None:
                continue
            if not any(has_letters(x) for x in (product, company)):
                continue  # "2019  1,210  610": a statistics row, its cells are figures
            auth_cell = cell_text(row, cols.get("auth")) or ""
            class_cell = cell_text(row, cols.get("class")) or ""
            status_cell = cell_text(row, cols.get("status")) or ""
            if ROW_NOT_APPROVED.search(auth_cell + " " + class_cell) or ROW_NOT_APPROVED.search(status_cell) \
                    or STATUS_NOT_APPROVED.search(status_cell):
                continue  # "进入创新审查", a pipeline's "已受理" / "在研（临床试验）": the row's status is not an approval
            row_text = " ".join(c.text for c in row.cells)
            if per_auth:
                for auth, idx in per_auth.items():
                    cell = cell_text(row, idx) or ""
                    date = parse_date(cell)
                    if date is None or ROW_NOT_APPROVED.search(cell):
                        continue  # "—", "在审": no approval from this regulator
                    yield Candidate(product, company or owner, auth, class_for(auth, table.columns[idx]), date, row.start, row.end,
                                    confidence.SUMMARY, from_table=True, authority_raw=written_authority(auth, table.columns[idx]), summary=True,
                                    support=here if company else owner_at)
                continue
            # the row's certificate type ("FDA 510(k)"), else its certificate number, else the table's
            row_auths = unique(a for a, _, _ in authorities_in(auth_cell)) or number_authorities(row_text) or auths
            date = parse_date(cell_text(row, cols.get("date")) or "")
            reg = registration_number(row_text) or ""
            maker = company or makers.get(row_serial(row, n)) or owner
            for auth in row_auths:
                klass = (class_for(auth, class_cell) or class_for(auth, auth_cell) or class_for(auth, reg)
                         or class_for(auth, klass_text))
                yield Candidate(
                    product, maker, auth, klass, date, row.start, row.end, confidence.LAYOUT, from_table=True,
                    authority_raw=written_authority(auth, auth_cell, block.caption, header, block.note, before),
                    support=here if company else owner_at if maker == owner else (),  # a footnote maker: looked up
                )

    # --- prose ---

    def _table_sentences(self, ctx: ExtractionContext, known: set[str], facts: DocumentFacts,
                         blocks: list[Block]) -> Iterator[Candidate]:
        """Candidates from the sentences in the cells of a table that is no approvals table: a
        milestone table (年份 | 里程碑: "2024年 | LR-305外用凝胶获美国FDA批准ANDA"), each row read as
        one sentence, its first date cell giving the year."""
        for block in blocks:
            if block.table is None or not PROSE_TRIGGER.search(ctx.text[block.start:block.end]):
                continue
            for row in block.table.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                sentence = "，".join(cells)
                if not PROSE_TRIGGER.search(sentence) or not any(len(c) >= 8 for c in cells):
                    continue  # short cells are a grid of names and dates, not sentences
                year = last_year(cells[0]) or facts.year
                # no heading stands for the product; a row's subject-less "已获批上市" is its first cell's
                memory = BlockMemory()
                if not last_year(cells[0]) and is_product_name(tidy_product(cells[0])):
                    memory.antecedent = (tidy_product(cells[0]), None)
                info = SentenceInfo(heading="", topic=None, year=year, block_year=last_year(cells[0]),
                                    doc_year=facts.year, entities=(), memory=memory, focus=facts.focus_at(row.start),
                                    facts=facts)
                for cand in self._sentence(sentence, info, known):
                    cand.start, cand.end = row.start, row.end
                    if cand.company is None and ctx.entity_layer is not None:
                        # a company's milestone table (a prospectus's 历史 section): its own products
                        own = ctx.entity_layer.resolve(block, row.start, "本公司")
                        cand.company = own.name if own is not None else None
                    yield cand

    def _prose(self, ctx: ExtractionContext, known: set[str], facts: DocumentFacts) -> Iterator[Candidate]:
        """Candidates from approval phrases in paragraphs and list items."""
        blocks = ctx.structure.blocks
        doc_year = facts.year
        translated = translated_lines(ctx.text)
        layer = ctx.entity_layer
        speakers = layer.focus.speakers if layer is not None else interview_speakers(ctx.text)
        for idx, block in enumerate(blocks):
            group = field_group(blocks, idx, ctx.text)
            if group is not None:
                # "1. 产品名称：X" with 注册人 / 注册证编号 / 批准日期 each on a line of its own below
                start, end = blocks[idx].start, blocks[group].end
                listed = field_list(ctx.text[start:end], facts.focus_at(block.start))
                if listed is not None:
                    listed.start, listed.end = start, end
                    yield listed
                    continue
            if block.type not in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
                continue
            view = block.view(ctx.text)
            listed = field_list(view.text, facts.focus_at(block.start))
            if listed is not None:
                # "1、产品名称：X；注册证编号：国械注准…；批准日期：…": an announcement's certificate list
                listed.start, listed.end = view.doc_span(0, len(view.text))
                yield listed
                continue
            heading = heading_above(blocks, idx)
            topic = heading_topic(blocks, idx)
            spans = [piece for s, e in ctx.sentences(block, PROSE_TRIGGER) for piece in outside(view, s, e, translated)]
            entities = ctx.entities(block, "PRODUCT", "ORG") if spans and self.config.use_ner else []
            memory = BlockMemory()
            section = tuple(section_authority(blocks, idx)) if spans else ()
            found: list[Candidate] = []
            for s, e in spans:
                said = end_heading_line(view, ctx.text, s, e)
                sent = APPROVED_CERT.sub("颁发的", without_speaker(said, speakers))
                if sent != said:  # an answer "是X，2023年拿到三类证": X is the subject
                    sent = _ANSWER_COPULA.sub("", sent, count=1)
                if PROMO.match(sent):
                    continue
                # "X宣布其产品Y获得…": the announcement's clause ends before 其 as if a comma stood there
                sent = _ANNOUNCED_ITS.sub(r"\1，", sent)
                if memory.pair is not None:
                    # "…产品包括A和一款B。前者于…获得…；后者…取得…": each its product
                    first, second, owner = memory.pair
                    sent = FORMER_LATTER.sub(lambda w: (f"{owner}的" if owner else "") + (first if w["w"] == "前者" else second), sent)
                # a bare "7月11日" / "同年" takes the year written earlier in the block, else the document's
                block_year = last_year(view.text[:s])
                ents = tuple((view.text[a:b], lab) for a, b, lab in entities if s <= a and b <= e)
                ds, de = view.doc_span(s, e)
                info = SentenceInfo(heading=heading, topic=topic, year=block_year or facts.title_year or doc_year,
                                    block_year=block_year or facts.title_year, doc_year=doc_year,
                                    entities=ents, memory=memory, focus=facts.focus_at(ds), facts=facts,
                                    section=section)
                for cand in self._sentence(sent, info, known):
                    cand.start, cand.end = ds, de
                    found.append(cand)
                topic = (sentence_topic(strip_asides(sent)) or opening_org(view.text, s, e, entities)
                         or leading_company(sent) or legal_company(strip_asides(sent)) or topic)
                pair = PRODUCT_PAIR.search(sent)
                if pair and all(is_product_name(clean_name(pair[k])) for k in ("a", "b")):
                    memory.pair = (clean_name(pair["a"]), clean_name(pair["b"]), topic)
                named = NAMED_PRODUCT.search(sent)
                if named and is_product_name(clean_name(named["p"])):
                    # "核心产品为单孔腔镜手术机器人。该产品于2025年12月获得…": what a later 该产品 means
                    memory.antecedent = (clean_name(named["p"]), topic)
                made = _MADE_BY_OPENING.match(strip_asides(sent))
                # (a quoted brand before the generic name is the brand: "“衡瓣”经导管…系统" -> the system)
                if made and is_product_name(product := tidy_product(clean_name(_BRAND_FIRST.sub("", made["prod"].strip())))) \
                        and looks_like_company(clean_name(made["co"]) or "", known):
                    # "“衡瓣”经导管…系统由苏州衡岳医疗科技有限公司自主研发。该产品于…获批": 该产品 is it
                    memory.antecedent = (product, clean_name(made["co"]))
            headline = blocks[idx - 1].text if idx and blocks[idx - 1].type is BlockType.HEADING else ""
            yield from borrow_companies(found, headline, known)

    def _sentence(self, sent: str, info: SentenceInfo, known: set[str]) -> Iterator[Candidate]:
        """Candidates from one sentence (offsets filled in by the caller). A clause without a
        subject of its own ("…，并通过FDA 510(k)审查", "…，成为首个获得三类证的Y") shares the
        product of the clause before it; a repeat only completes class and date."""
        sent = strip_asides(sent)
        found: dict[tuple[str, str], Candidate] = {}
        previous: tuple[str, str | None] | None = None
        last: tuple[int, int, list[str]] | None = None  # (clause start, end, authorities) of the last approval phrase
        for m in approval_phrases(sent):
            clause_s, clause_e = clause_bounds(sent, m.start(), m.end())
            clause = APPROVAL_ROUTE.sub("", sent[clause_s:clause_e])
            if ANOTHER.match(m.groupdict().get("mid") or ""):
                continue  # "…之后获得的又一重要市场准入": restates the approval just read
            counted = _COUNT_THEN_LIST.search(sent, m.start())
            counted = counted if counted and counted.start() < m.end() else None
            if counted is None:
                # "11月共有5款AI医疗器械获批三类证，其中包括A的X、B的Y": the count before the verb
                counted = _COUNTED_THEN_EXAMPLES.search(sent, clause_s)
                counted = counted if counted and counted.start() < m.start() < counted.start("list") else None
            if counted and not NOT_APPROVAL.search(clause) and not lex.MODAL.search(clause):
                # "国家药监局共批准2个创新医疗器械，分别为A的X和B的Y": the count, then each product
                items = listed_products(counted["list"], info, known, None)
                auths = phrase_authorities(sent, m, clause_s) or (["NMPA"] if lex.DOMESTIC_APPROVAL.search(clause) else [])
                if len(items) >= 2 and auths:
                    date, weak = sentence_date(sent, m, info)
                    for product, company in items:
                        for auth in auths:
                            add_candidate(found, Candidate(product, company, auth, class_for(auth, clause), date, 0, 0, confidence.CONTEXT,
                                                           authority_raw=written_authority(auth, clause, sent), weak_date=weak))
                    previous = items[-1]
                    continue
            if NOT_APPROVAL.search(clause) or lex.MODAL.search(clause) or is_statistic(sent, m, clause_e):
                # not an approval, but "该软件的国内版本…" in a later sentence may still refer to its product
                if not is_statistic(sent, m, clause_e):
                    named = find_product(sent, m, clause_s, info, known, previous)
                    if named[0]:
                        info.memory.antecedent = named
                continue
            auths = phrase_authorities(sent, m, clause_s)
            continues = (m.re is GOT_RE and last is not None and last[0] == clause_s and previous is not None
                         and not authorities_in(sent[last[1]:m.start()]))
            if continues:
                # "Y的X经FDA De Novo申请后获批上市": a bare "获批上市" after another phrase of its
                # clause ends the same approval of the same product (not a domestic one)
                auths = last[2] or auths
            if not auths and (m.re is GOT_RE and not m["noun"] or m.re is ORDINAL_RE):
                # a bare "获批" continues the regulator of the approval before it in the paragraph
                # ("X早在2016年即获得三类证，第二代产品Y于2021年获批"), or in the document when the
                # sentence says it came at the same time ("同日获批的还有…")
                auths = info.memory.authorities or (
                    info.facts.last_authorities if info.facts and lex.SAME_TIME.search(sent[:m.start()]) else [])
            if (not auths and (m.re is GOT_RE or m.re is FORWARD_RE and re.fullmatch(r"批准|核准", m["noun"] or ""))
                    and lex.DOMESTIC_APPROVAL.search(sent, clause_s)
                    and not lex.FOREIGN_MARKET.search(sent)):
                # "X的“Y”上市申请获批准", "…“Y”正式获批，用于…" in a Chinese text: the Chinese regulator
                auths = ["NMPA"]
            if (not auths and (m.re is GOT_RE or m.re is FORWARD_RE and re.fullmatch(r"批准|核准", m["noun"] or ""))
                    and not sent.startswith("的", m.end())):  # ("本周获批的创新医疗器械集中在…": a kind, no approval)
                # "▌一、国内获批（NMPA）" above "X的Y于11月27日获得附条件批准": the section's regulator
                auths = list(info.section)
            if not auths:
                continue
            last = (clause_s, m.end(), auths)
            if previous is not None and RESTATING_CLAUSE.match(strip_noise(sent[clause_s:clause_e])):
                # "…取得三类证，成为华东地区获批的首款同类器械": the ordinal restates the product
                # just approved; its category is no second product
                continue
            # "X作为国内首个AI三类证产品，早在2020年即已获得NMPA批准": a clause without a subject
            # takes the product, and the class, of the sentence's opening
            opening = sent[:clause_s] if previous is None and not strip_noise(sent[clause_s:m.start()]) else ""
            pairs = [previous] if continues else find_products(sent, m, clause_s, clause_e, info, known, previous)
            if not pairs and info.entities and not describes_company(sent, m):
                # the rules read no name: a PRODUCT entity of the NER in the clause (and its maker)
                product = ner_name(sent[clause_s:clause_e], info.entities, "PRODUCT")
                if plausible_entity(product):
                    pairs = [(product, ner_name(sent[clause_s:clause_e], info.entities, "ORG", exclude=product))]
            if not pairs:
                continue
            # "同时批准安泽药业和博科制药的“X”上市": one product of two makers is two approvals
            pairs = [(product, maker(one, product, sent[:clause_e], info)) for product, company in pairs for one in makers(company)]
            previous = pairs[-1]
            info.memory.antecedent, info.memory.authorities = previous, auths
            date, weak = sentence_date(sent, m, info)
            # "A与B分别于2024年3月2日和5月9日获得…": each product its own date
            dates = respective_dates(sent[clause_s:m.start()], info.year)
            dated = dict(zip((p for p, _ in pairs), dates)) if len(dates) == len(pairs) > 1 else {}
            # "…获批上市，成为该细分领域第一张三类证": a restating clause after it still gives the class
            after = sent[clause_e + 1:clause_bounds(sent, clause_e + 1, clause_e + 1)[1]] if clause_e < len(sent) else ""
            klass_text = opening + clause + registration_after(sent, m.end()) + (after if RESTATES.match(after) else "")
            for product, company in pairs:
                for auth in auths:
                    # Taiwan's class is often said after the phrase ("…同获卫福部核准上市，均属第二等级医疗器材")
                    klass = class_for(auth, klass_text + (sent[clause_e:] if auth == "TFDA" else ""))
                    add_candidate(found, Candidate(product, company, auth, klass, dated.get(product, date), 0, 0, confidence.CONTEXT,
                                                   authority_raw=written_authority(auth, clause, sent),
                                                   weak_date=weak and product not in dated))
        makers_here = {c.company for c in found.values() if c.company}
        # "澄和医疗再获一张三类证：X获国家药监局批准": the company of one clause is no product of another
        yield from (c for c in found.values() if c.product not in makers_here)


def _refers_back(company: str | None) -> bool:
    """Whether a candidate's maker is written as an anaphor (公司, 该公司, 其) the entity layer resolves."""
    return bool(company) and bool(ANAPHOR_RE.match(company.strip()))


#: a table caption or the paragraph before it speaking of the reporting company's own period
_OWN_REPORT = re.compile(r"报告期|本公司|我司|公司(?:已|共|累计|新增|取得|获得)")
#: an interview's answer that opens with its copula: "（陈朗：）是宫颈细胞学辅助诊断软件，2023年8月拿到…"
_ANSWER_COPULA = re.compile(r"^\s*(?:其实|就|主要|应该)?(?:是|为)(?=[^，。；]{4,40}[，,])")
#: an approval counted, then its products listed: "批准2个创新医疗器械，分别为A的X和B的Y"
_COUNT_THEN_LIST = re.compile(
    r"(?:批准|获批|获准)了?[^，。；：:]{0,12}?[\d一二三四五六七八九十两]+\s*[个款项件张][^，。；：:]{0,16}?"
    r"(?:[，,：:]\s*(?:分别为|分别是|包括|即|为)?|，?(?:分别为|分别是|包括))\s*(?P<list>[^。；]{4,300})")
#: a count of approved products before the verb, then the products named: "共有5款AI医疗器械获批三类证，其中包括A的X、B的Y"
_COUNTED_THEN_EXAMPLES = re.compile(
    r"[\d一二三四五六七八九十两]+\s*[个款项件张][^，。；：:]{0,20}?(?:获批|获准|获得|取得)[^，。；：:]{0,12}?[，,：:]\s*"
    r"(?:其中)?(?:包括|分别为|分别是)\s*(?P<list>[^。；]{4,300})")
#: a certificate number in brackets after a product
_NUMBER_ASIDE = re.compile(r"\s*[（(]\s*(?:[\p{Han}]{0,3}(?:械注[准进许]|药准字|械备)|K\d{6}|DEN\d{6}|P\d{6})[^（）()]*[)）]\s*$")
#: who holds the certificate, said after the approval: "…获批上市，注册人为澄和医疗科技有限公司"
_HOLDER = re.compile(r"(?:注册人|上市许可持有人|持有人|生产企业|申请人)(?:为|是|：|:)\s*(?P<co>[^，。；;、（(\s]{2,40})")
#: a product with its maker in brackets after it: "冠脉CT造影图像血管狭窄辅助分诊软件（澄和医疗）"
_MAKER_ASIDE = re.compile(r"^(?P<prod>.{2,60}?)\s*[（(](?P<co>[^（）()]{2,30})[)）]$")
#: a quoted name inside what a rule read as the product: "PD-1/VEGF双特异性抗体“泽妥西单抗注射液”（ZT-102）"
_QUOTED_PRODUCT = re.compile(r"^[^“「『]{0,30}[“「『](?P<q>[^”」』]{2,40})[”」』](?:\s*[（(][^()（）]{1,20}[)）])?$")
#: a development code with the name in brackets after it: "YF-101（昀妥昔单抗注射液）"
_CODE_THEN_NAME = re.compile(r"^[A-Za-z]{1,6}-?\d{2,6}[A-Za-z]?\s*[（(](?P<name>\p{Han}[^（）()]{2,30})[)）]$")
#: a development code in brackets after the name: "瑞奥替尼片（YF-203）"
_CODE_BRACKET = re.compile(r"\s*[（(](?=[^()（）]*\d)[A-Za-z]{1,6}-?[A-Za-z0-9]{1,8}[)）]$")


def tidy_product(product: str | None) -> str | None:
    """The product's name without the description before a quoted name and without a bracketed
    development code after it (the name as the text gives it, as annotators key it)."""
    if not product:
        return product
    product = _NUMBER_ASIDE.sub("", product) or product  # "X（国械注准20233210001）": the certificate's number
    if "《" in product and "》" not in product and product.index("《") >= 2:
        product = product[:product.index("《")]  # "X《药品注册证书》": the certificate's title follows the name
    named = re.match(r"^[^“「]{0,12}以[“「](?P<q>[^”」]{2,40})[”」]为名$", product)
    if named:
        return named["q"]  # "其海外版本以“QY-Coronary”为名": the version's own name
    q = _QUOTED_PRODUCT.match(product)
    if q:
        return q["q"].strip()
    coded = _CODE_THEN_NAME.match(product)
    if coded:
        return coded["name"]  # "YF-101（昀妥昔单抗注射液）": the development code, then the name
    tidy = _CODE_BRACKET.sub("", product)
    return tidy if len(tidy) >= 2 else product


#: the company speaking of its own product: "我们的X", "本公司的X", "本集团的X"
_SELF_OWNER = re.compile(r"(?P<word>" + COMPANY_SELF_WORD + r")的"
                         # an announcement's "公司于11月25日收到…《药品注册证书》": the company announcing
                         r"|(?:^|(?<=[，,。；：:\s]))(?P<word>公司|该公司|本公司)(?=于|已|近日|日前|收到|获得|取得|今日)")


def makers(company: str | None) -> list[str | None]:
    """The companies of a maker written as a list ("安泽药业和博科制药", "A、B"), each reading as a
    company's name; else the maker as it is."""
    if not company:
        return [company]
    parts = [p.strip() for p in re.split(r"\s*(?:和|与|及|、)\s*", company) if p.strip()]
    if len(parts) > 1 and all(is_org_name(p) for p in parts):
        return parts
    return [company]


def merge(tables: list[Candidate], prose: list[Candidate]) -> list[Candidate]:
    """Table rows, plus prose candidates that are not the same approval as one already kept
    (same authority and product); a repeat only fills fields the kept one lacks."""
    kept = [t for t in tables if not t.summary]
    for row in (t for t in tables if t.summary):
        # an overview row repeats an approval another table lists (by its full name: "X（BC-Lung）")
        if not any(k.authority == row.authority and same_product(k.product, row.product) and
                   (not k.date or not row.date or k.date[:7] == row.date[:7]) for k in kept):
            kept.append(row)
    for cand in prose:
        twin = next(
            (k for k in kept if k.authority == cand.authority and same_product(k.product, cand.product)
             and not other_maker(k.company, cand.company)), None
        ) or next((k for k in tables if k.authority == cand.authority and describes(cand, k)), None) or next(
            (k for k in kept if k.authority == cand.authority and same_model(k, cand)), None
        )
        if twin is None:
            kept.append(cand)
            continue
        idx = kept.index(twin)
        # a headline's date is its publication day: the body's approval date replaces it
        better_date = twin.weak_date and cand.date is not None and not cand.weak_date
        # a trademark written with its description is the fuller name ("VeinPilot™血管超声导航系统")
        fuller = cand.product if (twin.product and cand.product and len(cand.product) > len(twin.product)
                                  and cand.product.startswith(twin.product) and same_model(twin, cand)) else twin.product
        kept[idx] = replace(
            twin,
            product=fuller,
            company=fuller_company(twin.company, cand.company),
            cert_class=twin.cert_class or cand.cert_class,
            date=cand.date if better_date else finer_date(twin.date, cand.date),
            weak_date=twin.weak_date and not better_date,
        )
    return kept


#: "宣布其…" without a comma between the announcement and its subject
_ANNOUNCED_ITS = re.compile(r"(宣布|表示|透露|公告称)(?=其(?:产品|自主|旗下|研发|核心|“))")
#: a section heading about approvals ("一、国内获批（NMPA）", "二、海外获批：FDA")
_APPROVAL_SECTION = re.compile(r"获批|批准|审批|注册|上市|许可|认证")
#: how many blocks above a paragraph its section heading may stand
_SECTION_REACH = 60


#: a sentence that opens with a product and its maker: "X由Y自主研发", "X由Y与Z联合开发"
_MADE_BY_OPENING = re.compile(r"^\s*" + MADE_BY_CLAUSE)


_BRAND_FIRST = re.compile(r"^[“「][^”」]{1,12}[”」](?=\p{Han}{4})")


def section_authority(blocks: list, idx: int) -> list[str]:
    """The one regulator the nearest heading above that names one says the section is about, else []."""
    for b in reversed(blocks[max(0, idx - _SECTION_REACH):idx]):
        if b.type is not BlockType.HEADING or not _APPROVAL_SECTION.search(b.text):
            continue
        named = unique(a for a, _, _ in authorities_in(b.text))
        if named:
            return named if len(named) == 1 else []
    return []


def same_model(a: Candidate, b: Candidate) -> bool:
    """The same approval written once by its model code or trademark and once with a description
    ("多孔腔镜手术机器人MP1000" -> "MP1000"; "MP1000 multi-port laparoscopic surgical robot";
    "VeinPilot™血管超声导航系统"), in the same month or where one is a headline's."""
    if not (a.product and b.product):
        return False
    # a headline's date is its publication day (weak): "VeinPilot™获FDA 510(k)许可" over the body's
    # "2026年7月，…“VeinPilot™血管超声导航系统”获得美国FDA 510(k)许可"
    if not (a.weak_date or b.weak_date or a.date and b.date and len(a.date) >= 7 and a.date[:7] == b.date[:7]):
        return False
    short, long_ = sorted((a.product.strip(), b.product.strip()), key=len)
    if not re.fullmatch(r"[A-Za-z][A-Za-z\-]*\d[A-Za-z0-9\-]*[®™]?|[A-Za-z][A-Za-z0-9\-]{2,}[®™]", short):
        return False  # only a model code ("MP1000") or a trademark ("VeinPilot™") identifies the product
    return bool(re.match(re.escape(short) + r"(?![A-Za-z0-9])", long_))


def describes(prose: Candidate, row: Candidate) -> bool:
    """A prose approval that writes a table row's product with a description around it
    ("PD-1抑制剂特瑞普利单抗注射液" for the row "特瑞普利单抗（LOQTORZI）") in the same month."""
    if not (prose.date and row.date and prose.date[:7] == row.date[:7] and len(row.date) >= 7):
        return False
    text = norm(prose.product)
    return any(len(v) >= 3 and v in text for v in map(norm, name_variants(row.product)))


def finer_date(kept: str | None, other: str | None) -> str | None:
    """``kept``, or ``other`` when it is the same date written more precisely ("2023-08" in a
    table, "2023年8月23日" in the text)."""
    if kept and other and other.startswith(kept) and len(other) > len(kept):
        return other
    return kept or other

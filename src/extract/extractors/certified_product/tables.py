"""certified_product from tables: columns found by header names, regulators and classes from the
table's caption, header, note and the paragraph before it; and the labelled fields of an
announcement's certificate list ("产品名称：X；注册证编号：…")."""

from __future__ import annotations

import regex as re

from .. import confidence
from ...normalize import parse_date
from ...structure import Block, BlockType, Table
from ...lexicon.products import DOMESTIC_APPROVAL, FOREIGN_MARKET
from ..base import ExtractionContext
from .vocabulary import (
    authorities_in, class_for, clean_name, is_company_name, is_product_name, unique, COL_AUTH, COL_CLASS, COL_COMPANY,
    COL_DATE, COL_NOT_COMPANY, COL_NOT_PRODUCT, COL_PRODUCT, Candidate, FDA_NUMBER, NMPA_CERT, NMPA_NUMBER,
    PROSE_TRIGGER, ROW_MAKER, SECTION_HEADING, SELF_ALIAS,
)

#: a pipeline table's status column ("状态", "注册进度", "所处阶段"): 已上市 / 已受理 / 在研 per row
COL_STATUS = re.compile(r"状态|进度|进展|阶段|(?i:status|stage)")

# --- table helpers ------------------------------------------------------------------------------

#: an announcement's certificate as labelled fields: "产品名称：血管内超声诊断系统；注册证编号：国械注准20243061287；
#: 管理类别：第三类；批准日期：2024年5月20日"; the product ("产品名称：…")
FIELD_PRODUCT = re.compile(r"产品名称\s*[：:]\s*(?P<v>[^；;，,。\n]{2,60})")
#: its number, which says who issued it ("注册证编号：国械注准…", "510(k)编号：K241876")
#: (the colon may be left out in a run-on item: "注册证编号浙械注准20242210001，管理类别第二类")
#: (or an FDA 510(k) number alone: "…（Single-Use Digital Ureteroscope），K253402，决定日期2026年2月6日")
FIELD_NUMBER = re.compile(r"(?:注册证编号|注册证号|备案号|510\s*[（(]\s*[kK]\s*[)）]\s*编号)\s*[：:]?\s*(?P<v>[^；;，,。\n]{4,40})"
                          r"|(?<=[，,；;]\s*)(?P<v>K\d{6})(?=\s*[，,；;。]|$)")
#: its class ("管理类别：第三类", "管理类别第二类")
FIELD_CLASS = re.compile(r"(?:管理类别|类别)\s*[：:]?\s*(?P<v>[^；;，,。\n]{1,12})")
#: its date ("批准日期：2024年5月20日", "批准日期2024年5月20日")
FIELD_DATE = re.compile(r"(?:批准日期|注册日期|发证日期|获批日期|决定日期|许可日期)\s*[：:]?\s*(?P<v>[^；;，,。\n]{4,20})")
#: its holder ("注册人：杭州某某医疗科技有限公司"), the maker of the product
FIELD_MAKER = re.compile(r"(?:注册人|持有人)(?:名称)?\s*[：:]\s*(?P<v>[^；;，,。\n]{2,40})")
#: a subsidiary's item without a product label: "2. 某某影像：超声诊断仪，注册证编号浙械注准…，管理类别第二类，
#: 批准日期…" (the name before the colon is the holder, the first field the product)
FIELD_HOLDER_ITEM = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]\s*|[（(]\d{1,2}[)）]\s*)?(?P<co>[^：:，,。；;\s]{2,20})[：:]\s*(?P<v>[^；;，,。\n：:]{2,60})[，,；;]"
)
#: field labels, which are not holders ("产品名称：", "注册证编号：")
_FIELD_LABEL = re.compile(r"名称|编号|证号|类别|日期|有效期|用途|注册人|持有人|结构|组成|范围|型号|规格")
#: "1. 产品名称：X" on a line of its own, the other fields on the lines below
_PRODUCT_LINE = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]\s*|[（(]\d{1,2}[)）]\s*)?产品名称\s*[：:]")
_FIELD_LINE = re.compile(r"^\s*[\p{Han}A-Za-z0-9()（）]{2,12}\s*[：:]")


def field_group(blocks: list[Block], idx: int, text: str) -> int | None:
    """Index of the last block of a certificate written one field per line, starting at block
    ``idx`` ("1. 产品名称：X" / "注册人：Y" / "注册证编号：国械注准…" / "批准日期：…", which the layout
    reads as separate lines); None when block ``idx`` opens no such list or its lines give no
    certificate number."""
    if not _PRODUCT_LINE.match(blocks[idx].text) or FIELD_NUMBER.search(blocks[idx].text):
        return None
    last = None
    for j in range(idx + 1, min(len(blocks), idx + 10)):
        line = blocks[j].text
        if _PRODUCT_LINE.match(line) or not _FIELD_LINE.match(line):
            break
        last = j
    if last is None or not FIELD_NUMBER.search(text[blocks[idx].start:blocks[last].end]):
        return None
    return last


def field_list(text: str, company: str | None) -> Candidate | None:
    """A certificate written as labelled fields (one list item of an announcement): a record when
    it gives the product and a certificate number; the company is the one the text is by."""
    product, number = FIELD_PRODUCT.search(text), FIELD_NUMBER.search(text)
    maker = FIELD_MAKER.search(text)
    if maker and is_company_name(clean_name(maker["v"])):
        company = clean_name(maker["v"])
    if product is None and number is not None:
        item = FIELD_HOLDER_ITEM.match(text)
        if item and not _FIELD_LABEL.search(item["co"]) and is_company_name(item["co"]) and not FIELD_NUMBER.match(item["v"]):
            product, company = item, clean_name(item["co"])
    if product is None or number is None or not is_product_name(clean_name(product["v"])):
        return None
    auths = number_authorities(number["v"])
    if not auths:
        return None
    klass, date = FIELD_CLASS.search(text), FIELD_DATE.search(text)
    auth = auths[0]
    return Candidate(clean_name(product["v"]), company, auth, class_for(auth, number["v"] + (klass["v"] if klass else "")),
                     parse_date(date["v"]) if date else None, 0, 0, confidence.LAYOUT, from_table=True)


def columns(table: Table) -> dict[str, int | None]:
    """Column index of product, company, date, authority and class, found by header names."""
    found: dict[str, int | None] = {"product": None, "company": None, "date": None, "auth": None, "class": None,
                                    "status": None}
    found.update(table.find_columns({
        "company": (COL_COMPANY, COL_NOT_COMPANY), "product": (COL_PRODUCT, COL_NOT_PRODUCT),
        "date": COL_DATE, "auth": COL_AUTH, "class": COL_CLASS, "status": COL_STATUS,
    }))
    return found


def authority_columns(table: Table) -> dict[str, int]:
    """Regulator -> column index, when at least two header cells each name one regulator and
    nothing else of the row ("NMPA三类证", "FDA 510(k)", "CE MDR"); else {}."""
    found: dict[str, int] = {}
    for i, name in enumerate(table.columns):
        auths = unique(a for a, _, _ in authorities_in(name))
        if len(auths) == 1 and auths[0] not in found:
            found[auths[0]] = i
    return found if len(found) >= 2 else {}


#: a column of approval dates ("批准日期", "获批时间"): the rows are approvals
_APPROVAL_DATE_COLUMN = re.compile(r"(?:批准|获批|核准|发证)(?:日期|时间)")


def table_authorities(block: Block, header: str, before: str) -> list[str]:
    """Authorities of a whole table: named in its caption, header or source note; else NMPA when
    those say 注册证 / 三类证; else named in the paragraph before it (which may also mention other
    regulators' approvals the table does not list, hence last); else NMPA for a column of approval
    dates under words of a market approval in China (上市许可持有人, 获批上市…) and none abroad."""
    own = " ".join([block.caption, header, block.note])
    auths = unique(a for a, _, _ in authorities_in(own))
    if not auths and NMPA_CERT.search(own):
        auths = ["NMPA"]  # "表3-1 公司产品获得的境内医疗器械注册证"
    if not auths:
        auths = unique(a for a, _, _ in authorities_in(before))
    if not auths and NMPA_CERT.search(before):
        auths = ["NMPA"]  # 三类证 / 注册证 are NMPA certificates
    if not auths and _APPROVAL_DATE_COLUMN.search(header) and DOMESTIC_APPROVAL.search(own + " " + before) \
            and not FOREIGN_MARKET.search(own + " " + before):
        auths = ["NMPA"]  # "本月获批的进口药品还包括：" over "药品名称 | 申请人 | 上市许可持有人 | 批准日期": China's
    return auths


def number_authorities(text: str) -> list[str]:
    """Authorities whose certificate numbers a row writes: 国械注准… / 粤械注准… (NMPA), K123456 (FDA)."""
    out = []
    if NMPA_NUMBER.search(text):
        out.append("NMPA")
    if FDA_NUMBER.search(text):
        out.append("FDA")
    return out


def reporting_company(text: str) -> str | None:
    """The company a document is by: the short name its opening defines together with "公司" /
    "本公司" ("（以下简称“睿影智能”“公司”或“本公司”）")."""
    m = SELF_ALIAS.search(text)
    return clean_name(m["alias"]) if m else None


def reporting_company_at(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``reporting_company`` is written: its short name in the definition (none if unnamed)."""
    m = SELF_ALIAS.search(text)
    return ((m.start("alias"), m.end("alias")),) if m else ()


def row_serial(row, n: int) -> int:
    """A row's number: its serial cell ("6") when the first cell is one, else its position."""
    first = row.cell(0)
    if first is not None and re.fullmatch(r"\s*\d{1,3}\s*", first.text or ""):
        return int(first.text)
    return n


def row_makers(ctx: ExtractionContext, block: Block) -> dict[int, str]:
    """Makers the footnotes under a table give for single rows ("注1：第6项产品由公司全资子公司X生产")."""
    blocks = ctx.structure.blocks
    idx = blocks.index(block)
    out: dict[int, str] = {}
    for b in blocks[idx + 1:idx + 6]:
        if b.type is not BlockType.FOOTNOTE:
            break
        for m in ROW_MAKER.finditer(b.text):
            co = clean_name(m["co"])
            if co and is_company_name(co):
                out[int(m["n"])] = co
    return out


def table_companies(ctx: ExtractionContext) -> set[str]:
    """Company names in any table's company column: makers to recognise in prose."""
    out: set[str] = set()
    for block in ctx.structure.of_type(BlockType.TABLE):
        if block.table is None or block.table.header is None:
            continue
        i = columns(block.table).get("company")
        for row in block.table.rows:
            name = clean_name(cell_text(row, i))
            if is_company_name(name):
                out.add(name)
    return out


def cell_text(row, i: int | None) -> str | None:
    """Text of cell ``i`` of ``row`` (None when absent or empty)."""
    if i is None:
        return None
    c = row.cell(i)
    return c.text if c is not None and c.text else None


def preceding_paragraph(ctx: ExtractionContext, block: Block) -> str:
    """The paragraph just before a table (and its caption): it often names the regulator."""
    blocks = ctx.structure.blocks
    idx = blocks.index(block)
    for b in reversed(blocks[max(0, idx - 3):idx]):
        if b.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
            return b.view(ctx.text).text
    return ""


def heading_above(blocks: list[Block], idx: int) -> str | None:
    """The heading line directly above a paragraph (a product named in bold: "● **X**")."""
    if idx == 0:
        return None
    prev = blocks[idx - 1]
    if prev.type is not BlockType.HEADING:
        return None
    text = re.sub(r"^[#\s\-•●▪■◆➤]+|\*\*|[\s:：]+$", "", prev.text.strip())
    if SECTION_HEADING.match(text) or PROSE_TRIGGER.search(text):
        return None  # "5.1 三类医疗器械注册证": a section title, not a product
    return clean_name(re.sub(r"\*\*", "", text))

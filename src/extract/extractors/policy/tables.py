"""policy records from tables: a policy table's title, issuer and date columns, and 《》 titles in
the cells of other tables.

A header names the title column (政策名称/文件名称 …) and optionally an issuer column (发布单位/
发布机构/部门 …) and a date column (时间/发布时间/日期 …); titles there carry no 《》, an empty issuer
cell continues the issuer of the row above, and without an issuer column the bodies opening an
official title (国务院办公厅关于…) are its issuers. A table without a usable header is read as a
policy table when most cells of one column are policy titles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex as re

from .. import confidence
from ...normalize import parse_date
from ...structure import Block, Row, Table
from ..base import ExtractionContext
from .prose import (
    _DOC_NUMBER,
    _TITLE,
    Mention,
    _strip_outer,
    has_doc_suffix,
    is_negative_title,
    prose_mentions,
    split_issuers,
    title_issuers,
)

_COL_TITLE = re.compile(r"政策|文件|法规|法律|规章|规划|标准|指南|通知|名称|标题")
_COL_TITLE_BAD = re.compile(r"内容|要点|解读|简介|说明|意义|影响|目标|产品|企业|公司|类型|类别|领域|单位|机构|部门")
_COL_ISSUER = re.compile(r"发布(?:单位|机构|部门|主体|机关|方|者)|发文(?:单位|机关|部门|机构)|颁布(?:单位|机构|部门)|印发(?:单位|部门|机构)|^(?:部门|机构|单位|主管部门|发布方|发文机关|来源)$")
_COL_DATE = re.compile(r"时间|日期|年份|^年$|年月")
_POLICY_CONTEXT = re.compile(r"政策|法规|法律|文件|规划|规章|监管")

def _column(columns: list[str], pat: re.Pattern, bad: re.Pattern | None = None, skip: tuple[int, ...] = ()) -> int | None:
    for i, c in enumerate(columns):
        c = re.sub(r"\s+", "", c)
        if i in skip or not c:
            continue
        if pat.search(c) and not (bad and bad.search(c) and not re.search(r"政策|文件|法规", c)):
            return i
    return None


@dataclass
class _Layout:
    """Where a policy table keeps its titles, issuers and dates."""

    title: int
    issuer: int | None
    date: int | None
    strict: bool  # header not naming the title column outright: cells must look like titles


def _table_layout(block: Block, ctx_text: str) -> _Layout | None:
    """The columns of a policy table, or None when the table is not one."""
    table = block.table
    assert table is not None
    cols = table.columns
    if cols:
        issuer = _column(cols, _COL_ISSUER)
        date = _column(cols, _COL_DATE, skip=(issuer,) if issuer is not None else ())
        skip = tuple(i for i in (issuer, date) if i is not None)
        title = _column(cols, _COL_TITLE, _COL_TITLE_BAD, skip=skip)
        if title is not None:
            header = re.sub(r"\s+", "", cols[title])
            topical = _POLICY_CONTEXT.search(header) or _POLICY_CONTEXT.search(block.caption) or issuer is not None
            if topical:
                # 政策名称/文件名称 names the column; a bare 政策 column may hold descriptions
                return _Layout(title, issuer, date, strict=not re.search(r"名称|标题|全称", header))
    return _infer_layout(block, ctx_text)


def _infer_layout(block: Block, ctx_text: str) -> _Layout | None:
    """Columns of a policy table without a usable header: most cells of one column are policy titles."""
    table = block.table
    assert table is not None
    about = block.caption + block.heading + ctx_text
    if not _POLICY_CONTEXT.search(about):
        return None
    rows = table.rows
    if len(rows) < 2:
        return None
    ncols = max(len(r.cells) for r in rows)

    title = next((i for i in range(ncols) if table.mostly(i, _titleish)), None)
    if title is None:
        return None
    date = next((i for i in range(ncols) if i != title and table.mostly(i, lambda c: len(c) <= 14 and parse_date(c) is not None)), None)
    issuer = next((i for i in range(ncols) if i not in (title, date) and table.mostly(i, lambda c: bool(split_issuers(c)))), None)
    return _Layout(title, issuer, date, strict=True)


def _titleish(cell: str) -> bool:
    """A table cell that reads as a policy title (not a description)."""
    t = _strip_outer(cell)
    if len(t) > 80 or re.search(r"[。；;]", t):
        return False
    return (has_doc_suffix(t) or bool(_TITLE.search(t))) and not is_negative_title(t)




def table_mentions(block: Block, ctx: ExtractionContext) -> list[Mention]:
    """Policy rows of a policy table (an empty issuer cell continues the issuer above)."""
    assert block.table is not None
    layout = _table_layout(block, ctx.structure.context_before(block, 300))
    if layout is None:
        return _cell_mentions(block.table)
    ti, ii, di = layout.title, layout.issuer, layout.date
    out: list[Mention] = []
    issuers: list[str] = []
    issuer_cell: list[tuple[int, int]] = []
    for row in block.table.rows:
        cell = row.cell(ti)
        if ii is not None:
            ic = row.cell(ii)
            if ic is not None and ic.text:
                issuers = split_issuers(ic.text, require_gov=False)
                issuer_cell = [(ic.start, ic.end)]  # an empty issuer cell below continues this one
        if cell is None or not cell.text:
            continue
        title = _strip_outer(cell.text)
        inner = _TITLE.search(title)
        if len(re.sub(r"\s+", "", title)) < 4 or (is_negative_title(title) and not inner):
            continue
        if layout.strict and not _titleish(cell.text):
            continue
        dc = row.cell(di) if di is not None else None
        date = parse_date(dc.text) if dc is not None and dc.text else None
        # a list of documents without an issuer column: the official title opens with its bodies
        row_issuers = issuers or title_issuers(title)
        out.append(Mention(title, list(row_issuers), date or _row_doc_number_year(row, ti), row.start, row.end, confidence.FIELDS,
                           inner=inner.group(1) if inner else "", support=list(issuer_cell) if issuers else []))
    return out


def _row_doc_number_year(row: Row, title_col: int) -> str | None:
    """Issue year of a row from its document-number cell (国办发〔2021〕16号)."""
    for i, cell in enumerate(row.cells):
        if i != title_col and (m := _DOC_NUMBER.fullmatch(re.sub(r"\s+", "", cell.text))):
            return m["y"] or m["y2"]
    return None


def _cell_mentions(table: Table) -> list[Mention]:
    """《》 titles written inside the cells of other tables (evidence: the row)."""
    out: list[Mention] = []
    for row in table.rows:
        for cell in row.cells:
            if "《" in cell.text:
                out.extend(prose_mentions(cell.text, _row_span(row)))
    return out


def _row_span(row: Row) -> Callable[[int, int], tuple[int, int]]:
    return lambda s, e: (row.start, row.end)

"""funding_round tables: funding tables recognised by header or by content, one record per row."""

from __future__ import annotations

import regex as re

from ...normalize import find_dates, find_money, normalise_round
from ...records import Amount
from ...structure import Row, Table
from .vocabulary import (
    _BARE_AMOUNT_RE, _CELL_ROUND, _COL_AMOUNT, _COL_COMPANY, _COL_DATE, _COL_INVESTOR, _COL_LISTING,
    _COL_PROCEEDS, _COL_ROUND, _EN_CELL_ROUND, _INVESTOR_WORD,
)
from .fields import _normalise_en_round, clause_dates, money_in, rounds_in, split_investors


def table_columns(table: Table, context: str = "") -> dict[str, int] | None:
    """Column indexes of a funding table (company, date, round, amount, investors) or None."""
    header = table.columns
    if header:
        cols = table.find_columns({
            "investors": _COL_INVESTOR, "amount": _COL_AMOUNT, "round": _COL_ROUND, "date": _COL_DATE,
            "company": (_COL_COMPANY, _INVESTOR_WORD),
        })
        funding_words = re.search(r"融资|投资|轮次|(?i:financ|funding|invest|deal|round)", " ".join(header) + context)
        if "company" in cols and ("round" in cols or "amount" in cols) and funding_words:
            return cols
        # one company's history (a prospectus's pre-IPO investments, a profile's 融资历程): rounds,
        # their dates and investors, no company column; the company is the one in focus. A table
        # by round without dates or investors (事件数, 金额占比) is a statistic, not a history.
        if "company" not in cols and {"round", "date", "investors"} <= cols.keys() and funding_words:
            return cols
        ipo = _ipo_columns(table, cols)
        if ipo is not None:
            return ipo
        if header and cols:
            return None
    return _infer_columns(table, context)


def _ipo_columns(table: Table, cols: dict[str, int]) -> dict[str, int] | None:
    """Columns of an IPO table (公司 | 上市板块 | 上市日期 | 募资金额): every row is a listing with
    proceeds. ``cols["ipo"]`` is the listing column, whose cell (科创板, 港交所) is the raw round."""
    header = [re.sub(r"\s+", "", h) for h in table.columns]
    if "company" not in cols or "round" in cols or "amount" not in cols or not _COL_PROCEEDS.search(header[cols["amount"]]):
        return None
    listing = [i for i, h in enumerate(header) if _COL_LISTING.search(h) and i not in (cols["company"], cols["amount"])]
    if not listing:
        return None
    # the exchange column when there is one (上市板块), else the listing date column
    board = [i for i in listing if i != cols.get("date")]
    return {**cols, "ipo": board[0] if board else listing[0]}


def _infer_columns(table: Table, context: str) -> dict[str, int] | None:
    """Columns of a headerless funding table, recognised by their content."""
    rows = [r for r in table.rows if len(r.cells) >= 3]
    if len(rows) < 2 or not re.search(r"融资|投资|(?i:financ|funding|invest)", context + " ".join(c.text for r in rows for c in r.cells)):
        return None
    width = max(len(r.cells) for r in rows)
    cols: dict[str, int] = {}
    for i in range(width):
        if not any((c := r.cell(i)) is not None and c.text for r in rows):
            continue
        if "round" not in cols and table.mostly(i, lambda t: bool(_CELL_ROUND.match(t.replace(" ", ""))), rows):
            cols["round"] = i
        elif "date" not in cols and table.mostly(i, lambda t: bool(find_dates(t)) and len(t) <= 14, rows):
            cols["date"] = i
        elif "amount" not in cols and table.mostly(i, lambda t: bool(money_in(t)) or bool(_BARE_AMOUNT_RE.search(t)), rows):
            cols["amount"] = i
        elif "investors" not in cols and "company" in cols and table.mostly(i, lambda t: "、" in t or len(t) >= 4, rows):
            cols["investors"] = i
        elif "company" not in cols and i == 0:
            cols["company"] = i
    if "company" in cols and "round" in cols and ("date" in cols or "amount" in cols):
        return cols
    return None


#: a day written without its year in a dated digest's table: "01-12", "1/12", "1.12"
_BARE_DAY = re.compile(r"^(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})$")


def _cell_date(cell: str, year: int | None) -> str | None:
    found = clause_dates(cell, year) if cell else []
    if found:
        return found[0]
    m = _BARE_DAY.match(cell.strip()) if cell and year else None
    if m and 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31:
        return f"{year}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


def row_fields(row: Row, cols: dict[str, int], year: int | None = None) -> dict | None:
    """Record fields of one table row (None for rows that are not a financing event). ``year``:
    the document's, for a date cell written without one ("01-12" in a weekly of 2026)."""

    def cell(key: str) -> str:
        c = row.cell(cols[key]) if key in cols else None
        return c.text.strip() if c is not None else ""

    round_cell, amount_cell, date_cell = cell("round"), cell("amount"), cell("date")
    if re.search(r"并购|收购|合并", round_cell):
        return None
    rounds = rounds_in(round_cell, table_cell=True)
    if rounds:
        round_raw, norm = round_cell, rounds[0][1]
    elif round_cell and _CELL_ROUND.match(round_cell.replace(" ", "")):
        round_raw, norm = round_cell, normalise_round(round_cell)
    elif round_cell and _EN_CELL_ROUND.match(round_cell.strip()):
        round_raw, norm = round_cell, _normalise_en_round(round_cell)
    elif "ipo" in cols:
        # an IPO table: the listing column holds the board or the date, the round is the IPO
        listing = cell("ipo")
        round_raw, norm = (listing if listing and not find_dates(listing) else "IPO"), "IPO"
    else:
        round_raw, norm = (round_cell or None), None
    money = money_in(amount_cell) if amount_cell else []
    if not money and amount_cell and _BARE_AMOUNT_RE.search(amount_cell):
        m = _BARE_AMOUNT_RE.search(amount_cell)
        fm = find_money(m["raw"] + "元")
        money = [Amount(raw=m["raw"], currency="CNY", value=fm[0].value, qualifier=fm[0].qualifier)] if fm else []
    if not (round_cell or money or cell("investors")):
        return None
    return {
        "round": norm,
        "round_raw": round_raw,
        "date": _cell_date(date_cell, year),
        "amount": money[0] if money else None,
        "investors": split_investors(cell("investors")) if "investors" in cols else [],
    }

"""Normalisation of dates, money, rounds and agencies as written in reports."""

import pytest

from extract.normalize import authority_of, canonical_agency, cert_class, find_money, normalise_round, parse_date


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("2023.3", None, "2023-03"),
        ("2021.07", None, "2021-07"),
        ("2020年8月", None, "2020-08"),
        ("2020 年 1 月", None, "2020-01"),
        ("2020年6月4日，北京市委", None, "2020-06-04"),
        ("2016年", None, "2016"),
        ("6 月 29 日，NMPA 正式发布", 2019, "2019-06-29"),
        ("2020-08-15", None, "2020-08-15"),
        ("第三阶段（2020.3-）", None, "2020-03"),
        ("没有日期", None, None),
        ("增长了20%", None, None),
        # a quantity that starts like a year is no date
        ("完成2000万美元A轮融资", None, None),
        ("覆盖2019家医院", None, None),
        ("In 2021, the company", None, "2021"),
        # a table cell in English: the month too
        ("Feb 2022", None, "2022-02"),
        ("Mar 15, 2023", None, "2023-03-15"),
    ],
)
def test_dates(text, year, expected):
    assert parse_date(text, year=year) == expected


@pytest.mark.parametrize(
    "text, raw, currency, value, qualifier",
    [
        ("1.5亿人民币", "1.5亿人民币", "CNY", 1.5e8, "exact"),
        ("数千万人民币", "数千万人民币", "CNY", None, "vague"),
        ("近亿元人民币", "近亿元人民币", "CNY", 1e8, "approx"),
        ("亿级人民币", "亿级人民币", "CNY", None, "vague"),
        ("3000万美元", "3000万美元", "USD", 3e7, "exact"),
        ("投资了3,000万美元（约2.1亿元人民币）", "3,000万美元", "USD", 3e7, "exact"),
        ("募资金额约5.8亿港元", "约5.8亿港元", "HKD", 5.8e8, "approx"),
        # Taiwan reports, read through the simplified view: the currency before or after the figure
        ("完成新台币3亿元A轮募资", "新台币3亿元", "TWD", 3e8, "exact"),
        ("募得1.2亿新台币", "1.2亿新台币", "TWD", 1.2e8, "exact"),
        ("本轮NT$5,000万由国发基金领投", "NT$5,000万", "TWD", 5e7, "exact"),
        ("现金增资已收足股款新台币240,000仟元", "新台币240,000仟元", "TWD", 2.4e8, "exact"),
        ("预计筹资4至5亿美元", "4至5亿美元", "USD", None, "vague"),
        ("超10亿元", "超10亿元", "CNY", 1e9, "at_least"),
        ("完成数亿元B轮融资", "数亿元", "CNY", None, "vague"),
        ("一千五百万元", "一千五百万元", "CNY", 1.5e7, "exact"),
        ("200万欧元", "200万欧元", "EUR", 2e6, "exact"),
    ],
)
def test_money(text, raw, currency, value, qualifier):
    m = find_money(text)[0]
    assert (m.raw, m.currency, m.value, m.qualifier) == (raw, currency, value, qualifier)
    assert text[m.start:m.end] == m.raw


@pytest.mark.parametrize(
    "raw, expected",
    [("天使轮", "angel"), ("Pre-A轮", "pre-A"), ("A轮", "A"), ("A+轮", "A+"), ("B+轮", "B+"), ("战略融资", "strategic"),
     ("未公开", "undisclosed"), ("未披露", "undisclosed"), ("Pre-IPO轮", "pre-IPO"), ("IPO", "IPO"), ("种子轮", "seed"),
     ("C轮", "C"), ("F轮", "F"), (None, None)],
)
def test_rounds(raw, expected):
    assert normalise_round(raw) == expected


def test_agencies_and_authorities():
    assert canonical_agency("药监局") == "国家药品监督管理局"
    assert canonical_agency("CFDA") == "国家药品监督管理局"
    assert canonical_agency("某市卫健局") == "某市卫健局"
    assert authority_of("CFDA") == "NMPA" and authority_of("国家药监局") == "NMPA" and authority_of("FDA") == "FDA"
    assert cert_class("获得三类证") == "III" and cert_class("第二类医疗器械注册证") == "II" and cert_class("获批上市") is None


@pytest.mark.parametrize(
    "head, expected",
    [
        ("动脉网周报\n发布时间：2023-07-17\n\n本周要闻", "2023-07-17"),
        ("投融资快讯\n2023年11月20日 星期一\n\n1. XX完成B轮融资", "2023-11-20"),
        ("医疗AI周报 | 本周（2023年7月10日至7月16日）\n", "2023-07-10"),
        ("2023中国数字医疗白皮书\n\n2022年，行业融资回落。", None),  # a subject year is not a dateline
    ],
)
def test_dateline_is_the_documents_own_date(head, expected):
    from extract.normalize import dateline

    d = dateline(head)
    assert (d.value if d else None) == expected


def test_dateline_gives_bare_months_their_year():
    from extract.normalize import Dateline

    jan = Dateline("2024-01-05")
    assert jan.year_of(1) == 2024 and jan.year_of(12) == 2023


@pytest.mark.parametrize(
    "text, expected",
    [("received FDA clearance in Jun 2023", "2023-06"), ("on March 15, 2023", "2023-03-15"), ("15 Aug 2023", "2023-08-15"),
     ("closed in Q3 2023", "2023"), ("FY2022 revenue", "2022"), ("no date here", None)],
)
def test_english_dates(text, expected):
    from extract.normalize import english_date

    assert english_date(text) == expected


@pytest.mark.parametrize("text, value", [
    ("已於二零二五年十月二十八日獲國家藥監局批准", "2025-10-28"),  # a Hong Kong announcement's date
    ("HX-118已于二〇二四年三月获批上市", "2024-03"),
    ("於二零二五年十一月三日（交易時段後）", "2025-11-03"),
    ("截至二零二五年十二月三十一日止年度", "2025-12-31"),
    ("二〇二三年", "2023"),
])
def test_dates_written_in_chinese_numerals(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text, value", [
    # the date line below the headline, not the day the headline says something starts
    ("2026年国家医保药品目录调整结果出炉 2027年1月1日起执行\n\n本报记者　周某\n2026年12月8日\n\n12月7日，…", "2026-12-08"),
    ("2023年11月20日 星期一\n正文", "2023-11-20"),
])
def test_the_dateline_is_a_date_line_of_the_head(text, value):
    from extract.normalize import dateline
    assert dateline(text).value == value

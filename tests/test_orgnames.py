"""A company is an organisation: the organisation inside a rule's subject, or none."""

import pytest

from extract.orgnames import organisation


@pytest.mark.parametrize("subject, org", [
    ("北辰生物", "北辰生物"),
    ("杭州远帆医疗科技有限公司", "杭州远帆医疗科技有限公司"),
    ("在宁波，鹭岛医疗", "鹭岛医疗"),  # the subject of the last clause
    ("在宁波鹭岛医疗", "宁波鹭岛医疗"),
    ("直到", None),
    ("底刚", None),
    ("今年初", None),
    ("子公司衡元影像", "衡元影像"),
    ("控股子公司星桥智能", "星桥智能"),
    ("星桥医疗总经理王立新透露", "星桥医疗"),
    ("远帆科技创始人兼CEO李某表示", "远帆科技"),
    ("澄和药业宣布", "澄和药业"),
    ("他们", None),
    ("该公司", None),
    ("据悉北辰生物", "北辰生物"),
    ("多家医院", None),
    ("和铂医药", "和铂医药"),  # names may begin with a conjunction's character
    ("Shenrui Medical（深睿医疗）", "Shenrui Medical（深睿医疗）"),
    ("在芜湖", None),  # only a place: where it happened
    ("安徽省", None),
    ("K251640).深圳灵犀医学影像科技有限公司", "深圳灵犀医学影像科技有限公司"),
    ("芜湖景澈医学影像有限公司", "芜湖景澈医学影像有限公司"),
])
def test_the_organisation_inside_a_subject(subject, org):
    assert organisation(subject) == org


def test_names_the_document_defines_are_organisations_whatever_their_ending():
    assert organisation("沐光AI") == "沐光AI"  # a name head
    assert organisation("汇医慧影") == "汇医慧影"  # a brand without an organisation ending is kept
    assert organisation("今年") is None and organisation("今年", known={"今年"}) == "今年"

"""Places: China's provincial-level divisions and its larger cities, and a test for a name that is
only a place ("芜湖", "安徽省", "在杭州" once the preposition is gone). A subject that is only a
place is where something happened ("在芜湖，成立仅三年的X…"), never the company of a fact.

Example phrases: "在芜湖，成立仅三年的芜湖景澈医学影像有限公司获得…" (芜湖 is not the company),
"安徽省数据资源管理局" (a place opening a body's name is fine: the name is more than the place).
"""

from __future__ import annotations

import regex as re

#: provinces, autonomous regions, municipalities, special administrative regions (short forms)
PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 "
    "甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()

#: prefecture-level and other large cities (short forms), as news writes them
CITIES = (
    "石家庄 唐山 保定 廊坊 邯郸 太原 大同 沈阳 大连 鞍山 长春 吉林 哈尔滨 大庆 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 "
    "扬州 镇江 泰州 宿迁 昆山 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 "
    "铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 九江 赣州 上饶 "
    "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 郑州 开封 洛阳 平顶山 安阳 新乡 焦作 "
    "许昌 南阳 商丘 信阳 周口 驻马店 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 长沙 株洲 湘潭 衡阳 岳阳 常德 "
    "郴州 广州 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 南宁 柳州 桂林 "
    "北海 海口 三亚 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 贵阳 遵义 昆明 "
    "大理 西安 宝鸡 咸阳 延安 榆林 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 包头 鄂尔多斯 台北 新北 桃园 台中 台南 高雄 新竹"
).split()

#: countries and regions written before a foreign company's name ("美国Norvant Therapeutics",
#: "以色列Vitrix Medical Ltd.", "欧洲药企Brevant Pharma AG"): where it is, not part of the name
COUNTRIES = (
    "美国 英国 德国 法国 日本 韩国 以色列 瑞士 瑞典 丹麦 挪威 芬兰 荷兰 比利时 意大利 西班牙 葡萄牙 奥地利 爱尔兰 "
    "澳大利亚 新西兰 加拿大 新加坡 印度 泰国 马来西亚 印尼 越南 巴西 墨西哥 沙特 阿联酋 欧洲 欧盟 北美 海外 境外"
).split()
#: a country, then what kind of company it is: "美国", "日本药企", "欧洲医疗器械公司"
COUNTRY_DESCRIPTOR = (r"(?:" + "|".join(sorted(COUNTRIES, key=len, reverse=True)) + r")"
                      r"(?:的)?(?:\p{Han}{0,6}?(?:药企|企业|公司|集团|厂商|机构))?")

_SUFFIX = r"(?:省|市|自治区|特别行政区|地区|新区|高新区|开发区|区|县)?"
_PLACE_ONLY = re.compile(rf"^(?:{'|'.join(sorted(set(PROVINCES + CITIES), key=len, reverse=True))}){_SUFFIX}$")


def is_place(name: str | None) -> bool:
    """Whether ``name`` is only a place ("芜湖", "安徽省", "杭州市"), not something named after one."""
    return bool(name) and bool(_PLACE_ONLY.match(name))

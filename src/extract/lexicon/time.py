"""Time words: the relative times and written dates that stand between a subject and its verb.

News writes a time between who acts and the act: "国家药监局本月批准了3款创新医疗器械", "FDA于
2026年10月18日批准…", "澜芯医疗同月又与瑞金医院签署…". A rule that reads "subject + verb" must
let these through; one that reads a name must stop before them ("推想科技近日宣布" names 推想科技).

Example phrases: "国家药监局近日批准…" (近日), "该公司本周宣布完成B轮融资" (本周), "同月，X与Y签署…"
(同月: the month of the sentence before), "国家药监局于11月20日批准…" (a written day).
"""

from __future__ import annotations

import regex as re

from ..normalize import CN_DATE, dateline

#: times relative to the document or the sentence before: "近日", "本月", "同月", "去年"
RELATIVE_TIMES = (
    "近日 日前 近期 最近 今日 今天 昨日 昨天 前日 当天 当日 同日 次日 本周 上周 本月 上月 同月 当月 次月 "
    "本季度 今年 去年 前年 同年 当年 次年 翌年 年内 年初 年中 年底 年末 上半年 下半年 上个月 这个月 本年度 "
    "此前 此后 随后 其后 之后 目前 刚刚 "
    # a season, alone or after a year ("2021年夏天，公司完成了…", "去年秋天")
    "春天 夏天 秋天 冬天 春季 夏季 秋季 冬季"
).split()

#: a relative time, longest first (a regex alternative)
RELATIVE_TIME = "(?:" + "|".join(sorted(RELATIVE_TIMES, key=len, reverse=True)) + ")"

#: a written date: "2026年", "2026年11月", "2026年11月18日", "11月", "11月18日", "11月18号"
#: and in Chinese numerals, as Hong Kong announcements write it: "二零二五年十月二十八日"
WRITTEN_DATE = (r"(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|"
                + CN_DATE + ")")

#: any time a clause writes before its verb: a relative time, or "(于|在)" and a written date
TIME_BEFORE_VERB = rf"(?:{RELATIVE_TIME}|(?:于|在)?\s*{WRITTEN_DATE})"


#: the title of a news digest, a round-up of the days or the week before its date: "…获批速递（2026.11.23—11.29）",
#: "医械周报", "投融资日报", "一周要闻"
DIGEST_TITLE = re.compile(r"周报|周刊|周讯|速递|日报|早报|晚报|快讯|一周|要闻|简报")
#: a time that says "around the document's date" and nothing more precise: "近日", "日前", "本周"
NEAR_PUBLICATION = re.compile(r"近日|日前|近期|本周|这周|上周|今日|今天|日内|目前已?")


def publication_month(text: str) -> str | None:
    """The month ("2026-11") of a document's own date (its dateline), or None without one: what an
    item that says only 近日 / 本周 is dated to (GUIDELINES v1.2)."""
    published = dateline(text)
    return published.value[:7] if published is not None else None


def is_digest(text: str) -> bool:
    """Whether the document's title says it is a digest, whose undated items are of its own month."""
    title = next((ln for ln in text.splitlines() if ln.strip()), "")
    return bool(DIGEST_TITLE.search(title))

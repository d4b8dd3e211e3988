"""funding_round prose: event clauses of a sentence and the fields gathered around them."""

from __future__ import annotations

from typing import Callable

import regex as re

from .. import confidence
from ...focus import is_section_label
from ...lexicon.orgs import LEGAL_FORM_RE, NAME_HEAD_RE, is_org_name

from ...normalize import Dateline
from ...lexicon.orgs import ANAPHOR_RE, COMPANY_SELF_WORD, LEADING_ANAPHOR_RE
from ...orgnames import organisation
from ...records import Amount, RecordBase, Span
from ...lexicon.time import TIME_BEFORE_VERB
from .vocabulary import (
    PAID_IN,
    _AGGREGATE_RE, _ANCHOR_REACH, _BACKED_RE, _BACKED_SINCE_RE, _BY_AMOUNT_RE, _CAPEX_RE, _COMPANY_SUFFIX, _COMPARISON_RE,
    _DESCRIPTOR_RE, _DONE_AFTER_RE, _EARLIER, _EN_PLAN_RE, _EN_TRIGGER_RE, _EXAMPLE_RE, _GENERIC_FIN_RE,
    _GENERIC_FUND, _HISTORY_RE, _INVESTS_IN_RE, _JOIN_RE, _LEAD_RE, _LED_RE, _LISTING_RE, _NAMED_COMPANY,
    _OFFERING_RE, _OWN_SUBSIDIARY, _PAST_EVENT_RE, _PERIOD_YEAR_RE, _PLAN_RE, _PLURAL_SUBJECT, _PRIOR_RE, _RAISE_RE,
    _COMPACT_RE, _RELATIVE_RE, _THIS_ROUND_RE, _RESPECTIVELY, _ROUND_LED_BY_RE, _SPOKEN_ROUND_RE, _TIME_PHRASE, _SELF_INVESTOR, _SINCE_RE, _SUBJECT_KINDS, _TO_OBJECT, _TO_RE,
    _TRIGGER_RE, _UNDISCLOSED_ROUND,
)
from .speakers import is_speech
from .fields import (
    _Clause, _Event, _When, clause_dates, clean_company, en_investors_in, investors_in, is_company_name,
    money_in, rounds_in, split_investors,
)


#: a clause whose subject is the company in focus: "公司账上…", "该公司当时…", "其团队…" (not 其他/其中)
_ANAPHOR_HEAD = re.compile(r"^(?:该公司|本公司|这家公司|公司(?!们)|该企业|这家企业|其(?!他|中|余|实|次|后|间))")


#: a Latin-script name ending a clause head: "Northwind Bio", "Acme Medical Technologies", "LingBo AI"
_LATIN_SUBJECT = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z0-9&.'-]*(?:\s+(?:[A-Z][A-Za-z0-9&.'-]*|of|and|&))*\s*$")


def _name_anchor(text: str, name: str, start: int) -> int:
    """Where evidence starts so that it shows the company a sentence calls 公司/其: the last mention
    of ``name`` at most ``_ANCHOR_REACH`` characters before ``start`` (else ``start``)."""
    at = text.rfind(name, max(0, start - _ANCHOR_REACH), start)
    return at if at >= 0 else start


def _mask_titles(text: str) -> str:
    """``text`` with the inside of 《…》 blanked (same length): a document title ("《关于同意X首次公开发行
    股票注册的批复》") names no event of its own."""
    return re.sub(r"《[^《》]*》", lambda m: "《" + "○" * (len(m.group()) - 2) + "》", text)


#: a clause opening with the company speaking of itself
#: (not "本公司非全资附属公司X…", "本公司持有…的X": the subject is another company)
#: (nor "我们作为独家投资方完成对其…投资": the investor speaking of the company it invested in)
_SELF_HEAD = re.compile(r"^" + COMPANY_SELF_WORD + r"(?!的?(?:非全资|全资|控股)?(?:附属|子)公司|旗下|控股|持有|参股|投资|作为)"
                        r"(?![^，。；]*对(?:其|该公司|公司))")


#: a clause about the first or the last of the companies just paired with their rounds
FORMER_LATTER = re.compile(r"^\s*[，,；;]?\s*(?P<w>前者|后者)")
#: companies and their rounds paired in order: "A、B和C分别完成B轮、C轮和D轮融资"
_RESPECTIVE_ROUNDS = re.compile(r"(?P<cos>[^，,。；：:]{4,80}?)分别(?:于[^，,。；]{0,20}?)?(?:完成了?|获得了?)(?P<rounds>[^，,。；]{2,40}?)(?:融资|投资)")
#: a company owning the round told next: "澄和医疗的B轮融资由高瓴创投领投"
_OWNER_OF_ROUND = re.compile(r"(?:^|[，,])\s*(?P<co>[^，,。；的]{2,30}?)的\s*$")


def _trigger(text: str):
    """The completion phrase of a round (完成…融资 / "closed a … round"), or None."""
    m = _TRIGGER_RE.search(text)
    if m:
        return m
    m = _EN_TRIGGER_RE.search(text)
    # only a plan word before or inside the phrase ("plans to raise…") makes it a plan; "…, which
    # will fund trials" after a closed round does not
    return m if m and not _EN_PLAN_RE.search(text[: m.end()]) else None


def _is_event_clause(clause: str) -> str | None:
    """'round' / 'join' / 'to' / 'by' / 'led' / 'offering' / 'ipo' when the clause states a financing
    event, else None."""
    clause = _mask_titles(clause)
    if _GENERIC_FIN_RE.search(clause) or _RELATIVE_RE.search(clause):
        return None
    if len(rounds_in(clause)) >= 2:
        # "完成了A轮和B轮两轮融资": the count restates the rounds just named, it sums up nothing else
        clause = re.sub(r"(?<=轮)\s*[两二三四五]轮(?=融资)", "", clause)
    if _AGGREGATE_RE.search(clause) or _PLAN_RE.search(clause):
        return None
    m = _trigger(clause)
    if m:
        tail = clause[m.start():]
        if "投资" in m.group() and "融资" not in tail and _CAPEX_RE.search(clause):
            return None
        if re.search(r"上市|批准|认证|奖|证书|专利|订单|补贴|资质", m["mid"]):
            return None
        return "round"
    if _LED_RE.search(clause):
        return "led"
    m = _JOIN_RE.search(clause)
    if m and is_company_name(_strip_descriptor(m["co"])):
        return "join"
    if _TO_RE.search(clause) and not _CAPEX_RE.search(clause):
        return "to"
    if _BY_AMOUNT_RE.search(clause) and not _CAPEX_RE.search(clause):
        return "by"
    # "首次公开发行股票" is the IPO itself, left to the listing rule below
    if _OFFERING_RE.search(clause) and not _CAPEX_RE.search(clause) and not re.search(r"首次公开|首发|IPO", clause):
        return "offering"
    if _LISTING_RE.search(clause):
        return "ipo"
    m = _SINCE_RE.search(clause)
    if m and rounds_in(m["rest"]) and clean_company(m["co"]):
        return "since"
    m = _BACKED_RE.search(clause) or _BACKED_SINCE_RE.search(clause)
    if m and rounds_in(m["rest"]) and not _CAPEX_RE.search(clause):
        return "backed"
    m = _SPOKEN_ROUND_RE.search(clause)
    if m and not _CAPEX_RE.search(clause) and (m.start("mid") > m.start() or not m["mid"].strip()):
        return "spoken"  # (after a date label's colon only the round itself: "2024年5月：澄和医疗B轮" names its company)
    m = _ROUND_LED_BY_RE.search(clause)
    if m and (m["verb"] != "由" or _EARLIER.search(clause, 0, m.start()) or _OWNER_OF_ROUND.search(clause[:m.start()])):
        return "led_by"
    m = _COMPACT_RE.search(clause)
    if m and money_in(clause[m.end():]) and clean_company(m["co"]):
        return "compact"
    if _THIS_ROUND_RE.match(_LEAD_RE.sub("", clause.strip())):
        return "this_round"
    for kind, pattern in (("history", _HISTORY_RE), ("prior", _PRIOR_RE)):
        m = pattern.search(clause)
        if m and rounds_in(m["list"]):
            return kind
    m = _DONE_AFTER_RE.search(clause)
    if m and rounds_in(m["rest"]) and (clean_company(m["co"]) if m["co"] else not _LEAD_RE.sub("", clause[:m.start()]).strip()):
        return "done"  # "X的A轮融资于2019年完成"; "C轮融资4亿元落地" opening its clause (the company in focus)
    m = _INVESTS_IN_RE.search(clause)
    if (m and _strip_descriptor(m["co"]) and clean_company(m["inv"]) and not _CAPEX_RE.search(clause)
            and not re.search(r"(?:战略|独家|追加|股权|风险|天使|对外)$", m["inv"]) and not re.search(r"\d|%|占|比例|规模", m["co"])):
        return "invests"
    return None


def _continues_event(clause: str) -> bool:
    """"公司完成天使轮融资，获得X及Y合计500万元投资": a subject-less 获得…投资 with no round of its
    own right after an event names that event's investors and amount, not a second event."""
    m = _TRIGGER_RE.search(clause)
    return bool(m) and not rounds_in(clause) and clean_company(clause[: m.start()]) is None and m.start() <= 2


#: a rumour a sentence retells: "有自媒体称…", "网传…", "市场传闻…", "据传…", "市场曾传出…的消息"
#: (or denied in the same sentence: "有媒体报道X完成10亿元D轮融资，公司回应称…相关报道不实")
_RUMOUR = re.compile(r"有(?:自媒体|媒体|网友|消息|人士|报道)[^，。；]{0,6}(?:称|爆料|传出|报道|透露)|网传|传闻|传言|据传|小道消息|不实消息"
                     r"|曾?传出[^，。；]{0,40}消息|报道不实|消息不实|并不属实")
#: a clause opening with a company and what it owns: "北京某某科技有限公司的膝关节置换手术导航定位系统…"
_OWNER_HEAD = re.compile(r"^(?P<co>[^，,。；的\s]{2,30}?)的(?=[^，,。；]{2,})")
#: an intro of a list of events: "代表性融资事件包括：", "本月重点融资如下："
_LIST_INTRO = re.compile(r"^[^：:。；]{0,24}(?:包括|如下|有|为)\s*[：:]")


def sentence_events(clauses: list[_Clause], topic: str | None, year: int | Dateline | _When | None,
                    orgs: tuple[str, ...] = (), self_name: str | None = None) -> list[_Event]:
    """Financing events stated in one sentence (its clauses), with fields gathered around them."""
    sentence = "".join(c.text for c in clauses)
    # "代表性融资事件包括：4月，X完成…；7月，Y…": the events a list intro announces are told after it
    intro = _LIST_INTRO.match(sentence)
    if re.search(r"\d+\s*(?:起|笔)\S{0,4}(?:融资|投资|事件)|投融资事件|融资事件", sentence[intro.end() if intro else 0:]):
        return []
    if _RUMOUR.search(sentence):
        return []  # "昨日有自媒体称，X已完成5亿元C轮融资": a rumour retold, no event
    for i, c in enumerate(clauses):
        resp = _RESPECTIVE_ROUNDS.search(c.text)
        if resp is None:
            continue
        # "澄和医疗、衡川科技和禾屿生物分别完成B轮、C轮和D轮融资": each company its round, in order
        names = [clean_company(n) for n in re.split(r"、|以及|及|(?<=[^、]{2})[和与](?=[^、]{2})", resp["cos"])]
        rounds = rounds_in(resp["rounds"])
        if len(names) >= 2 and len(names) == len(rounds) and all(n and is_company_name(n) for n in names):
            dates = clause_dates(c.text[:resp.start("rounds")], year) or next(
                (d for b in reversed(clauses[:i]) if (d := clause_dates(b.text, year))), [])
            events = [_Event(n, [r], dates, [], [], clauses[0].start, c.start + resp.end(), confidence.CONTEXT) for n, r in zip(names, rounds)]
            # "…，前者由同创伟业独家投资，金额为6000万元；后者获君联资本领投的2.6亿元融资": each its own fields
            which = None
            for later in clauses[i + 1:]:
                head = FORMER_LATTER.match(later.text)
                which = (0 if head["w"] == "前者" else len(events) - 1) if head else which
                if which is None:
                    break
                ev = events[which]
                ev.investors = ev.investors or investors_in(later.text)
                ev.money = ev.money or money_in(later.text)
                ev.end = later.start + len(later.text)
            return events
    kinds = [_is_event_clause(c.text) for c in clauses]
    for i, kind in enumerate(kinds):
        if kind == "round" and any(kinds[:i]) and _continues_event(clauses[i].text):
            kinds[i] = None
        if kind == "this_round" and any(kinds[:i]):
            kinds[i] = None  # "…完成A轮融资，本轮由X独家投资": the investors of the event just told
    if "ipo" in kinds and (not _RAISE_RE.search(sentence) or _PLAN_RE.search(sentence)):
        kinds = [None if k == "ipo" else k for k in kinds]
    elif "ipo" in kinds:
        # one listing per sentence: "…登陆科创板，募资总额…，成为…最大IPO" restates it
        first = kinds.index("ipo")
        kinds = [None if k == "ipo" and i != first else k for i, k in enumerate(kinds)]
    events: list[_Event] = []
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        nxt = next((j for j in range(i + 1, len(clauses)) if kinds[j] is not None), len(clauses))
        before, own, after = clauses[:i], clauses[i], clauses[i + 1:nxt]
        ev = _build_event(kind, before, own, after, topic, year, orgs, self_name)
        if ev is not None and orgs:
            ev.investors = [_ner_investor(i, orgs) for i in ev.investors]
        if ev is not None:
            events.append(ev)
            if ev.company and not ev.implicit_company:
                topic = ev.company
    return events


#: adverbs opening a clause before its verb ("已于", "并", "正式")
_ADVERB_HEAD = re.compile(r"^(?:已经?|并且?|也|还|又|正式|成功|顺利)?(?:于|在)?(?=\S)")
_ADVERB_TAIL = re.compile(r"(?:(?:已经?|并且?|也|还|又|正式|成功|顺利)?(?:于|在)?(?:" + TIME_BEFORE_VERB + r")?"
                          r"(?:已经?|正式|成功|顺利)?)$")


#: a clause that is a subject announcing what follows: "远川资本宣布", "公司公告称"
_ANNOUNCES = re.compile(r"(?:宣布|表示|透露|公告称?|披露|称)$")


def _subject_of(clause: str, example: bool = False) -> str | None:
    """The company a non-event clause names as its subject ("X宣布"; with ``example`` also "以X为例",
    which a later 公司/其 refers to)."""
    if _COMPARISON_RE.match(_LEAD_RE.sub("", clause.strip())):
        return None
    label = clause.strip(" ：:")
    if len(label) <= 6 and is_section_label(label) and not is_org_name(label) and not _ANNOUNCES.search(label):
        return None  # "创新看点：这是…" read as its clauses: the label is no subject ("远川资本宣布" is one)
    if is_speech(_LEAD_RE.sub("", clause.strip())) or is_speech(clean_company(clause)):
        return None  # "林晓舟告诉记者，…": a person speaking, not the company (see speakers.py)
    owner = _OWNER_HEAD.match(_LEAD_RE.sub("", clause.strip()))
    if owner and (LEGAL_FORM_RE.search(owner["co"]) or (len(owner["co"]) <= 8 and NAME_HEAD_RE.search(owner["co"]))) \
            and is_org_name(owner["co"]) and not re.search(r"从事|主要|及|和|与|、", owner["co"]):
        return clean_company(owner["co"]) or owner["co"]  # "X有限公司的Y系统于…获批": the company, not its product
    m = _EXAMPLE_RE.match(_LEAD_RE.sub("", clause.strip())) if example else None
    if m:
        name = clean_company(m["co"])
        if name:
            return name
    return clean_company(clause)


#: a clause that describes the company in focus, with no subject of its own ("总部位于成都高新区")
_DESCRIBING = re.compile(r"总部|位于|坐落于|注册于|注册地")


def _event_company(kind: str, m, text: str) -> tuple[str | None, list[str]]:
    """Company and investors read from the event phrase ``m`` of clause ``text``."""
    if kind in ("to", "by", "led", "join"):
        company = (clean_company(m["co"]) if kind == "to" else None) or _strip_descriptor(m["co"])
        inv = _LEAD_RE.sub("", m["inv"])
        inv = re.sub(r"以[^，,。；]{1,20}$", "", inv)  # "公司以自有资金4,000万元" -> "公司"
        return company, split_investors(inv)
    if kind in ("since", "done", "history", "prior", "compact"):
        return (clean_company(m["co"]) if m["co"] else None), []
    if kind == "this_round":
        return None, []  # "本轮融资由X领投": the company in focus, its investors read from the clause
    if kind == "led_by":
        # "B轮是X领投的": no subject, the company in focus; "澄和医疗的B轮融资由X领投": the owner named
        owner = _OWNER_OF_ROUND.search(text[:m.start()])
        return (clean_company(owner["co"]) if owner else None), split_investors(m["inv"])
    if kind == "invests":
        return _strip_descriptor(m["co"]), split_investors(clean_company(m["inv"]) or "")
    if kind == "backed":
        # 其 / 该公司 is the company in focus (None here: the caller resolves it)
        co = re.sub(r"的$", "", m["co"].strip())
        company = None if _ANAPHOR_HEAD.fullmatch(co) else clean_company(co)
        inv = clean_company(_LEAD_RE.sub("", m["inv"]))
        return company, split_investors(inv) if inv else []
    head = text[: m.start()]
    # a subject never runs across a line break: "5. Capital notes / 资本动态\nNorthwind closed a…"
    # (a section label the layout joined to the sentence under it)
    if "\n" in head.strip():
        head = head.strip().rsplit("\n", 1)[-1]
    # an English sentence names its subject in Latin letters; Chinese right before it is a label
    # the layout ran into it ("4. 资本动态 / Capital notesNorthwind Bio closed a…")
    latin = _LATIN_SUBJECT.search(head)
    if latin and re.search(r"\p{Han}", head[: latin.start()]) and _EN_TRIGGER_RE.match(text, m.start()):
        head = latin.group()
    return clean_company(head), []


def _build_event(kind: str, before: list[_Clause], own: _Clause, after: list[_Clause], topic: str | None,
                 year: int | Dateline | _When | None, orgs: tuple[str, ...] = (),
                 self_name: str | None = None) -> _Event | None:
    """The event of clause ``own``: company from its subject (else an ORG entity of the NER in
    it, else an earlier clause, else the paragraph topic, else the company the document calls
    公司), date from it or an earlier clause, amount and investors from it and the clauses that
    continue it. None when the event names no company or no detail at all."""
    text = own.text
    scan = _mask_titles(text)  # regexes run on the masked text; its offsets are the text's
    implicit = False
    used_before: list[_Clause] = []
    m = {"to": _TO_RE, "by": _BY_AMOUNT_RE, "led": _LED_RE, "join": _JOIN_RE, "offering": _OFFERING_RE,
         "ipo": _LISTING_RE, "since": _SINCE_RE, "done": _DONE_AFTER_RE, "invests": _INVESTS_IN_RE,
         "history": _HISTORY_RE, "prior": _PRIOR_RE, "backed": _BACKED_RE, "spoken": _SPOKEN_ROUND_RE,
         "led_by": _ROUND_LED_BY_RE, "compact": _COMPACT_RE, "this_round": _THIS_ROUND_RE}[kind].search(scan) if kind != "round" else _trigger(scan)
    if kind == "backed":
        m = _BACKED_RE.search(scan) or _BACKED_SINCE_RE.search(scan)
    company, investors = _event_company(kind, m, text)
    if self_name and kind != "backed" and _SELF_HEAD.match(_LEAD_RE.sub("", text.strip())):
        company = self_name  # "本公司根據一般授權完成配售…": the company speaking of itself
    company = organisation(company, known=set(orgs))  # the organisation in the subject, or none (then focus)
    obj = _TO_OBJECT.match(m["mid"]) if kind == "round" else None
    if obj:
        # "北辰基金完成对公司的3亿元C轮投资": the subject invested, the round is the object's
        # (its co-investors may be told in the clauses before: "老股东X继续加码，联合Y完成对…")
        head = text[: m.start()].strip()
        while head != (head := _ADVERB_TAIL.sub("", _ADVERB_HEAD.sub("", _LEAD_RE.sub("", head))).strip()):
            pass  # "已于近日完成对…", "北极光创投近日完成对…": no investor in the adverbs
        subject = split_investors(head) if head else []
        if not subject and before and (said := _subject_of(before[-1].text)):
            subject = [said]  # "XX资本宣布，已于近日完成对深圳禾屿医疗的A轮领投": the announcer invested
        investors = [i for c in before for i in investors_in(c.text)] + subject
        company = clean_company(obj["co"])
        if company is None and (topic or self_name):
            company, implicit = topic or self_name, True  # "对公司的…": the company in focus
    if kind in ("to", "by") and _OWN_SUBSIDIARY.search(m["co"]):
        return None
    if company is not None and kind in ("round", "ipo", "offering") and orgs and not obj:
        company = _ner_bounded(company, text[: m.start()], orgs)
    # the rules read no name in the subject: the last ORG entity written before the trigger
    if company is None and kind in ("round", "ipo", "offering") and orgs:
        head = text[: m.start()]
        named = [o for o in orgs if o in head and is_company_name(o)]
        # one named subject only: "X、Y等企业均已完成…" summarises several companies, no event
        company = named[0] if len(named) == 1 and not re.search(r"[、和及与]|等", head) else None
    if company is None and _PLURAL_SUBJECT.search(text[: m.start()]):
        return None
    # "本公司H股於…上市", "我们2019年拿到第一笔钱": the company speaking of itself, whatever the
    # paragraph's last subject
    if company is None and self_name and kind in _SUBJECT_KINDS and kind != "backed" and _SELF_HEAD.match(_LEAD_RE.sub("", text.strip())):
        company, implicit = self_name, True
    # "2023年我们独家投资了其天使轮": 其 is the company in focus, not the investor opening the sentence
    if company is None and kind == "backed" and (topic or self_name):
        company, implicit = topic or self_name, True
    # subject in an earlier clause: "近日，AI公司X宣布，已完成…"
    if company is None and kind in _SUBJECT_KINDS:
        referring = bool(LEADING_ANAPHOR_RE.match(_LEAD_RE.sub("", text.strip())))
        for c in reversed(before):
            if _ANAPHOR_HEAD.match(_LEAD_RE.sub("", c.text.strip())):
                continue  # "2019年公司账上只剩半年的钱，直到…拿到A轮": 公司 is the company in focus
                # (or the one an earlier clause sets: "以X为例，其…")
            if _DESCRIBING.match(_LEAD_RE.sub("", c.text.strip())):
                continue  # "X成立于2016年，总部位于成都，2025年3月完成…": the clause about X's seat has no subject
            company = _subject_of(c.text, example=referring)
            if company:
                used_before.append(c)
                break
        if company is None and (topic or self_name):
            company, implicit = topic or self_name, True
    # whatever path named it, a company is an organisation: "康衡医疗总经理刘某透露" -> 康衡医疗,
    # "底刚" (from "去年底刚完成的…") -> none; names the document resolved (focus, 公司) are trusted
    company = organisation(company, known={*orgs, *(n for n in (topic, self_name) if n)})
    if company is not None and _TIME_PHRASE.fullmatch(company):
        company = None  # "直到次年拿到A轮" leaves "次年" once 直到 is peeled off: a time, no name
    if company is None:
        return None

    # rounds: the event clause only (a later clause starts another event); a later clause may
    # still say the round is undisclosed ("…，具体金额与轮次均未披露")
    rounds = rounds_in(text) if kind not in ("ipo", "offering") else []
    if kind in ("join", "since", "done", "backed", "spoken", "led_by", "compact"):
        rounds = rounds_in(m["rest"]) or rounds
    if kind == "round" and not rounds and after and after[0].text.lstrip().startswith("是"):
        rounds = rounds_in(after[0].text)  # "拿到第一笔钱，是X的500万元天使投资": the round named after
    if kind in ("history", "prior"):
        rounds = rounds_in(m["list"])
    if not rounds and kind not in ("ipo", "offering"):
        rounds = next(([("未披露", "undisclosed")] for c in after if _UNDISCLOSED_ROUND.search(c.text)), [])
    # dates: own clause, else earlier non-event clauses ("2024年10月，腾讯向…")
    dates = clause_dates(m["list"] if kind in ("history", "prior") else text, year)
    if not dates and not _PERIOD_YEAR_RE.search(text):
        for c in reversed(before):
            dates = clause_dates(c.text, year)
            if dates:
                used_before.append(c)
                break
    if not dates:
        for c in after:
            if not re.search(r"成立|创立", c.text):
                dates = clause_dates(c.text, year)
                if dates:
                    break
    money = _event_money(kind, m, text, before, after)
    investors = _event_investors(investors, own, after, company, self_name)
    if kind == "round" and not (rounds or money or investors):
        return None
    if kind == "this_round" and not investors:
        return None
    if kind in ("to", "by", "offering") and not money:
        return None
    if kind == "invests" and not (money or re.search(r"战略投资|独家投资", text)):
        return None  # "X投资Y" alone may be any investment; a strategic one or a sum makes it a deal
    if kind == "ipo" and not money and (not re.search(r"IPO|首次公开", text) or implicit or used_before):
        return None
    start = min(own.start, *(c.start for c in used_before)) if used_before else own.start
    end = after[-1].end if after else own.end
    conf = confidence.CLAUSE if not implicit else confidence.IMPLICIT
    if kind in ("ipo", "offering"):
        conf = confidence.CONTEXT
    ev = _Event(company, rounds, dates, money, investors, start, end, conf, kind == "ipo", implicit)
    ev.past = kind in ("history", "prior", "since", "done", "backed") or bool(_PAST_EVENT_RE.search(text))
    if kind == "ipo" and m:
        ev.extra.append(re.sub(r"^(?:在|于|获准在)", "", text[m.start():m.end()]))
    if len(rounds) > 1 and len(investors) == len(rounds) and any(_RESPECTIVELY.search(c.text) and investors_in(c.text) for c in after):
        ev.round_investors = [[i] for i in investors]
    return ev


def _ner_topic(subject: str | None, clause: _Clause, text: str, entities: list[tuple[int, int, str]]) -> str | None:
    """The company a non-event sentence is about, checked against the NER: the ORG entity the rules'
    subject holds or is held by; else an ORG entity opening the clause ("睿瓴生物（Relion Bio）则把AI
    用在了…", which the rules read as "药物"). A rule subject that meets no entity of a clause that
    has some is not a company ("该公司的X软件Y于2022年获得…" names a product)."""
    inside = [(a, b, lab) for a, b, lab in entities if clause.start <= a and b <= clause.end]
    orgs = [(a, text[a:b]) for a, b, lab in inside if lab == "ORG"]
    if subject and any(lab != "ORG" and text[a:b] in subject for a, b, lab in inside):
        subject = None  # the rules' subject holds a product or an agency: not the company written about
    if not orgs:
        return subject
    if subject:
        for _, o in orgs:
            if o in subject or subject in o:
                return o if o in subject and is_company_name(o) else subject
    lead = _LEAD_RE.sub("", clause.text.replace("**", ""))
    opening = clause.end - len(lead)
    first = next((o for a, o in orgs if a - opening <= 1 and is_company_name(o)), None)
    return first


def _ner_investor(name: str, orgs: tuple[str, ...]) -> str:
    """An investor the rules read with a descriptor in front ("互联网平台云岫", "苏州本地的沧浪科创基金")
    is the ORG entity that ends it."""
    if _GENERIC_FUND.search(name):
        return name  # "北辰集团旗下科创基金": the fund has no name of its own
    ends = [o for o in orgs if name.endswith(o) and len(o) < len(name) and is_company_name(o)]
    return max(ends, key=len) if ends else name


def _ner_bounded(company: str, head: str, orgs: tuple[str, ...]) -> str:
    """The subject the rules read, checked against the NER's ORG entities in the clause head: a
    rule name that meets no entity at all ("总部位" of "总部位于波士顿的AI公司Vantix Bio本周完成…")
    gives way to the single entity written in the head. A name that holds an entity stays whole
    (杭州求臻医学科技有限公司 holds 求臻医学)."""
    named = [o for o in dict.fromkeys(orgs) if o in head and is_company_name(o)]
    if not named or any(company in o or o in company for o in named) or _NAMED_COMPANY.search(company):
        return company  # (a name that says it is a company, 药明康德旗下的药明生物, stays)
    # one entity, not one of a list ("X、Y等企业"; a 、 inside a modifier, 总部位于杭州、在宁波设有…的, is none)
    if len(named) == 1 and not re.search(re.escape(named[0]) + r"\s*(?:[、和及与]|等)|(?:[、和及与])\s*" + re.escape(named[0]), head):
        return clean_company(named[0]) or company  # (an entity that runs into a time word: 安问本月)
    return company


def _event_money(kind: str, m, text: str, before: list[_Clause], after: list[_Clause]) -> list[Amount]:
    """The raise of an event: its clause first, then the clauses that continue it ("融资金额为2亿元")."""
    if kind in ("ipo", "offering"):
        for c in [text, *(c.text for c in after), *(c.text for c in reversed(before))]:
            if _RAISE_RE.search(c):
                money = money_in(c)
                if money:
                    return [a for a in money if not re.search(r"估值", a.raw)]
        return []
    # a participant's own ticket ("以4,000万元参与投资X的B轮融资") is not the round's size
    money = money_in(text[m.start("co"):]) if kind == "join" else money_in(text)
    if not money and kind in ("spoken", "led_by"):
        # a round told as speech gives its size as a bare clause: "2020年底做了A轮，3000万元，…"
        for c in after:
            found = money_in(c.text)
            if found and len(re.sub(r"[\s。；;]", "", c.text)) <= len(found[0].raw) + 4:
                money = found
                break
    if not money:
        for c in after:
            # ("…，增资款合计22,000.00万元": a prospectus's capital increase)
            if re.search(r"融资|投资|金额|资金|本轮|" + PAID_IN + r"|(?i:round|financing|funding)", c.text):
                money = money_in(c.text)
                if money:
                    break
    return [a for a in money if not re.search(r"估值", a.raw)]


def _event_investors(investors: list[str], own: _Clause, after: list[_Clause], company: str,
                     self_name: str | None) -> list[str]:
    """Investors of an event: lead/follow phrases in its clause and the clauses that continue it."""
    investors = list(investors)
    for c in [own, *after]:
        for name in investors_in(c.text):
            if name not in investors:
                investors.append(name)
    # English phrases may list names across commas: read them over the joined clauses
    joined = ", ".join(c.text.strip() for c in [own, *after])
    if re.search(r"[A-Za-z]{3}", joined):
        for name in en_investors_in(joined):
            if name not in investors and not any(name in i or i in name for i in investors):
                investors.append(name)
    if self_name and self_name not in investors and any(_SELF_INVESTOR.search(c.text) for c in [own, *after]):
        investors.append(self_name)
    # "由本公司和青石资本共同出资": 本公司 is the announcer, named above (or no investor when none is)
    investors = list(dict.fromkeys(self_name if ANAPHOR_RE.match(i) else i for i in investors
                                   if self_name or not ANAPHOR_RE.match(i)))
    return [i for i in investors if not (company and (i in company or company in i))]


def _strip_descriptor(s: str) -> str | None:
    """Name after a descriptor ("香港早期癌症检测公司Insighta" -> "Insighta")."""
    s = s.strip()
    for d in reversed(list(_DESCRIPTOR_RE.finditer(s))):
        rest = s[d.end():].strip()
        if len(rest) >= 2:
            s = rest
            break
    s = re.sub(r"\s*[（(][^）)]*[）)]\s*$", "", s).strip(" “”\"'")
    return s if is_company_name(s) else None


def same_company(a: str, b: str, text: str = "") -> bool:
    """Whether two names written for an event name one company: equal, one holding the other
    (a headline's 鹰瞳科技 and the body's 鹰瞳科技Airdoc; 深圳赛陆医疗 and 深圳赛陆医疗科技有限公司), or
    one written as the other's bracketed alias in the text ("Deepwise Healthcare（深睿医疗）")."""
    if a == b:
        return True
    ca, cb = (_COMPANY_SUFFIX.sub("", re.sub(r"\s+", "", x)) for x in (a, b))
    short, long_ = sorted((ca, cb), key=len)
    if short and short in long_:
        rest = long_.replace(short, "", 1)
        if len(short) >= 0.6 * len(long_) or re.fullmatch(r"[A-Za-z\s.]+", rest):
            return True
    return bool(text) and (_aliased(a, b, text) or _aliased(b, a, text))


#: what stands between a name and its bracketed alias: spaces, a bracket, spaces
_ALIAS_OPEN = re.compile(r"\s*[（(]")
_SPACES = re.compile(r"\s*")


def _aliased(a: str, b: str, text: str) -> bool:
    r"""Whether ``text`` writes ``b`` in a bracket right after ``a`` (spaces allowed around the
    bracket): ``re.search(escape(a) + r"\s*[（(]\s*" + escape(b), text)``, found with string
    searches and two fixed patterns, not a pattern compiled per pair of names (the merge asks for
    every pair of a document's records)."""
    at = text.find(a)
    while at >= 0:
        bracket = _ALIAS_OPEN.match(text, at + len(a))
        if bracket is not None:
            spaces = _SPACES.match(text, bracket.end())
            # the spaces after the bracket may end inside b when b opens with spaces itself
            if any(text.startswith(b, k) for k in range(bracket.end(), spaces.end() + 1)):
                return True
        at = text.find(a, at + 1)  # every start, overlapping ones too, as a search tries them
    return False


def _merge(records: list[RecordBase], text: str = "", same: Callable[[str, str], bool] | None = None) -> list[RecordBase]:
    """Drop a record that repeats another's company and round with less information
    (a headline restated by the body, a "本轮…" amendment of an event already found, a table row
    repeating a deal told in prose under its other-language name). ``same``: whether the entity
    layer knows two names as one organisation (a headline's 知衡医疗, the body's full name)."""
    out: list[RecordBase] = []
    for r in records:
        dup = None
        translated = False
        for i, o in enumerate(out):
            one = same_company(o.company, r.company, text) or (same is not None and same(o.company, r.company))
            if one and _same_event(o, r):
                dup = i
                break
            if _translated(o, r):
                dup, translated = i, True
                break
        if dup is None:
            out.append(r)
            continue
        o = out[dup]
        if not translated and _completes(o, r):
            out[dup] = _completed(o, r)
            continue
        if not translated and _completes(r, o):
            out[dup] = _completed(r, o)
            continue
        if translated:
            # a bilingual brief tells the deal in both scripts: keep the Chinese telling
            if _han(r.company) and not _han(o.company):
                out[dup] = r
        elif _info(r) > _info(o):
            out[dup] = r
    return out


def _completes(rec: RecordBase, bare: RecordBase) -> bool:
    """Whether ``bare`` (no round; no date, or the month of ``rec``'s: a digest's items share its
    month) only adds the investors ``rec`` lacks."""
    return rec.round is not None and not rec.investors and bare.round is None and _loose_date(bare, rec) and bool(bare.investors)


def _loose_date(x: RecordBase, y: RecordBase) -> bool:
    """``x`` gives no date, or the month of ``y``'s (a digest's items share its month)."""
    return not x.date or bool(y.date) and x.date[:7] == y.date[:7]


def _completed(rec: RecordBase, bare: RecordBase) -> RecordBase:
    """``rec`` with the investors (and amount) of ``bare``, whose evidence becomes a support span."""
    span = Span(text=bare.evidence.text, start=bare.evidence.start, end=bare.evidence.end)
    update = {"investors": bare.investors, "lead_investors": bare.lead_investors,
              "support": [*rec.support, span] if span not in rec.support else rec.support}
    if rec.amount is None and bare.amount is not None:
        update["amount"] = bare.amount
    return rec.model_copy(update=update)


def _translated(a: RecordBase, b: RecordBase) -> bool:
    """Whether two records are one deal told in English and in Chinese ("Northwind closed a US$40
    million Series B in May 2024" / "北风医疗于2024年5月完成4000万美元B轮融资"): one company in Latin
    letters, the other in Chinese, and the same round, month and amount."""
    if _han(a.company) == _han(b.company) or a.round != b.round or not a.date or not b.date:
        return False
    if len(a.date) < 7 or a.date[:7] != b.date[:7] or not a.amount or not b.amount:
        return False
    va, vb = a.amount.value, b.amount.value
    return (va is not None and vb is not None and abs(va - vb) <= 0.01 * max(va, vb)
            and a.amount.currency == b.amount.currency)


def _han(name: str | None) -> bool:
    return bool(name) and bool(re.search(r"\p{Han}", name))


def _same_event(a: RecordBase, b: RecordBase) -> bool:
    """Whether two records of one company tell one event: same round and month; or a headline
    without round or date ("X获得Y独家投资") naming the same investors as the body's record."""
    if a.round == b.round:
        return not a.date or not b.date or a.date[:7] == b.date[:7]
    bare = a if a.round is None and _loose_date(a, b) else b if b.round is None and _loose_date(b, a) else None
    if bare is None:
        return False
    other = b if bare is a else a
    if bare.investors and not other.investors:
        return True  # "X完成C轮融资" (headline) + "本轮融资由Y领投" (body): one round, its investors told apart
    return bool(bare.investors) and all(any(i in j or j in i for j in other.investors) for i in bare.investors)


def _info(r: RecordBase) -> int:
    """How much a record says (used to keep the richer of two mentions)."""
    precision = (1 if r.date and len(r.date) > 4 else 0) + (1 if r.date and len(r.date) > 7 else 0)
    return sum(bool(x) for x in (r.date, r.amount, r.round)) + len(r.investors) + precision

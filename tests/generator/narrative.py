"""情况说明 paragraphs in the seeds' style, and the facts (metric, value as printed) they state.

``add_narrative(rng, report, varied=True)`` prints the wording families of real reports
(REAL-WORLD.md "Narrative wording"), drawn from a generator of its own (the seed's other draws
stay put): 收入总计…，支出总计… stated separately, the agency name before the year, "减少…、下降…",
a budget amount between a figure and its change, every amount in 元, per-项 "年初预算为A，支出决算为B"
(the national and the Shanghai forms), per-class shares printed with （类）, the Shanghai
procurement and performance-count paragraphs. The facts are the truth (amounts in 万元)."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from juesuan.models import Fact

from .canonical import SyntheticReport, function_name

Q2 = Decimal("0.01")


class Writer:
    """Formats numbers the way this document prints them and records each stated fact."""

    def __init__(self, rng: random.Random, report: SyntheticReport, yuan: bool = False):
        self.rng, self.report, self.yuan = rng, report, yuan
        self.trim = rng.random() < 0.4  # "80万元" / "26%" instead of "80.00" / "26.00"
        self.commas = rng.random() < 0.2  # "1,587.22万元" in the narrative
        self.facts: list[Fact] = []

    def wan(self, cents: int) -> Decimal:
        return self.report.wan(cents).quantize(Q2, ROUND_HALF_UP)

    def num(self, d: Decimal, money: bool = True) -> str:
        if d == 0:
            return "0"
        s = f"{d:,.2f}" if (self.commas and money) else f"{d:.2f}"
        if self.trim:
            s = s.rstrip("0").rstrip(".")
        return s

    def amount(self, d: Decimal) -> str:
        """An amount as printed with its unit: 'X万元', or in 元 'X×10000元'."""
        if self.yuan:
            return (f"{d * 10000:,.2f}" if self.commas else f"{d * 10000:.2f}") + "元"
        return self.num(d) + "万元"

    def fact(self, metric: str, printed: str, unit: str, quote: str) -> None:
        self.facts.append(Fact(metric, Decimal(printed.replace(",", "")), unit, quote))

    def money(self, metric: str, d: Decimal, quote_fmt: str, share: Decimal | None = None,
              share_fact: bool = True) -> str:
        """quote_fmt has {v} (and {s} for a share); returns the clause and records its facts.

        share_fact=False: the share is printed but, as in the golden fixtures, not recorded
        (政府性基金/国有资本经营 spending "占本年度支出合计的x%")."""
        v = self.num(d)
        s = self.num(share, money=False) if share is not None else ""
        if self.yuan:  # printed in 元, stated in 万元
            clause = quote_fmt.replace("{v}万元", "{v}").format(v=self.amount(d), s=s)
        else:
            clause = quote_fmt.format(v=v, s=s)
        self.fact(metric, v, "万元", clause)
        if share is not None and share != 0 and share_fact:
            self.fact(metric + "_share", s, "%", clause)
        return clause

    def change(self, metric: str, cur: Decimal, year: int, fmt: str, sep: str = "，") -> str:
        """'与上年相比…增加X万元，增长Y%' with signed _change / _change_pct facts."""
        prior = (cur * Decimal(self.rng.uniform(0.6, 1.4))).quantize(Q2) if cur else Decimal(
            self.rng.randint(1, 500))
        delta = cur - prior
        if delta == 0:
            return fmt.format(year=year - 1, how="持平")
        pct = (abs(delta) / prior * 100).quantize(Q2, ROUND_HALF_UP)
        up = delta > 0
        how = (f"{'增加' if up else '减少'}{self.amount(abs(delta))}{sep}"
               f"{'增长' if up else '下降'}{self.num(pct, False)}%")
        clause = fmt.format(year=year - 1, how=how)
        self.fact(metric + "_change", ("" if up else "-") + self.num(abs(delta)).replace(",", ""), "万元", clause)
        self.fact(metric + "_change_pct", ("" if up else "-") + self.num(pct, False), "%", clause)
        return clause


def share(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(Q2, ROUND_HALF_UP) if whole else Decimal(0)


def value(report: SyntheticReport, table: str, code: str, column: str, section: str = "") -> int:
    t = report.tables.get(table)
    if t is None:
        return 0
    rows = {"income": t.income, "expenditure": t.expenditure}.get(section, t.rows)
    return next((r.values.get(column, 0) for r in rows if r.code == code), 0)


def add_narrative(rng: random.Random, report: SyntheticReport, varied: bool = False) -> None:
    vr = random.Random(f"wording-{report.seed}")  # the families' own draws
    fam = {k: varied and vr.random() < 0.5 for k in ("separate", "agency_first", "comma", "budget_gap", "yuan",
                                                         "item_budget", "shanghai_items", "class_level",
                                                         "shanghai_procurement", "shanghai_performance")}
    w = Writer(rng, report, yuan=fam["yuan"])
    w.fam, w.vr = fam, vr
    sep = "、" if fam["comma"] else "，"
    y, agency = report.meta["year"], report.meta["agency"]
    s01 = lambda side, code: w.wan(value(report, "income_expenditure_summary", code, "amount", side))  # noqa: E731
    secs: list[tuple[str, list[str]]] = []
    staff, retired = rng.randint(8, 600), rng.randint(0, 200)
    secs.append(("第一部分 部门概况", [
        f"一、部门职责\n{agency}负责贯彻执行国家和省、市有关方针政策，承担本行业本领域的管理和服务职责。",
        f"二、机构设置\n{agency}内设若干职能科室。截至{y}年底，年末实有在职人员{staff}人，退休人员{retired}人。"]))
    w.fact("staff_on_post", str(staff), "人", f"年末实有在职人员{staff}人")
    w.fact("retired", str(retired), "人", f"退休人员{retired}人")
    p: list[str] = []
    grand = s01("income", "grand_total")
    who = agency if fam["agency_first"] else ""
    if fam["separate"]:
        total = (w.money("total_income_expenditure", grand, f"{who}{y}年度收入总计{{v}}万元")
                 + "，支出总计" + w.amount(grand))
    else:
        total = w.money("total_income_expenditure", grand, f"{who}{y}年度收入、支出总计均为{{v}}万元")
    p.append("一、收入支出决算总体情况说明\n" + total + "。" + w.change(
             "total_income_expenditure", grand, y, "与{year}年度相比，收入、支出总计各{how}", sep)
             + "。主要变动原因是人员变化和业务工作量变化。")
    it = s01("income", "income_total")
    names = [("general_budget", "一般公共预算财政拨款收入"), ("gov_fund", "政府性基金预算财政拨款收入"),
             ("state_capital", "国有资本经营预算财政拨款收入"), ("superior_subsidy", "上级补助收入"),
             ("business", "事业收入"), ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"),
             ("other", "其他收入")]
    only_nonzero = rng.random() < 0.3
    parts = [w.money("income_" + k, s01("income", k), f"{n}{{v}}万元，占{{s}}%", share(s01("income", k), it))
             for k, n in names if not (only_nonzero and s01("income", k) == 0)]
    p.append("二、收入决算情况说明\n" + w.money("income_total", it, f"{who}{y}年度本年收入合计{{v}}万元") + "，其中："
             + "；".join(parts) + "。")
    et = s01("expenditure", "expenditure_total")
    exp = report.tables["expenditure"]
    tot = exp.rows[0].values if exp.rows else {}
    parts = [w.money("expenditure_" + k, w.wan(tot.get(k, 0)), f"{n}{{v}}万元，占{{s}}%",
                     share(w.wan(tot.get(k, 0)), et))
             for k, n in [("basic", "基本支出"), ("project", "项目支出"), ("remit_superior", "上缴上级支出"),
                          ("operating", "经营支出"), ("affiliated_subsidy", "对附属单位补助支出")]]
    p.append("三、支出决算情况说明\n" + w.money("expenditure_total", et, f"{who}{y}年度本年支出合计{{v}}万元")
             + "，其中："
             + "；".join(parts) + "。")
    ft = w.wan(value(report, "fiscal_summary", "grand_total", "amount", "income"))
    p.append("四、财政拨款收入支出决算总体情况说明\n" + w.money("fiscal_total", ft,
             f"{y}年度财政拨款收入、支出总计均为{{v}}万元") + "。" + w.change(
             "fiscal_total", ft, y, "与{year}年度相比，财政拨款收入总计、支出总计各{how}") + "。")
    gb_rows = report.tables["general_budget"].rows
    gbt = w.wan(gb_rows[0].values["total"]) if gb_rows else Decimal(0)
    p.append("五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n" + w.money(
        "general_budget_expenditure", gbt, f"{y}年度一般公共预算财政拨款支出{{v}}万元，占本年度支出合计的{{s}}%",
        share(gbt, et)) + "。" + w.change("general_budget_expenditure", gbt, y,
                                          "与{year}年度相比，一般公共预算财政拨款支出{how}", sep) + "。")
    classes = [r for r in gb_rows if r.level == 1]
    if fam["class_level"]:  # "一般公共服务支出（类）X万元，占Y%": the share is the class's
        structure = "；".join(w.money(f"general_budget_expenditure_{r.code}", w.wan(r.values["total"]),
                                      f"{r.name}（类）{{v}}万元，占{{s}}%", share(w.wan(r.values["total"]), gbt))
                              for r in classes)
    else:
        structure = "；".join(w.money(f"general_budget_expenditure_{r.code}", w.wan(r.values["total"]),
                                      f"{r.name}{{v}}万元，占{w.num(share(w.wan(r.values['total']), gbt), False)}%")
                              for r in classes)
    p.append(f"（二）一般公共预算财政拨款支出决算结构情况\n{y}年度一般公共预算财政拨款支出{w.amount(gbt)}，主要用于以下方面："
             + structure + "。")
    drop_zhichu = rng.random() < 0.5
    items = []
    for i, r in enumerate([r for r in gb_rows if r.level == 3], 1):
        cls = function_name(r.code[:3])
        cls = cls[:-2] if drop_zhichu and cls.endswith("支出") else cls
        label = f"{cls}（类）{function_name(r.code[:5])}（款）{r.name}（项）"
        items.append(item_text(w, i, r.code, label, w.wan(r.values["total"])))
    p.append(f"（三）一般公共预算财政拨款支出决算具体情况\n{y}年度一般公共预算财政拨款支出决算数为{w.amount(gbt)}，完成预算100%。"
             "其中：\n" + "\n".join(items))
    b08 = {r.code: r.values["amount"] for r in report.tables["basic_expenditure"].rows}
    pers, pub = w.wan(b08["personnel_total"]), w.wan(b08["public_total"])
    p.append("六、一般公共预算财政拨款基本支出决算情况说明\n" + w.money(
        "general_budget_basic", pers + pub, f"{y}年度一般公共预算财政拨款基本支出{{v}}万元") + "，其中："
        + w.money("personnel_expense", pers, "人员经费{v}万元") + "，主要包括：基本工资、津贴补贴、奖金、绩效工资等；"
        + w.money("public_expense", pub, "公用经费{v}万元") + "，主要包括：办公费、印刷费、水费、电费、差旅费等。")
    p += three_public_text(rng, w, report, y)
    gft = report.tables["government_fund"]
    gf = w.wan(gft.rows[0].values["total"]) if gft.rows else Decimal(0)
    p.append("八、政府性基金预算支出决算情况说明\n" + w.money(
        "gov_fund_expenditure", gf, f"{y}年度政府性基金预算财政拨款支出{{v}}万元，占本年度支出合计的{{s}}%",
        share(gf, et), share_fact=False) + "。")
    sct = report.tables["state_capital_expenditure"]
    scv = w.wan(sct.rows[0].values["total"]) if sct.rows else Decimal(0)
    p.append("九、国有资本经营预算支出决算情况说明\n" + w.money(
        "state_capital_expenditure", scv, f"{y}年度国有资本经营预算财政拨款支出{{v}}万元") + "。")
    p += other_matters(rng, w, report, y, agency, pub)
    secs.append((f"第二部分 {y}年度{report.meta['kind']}情况说明", p))
    secs.append(("第三部分 名词解释", [
        "1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
        "2.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
        "3.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"]))
    report.sections, report.facts = secs, w.facts


def item_text(w: Writer, i: int, code: str, label: str, actual: Decimal) -> str:
    """One 项 of 五(三): "…（项）：支出决算为B万元，完成预算100%", with its 年初预算 when printed —
    national "…（项）：年初预算为A万元，支出决算为B万元，完成年初预算的R%。决算数小于预算数…" or
    Shanghai "…（项）。主要用于：…。年初预算为A万元，支出决算为B万元。决算数小于预算数…"."""
    if not w.fam["item_budget"]:
        stated = w.money(f"general_budget_expenditure_{code}", actual, label + "：支出决算为{v}万元")
        return f"{i}." + stated + "，完成预算100%。"
    budget = (actual * Decimal(w.vr.uniform(1.0, 1.15))).quantize(Q2, ROUND_HALF_UP)
    w.fact(f"general_budget_budget_initial_{code}", w.num(budget).replace(",", ""), "万元", label)
    why = ("决算数与预算数基本持平。" if budget == actual else "决算数小于预算数的主要原因：人员变化，减少支出。")
    head = label + ("。主要用于：本单位人员经费及日常运转等的基本支出。" if w.fam["shanghai_items"] else "：")
    stated = w.money(f"general_budget_expenditure_{code}", actual, f"年初预算为{w.amount(budget)}，支出决算为{{v}}万元")
    rate = "" if w.fam["shanghai_items"] or not budget else f"，完成年初预算的{w.num(share(actual, budget), False)}%"
    return f"{i}." + head + stated + rate + "。" + why


def three_public_text(rng: random.Random, w: Writer, report: SyntheticReport, y: int) -> list[str]:
    v = report.tables["three_public"].rows[0].values
    a = {k: w.wan(v[f"actual.{k}"]) for k in ("total", "abroad", "vehicle", "vehicle_purchase",
                                               "vehicle_operation", "reception")}
    out = ["七、财政拨款“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n" + w.money(
        "three_public_total", a["total"], f"{y}年度“三公”经费财政拨款支出决算为{{v}}万元") + "，" + w.change(
        "three_public_total", a["total"], y, "较上年度{how}") + "。"]
    out.append(f"（二）“三公”经费财政拨款支出决算具体情况说明\n{y}年度“三公”经费财政拨款支出决算中，" + "；".join(
        w.money(m, a[k], n + "支出决算{v}万元，占{s}%", share(a[k], a["total"]))
        for m, k, n in [("three_public_abroad", "abroad", "因公出国（境）费"),
                        ("three_public_vehicle", "vehicle", "公务用车购置及运行维护费"),
                        ("three_public_reception", "reception", "公务接待费")]) + "。")
    vehicles = rng.randint(1, 90)
    out.append(w.money("three_public_vehicle_purchase", a["vehicle_purchase"], "其中：公务用车购置支出{v}万元")
               + f"。截至{y}年12月31日，单位共有公务用车{vehicles}辆。"
               + w.money("three_public_vehicle_operation", a["vehicle_operation"], "公务用车运行维护费支出{v}万元")
               + "，主要用于公务用车燃料费、维修费、过路过桥费、保险费等支出。")
    w.fact("official_vehicles", str(vehicles), "辆", f"单位共有公务用车{vehicles}辆")
    if a["reception"]:
        batches, persons = rng.randint(1, 60), rng.randint(60, 900)
        out.append(w.money("three_public_reception", a["reception"], "公务接待费支出{v}万元")
                   + f"，国内公务接待{batches}批次，{persons}人次。")
        w.fact("reception_batches", str(batches), "批次", f"国内公务接待{batches}批次")
        w.fact("reception_persons", str(persons), "人次", f"{persons}人次")
    return out


def other_matters(rng: random.Random, w: Writer, report: SyntheticReport, y: int, agency: str,
                  pub: Decimal) -> list[str]:
    aoe_t = report.tables.get("agency_operating_expense")
    aoe = w.wan(aoe_t.rows[0].values["amount"]) if aoe_t else pub
    gap = ""
    if w.fam["budget_gap"]:  # "…X万元，年初预算B万元，完成年初预算的R%，比上年增加…"
        budget = (aoe * Decimal(w.vr.uniform(0.9, 1.2))).quantize(Q2, ROUND_HALF_UP) or Decimal(1)
        gap = f"年初预算{w.amount(budget)}，完成年初预算的{w.num(share(aoe, budget), False)}%，"
    out = ["十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n" + w.money(
        "agency_operating_expense", aoe, f"{y}年度，{agency}机关运行经费支出{{v}}万元") + "，" + gap + w.change(
        "agency_operating_expense", aoe, y, "比{year}年度{how}", "、" if w.fam["comma"] else "，") + "。"]
    pr = report.tables.get("government_procurement")
    pv = pr.rows[0].values if pr else {"actual.total": 0, "actual.goods": 0, "actual.works": 0,
                                       "actual.services": 0, "sme": 0}
    if w.fam["shanghai_procurement"]:
        out.append("（二）政府采购支出情况\n" + shanghai_procurement(w, y, agency, pv))
    else:
        out.append(national_procurement(w, y, agency, pv))
    out += assets_and_performance(rng, w, report, y, agency)
    return out


def national_procurement(w: Writer, y: int, agency: str, pv: dict) -> str:
    tot = w.wan(pv["actual.total"])
    txt = "（二）政府采购支出情况\n" + w.money("procurement_total", tot, f"{y}年度，{agency}政府采购支出总额{{v}}万元")
    if tot:
        txt += "，其中：" + "、".join(w.money("procurement_" + k, w.wan(pv["actual." + k]), n + "{v}万元")
                                    for k, n in [("goods", "政府采购货物支出"), ("works", "政府采购工程支出"),
                                                 ("services", "政府采购服务支出")])
        txt += "。" + w.money("procurement_sme", w.wan(pv["sme"]),
                             "授予中小企业合同金额{v}万元，占政府采购支出总额的{s}%",
                             share(w.wan(pv["sme"]), tot))
    return txt + "。"


def shanghai_procurement(w: Writer, y: int, agency: str, pv: dict) -> str:
    """"政府采购金额（以合同签订为准）为X万元，其中：货物采购金额…、工程采购金额…、服务采购金额…"."""
    tot = w.wan(pv["actual.total"])
    txt = w.money("procurement_total", tot, f"{agency}{y}年度政府采购金额（以合同签订为准）为{{v}}万元")
    if tot:
        txt += "，其中：" + "、".join(w.money("procurement_" + k, w.wan(pv["actual." + k]), n + "{v}万元")
                                    for k, n in [("goods", "货物采购金额"), ("works", "工程采购金额"),
                                                 ("services", "服务采购金额")])
        reserved = w.wan(pv["sme"])
        txt += "。" + w.money("procurement_sme_reserved_budget", reserved,
                             f"{y}年度本部门面向中小企业预留政府采购项目预算金额{{v}}万元")
    return txt + "。"


def assets_and_performance(rng: random.Random, w: Writer, report: SyntheticReport, y: int, agency: str
                           ) -> list[str]:
    out = []
    cars, law = rng.randint(1, 90), 0
    law = rng.randint(0, cars)
    out.append(f"（三）国有资产占有使用情况\n截至{y}年12月31日，{agency}共有车辆{cars}辆，其中：执法执勤用车{law}辆。")
    w.fact("vehicles_total", str(cars), "辆", f"共有车辆{cars}辆")
    w.fact("vehicles_law_enforcement", str(law), "辆", f"执法执勤用车{law}辆")
    n = len(report.projects) or rng.randint(3, 30)
    score = Decimal(rng.randint(800, 1000)) / 10
    if w.fam["shanghai_performance"]:
        out.append(shanghai_performance(w, report, y, agency))
        rng.randint(800, 1000)  # the seed's draws stay put
        return out
    out.append(f"（四）预算绩效管理情况\n本部门在{y}年度预算编制阶段，组织对{n}个项目开展了预算事前绩效评估，"
               f"对{n}个项目编制了绩效目标，预算执行过程中，选取{n}个项目开展绩效监控。部门整体绩效自评得分为{score}分。")
    for m, q in [("projects_prior_assessment", f"对{n}个项目开展了预算事前绩效评估"),
                 ("projects_with_targets", f"对{n}个项目编制了绩效目标"),
                 ("projects_monitored", f"选取{n}个项目开展绩效监控")]:
        w.fact(m, str(n), "个", q)
    w.fact("self_evaluation_score", str(score), "分", f"部门整体绩效自评得分为{score}分")
    return out


def shanghai_performance(w: Writer, report: SyntheticReport, y: int, agency: str) -> str:
    """"编报绩效目标的2024年度项目4个，涉及预算金额598.42万元；绩效跟踪评价的…；绩效自评的…，平均得分…（其中，
    绩效评级为“优”的项目…个；…）"."""
    vr = w.vr
    n = len(report.projects) or vr.randint(3, 30)
    amount = Decimal(vr.randint(100, 9_999_999)) / 100
    grades = [vr.randint(0, n) for _ in range(2)]
    excellent, good = grades[0], min(grades[1], n - grades[0])
    passed, score = n - excellent - good, Decimal(vr.randint(800, 1000)) / 10
    parts = []
    for metric, words in [("projects_with_targets", "编报绩效目标的"), ("projects_monitored", "绩效跟踪评价的"),
                          ("projects_self_evaluated", "绩效自评的")]:
        w.fact(metric, str(n), "个", words)
        parts.append(f"{words}{y}年度项目{n}个，" + w.money(metric + "_amount", amount, "涉及预算金额{v}万元"))
    w.fact("projects_self_evaluated_avg_score", str(score), "分", "平均得分")
    counts = [("projects_rated_excellent", "优", excellent), ("projects_rated_good", "良", good),
              ("projects_rated_pass", "合格", passed), ("projects_rated_fail", "不合格", 0)]
    for metric, _, k in counts:
        w.fact(metric, str(k), "个", metric)
    rated = "；".join(f"绩效评级为“{g}”的项目{k}个" for _, g, k in counts)
    return (f"（四）预算绩效管理情况\n{agency}{y}年度预算绩效管理工作开展情况如下：" + "；".join(parts)
            + f"，平均得分{score}分（其中，{rated}）。")

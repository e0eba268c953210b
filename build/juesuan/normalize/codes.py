"""Government revenue/expenditure classification codes used to key table rows.

FUNCTION_CLASSES: 支出功能分类 classes (类, 3 digits) of the 2023/2024 lists, with the
older names still printed by some templates. ECONOMIC: 部门预算支出经济分类 (301 …
399 and their 5-digit items). Used to code rows printed by name only (the
expenditure side of tables 01/04) and the economic columns of table 07.
"""

from __future__ import annotations

import re

FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}

FUNCTION_CLASS_ALIASES: dict[str, str] = {
    "文化体育与传媒支出": "207", "文化旅游体育与传媒": "207", "医疗卫生与计划生育支出": "210",
    "医疗卫生支出": "210", "国土海洋气象等支出": "220", "国土资源气象等支出": "220",
    "粮油物资储备管理等支出": "222", "资源勘探信息等支出": "215", "资源勘探电力信息等支出": "215",
    "商业服务业等事务支出": "216", "金融监管等事务支出": "217", "灾害防治及应急管理": "224",
}

ECONOMIC: dict[str, str] = {
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金",
    "30106": "伙食补助费", "30107": "绩效工资", "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费", "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费", "30113": "住房公积金", "30114": "医疗费",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出", "30201": "办公费", "30202": "印刷费", "30203": "咨询费",
    "30204": "手续费", "30205": "水费", "30206": "电费", "30207": "邮电费", "30208": "取暖费",
    "30209": "物业管理费", "30211": "差旅费", "30212": "因公出国（境）费用",
    "30213": "维修（护）费", "30214": "租赁费", "30215": "会议费", "30216": "培训费",
    "30217": "公务接待费", "30218": "专用材料费", "30224": "被装购置费", "30225": "专用燃料费",
    "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30229": "福利费",
    "30231": "公务用车运行维护费", "30239": "其他交通费用", "30240": "税金及附加费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30301": "离休费", "30302": "退休费", "30303": "退职（役）费",
    "30304": "抚恤金", "30305": "生活补助", "30306": "救济费", "30307": "医疗费补助",
    "30308": "助学金", "30309": "奖励金", "30310": "个人农业生产补贴", "30311": "代缴社会保险费",
    "30399": "其他对个人和家庭的补助",
    "307": "债务利息及费用支出", "30701": "国内债务付息", "30702": "国外债务付息",
    "30703": "国内债务发行费用", "30704": "国外债务发行费用",
    "309": "资本性支出（基本建设）", "30901": "房屋建筑物购建", "30902": "办公设备购置",
    "30903": "专用设备购置", "30905": "基础设施建设", "30906": "大型修缮",
    "30907": "信息网络及软件购置更新", "30908": "物资储备", "30913": "公务用车购置",
    "30919": "其他交通工具购置", "30921": "文物和陈列品购置", "30922": "无形资产购置",
    "30999": "其他基本建设支出",
    "310": "资本性支出", "31001": "房屋建筑物购建", "31002": "办公设备购置",
    "31003": "专用设备购置", "31005": "基础设施建设", "31006": "大型修缮",
    "31007": "信息网络及软件购置更新", "31008": "物资储备", "31009": "土地补偿",
    "31010": "安置补助", "31011": "地上附着物和青苗补偿", "31012": "拆迁补偿",
    "31013": "公务用车购置", "31019": "其他交通工具购置", "31021": "文物和陈列品购置",
    "31022": "无形资产购置", "31099": "其他资本性支出",
    "311": "对企业补助（基本建设）", "31101": "资本金注入", "31199": "其他对企业补助",
    "312": "对企业补助", "31201": "资本金注入", "31203": "政府投资基金股权投资",
    "31204": "费用补贴", "31205": "利息补贴", "31299": "其他对企业补助",
    "313": "对社会保障基金补助", "31302": "对社会保险基金补助",
    "31303": "补充全国社会保障基金", "31304": "对机关事业单位职业年金的补助",
    "399": "其他支出", "39906": "赠与", "39907": "国家赔偿费用支出",
    "39908": "对民间非营利组织和群众性自治组织补贴", "39909": "经常性赠与",
    "39910": "资本性赠与", "39999": "其他支出",
}

_NUMBERING = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+[、.．]|"
    r"[（(]\d+[）)]|\d+(?:[、．]|\.(?!\d))|[①-⑳])")
_PARENS = str.maketrans("（）：", "():")


def strip_numbering(label: str) -> str:
    """'一、一般公共服务支出' → '一般公共服务支出'; '1.基本工资' → '基本工资'."""
    text = re.sub(r"\s+", "", label or "")
    previous = None
    while previous != text:
        previous, text = text, _NUMBERING.sub("", text, count=1)
    return text


def name_key(label: str) -> str:
    """Comparison key of a printed name: no numbering, no spaces, ASCII parentheses."""
    text = strip_numbering(label).translate(_PARENS)
    return re.sub(r"^其中[:]?", "", text)


_CLASS_BY_NAME = {name_key(v): k for k, v in FUNCTION_CLASSES.items()}
_CLASS_BY_NAME.update({name_key(k): v for k, v in FUNCTION_CLASS_ALIASES.items()})


def function_class(label: str) -> str | None:
    """The 3-digit 功能分类 class printed by name ('四、公共安全支出' → '204')."""
    key = name_key(label)
    m = re.match(r"^(\d{3})(?!\d)", key)
    if m and m.group(1) in FUNCTION_CLASSES:
        return m.group(1)
    key = re.sub(r"\(类\)$", "", key)
    return _CLASS_BY_NAME.get(key) or _CLASS_BY_NAME.get(key + "支出")


def economic_code(label: str, group: str | None = None) -> str | None:
    """An economic code from a printed name, looked up within ``group`` when given.

    '基本工资' → '30101'; ('小计', group '301') → '301'; '30201办公费' → '30201'.
    """
    key = name_key(label)
    m = re.match(r"^(\d{3}(?:\d{2})?)(?!\d)", key)
    if m and m.group(1) in ECONOMIC:
        return m.group(1)
    if group and key in ("小计", "合计"):
        return group
    candidates = [c for c, n in ECONOMIC.items() if name_key(n) == key]
    if group:
        inside = [c for c in candidates if c.startswith(group) and c != group]
        if inside:
            return inside[0]
        if group in candidates:
            return group
    groups = [c for c in candidates if len(c) == 3]
    return groups[0] if groups else (candidates[0] if candidates else None)


def economic_group(label: str) -> str | None:
    """The 3-digit economic group printed as a column-group header ('工资福利支出' → '301')."""
    key = name_key(label)
    m = re.match(r"^(\d{3})(?!\d)", key)
    if m and m.group(1) in ECONOMIC:
        return m.group(1)
    for code, name in ECONOMIC.items():
        if len(code) == 3 and name_key(name) == key:
            return code
    return None

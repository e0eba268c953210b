"""Bytes → text for the text and web-page routes: BOMs, a declared charset, UTF-8, UTF-16
without a BOM, and the legacy Chinese encodings (GB2312/GBK/GB18030, Big5) detected with
charset-normalizer. Line ends are left to the caller.

A declared GB2312 or GBK is read as GB18030 (a superset: pages declared GB2312 routinely hold
GBK-only characters). Where two legacy encodings both decode the bytes (Big5 bytes are
mostly valid GBK too), the one whose text reads as Chinese — common characters and the
disclosures' own words — wins; charset-normalizer's choice is kept when it is one of them.
"""

from __future__ import annotations

import codecs
import re

BOMS = [  # longest first: UTF-32-LE's BOM starts with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# what a declared label is read as
ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "hz-gb-2312": "hz", "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs", "x-x-big5": "big5hkscs", "utf8": "utf-8", "utf-8": "utf-8",
    "unicode": "utf-16", "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
}
LEGACY = ["gb18030", "big5hkscs"]
WESTERN = {"latin-1", "iso8859-1", "cp1252", "ascii"}
# frequent characters of Chinese prose and of these disclosures, simplified and traditional
COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
             "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
             "本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
             "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次"
             "品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战"
             "先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改"
             "清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米"
             "整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿"
             "千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯"
             "院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
             "決財萬預撥門資產經務費購設備輛會議額們這個國過來時為動學說對產種實現進業體機當點應開與關頭長問"
             "題結變條還讓見親發無總項類計組織費")
WORDS = re.compile("决算|決算|万元|萬元|财政|財政|支出|收入|合计|合計|单位|單位")


def bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in BOMS if data.startswith(bom)), None)


def normal_label(label: str | None) -> str | None:
    """A declared charset label → the codec it is read with (None when unknown)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in ALIASES:
        return ALIASES[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def chinese_score(text: str) -> int:
    """How much a decoding reads as Chinese: common characters, the disclosures' own words
    (counted more), and replacement characters or private-use code points against it."""
    common = sum(1 for ch in text if ch in COMMON)
    odd = sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return common + 5 * len(WORDS.findall(text)) - 10 * odd


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 (LE or BE) text without a BOM: NUL bytes on one side of most ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.2 and even < half * 0.05:
        return _strict(data, "utf-16-le")
    if even > half * 0.2 and odd < half * 0.05:
        return _strict(data, "utf-16-be")
    return None


def detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of bytes without a BOM or a usable declaration, None when no
    encoding reads them."""
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    guess = normal_label(best.encoding) if best is not None else None
    readings = {enc: t for enc in dict.fromkeys([*LEGACY, *([guess] if guess else [])])
                if (t := _strict(data, enc)) is not None}
    if not readings:
        return None
    scores = {enc: chinese_score(t) for enc, t in readings.items()}
    top = max(scores.values())
    if guess in readings and scores[guess] >= top:
        return readings[guess], guess
    enc = max(readings, key=lambda e: (scores[e], e == guess))
    return readings[enc], enc


def decode(data: bytes, declared: str | None = None) -> tuple[str, str] | None:
    """(text, encoding): BOM first, then a declared charset that decodes the bytes, then
    detection. None when nothing decodes them."""
    bom = bom_encoding(data)
    if bom:
        text = _strict(data, bom)
        if text is not None:
            return text, bom
    enc = normal_label(declared)
    if enc in WESTERN and not data.isascii():
        found = detect(data)  # a Chinese page declared Latin-1 by its server decodes as anything
        if found is not None and chinese_score(found[0]) > 0:
            return found
    if enc:
        text = _strict(data, enc)
        if text is not None:
            return text, enc
    return detect(data)


__all__ = ["decode", "detect", "normal_label", "bom_encoding", "chinese_score"]
